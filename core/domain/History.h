#pragma once

// What Rebuild Radar knows of a watched tag: its spans (the digests it pointed to, and when), the
// rebuilds between them with their causes, and one check's observation. Plain values with no I/O; the
// store persists them, the history module reasons about them, the UI and exports show them.

#include "domain/Image.h"
#include "packages/PackageAnalysis.h"

#include <QJsonArray>
#include <QList>
#include <QMap>
#include <QString>
#include <QStringList>

#include <algorithm>
#include <functional>
#include <optional>

namespace RebuildRadar {

// How a tag's last check went. Words only at the edges: the database and the CLI contract use
// tagStatusName ("ok", "pending", "not-found", "auth-failed", "error"); the UI words it for people.
enum class TagStatus
{
    Pending,
    Ok,
    NotFound,
    AuthFailed,
    Error,
};
QString tagStatusName(TagStatus status);
TagStatus tagStatusFromName(const QString &name); // unknown names read as Error

// What a digest of a tag was: the index (or single manifest) and each platform's image.
struct Snapshot
{
    QString digest;
    QString mediaType;
    QMap<QString, QString> annotations;
    QMap<QString, PlatformImage> platforms;
};

// Why a tag moved to a new digest. Words only at the edges: causeKindName gives the contract's
// ("version", "base-image", "revision", "platforms", "created", "index-only", "revert", "unknown").
enum class CauseKind
{
    Version,
    BaseImage,
    Revision,
    Platforms,
    Created,
    IndexOnly,
    Revert,
    Unknown,
};
QString causeKindName(CauseKind kind);
CauseKind causeKindFromName(const QString &name); // unknown names read as Unknown

struct Cause
{
    CauseKind kind = CauseKind::Unknown;
    QString detail;
    friend bool operator==(const Cause &, const Cause &) = default;
};

// The causes' one JSON form, for the database and the CLI contract alike: [{"kind", "detail"}].
QJsonArray causesJson(const QList<Cause> &causes);
QList<Cause> causesFromJson(const QJsonArray &array);

struct Rebuild
{
    qint64 id = 0;
    qint64 tagId = 0;
    qint64 detectedAt = 0;
    QString from;
    QString to;
    QStringList platformsChanged;
    QStringList platformsAdded;
    QStringList platformsRemoved;
    QList<Cause> causes;
    bool acknowledged = false;
    // What changed inside, per platform, once analysed (absent until then); and the platforms that
    // could not be analysed, with the reason ("not analysed: over budget").
    QMap<QString, PackageAnalysis> packages;
    QMap<QString, QString> packagesUnavailable;

    bool hasCause(CauseKind kind) const
    {
        return std::any_of(causes.begin(), causes.end(), [&](const Cause &c) { return c.kind == kind; });
    }
    // Every platform the rebuild changed, added or removed, in that order: what "touched" means in
    // reports, tooltips and notifications.
    QStringList platformsTouched() const { return platformsChanged + platformsAdded + platformsRemoved; }
    // Touches the given platforms (empty: the user runs all of them).
    bool touches(const QStringList &platforms) const;
};

struct Span
{
    qint64 id = 0;
    QString digest;
    QString mediaType;
    qint64 firstSeen = 0;
    qint64 lastSeen = 0;
    std::optional<qint64> builtAt;  // the image's own creation time
    std::optional<qint64> pushedAt; // the registry's push time, where it says
    QString source;                 // poll (or a backfill source)
    // Build 1, 2, 3 … of the tag: its digests numbered in order of first sighting (backfilled ones
    // included); a digest the tag points to again keeps its number. 0 where not worked out.
    int build = 0;

    // When upstream made this digest available: pushed if the registry says, else built.
    std::optional<qint64> upstreamAt() const { return pushedAt ? pushedAt : builtAt; }
    QMap<QString, QString> annotations;
    QMap<QString, PlatformImage> platforms;
};

struct WatchedTag
{
    qint64 id = 0;
    QString reference; // canonical tag reference
    QString registry;
    QString repository;
    QString tag;
    bool watched = true;
    QString pinnedDigest;
    int intervalSeconds = 6 * 3600;
    QStringList platforms; // empty: all
    TagStatus status = TagStatus::Pending;
    QString lastError;
    std::optional<qint64> lastChecked;
    QString currentDigest;
    QString currentMediaType;
    int rebuildCount = 0;
    int rebuildsInPeriod = 0;
    int silentInPeriod = 0; // rebuilds in the period that are not version moves
    std::optional<qint64> lastRebuild;
    QStringList currentPlatforms;
    // Build number of the current digest (see Span::build); 0 where not worked out.
    int currentBuild = 0;
    // Rebuilds recorded by checking (not imported from a tag history) since the last one the user
    // acknowledged: the tag needs attention while this is not 0 (and it is not muted).
    int unacknowledged = 0;
    bool needsAttention() const { return unacknowledged > 0 && !muted; }
    // A rollout in progress: platforms done of all (0 of 0 when none is).
    int rolloutDone = 0;
    int rolloutTotal = 0;
    bool muted = false;
    qint64 familyId = 0;
    QString familyPattern;
    QStringList aliases;
    friend bool operator==(const WatchedTag &, const WatchedTag &) = default;
};

struct TagHistory
{
    WatchedTag tag;
    QList<Span> spans;       // oldest first
    QList<Rebuild> rebuilds; // oldest first
};

// What is known when a tag moves to a new digest: the two images and what the tag's repository says
// of them. The store gathers it inside the write transaction; the caller's classifier explains it.
struct ClassifierInput
{
    Snapshot before;
    Snapshot after;
    // When the tag had `after.digest` before: when that span was first seen.
    std::optional<qint64> revertOfFirstSeen;
    // Another watched tag of the repository, with a different version, points to `after` now
    // (e.g. "3.13.9" for python:3.13), and the tag pointed before to this one ("3.13.8").
    QString movedToTag;
    QString movedFromTag;
};

using ClassifyRebuild = std::function<Rebuild(const ClassifierInput &)>;

// When span `index` of `spans` (oldest first) ended: when the next digest was seen, whatever its own
// last sighting said; the current one lasts until `openEnd` (now, or the end of a report's period).
qint64 spanEnd(const QList<Span> &spans, qsizetype index, qint64 openEnd);

// When upstream built the digest: the newest created time it declares, or nullopt.
std::optional<qint64> builtAt(const Snapshot &snapshot);

// One check of one tag, as the poller hands it to the store.
struct Observation
{
    qint64 tagId = 0;
    qint64 checkedAt = 0;
    TagStatus status = TagStatus::Pending;
    QString error;                 // for non-ok statuses
    std::optional<TagState> state; // set when status is ok
};

} // namespace RebuildRadar
