#include "running/RunningMatch.h"

#include "common/Time.h"
#include "history/PackageText.h"
#include "history/Rollouts.h"
#include "reference/ImageReference.h"
#include "store/HistoryStore.h"

#include <QHash>
#include <QJsonValue>

#include <algorithm>

namespace RebuildRadar {

QString runningMatchName(RunningMatchKind kind)
{
    switch (kind) {
    case RunningMatchKind::Build:
        return QStringLiteral("build");
    case RunningMatchKind::OlderThanHistory:
        return QStringLiteral("older-than-history");
    case RunningMatchKind::NotRecorded:
        return QStringLiteral("not-recorded");
    case RunningMatchKind::Local:
        return QStringLiteral("local");
    case RunningMatchKind::NoDigest:
        return QStringLiteral("no-digest");
    case RunningMatchKind::Unparsed:
        return QStringLiteral("unparsed");
    }
    return QStringLiteral("not-recorded");
}

HistoryPlace placeInHistory(const TagHistory &history, const QStringList &digests, const QString &preferred)
{
    for (qsizetype i = history.spans.size() - 1; i >= 0; --i) {
        const Span &span = history.spans[i];
        QStringList found;
        for (const QString &digest : digests) {
            const bool inSpan = span.digest == digest ||
                                std::any_of(span.platforms.begin(), span.platforms.end(),
                                            [&](const PlatformImage &p) { return p.digest == digest; });
            if (inSpan)
                found.append(digest);
        }
        if (found.isEmpty())
            continue;
        // An image pulled by tag and by a platform's digest carries both: the one the workload names
        // wins, else the tag's own (index) digest.
        if (!preferred.isEmpty() && found.contains(preferred))
            return HistoryPlace{i, preferred};
        return HistoryPlace{i, found.contains(span.digest) ? span.digest : found.first()};
    }
    return {};
}

void applyHistory(RunningStatus &status, const TagHistory &history)
{
    status.tagId = history.tag.id;
    status.watched = history.tag.watched;
    status.reference = history.tag.reference;
    status.currentDigest = history.tag.currentDigest;
    if (status.currentDigest.isEmpty() && !history.spans.isEmpty())
        status.currentDigest = history.spans.last().digest;
    status.builds = 0;
    for (const Span &span : history.spans)
        status.builds = std::max(status.builds, span.build);
    if (history.spans.isEmpty()) {
        status.match = RunningMatchKind::NotRecorded;
        return;
    }
    auto ref = ImageReference::parse(status.workload.image);
    const HistoryPlace place =
        placeInHistory(history, status.workload.repoDigests, ref ? ref->digest() : QString());
    if (place.spanIndex < 0) {
        // Not a digest the tag was seen with: it predates the history (or a backfill would find it).
        status.match = RunningMatchKind::OlderThanHistory;
        status.stale = true;
        return;
    }
    const Span &span = history.spans[place.spanIndex];
    status.match = RunningMatchKind::Build;
    status.runningDigest = place.digest;
    status.build = span.build;
    status.runningSince = span.firstSeen;
    status.rebuildsBehind = int(history.spans.size() - 1 - place.spanIndex);
    status.stale = *status.rebuildsBehind > 0;
    if (!status.stale)
        return;
    status.newerSince = history.spans[place.spanIndex + 1].firstSeen;
    // The rebuilds it misses: those that opened a later span.
    QStringList parts;
    QString only;
    for (const Rebuild &rebuild : history.rebuilds) {
        if (rebuild.detectedAt < *status.newerSince)
            continue;
        for (const QString &platform : rebuild.platformsTouched()) {
            if (!status.newerPlatforms.contains(platform))
                status.newerPlatforms.append(platform);
        }
        const QString summary = rebuildPackageSummary(rebuild);
        if (summary.isEmpty())
            continue;
        const Span *opened = spanOfRebuild(history, rebuild);
        only = summary;
        parts.append(opened && opened->build > 0
                         ? QStringLiteral("build %1: %2").arg(opened->build).arg(summary)
                         : summary);
    }
    // One rebuild missed needs no build number.
    status.newerChanges =
        *status.rebuildsBehind == 1 && parts.size() == 1 ? only : parts.join(QStringLiteral(" | "));
    status.newerPlatforms.sort();
}

Result<QList<RunningStatus>> matchWorkloads(HistoryStore &store, const QList<Workload> &workloads)
{
    QHash<qint64, TagHistory> histories;
    auto historyOf = [&](qint64 tagId) -> Result<TagHistory> {
        if (auto it = histories.constFind(tagId); it != histories.constEnd())
            return *it;
        auto history = store.history(tagId);
        if (history)
            histories.insert(tagId, *history);
        return history;
    };
    std::optional<QList<WatchedTag>> allTags; // read once, for digest-pinned workloads only

    QList<RunningStatus> out;
    for (const Workload &workload : workloads) {
        RunningStatus status;
        status.workload = workload;
        status.runningDigest = workload.repoDigests.value(0);
        auto ref = ImageReference::parse(workload.image);
        if (!ref) {
            status.reference = workload.image;
            status.match = workload.localOnly ? RunningMatchKind::Local : RunningMatchKind::Unparsed;
            out.append(status);
            continue;
        }
        status.reference = ref->hasTag() ? ref->tagReference() : ref->canonical();
        std::optional<WatchedTag> tag;
        if (ref->hasTag()) {
            auto found = store.tag(ref->tagReference());
            if (!found)
                return found.error();
            tag = *found;
        } else if (!workload.repoDigests.isEmpty()) {
            // Pinned by digest alone: the repository's tag whose history holds the digest, seen last.
            if (!allTags) {
                auto list = store.watchlist(true);
                if (!list)
                    return list.error();
                allTags = *list;
            }
            qint64 bestSeen = -1;
            for (const WatchedTag &candidate : *allTags) {
                if (candidate.registry != ref->registry() || candidate.repository != ref->repository())
                    continue;
                auto history = historyOf(candidate.id);
                if (!history)
                    return history.error();
                const HistoryPlace place = placeInHistory(*history, workload.repoDigests, ref->digest());
                if (place.spanIndex >= 0 && history->spans[place.spanIndex].lastSeen > bestSeen) {
                    bestSeen = history->spans[place.spanIndex].lastSeen;
                    tag = candidate;
                }
            }
        }
        if (tag)
            status.watched = tag->watched;
        if (workload.localOnly) {
            status.match = RunningMatchKind::Local;
        } else if (workload.repoDigests.isEmpty()) {
            status.match = RunningMatchKind::NoDigest;
            if (tag)
                status.currentDigest = tag->currentDigest;
        } else if (tag) {
            auto history = historyOf(tag->id);
            if (!history)
                return history.error();
            applyHistory(status, *history);
        }
        out.append(status);
    }
    return out;
}

QJsonObject runningJson(const RunningStatus &status)
{
    const Workload &w = status.workload;
    auto orNull = [](const QString &text) { return text.isEmpty() ? QJsonValue() : QJsonValue(text); };
    QJsonObject o{
        {QStringLiteral("source"), workloadSourceName(w.source)},
        {QStringLiteral("name"), w.name},
        {QStringLiteral("reference"), status.reference},
        {QStringLiteral("image"), w.image},
        {QStringLiteral("state"), w.state},
        {QStringLiteral("running_digest"), orNull(status.runningDigest)},
        {QStringLiteral("current_digest"), orNull(status.currentDigest)},
        {QStringLiteral("stale"), status.stale},
        {QStringLiteral("rebuilds_behind"),
         status.rebuildsBehind ? QJsonValue(*status.rebuildsBehind) : QJsonValue()},
        {QStringLiteral("newer_since"),
         status.newerSince ? QJsonValue(isoUtc(*status.newerSince)) : QJsonValue()},
        {QStringLiteral("running_since"),
         status.runningSince ? QJsonValue(isoUtc(*status.runningSince)) : QJsonValue()},
        {QStringLiteral("build"), status.build > 0 ? QJsonValue(status.build) : QJsonValue()},
        {QStringLiteral("builds"), status.builds > 0 ? QJsonValue(status.builds) : QJsonValue()},
        {QStringLiteral("watched"), status.watched},
        {QStringLiteral("match"), runningMatchName(status.match)},
        {QStringLiteral("local"), w.localOnly},
        {QStringLiteral("newer_changes"), orNull(status.newerChanges)},
    };
    if (w.source == WorkloadSourceKind::Kubernetes) {
        o.insert(QStringLiteral("context"), w.host);
        o.insert(QStringLiteral("namespace"), w.namespace_);
        o.insert(QStringLiteral("init"), w.init);
    } else {
        o.insert(QStringLiteral("host"), w.host);
    }
    return o;
}

} // namespace RebuildRadar
