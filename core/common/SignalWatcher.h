#pragma once

#include <QObject>

class QSocketNotifier;

namespace RebuildRadar {

// Turns SIGTERM and SIGINT into a Qt signal on the event loop (self-pipe), so the daemon can finish
// the write in hand before it exits.
class SignalWatcher : public QObject
{
    Q_OBJECT
public:
    explicit SignalWatcher(QObject *parent = nullptr);
    ~SignalWatcher() override;

signals:
    void terminationRequested();

private:
    QSocketNotifier *m_notifier = nullptr;
};

} // namespace RebuildRadar
