#pragma once

#include <QObject>

class QLocalServer;

namespace RebuildRadar {

// One running app per database: a second start asks the first (over a local socket named after the
// database) to raise its window, then exits.
class SingleInstance : public QObject
{
    Q_OBJECT
public:
    explicit SingleInstance(const QString &databasePath, QObject *parent = nullptr);
    // True when another instance answered (and was asked to show itself).
    bool notifyRunning();
    // Becomes the instance for this database.
    bool listen();
    static QString socketName(const QString &databasePath);

signals:
    void raiseRequested();

private:
    QString m_name;
    QLocalServer *m_server = nullptr;
};

} // namespace RebuildRadar
