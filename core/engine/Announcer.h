#pragma once

// The notification rules, in one place for the desktop and the daemon: what a recorded rebuild means
// for the people who run the tag's platforms (a rollout started, complete, or closed without them all),
// never for a muted tag or an acknowledged rollout, index-only rebuilds only when asked. Rebuilds are
// taken from the durable outbox whoever recorded them, so every rebuild is announced once per consumer
// and a notice in hand when the program died is delivered when it runs again.

#include "common/Clock.h"
#include "common/Result.h"
#include "history/Rollouts.h"
#include "store/NoticeOutbox.h"

#include <QHash>
#include <QObject>
#include <QSet>

#include <functional>

namespace RebuildRadar {

class HistoryStore;
class NoticeOutbox;

class Announcer : public QObject
{
    Q_OBJECT
public:
    // `confirmDeliveries`: a notice stays in the outbox until confirm() says its channel took it (the
    // daemon's command); otherwise it counts as delivered once emitted (the desktop's tray).
    Announcer(HistoryStore &store, NoticeOutbox &outbox, const Clock &clock, QString consumer,
              bool confirmDeliveries, QObject *parent = nullptr);

    void setRules(qint64 rolloutWindowMs, bool announceIndexOnly);
    // A channel's own view: the platforms its people run (instead of the tag's), and which notices it
    // wants at all (the rest are never queued for it).
    void setPlatforms(const QStringList &platforms) { m_platforms = platforms; }
    using Filter = std::function<bool(const RolloutNotice &)>;
    void setFilter(Filter filter) { m_filter = std::move(filter); }
    qint64 rolloutWindowMs() const { return m_windowMs; }
    // Turns the rebuilds recorded since the last look into notices and delivers what waits; returns the
    // tags whose rebuilds were taken.
    QList<qint64> takeAndDeliver();
    // A tag was checked: a rollout announced as started may have closed.
    void checked(qint64 tagId);
    void confirm(qint64 noticeId, bool delivered, const QString &error);
    // A notice that `holdBack` says should wait stays in the outbox, in order, until a later
    // deliverWaiting() finds it ready (the engine holds a rebuild's notice back briefly while what
    // changed inside it is being found out, so the notice can say it).
    using HoldBack = std::function<bool(const QueuedNotice &)>;
    void setHoldBack(HoldBack holdBack) { m_holdBack = std::move(holdBack); }
    void deliverWaiting() { deliverPending(); }

signals:
    void notice(const RebuildRadar::RolloutNotice &notice);
    // What went wrong, with its code: the UI words it (ui/ErrorText), the CLI prints the message.
    void failed(const RebuildRadar::Error &error);

private:
    // The notices a newly recorded rebuild makes (none, or one, and the closing of an earlier rollout).
    QList<RolloutNotice> decide(const Rebuild &rebuild);
    // The closed notice of the rollout begun at `startedAt`, if it closed; none while it is open.
    std::optional<RolloutNotice> closedNotice(const TagHistory &history, qint64 startedAt);
    void deliverPending();
    const QStringList &platformsOf(const TagHistory &history) const
    {
        return m_platforms.isEmpty() ? history.tag.platforms : m_platforms;
    }
    bool wanted(const RolloutNotice &notice) const { return !m_filter || m_filter(notice); }

    HistoryStore &m_store;
    NoticeOutbox &m_outbox;
    const Clock &m_clock;
    QString m_consumer;
    bool m_confirm;
    qint64 m_windowMs = kDefaultRolloutWindowMs;
    bool m_indexOnly = false;
    QStringList m_platforms;
    Filter m_filter;
    // Rollouts announced as started on the user's platforms and not complete there: tag → its start.
    QHash<qint64, qint64> m_started;
    QSet<qint64> m_inDelivery; // emitted, waiting for confirm()
    qint64 m_newestTaken = 0;  // the newest rebuild already turned into notices here
    bool m_tookOnce = false;
    HoldBack m_holdBack;
};

} // namespace RebuildRadar
