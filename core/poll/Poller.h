#pragma once

#include "common/Clock.h"
#include "common/Result.h"
#include "domain/History.h"

#include <QHash>
#include <QObject>
#include <QSet>
#include <QTimer>

namespace RebuildRadar {

class Backfiller;
class HistoryStore;
class RegistryClient;

struct PollResult
{
    qint64 tagId = 0;
    QString reference;
    TagStatus status = TagStatus::Pending;
    QString digest;
    bool changed = false;   // a rebuild was recorded (a first digest is a baseline, not a change)
    bool newDigest = false; // the stored digest moved: a first digest or a rebuild
    qint64 checkedAt = 0;
    QString error;
};

struct RebuildEvent
{
    WatchedTag tag;
    Rebuild rebuild;
    // Touches the user's platforms (all when none were named); notifications and hooks skip others.
    bool relevant = true;
};

// Checks watched tags through the registry client and records what it saw: each tag on its own
// interval (one single-shot timer, re-armed to the earliest due tag), or all at once on demand.
// Results are written to the store in batches.
class Poller : public QObject
{
    Q_OBJECT
public:
    Poller(HistoryStore &store, RegistryClient &client, const Clock &clock, QObject *parent = nullptr);

    // Checks the given tags (all watched ones when empty) now; sweepFinished follows.
    void checkNow(const QList<qint64> &tagIds = {});
    // Scheduled mode.
    void start();
    void stop();
    bool isRunning() const { return m_running; }
    // The watchlist changed: schedule added tags, forget removed ones.
    void reload();
    // Checks every tag that is due at the clock's now; the timer calls it, tests may too.
    void tick();
    // Writes pending results now.
    void flush();
    int inFlight() const { return int(m_inFlight.size()); }
    bool hasPendingWrites() const { return !m_pending.isEmpty(); }
    void setBatchDelayMs(int ms) { m_batchTimer.setInterval(ms); }
    // Programs sharing one history share its tags: each due tag is leased first (HistoryStore::leaseDue)
    // and checked only by the program that got it. Empty owner: every due tag is checked here.
    void shareTags(const QString &owner, qint64 leaseMs)
    {
        m_leaseOwner = owner;
        m_leaseMs = leaseMs;
    }
    // Tags seen for the first time get their registry's published history (where there is one).
    void setBackfiller(Backfiller *backfiller) { m_backfiller = backfiller; }
    // When each tag is due next (ms since epoch), for tests and the UI.
    std::optional<qint64> dueAt(qint64 tagId) const;

signals:
    void checkStarted(qint64 tagId);
    void tagChecked(const RebuildRadar::PollResult &result);
    void rebuildDetected(const RebuildRadar::RebuildEvent &event);
    void sweepProgress(int done, int total);
    void sweepFinished(const QList<RebuildRadar::PollResult> &results);
    void storeFailed(const RebuildRadar::Error &error);
    void backfilled(qint64 tagId, int spans);
    void backfillFailed(const QString &reference, const QString &message);
    void pushTimesRecorded(qint64 tagId);

private:
    void check(const WatchedTag &tag);
    void onResult(const WatchedTag &tag, qint64 checkedAt, Result<TagState> result);
    void arm();
    qint64 nextDue(const WatchedTag &tag, qint64 from) const;

    void backfill(const WatchedTag &tag);
    // When upstream pushed a new digest, where the registry says (once per digest, never per sweep).
    void fetchPushTimes(const WatchedTag &tag, const QString &digest);
    void backfillDone();

    HistoryStore &m_store;
    Backfiller *m_backfiller = nullptr;
    int m_backfillsInFlight = 0;
    std::optional<QList<PollResult>> m_finishedSweep; // held until the sweep's backfills are in
    RegistryClient &m_client;
    const Clock &m_clock;
    QTimer m_timer;
    QTimer m_batchTimer;
    bool m_running = false;
    QString m_leaseOwner;
    qint64 m_leaseMs = 0;
    QHash<qint64, WatchedTag> m_tags;
    QHash<qint64, qint64> m_due;
    QSet<qint64> m_inFlight;
    QList<Observation> m_pending;
    QHash<qint64, PollResult> m_pendingResults;
    // The on-demand sweep under way, if any.
    QSet<qint64> m_sweepOutstanding;
    QList<PollResult> m_sweepResults;
    int m_sweepTotal = 0;
    bool m_sweepActive = false;
};

} // namespace RebuildRadar
