#include "Notifier.h"

#include "export/JsonShapes.h"

#include <QDBusConnection>
#include <QDBusMessage>
#include <QDBusPendingCallWatcher>
#include <QDBusPendingReply>
#include <QSystemTrayIcon>

namespace RebuildRadar {

namespace {
const QString kService = QStringLiteral("org.freedesktop.Notifications");
const QString kPath = QStringLiteral("/org/freedesktop/Notifications");
} // namespace

Notifier::Notifier(QSystemTrayIcon *tray, QObject *parent)
    : QObject(parent)
    , m_tray(tray)
{
    if (m_tray) {
        connect(m_tray, &QSystemTrayIcon::messageClicked, this, [this] {
            if (m_lastTrayTag)
                emit activated(m_lastTrayTag);
        });
    }
    QDBusConnection::sessionBus().connect(kService, kPath, kService, QStringLiteral("ActionInvoked"), this,
                                          SLOT(onActionInvoked(uint, QString)));
}

QString Notifier::title(const SettledRebuild &group)
{
    const bool versionMove = std::all_of(group.rebuilds.begin(), group.rebuilds.end(),
                                         [](const Rebuild &r) { return r.hasCause(CauseKind::Version); });
    if (versionMove && !group.rebuilds.isEmpty())
        return tr("%1 moved to a new version").arg(familiarOf(group.tag.reference));
    return tr("%1 was rebuilt").arg(familiarOf(group.tag.reference));
}

QString Notifier::body(const SettledRebuild &group)
{
    QStringList parts;
    const QStringList platforms = group.platforms();
    if (!platforms.isEmpty())
        parts.append(platforms.join(QStringLiteral(", ")));
    for (const Cause &c : group.causes())
        parts.append(c.detail);
    if (group.rebuilds.size() > 1)
        parts.append(tr("%n digest change(s)", nullptr, int(group.rebuilds.size())));
    return parts.join(QStringLiteral(" — "));
}

bool Notifier::notify(const SettledRebuild &group)
{
    if (!m_enabled)
        return false;
    if (m_tray && m_tray->isVisible() && QSystemTrayIcon::supportsMessages() &&
        QSystemTrayIcon::isSystemTrayAvailable()) {
        m_lastTrayTag = group.tag.id;
        m_tray->showMessage(title(group), body(group), QSystemTrayIcon::Information, 15000);
        return true;
    }
    QDBusConnection bus = QDBusConnection::sessionBus();
    if (!bus.isConnected())
        return false;
    // Asynchronous: the UI thread never waits for the notification daemon.
    QDBusMessage call = QDBusMessage::createMethodCall(kService, kPath, kService, QStringLiteral("Notify"));
    call << QStringLiteral("Rebuild Radar") << uint(0)
         << QStringLiteral("io.github.rebuildradar.RebuildRadar") << title(group) << body(group)
         << QStringList{QStringLiteral("default"), tr("Open")} << QVariantMap() << int(15000);
    auto *watcher = new QDBusPendingCallWatcher(bus.asyncCall(call), this);
    connect(watcher, &QDBusPendingCallWatcher::finished, this,
            [this, tagId = group.tag.id](QDBusPendingCallWatcher *w) {
                QDBusPendingReply<uint> reply = *w;
                if (reply.isValid())
                    m_busNotifications.insert(reply.value(), tagId);
                w->deleteLater();
            });
    return true;
}

void Notifier::onActionInvoked(uint id, const QString &)
{
    const auto it = m_busNotifications.constFind(id);
    if (it != m_busNotifications.constEnd())
        emit activated(*it);
}

} // namespace RebuildRadar
