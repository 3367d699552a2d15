#include "Notifier.h"

#include "history/PackageText.h"
#include "reference/ImageReference.h"

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

QString Notifier::title(const RolloutNotice &notice)
{
    const QString name = familiarOf(notice.tag.reference);
    if (notice.rebuild.hasCause(CauseKind::Version) || notice.rollout.versionMove)
        return tr("%1 moved to a new version").arg(name);
    switch (notice.kind) {
    case RolloutNotice::Kind::Started:
        return tr("%1 is being rebuilt").arg(name);
    case RolloutNotice::Kind::Completed:
        return tr("%1: rebuild rolled out to every platform").arg(name);
    case RolloutNotice::Kind::Closed:
        return tr("%1: rebuild ended without every platform").arg(name);
    default:
        return tr("%1 was rebuilt").arg(name);
    }
}

QString Notifier::body(const RolloutNotice &notice)
{
    QStringList parts;
    if (notice.fromBuild > 0 && notice.toBuild > 0)
        parts.append(tr("rebuilt: build %1 → %2").arg(notice.fromBuild).arg(notice.toBuild));
    if (notice.kind == RolloutNotice::Kind::Started) {
        parts.append(tr("%1 has it; %2 not rebuilt yet")
                         .arg(notice.userPlatformsDone.join(QStringLiteral(", ")),
                              notice.userPlatformsPending.join(QStringLiteral(", "))));
    } else if (notice.kind == RolloutNotice::Kind::Closed) {
        parts.append(tr("%1 has it; %2 not rebuilt this time")
                         .arg(notice.userPlatformsDone.join(QStringLiteral(", ")),
                              notice.userPlatformsPending.join(QStringLiteral(", "))));
    } else if (notice.kind == RolloutNotice::Kind::Completed) {
        parts.append(tr("%n platform(s)", nullptr, int(notice.rollout.platformsDone.size())));
        if (!notice.rollout.lastPlatform.isEmpty())
            parts.append(tr("%1 came last").arg(notice.rollout.lastPlatform));
    } else if (!notice.userPlatformsDone.isEmpty()) {
        parts.append(notice.userPlatformsDone.join(QStringLiteral(", ")));
    }
    for (const Cause &c : notice.rebuild.causes)
        parts.append(c.detail);
    // when the analysis finished before the notice left; otherwise a later notice says it
    if (const QString changed = rebuildPackageSummary(notice.rebuild); !changed.isEmpty())
        parts.append(changed);
    return parts.join(QStringLiteral(" — "));
}

bool Notifier::notify(const RolloutNotice &notice)
{
    return show(title(notice), body(notice), notice.tag.id, notice.kind == RolloutNotice::Kind::Completed);
}

QString Notifier::leftBehindTitle(const QList<RunningStatus> &workloads)
{
    return tr("%n workload(s) now run an old build", nullptr, int(workloads.size()));
}

QString Notifier::leftBehindBody(const QList<RunningStatus> &workloads)
{
    QStringList lines;
    for (const RunningStatus &s : workloads) {
        QString line = s.build > 0 ? tr("%1: %2 build %3 of %4")
                                         .arg(s.workload.name, familiarOf(s.reference))
                                         .arg(s.build)
                                         .arg(s.builds)
                                   : tr("%1: %2").arg(s.workload.name, familiarOf(s.reference));
        // what the newer build changed, when its analysis is in
        if (!s.newerChanges.isEmpty())
            line += QStringLiteral(" — ") + tr("newer: %1").arg(s.newerChanges);
        lines.append(line);
    }
    return lines.join(u'\n');
}

bool Notifier::notifyLeftBehind(const QList<RunningStatus> &workloads)
{
    if (workloads.isEmpty())
        return false;
    return show(leftBehindTitle(workloads), leftBehindBody(workloads), workloads.first().tagId, false);
}

bool Notifier::show(const QString &title, const QString &body, qint64 tagId, bool quiet)
{
    if (!m_enabled)
        return false;
    if (m_tray && m_tray->isVisible() && QSystemTrayIcon::supportsMessages() &&
        QSystemTrayIcon::isSystemTrayAvailable()) {
        m_lastTrayTag = tagId;
        m_tray->showMessage(title, body, quiet ? QSystemTrayIcon::NoIcon : QSystemTrayIcon::Information,
                            quiet ? 5000 : 15000);
        return true;
    }
    QDBusConnection bus = QDBusConnection::sessionBus();
    if (!bus.isConnected())
        return false;
    // Asynchronous: the UI thread never waits for the notification daemon.
    QDBusMessage call = QDBusMessage::createMethodCall(kService, kPath, kService, QStringLiteral("Notify"));
    // A rollout's summary is quiet: low urgency, so notification daemons do not pop it up.
    const QVariantMap hints{{QStringLiteral("urgency"), QVariant::fromValue(uchar(quiet ? 0 : 1))}};
    call << QStringLiteral("Rebuild Radar") << uint(0)
         << QStringLiteral("io.github.rebuildradar.RebuildRadar") << title << body
         << QStringList{QStringLiteral("default"), tr("Open")} << hints << int(15000);
    auto *watcher = new QDBusPendingCallWatcher(bus.asyncCall(call), this);
    connect(watcher, &QDBusPendingCallWatcher::finished, this, [this, tagId](QDBusPendingCallWatcher *w) {
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
