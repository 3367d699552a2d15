#include "poll/Poller.h"

#include "history/RebuildClassifier.h"
#include "registry/Backfill.h"
#include "registry/RegistryClient.h"
#include "store/HistoryStore.h"

#include <QLoggingCategory>
#include <QRandomGenerator>
#include <QScopeGuard>

namespace RebuildRadar {

Q_LOGGING_CATEGORY(lcPoll, "rebuildradar.poll")

namespace {
constexpr qint64 kMaxTimerMs = 24LL * 3600 * 1000;

TagStatus statusFor(ErrorCode code)
{
    switch (code) {
    case ErrorCode::NotFound:
        return TagStatus::NotFound;
    case ErrorCode::AuthFailed:
        return TagStatus::AuthFailed;
    default:
        return TagStatus::Error;
    }
}
} // namespace

Poller::Poller(HistoryStore &store, RegistryClient &client, const Clock &clock, QObject *parent)
    : QObject(parent)
    , m_store(store)
    , m_client(client)
    , m_clock(clock)
{
    m_timer.setSingleShot(true);
    connect(&m_timer, &QTimer::timeout, this, &Poller::tick);
    m_batchTimer.setSingleShot(true);
    m_batchTimer.setInterval(500);
    connect(&m_batchTimer, &QTimer::timeout, this, &Poller::flush);
}

qint64 Poller::nextDue(const WatchedTag &tag, qint64 from) const
{
    const qint64 interval = qint64(tag.intervalSeconds) * 1000;
    // ±5% jitter spreads tags added together, and stays within the contract's 10%.
    const qint64 spread = interval / 20;
    const qint64 jitter = spread > 0 ? QRandomGenerator::global()->bounded(2 * spread + 1) - spread : 0;
    return from + interval + jitter;
}

std::optional<qint64> Poller::dueAt(qint64 tagId) const
{
    const auto it = m_due.constFind(tagId);
    return it == m_due.constEnd() ? std::nullopt : std::optional<qint64>(*it);
}

void Poller::start()
{
    m_running = true;
    reload();
}

void Poller::stop()
{
    m_running = false;
    m_timer.stop();
}

void Poller::reload()
{
    auto tags = m_store.watchlist();
    if (!tags) {
        emit storeFailed(tags.error());
        return;
    }
    QHash<qint64, WatchedTag> fresh;
    const qint64 now = m_clock.nowMs();
    for (const WatchedTag &tag : *tags) {
        fresh.insert(tag.id, tag);
        const bool intervalChanged =
            m_tags.contains(tag.id) && m_tags.value(tag.id).intervalSeconds != tag.intervalSeconds;
        if (!m_due.contains(tag.id) || intervalChanged)
            m_due.insert(tag.id, tag.lastChecked ? std::max(now, nextDue(tag, *tag.lastChecked)) : now);
    }
    for (auto it = m_due.begin(); it != m_due.end();) {
        if (!fresh.contains(it.key()))
            it = m_due.erase(it);
        else
            ++it;
    }
    m_tags = std::move(fresh);
    arm();
}

void Poller::arm()
{
    if (!m_running || m_due.isEmpty()) {
        m_timer.stop();
        return;
    }
    qint64 earliest = std::numeric_limits<qint64>::max();
    for (auto it = m_due.begin(); it != m_due.end(); ++it) {
        if (!m_inFlight.contains(it.key()))
            earliest = std::min(earliest, *it);
    }
    if (earliest == std::numeric_limits<qint64>::max()) {
        m_timer.stop();
        return;
    }
    m_timer.start(int(std::clamp<qint64>(earliest - m_clock.nowMs(), 0, kMaxTimerMs)));
}

void Poller::tick()
{
    const qint64 now = m_clock.nowMs();
    QList<qint64> due;
    for (auto it = m_due.begin(); it != m_due.end(); ++it) {
        if (*it <= now && !m_inFlight.contains(it.key()))
            due.append(it.key());
    }
    QList<qint64> mine = due;
    if (!m_leaseOwner.isEmpty() && !due.isEmpty()) {
        auto leases = m_store.leaseDue(m_leaseOwner, due, m_leaseMs);
        if (leases) {
            mine = leases->granted;
            for (qint64 id : std::as_const(due)) {
                if (!mine.contains(id))
                    m_due.insert(id, leases->retryAt.value(id, nextDue(m_tags.value(id), now)));
            }
        } else {
            // a check too many beats a check missed: the store decides each observation on its own
            emit storeFailed(leases.error());
        }
    }
    for (qint64 id : std::as_const(mine)) {
        const WatchedTag tag = m_tags.value(id);
        m_due.insert(id, nextDue(tag, now));
        check(tag);
    }
    arm();
}

void Poller::checkNow(const QList<qint64> &tagIds)
{
    auto tags = m_store.watchlist();
    if (!tags) {
        emit storeFailed(tags.error());
        return;
    }
    QList<WatchedTag> chosen;
    for (const WatchedTag &tag : *tags) {
        m_tags.insert(tag.id, tag);
        if (tagIds.isEmpty() || tagIds.contains(tag.id))
            chosen.append(tag);
    }
    m_sweepActive = true;
    m_sweepResults.clear();
    m_sweepTotal = int(chosen.size());
    m_sweepOutstanding.clear();
    for (const WatchedTag &tag : chosen)
        m_sweepOutstanding.insert(tag.id);
    emit sweepProgress(0, m_sweepTotal);
    if (chosen.isEmpty()) {
        m_sweepActive = false;
        emit sweepFinished({});
        return;
    }
    for (const WatchedTag &tag : chosen) {
        if (m_due.contains(tag.id))
            m_due.insert(tag.id, nextDue(tag, m_clock.nowMs()));
        check(tag);
    }
}

void Poller::check(const WatchedTag &tag)
{
    if (m_inFlight.contains(tag.id))
        return; // its answer will count for the sweep too
    auto reference = ImageReference::parse(tag.reference);
    if (!reference) {
        onResult(tag, m_clock.nowMs(), reference.error());
        return;
    }
    // The digest we hold is enough for the common case (unchanged: one HEAD); stored platform details
    // are read only when the digest moved.
    ResolveHints hints;
    hints.knownDigest = tag.currentDigest;
    hints.loadKnownManifests = [store = &m_store, id = tag.id] {
        auto known = store->knownManifests(id);
        return known ? *known : QMap<QString, PlatformImage>();
    };
    m_inFlight.insert(tag.id);
    emit checkStarted(tag.id);
    m_client.resolve(*reference, hints, this, [this, tag](Result<TagState> result) {
        m_inFlight.remove(tag.id);
        onResult(tag, m_clock.nowMs(), std::move(result));
        arm();
    });
}

void Poller::onResult(const WatchedTag &tag, qint64 checkedAt, Result<TagState> result)
{
    Observation o;
    o.tagId = tag.id;
    o.checkedAt = checkedAt;
    PollResult r;
    r.tagId = tag.id;
    r.reference = tag.reference;
    if (result) {
        o.status = TagStatus::Ok;
        o.state = *result;
        r.digest = result->digest;
    } else {
        o.status = statusFor(result.error().code);
        o.error = result.error().message;
        r.error = o.error;
        qCInfo(lcPoll) << tag.reference << tagStatusName(o.status) << o.error;
    }
    r.status = o.status;
    r.checkedAt = checkedAt;
    m_pending.append(o);
    m_pendingResults.insert(tag.id, r);
    if (m_sweepActive && m_sweepOutstanding.remove(tag.id)) {
        emit sweepProgress(m_sweepTotal - int(m_sweepOutstanding.size()), m_sweepTotal);
        if (m_sweepOutstanding.isEmpty()) {
            flush();
            return;
        }
    }
    if (!m_batchTimer.isActive())
        m_batchTimer.start();
}

void Poller::flush()
{
    m_batchTimer.stop();
    if (m_pending.isEmpty() && !(m_sweepActive && m_sweepOutstanding.isEmpty()))
        return;
    QList<Observation> batch = std::exchange(m_pending, {});
    QHash<qint64, PollResult> results = std::exchange(m_pendingResults, {});
    QList<Rebuild> rebuilds;
    QList<qint64> outdated; // another writer recorded newer: what we hold of these tags is old
    if (!batch.isEmpty()) {
        auto recorded = m_store.record(batch, classifyRebuild, &outdated);
        if (!recorded) {
            // Nothing of the batch was written (one transaction); keep it for the next try.
            m_pending = batch + m_pending;
            for (auto it = results.begin(); it != results.end(); ++it)
                m_pendingResults.insert(it.key(), *it);
            qCWarning(lcPoll) << "cannot record checks:" << recorded.error().message;
            emit storeFailed(recorded.error());
            if (!m_batchTimer.isActive())
                m_batchTimer.start(std::max(m_batchTimer.interval(), 5000));
            return;
        }
        rebuilds = *recorded;
    }
    for (const Rebuild &rebuild : rebuilds) {
        if (results.contains(rebuild.tagId))
            results[rebuild.tagId].changed = true;
    }
    for (PollResult &r : results) {
        const auto known = m_tags.find(r.tagId);
        if (known == m_tags.end())
            continue; // removed meanwhile
        const bool isOutdated = outdated.contains(r.tagId);
        const bool firstDigest = !isOutdated && known->currentDigest.isEmpty() && r.status == TagStatus::Ok;
        r.newDigest = r.status == TagStatus::Ok && r.digest != known->currentDigest;
        if (isOutdated) {
            // Read the row as stored and look again soon, from there (one HEAD when nothing moved).
            r.newDigest = false;
            if (auto updated = m_store.tagById(r.tagId); updated && updated->has_value())
                *known = **updated;
            if (m_due.contains(r.tagId))
                m_due.insert(r.tagId, m_clock.nowMs());
        } else if (r.newDigest) {
            // digest, platforms and counts moved: read the row again (rare)
            if (auto updated = m_store.tagById(r.tagId); updated && updated->has_value())
                *known = **updated;
        } else {
            // what the batch wrote, without a query per tag
            known->status = r.status;
            known->lastError = r.error;
            known->lastChecked = r.checkedAt;
        }
        if (firstDigest)
            backfill(m_tags.value(r.tagId)); // its entry for this digest tells the push time too
        if (r.newDigest && !(firstDigest && m_backfiller && m_backfiller->publishesHistory(known->registry)))
            fetchPushTimes(m_tags.value(r.tagId), r.digest);
        emit tagChecked(r);
        if (m_sweepActive)
            m_sweepResults.append(r);
    }
    if (!outdated.isEmpty())
        arm(); // they are due now
    for (const Rebuild &rebuild : rebuilds) {
        RebuildEvent event;
        event.tag = m_tags.value(rebuild.tagId);
        event.rebuild = rebuild;
        event.relevant = rebuild.touches(event.tag.platforms);
        emit rebuildDetected(event);
    }
    if (m_sweepActive && m_sweepOutstanding.isEmpty()) {
        m_sweepActive = false;
        QList<PollResult> finished = std::exchange(m_sweepResults, {});
        std::sort(finished.begin(), finished.end(),
                  [](const PollResult &a, const PollResult &b) { return a.reference < b.reference; });
        if (m_backfillsInFlight > 0)
            m_finishedSweep = finished;
        else
            emit sweepFinished(finished);
    }
}

} // namespace RebuildRadar

