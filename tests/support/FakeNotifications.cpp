#include "FakeNotifications.h"

#include <QDBusConnectionInterface>
#include <QDBusMessage>
#include <QDBusReply>
#include <QTest>

namespace RebuildRadar::Test {

namespace {
const QString kService = QStringLiteral("org.freedesktop.Notifications");
const QString kPath = QStringLiteral("/org/freedesktop/Notifications");
} // namespace

FakeNotifications::FakeNotifications()
    : m_bus(QDBusConnection::connectToBus(QDBusConnection::SessionBus, QStringLiteral("fake-notifications")))
{
    if (!m_bus.isConnected() ||
        !m_bus.registerObject(
            kPath, this, QDBusConnection::ExportScriptableSlots | QDBusConnection::ExportScriptableSignals))
        return;
    const QDBusReply<QDBusConnectionInterface::RegisterServiceReply> reply =
        m_bus.interface()->registerService(kService, QDBusConnectionInterface::QueueService,
                                           QDBusConnectionInterface::DontAllowReplacement);
    m_queued = reply.isValid() && reply.value() != QDBusConnectionInterface::ServiceNotRegistered;
}

bool FakeNotifications::isRegistered(int timeoutMs)
{
    return m_queued && QTest::qWaitFor(
                           [&] {
                               const QDBusReply<QString> owner = m_bus.interface()->serviceOwner(kService);
                               return owner.isValid() && owner.value() == m_bus.baseService();
                           },
                           timeoutMs);
}

FakeNotifications::~FakeNotifications()
{
    m_bus.unregisterObject(kPath);
    m_bus.unregisterService(kService);
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
    QDBusMessage signal = QDBusMessage::createSignal(kPath, kService, QStringLiteral("ActionInvoked"));
    signal << id << action;
    m_bus.send(signal);
}

} // namespace RebuildRadar::Test
