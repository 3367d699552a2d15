#include "FakeNotifications.h"

#include <QDBusMessage>

namespace RebuildRadar::Test {

FakeNotifications::FakeNotifications()
    : m_bus(QDBusConnection::connectToBus(QDBusConnection::SessionBus, QStringLiteral("fake-notifications")))
{
    m_registered = m_bus.isConnected() &&
                   m_bus.registerService(QStringLiteral("org.freedesktop.Notifications")) &&
                   m_bus.registerObject(QStringLiteral("/org/freedesktop/Notifications"), this,
                                        QDBusConnection::ExportScriptableSlots |
                                            QDBusConnection::ExportScriptableSignals);
}

FakeNotifications::~FakeNotifications()
{
    m_bus.unregisterObject(QStringLiteral("/org/freedesktop/Notifications"));
    m_bus.unregisterService(QStringLiteral("org.freedesktop.Notifications"));
    QDBusConnection::disconnectFromBus(QStringLiteral("fake-notifications"));
}

uint FakeNotifications::Notify(const QString &appName, uint, const QString &, const QString &summary,
                               const QString &body, const QStringList &actions, const QVariantMap &, int)
{
    const uint id = uint(m_shown.size()) + 1;
    m_shown.append(Shown{id, appName, summary, body, actions});
    return id;
}

QStringList FakeNotifications::GetCapabilities()
{
    return {QStringLiteral("actions"), QStringLiteral("body")};
}

void FakeNotifications::invoke(uint id, const QString &action)
{
    QDBusMessage signal = QDBusMessage::createSignal(QStringLiteral("/org/freedesktop/Notifications"),
                                                     QStringLiteral("org.freedesktop.Notifications"),
                                                     QStringLiteral("ActionInvoked"));
    signal << id << action;
    m_bus.send(signal);
}

} // namespace RebuildRadar::Test