namespace RebuildRadar {

void Poller::backfill(const WatchedTag &tag)
{
    if (!m_backfiller || !m_backfiller->publishesHistory(tag.registry))
        return;
    auto reference = ImageReference::parse(tag.reference);
    if (!reference)
        return;
    const QString source = m_backfiller->sourceFor(tag.registry);
    ++m_backfillsInFlight;
    m_backfiller->fetch(*reference, this, [this, tag, source](Result<QList<PastDigest>> past) {
        auto done = qScopeGuard([this] { backfillDone(); });
        if (!past) {
            // The watch goes on without its past; say why.
            emit backfillFailed(tag.reference, past.error().message);
            return;
        }
        auto added = m_store.backfill(tag.id, source, *past);
        if (!added) {
            emit backfillFailed(tag.reference, added.error().message);
            return;
        }
        emit backfilled(tag.id, *added);
    });
}

void Poller::fetchPushTimes(const WatchedTag &tag, const QString &digest)
{
    if (!m_backfiller || !m_backfiller->knowsPushTimes(tag.registry))
        return;
    auto reference = ImageReference::parse(tag.reference);
    if (!reference)
        return;
    ++m_backfillsInFlight;
    m_backfiller->pushTimes(*reference, digest, this, [this, tag, digest](Result<PushTimes> times) {
        auto done = qScopeGuard([this] { backfillDone(); });
        if (!times) {
            // Detection does not depend on it: the digest keeps its build time only.
            qCInfo(lcPoll) << tag.reference << "no push time:" << times.error().message;
            return;
        }
        if (!times->pushedAt && times->platformPushedAt.isEmpty())
            return;
        if (auto saved = m_store.setPushTimes(tag.id, digest, *times); !saved) {
            emit storeFailed(saved.error());
            return;
        }
        emit pushTimesRecorded(tag.id);
    });
}

void Poller::backfillDone()
{
    // A sweep waits for the lookups it started, so `poll` and `history` show them at once.
    if (--m_backfillsInFlight == 0 && m_finishedSweep)
        emit sweepFinished(*std::exchange(m_finishedSweep, std::nullopt));
}

} // namespace RebuildRadar
