#pragma once

// Places running workloads in the history of the tag they run: the build (1, 2, 3 … of the tag) whose
// index or platform digest the workload runs, how many rebuilds it is behind and since when a newer
// build exists. A digest-pinned workload without a tag is matched through the histories of its
// repository's tags; a digest the history does not hold is "older than the recorded history"; images
// built locally are listed as such. The one matching shared by the CLI, the engine and reports.

#include "common/Result.h"
#include "domain/History.h"
#include "running/Workload.h"

#include <QJsonObject>

#include <optional>

namespace RebuildRadar {

class HistoryStore;

enum class RunningMatchKind
{
    Build,            // found in the tag's history
    OlderThanHistory, // the tag has a history, but not this digest
    NotRecorded,      // no history of the tag (not watched, or never resolved yet)
    Local,            // built locally: no registry digest
    NoDigest,         // not pulled yet (a pod waiting for its image)
    Unparsed,         // the image reference does not parse
};
// "build", "older-than-history", "not-recorded", "local", "no-digest", "unparsed"
QString runningMatchName(RunningMatchKind kind);

struct RunningStatus
{
    Workload workload;
    RunningMatchKind match = RunningMatchKind::NotRecorded;
    QString reference;     // the canonical tag reference matched, else the workload's image normalised
    QString runningDigest; // the digest found in the history (or the first repo digest)
    QString currentDigest; // the tag's current digest
    qint64 tagId = 0;
    bool watched = false;
    bool stale = false;
    int build = 0;  // 0: unknown
    int builds = 0; // builds of the tag recorded
    std::optional<int> rebuildsBehind;
    std::optional<qint64> newerSince;   // first sighting of the build after the running one
    std::optional<qint64> runningSince; // first sighting of the running build
    // What the rebuilds it misses changed inside (history/PackageText, a part per analysed rebuild:
    // "build 3: openssl 3.0.15-1 → 3.0.17-1"); empty while none of them is analysed.
    QString newerChanges;
    // The platforms those rebuilds touched (a channel's --platforms filter); empty: not known.
    QStringList newerPlatforms;
};

// Where `digests` (index or platform digests) sit in `history`: the latest span holding any; of those it
// holds, `preferred` (the digest the workload names), else the span's own digest, else the first. Pure.
struct HistoryPlace
{
    qsizetype spanIndex = -1; // the latest span holding one of the digests; -1: none
    QString digest;           // the digest found
};
HistoryPlace placeInHistory(const TagHistory &history, const QStringList &digests,
                            const QString &preferred = {});
// Fills the build fields of `status` from `history` (its tag and spans).
void applyHistory(RunningStatus &status, const TagHistory &history);

// Matches every workload against the store's histories.
Result<QList<RunningStatus>> matchWorkloads(HistoryStore &store, const QList<Workload> &workloads);

// The contract's JSON object of one workload (CLI `running --json`, JSON reports).
QJsonObject runningJson(const RunningStatus &status);

} // namespace RebuildRadar
