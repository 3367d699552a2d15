#pragma once

#include "history/Rollouts.h"
#include "running/RunningMatch.h"

#include <QObject>
#include <QPointer>

class QSystemTrayIcon;

namespace RebuildRadar {

// Tells the user about settled rebuilds: through the tray icon where there is one, else through
// org.freedesktop.Notifications on the session bus. Activating a notification opens its tag.
class Notifier : public QObject
{
    Q_OBJECT
public:
    explicit Notifier(QSystemTrayIcon *tray, QObject *parent = nullptr);

    void setEnabled(bool on) { m_enabled = on; }
    // Returns false when the notification could not be shown anywhere.
    bool notify(const RolloutNotice &notice);
    // Workloads a rebuild has just left behind (the engine's workloadsLeftBehind).
    bool notifyLeftBehind(const QList<RunningStatus> &workloads);
    static QString leftBehindTitle(const QList<RunningStatus> &workloads);
    static QString leftBehindBody(const QList<RunningStatus> &workloads);
    static QString title(const RolloutNotice &notice);
    static QString body(const RolloutNotice &notice);

signals:
    void activated(qint64 tagId);

private slots:
    void onActionInvoked(uint id, const QString &action);

private:
    bool show(const QString &title, const QString &body, qint64 tagId, bool quiet);
    QPointer<QSystemTrayIcon> m_tray;
    bool m_enabled = true;
    qint64 m_lastTrayTag = 0;
    QMap<uint, qint64> m_busNotifications;
};

} // namespace RebuildRadar
