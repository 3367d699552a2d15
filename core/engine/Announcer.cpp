#include "engine/Announcer.h"

#include "store/HistoryStore.h"
#include "store/NoticeOutbox.h"

#include <algorithm>

namespace RebuildRadar {

namespace {

// How the outbox names a notice's kind (the database's edge).
QString kindName(RolloutNotice::Kind kind)
{
    switch (kind) {
    case RolloutNotice::Kind::Started:
        return QStringLiteral("started");
    case RolloutNotice::Kind::Done:
        return QStringLiteral("done");
    case RolloutNotice::Kind::StartedAndDone:
        return QStringLiteral("started-and-done");
    case RolloutNotice::Kind::Completed:
        return QStringLiteral("completed");
    case RolloutNotice::Kind::Closed:
        return QStringLiteral("closed");
    case RolloutNotice::Kind::None:
        break;
    }
    return {};
}

RolloutNotice::Kind kindFromName(const QString &name)
{
    for (const auto kind :
         {RolloutNotice::Kind::Started, RolloutNotice::Kind::Done, RolloutNotice::Kind::StartedAndDone,
          RolloutNotice::Kind::Completed, RolloutNotice::Kind::Closed}) {
        if (kindName(kind) == name)
            return kind;
    }
    return RolloutNotice::Kind::None;
}

// The history as it was when `rebuildId` was recorded.
void truncateAt(TagHistory &history, qint64 rebuildId)
{
    while (!history.rebuilds.isEmpty() && history.rebuilds.last().id != rebuildId)
        history.rebuilds.removeLast();
}

} // namespace

Announcer::Announcer(HistoryStore &store, NoticeOutbox &outbox, const Clock &clock, QString consumer,
                     bool confirmDeliveries, QObject *parent)
    : QObject(parent)
    , m_store(store)
    , m_outbox(outbox)
    , m_clock(clock)
    , m_consumer(std::move(consumer))
    , m_confirm(confirmDeliveries)
{}

void Announcer::setRules(qint64 rolloutWindowMs, bool announceIndexOnly)
{
    m_windowMs = rolloutWindowMs;
    m_indexOnly = announceIndexOnly;
}

QList<RolloutNotice> Announcer::decide(const Rebuild &rebuild)
{
    QList<RolloutNotice> out;
    auto history = m_store.history(rebuild.tagId);
    if (!history) {
        emit failed(history.error());
        return out;
    }
    truncateAt(history.value(), rebuild.id);
    // muted and acknowledged as the store's user has it (each consumer announces for its user)
    const bool acknowledged = !history->rebuilds.isEmpty() && history->rebuilds.last().id == rebuild.id &&
                              history->rebuilds.last().acknowledged;
    if (history->tag.muted || acknowledged)
        return out;
    RolloutNotice notice = noticeForLatest(*history, platformsOf(*history), m_windowMs);
    // A new rollout closes the one started before it, if that one never reached all the user's platforms.
    if (const auto previous = m_started.constFind(rebuild.tagId);
        previous != m_started.constEnd() && *previous != notice.rollout.startedAt) {
        if (auto closed = closedNotice(*history, *previous))
            out.append(*closed);
    }
    if (isAcknowledged(*history, notice.rollout))
        return out;
    const bool indexOnly = rebuild.platformsTouched().isEmpty();
    if (indexOnly && m_indexOnly)
        notice.kind = RolloutNotice::Kind::StartedAndDone;
    if (notice.kind == RolloutNotice::Kind::Started)
        m_started.insert(rebuild.tagId, notice.rollout.startedAt);
    else if (notice.kind != RolloutNotice::Kind::None)
        m_started.remove(rebuild.tagId);
    if (notice.kind != RolloutNotice::Kind::None)
        out.append(notice);
    return out;
}

std::optional<RolloutNotice> Announcer::closedNotice(const TagHistory &history, qint64 startedAt)
{
    const QList<Rollout> rollouts = groupRollouts(history, m_windowMs);
    const auto it = std::find_if(rollouts.begin(), rollouts.end(),
                                 [startedAt](const Rollout &r) { return r.startedAt == startedAt; });
    if (it != rollouts.end() && !it->closedAt && !it->complete())
        return std::nullopt; // still open: the tag was not seen after its window
    m_started.remove(history.tag.id);
    if (it == rollouts.end() || history.tag.muted || isAcknowledged(history, *it))
        return std::nullopt;
    RolloutNotice notice = noticeForClosed(history, it->id, platformsOf(history), m_windowMs);
    if (notice.kind != RolloutNotice::Kind::Closed)
        return std::nullopt;
    return notice;
}

QList<qint64> Announcer::takeAndDeliver()
{
    QList<qint64> tags;
    // Other programs write every few seconds (checks); only new rebuilds need the write transaction.
    const auto newest = m_outbox.newestRebuildId();
    if (newest && *newest == m_newestTaken && m_tookOnce)
        return tags;
    auto taken = m_outbox.takeNewRebuilds(m_consumer, [this](const QList<Rebuild> &rebuilds) {
        QList<QueuedNotice> queued;
        for (const Rebuild &rebuild : rebuilds) {
            for (const RolloutNotice &n : decide(rebuild)) {
                if (wanted(n))
                    queued.append(QueuedNotice{0, rebuild.tagId, n.rebuild.id, kindName(n.kind), 0});
            }
        }
        return queued;
    });
    if (!taken) {
        emit failed(taken.error());
        return tags;
    }
    m_tookOnce = true;
    if (newest)
        m_newestTaken = std::max(m_newestTaken, *newest);
    for (const Rebuild &r : *taken) {
        m_newestTaken = std::max(m_newestTaken, r.id);
        if (!tags.contains(r.tagId))
            tags.append(r.tagId);
    }
    deliverPending();
    return tags;
}

void Announcer::checked(qint64 tagId)
{
    const auto started = m_started.constFind(tagId);
    if (started == m_started.constEnd() || m_clock.nowMs() <= *started + m_windowMs)
        return; // still open: its window has not passed
    auto history = m_store.history(tagId);
    if (!history) {
        emit failed(history.error());
        return;
    }
    if (auto closed = closedNotice(*history, *started); closed && wanted(*closed)) {
        if (auto queued = m_outbox.enqueue(
                m_consumer, QueuedNotice{0, tagId, closed->rebuild.id, kindName(closed->kind), 0});
            !queued) {
            emit failed(queued.error());
            return;
        }
        deliverPending();
    }
}

void Announcer::deliverPending()
{
    auto pending = m_outbox.pending(m_consumer);
    if (!pending) {
        emit failed(pending.error());
        return;
    }
    for (const QueuedNotice &queued : *pending) {
        if (m_inDelivery.contains(queued.id))
            continue;
        if (m_holdBack && m_holdBack(queued))
            continue;
        // The notice again, from the history as it was at its rebuild (the same after a restart).
        auto history = m_store.history(queued.tagId);
        if (!history) {
            emit failed(history.error());
            continue;
        }
        const RolloutNotice::Kind kind = kindFromName(queued.kind);
        RolloutNotice notice;
        if (kind == RolloutNotice::Kind::Closed) {
            QList<int> rolloutOf;
            groupRollouts(*history, m_windowMs, &rolloutOf);
            const auto at = std::find_if(history->rebuilds.cbegin(), history->rebuilds.cend(),
                                         [&](const Rebuild &r) { return r.id == queued.rebuildId; });
            if (at != history->rebuilds.cend())
                notice = noticeForClosed(*history, rolloutOf.value(int(at - history->rebuilds.cbegin())),
                                         platformsOf(*history), m_windowMs);
        } else {
            truncateAt(history.value(), queued.rebuildId);
            notice = noticeForLatest(*history, platformsOf(*history), m_windowMs);
        }
        notice.kind = kind;
        notice.noticeId = queued.id;
        if (m_confirm)
            m_inDelivery.insert(queued.id);
        else if (auto ok = m_outbox.markDelivered(queued.id); !ok)
            emit failed(ok.error());
        emit this->notice(notice);
    }
}

void Announcer::confirm(qint64 noticeId, bool delivered, const QString &error)
{
    if (!m_inDelivery.remove(noticeId))
        return;
    // A command that failed is not run again and again: the failure is kept with the notice.
    const Status ok =
        delivered ? m_outbox.markDelivered(noticeId) : m_outbox.markFailed(noticeId, error, true);
    if (!ok)
        emit failed(ok.error());
}

} // namespace RebuildRadar
