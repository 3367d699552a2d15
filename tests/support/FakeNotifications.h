#pragma once

#include <QDBusConnection>
#include <QObject>
#include <QStringList>
#include <QVariantMap>

namespace RebuildRadar::Test {

// A stand-in for the desktop's notification daemon (org.freedesktop.Notifications) on its own
// connection to the session bus, recording what it was asked to show. Test processes running in
// parallel on one bus take turns: each queues for the name and waits until it owns it.
class FakeNotifications : public QObject
{
    Q_OBJECT
    Q_CLASSINFO("D-Bus Interface", "org.freedesktop.Notifications")
public:
    struct Shown
    {
        uint id;
        QString appName;
        QString summary;
        QString body;
        QStringList actions;
    };
    FakeNotifications();
    ~FakeNotifications() override;
    // Waits (up to timeoutMs) until this fake owns the name; false if it never does. The default
    // outlasts another process's test holding the name under the sanitizers.
    bool isRegistered(int timeoutMs = 180000);
    const QList<Shown> &shown() const { return m_shown; }
    // As the daemon does when the user clicks a notification.
    void invoke(uint id, const QString &action = QStringLiteral("default"));

public slots:
    Q_SCRIPTABLE uint Notify(const QString &appName, uint replacesId, const QString &appIcon,
                             const QString &summary, const QString &body, const QStringList &actions,
                             const QVariantMap &hints, int timeout);
    Q_SCRIPTABLE QStringList GetCapabilities();

private:
    QDBusConnection m_bus;
    bool m_queued = false;
    QList<Shown> m_shown;
};

} // namespace RebuildRadar::Test
