#pragma once

#include "common/Result.h"
#include "domain/History.h"
#include "reference/ImageReference.h"

#include <QList>

#include <functional>
#include <optional>

namespace RebuildRadar {

class Database;

struct WatchRequest
{
    ImageReference reference;
    std::optional<int> intervalSeconds; // unset: keep the stored one, or the default for new tags
    std::optional<QStringList> platforms;
    qint64 familyId = 0;
    // A tag already watched is left exactly as it is (interval, platforms): for "watch these too"
    // from a scan, where nobody chose new settings for the ones watched already.
    bool keepExisting = false;
};

// Every query and write on the history: the one class that knows the schema. SQL stays portable
// where that costs nothing (a shared PostgreSQL history is on the roadmap).
class HistoryStore
{
public:
    static constexpr int kDefaultIntervalSeconds = 6 * 3600;

    // `user`: whose platforms, mutes and acknowledgements are read and written (schema 12); empty:
    // the account this program runs as (Database::userName).
    HistoryStore(Database &database, const std::function<qint64()> &now, const QString &user = {});
    const QString &user() const { return m_user; }

    // All or nothing: one invalid request changes nothing.
    Status addWatches(const QList<WatchRequest> &requests);
    // Stops watching; history is kept. Unknown references change nothing and fail.
    Status removeWatches(const QStringList &references);

    // `rebuildsSince`: count rebuilds from then on in WatchedTag::rebuildsInPeriod (none: all of them).
    Result<QList<WatchedTag>> watchlist(bool includeUnwatched = false,
                                        std::optional<qint64> rebuildsSince = {});
    // The watched tags of the repositories these tags belong to (their aliases stay right): the rows a
    // new digest changes.
    Result<QList<WatchedTag>> watchlistAround(const QList<qint64> &tagIds,
                                              std::optional<qint64> rebuildsSince = {});
    Result<std::optional<WatchedTag>> tag(const QString &reference);
    Result<std::optional<WatchedTag>> tagById(qint64 id);

    // Records a sweep's checks in one transaction: extends spans, opens new ones, and records a rebuild
    // explained by `classify` from what is stored. Decided against what is stored when the transaction
    // runs, so any number of writers leave one exact history: an observation older than the stored
    // digest's last sighting never moves the tag, a digest already recorded only extends its sightings,
    // and a rebuild's `from` is always the stored current digest. More specific tags are recorded first,
    // so a floating tag's move can be recognised as a version move to a sibling seen in the same sweep.
    // `outdated` receives the tags whose observation was not applied because the store knows newer:
    // their checker should read them again.
    Result<QList<Rebuild>> record(QList<Observation> observations, const ClassifyRebuild &classify,
                                  QList<qint64> *outdated = nullptr);

    // Several programs polling one history share its tags: of the due tags asked for, those this
    // `owner` may check now are leased to it until `now + leaseMs` and returned; the others (checked
    // by another program since they fell due, or leased to a live one) come back in `retryAt` with the
    // time they are worth asking for again; rows another program holds at this moment (PostgreSQL) are
    // in neither: they are in hand elsewhere, due again an interval later. A dead program's leases
    // simply expire.
    struct Leases
    {
        QList<qint64> granted;
        QHash<qint64, qint64> retryAt;
    };
    Result<Leases> leaseDue(const QString &owner, const QList<qint64> &tagIds, qint64 leaseMs);

    // Spans and rebuilds overlapping [since, until] (both optional), oldest first.
    Result<TagHistory> history(qint64 tagId, std::optional<qint64> since = {},
                               std::optional<qint64> until = {});
    // Rebuilds recorded after the one with id `afterId` (by anyone), oldest first, at most `limit`.
    Result<QList<Rebuild>> rebuildsAfter(qint64 afterId, int limit);
    // Platform details already stored for the tag's current digest (by manifest digest), so a
    // rebuild reads only the manifests that changed.
    Result<QMap<QString, PlatformImage>> knownManifests(qint64 tagId);

    struct Family
    {
        qint64 id = 0;
        QString registry;
        QString repository;
        QString pattern;
        int intervalSeconds = 0; // of the family's tags; the family itself is listed less often
        std::optional<qint64> lastListed;
    };
    // Adds (or finds) a family; returns its id.
    Result<qint64> addFamily(const QString &registry, const QString &repository, const QString &pattern,
                             int intervalSeconds);
    Result<QList<Family>> families();
    // Watches listed tags that match and are not watched yet (returned), marks members the registry no
    // longer lists as not-found (history kept), and notes when the family was listed.
    Result<QStringList> syncFamily(qint64 familyId, const QStringList &matchingTags, int tagIntervalSeconds,
                                   qint64 listedAt);

    // Imports a registry's published history as past spans marked with their source, before the first
    // polled span (polled observations win), once per tag; returns how many spans were added.
    Result<int> backfill(qint64 tagId, const QString &source, const QList<struct PastDigest> &past);

    // Push times a registry told for a digest the tag has had (its newest span with it).
    Status setPushTimes(qint64 tagId, const QString &digest, const struct PushTimes &times);

    // The user's own mute (all or nothing): a muted tag is recorded, never announced to this user.
    Status setMuted(const QList<qint64> &tagIds, bool muted);
    // All or nothing.
    Status acknowledge(const QList<qint64> &rebuildIds);
    // Every rebuild of the tag so far: what the app's "Acknowledge" means (the tag was dealt with).
    Status acknowledgeTag(qint64 tagId);

private:
    Result<Snapshot> snapshotOfSpan(qint64 spanId);
    // A new digest for a tag: a span, its platforms and, after the first, a classified rebuild.
    Result<qint64> recordChange(const Observation &observation, const ClassifyRebuild &classify,
                                QList<Rebuild> &rebuilds);
    // Keeps the tag row's totals and last rebuild, so the watchlist need not read every tag's history.
    Status countRebuild(qint64 tagId, qint64 detectedAt, bool versionMove);
    // `few`: a handful of tags, counted through each one's index range rather than the period's.
    Result<QList<WatchedTag>> listTags(const QString &where, std::optional<qint64> rebuildsSince, bool few);
    Status countPeriod(QList<WatchedTag> &tags, qint64 since, bool few);
    // One of this user's own values of a tag (platforms, muted), kept beside the others.
    Status setOwn(const char *column, qint64 tagId, const QVariant &value, const QString &what);
    // This user's platforms of a tag (empty: all), instead of the tag's.
    Status setOwnPlatforms(qint64 tagId, const QStringList &platforms);
    // Every user's attention count of the tag is worked out again on their next read.
    Status forgetAttention(qint64 tagId);
    // The current digest's build number and the unacknowledged rebuilds of each tag.
    Status addBuildsAndAttention(QList<WatchedTag> &tags, bool few);
    // From the spans and rebuilds of these tags (a few hundred at most): what the tag rows keep.
    Status workOutBuildsAndAttention(QList<WatchedTag> &tags);
    Result<QList<Span>> spans(qint64 tagId, std::optional<qint64> since, std::optional<qint64> until);

    Database &m_db;
    std::function<qint64()> m_now;
    QString m_user;
};

} // namespace RebuildRadar
