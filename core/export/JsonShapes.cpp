#include "export/JsonShapes.h"

#include "common/Time.h"
#include "history/Rollouts.h"
#include "packages/PackageDiffJson.h"
#include "reference/ImageReference.h"

#include <QJsonArray>

namespace RebuildRadar {

namespace {
QJsonValue nullOr(const QString &s)
{
    return s.isEmpty() ? QJsonValue(QJsonValue::Null) : QJsonValue(s);
}
QJsonValue timeOrNull(const std::optional<qint64> &t)
{
    return t ? QJsonValue(isoUtc(*t)) : QJsonValue(QJsonValue::Null);
}
} // namespace

QJsonObject watchedTagJson(const WatchedTag &tag)
{
    return QJsonObject{
        {QStringLiteral("reference"), tag.reference},
        {QStringLiteral("familiar"), familiarOf(tag.reference)},
        {QStringLiteral("registry"), tag.registry},
        {QStringLiteral("repository"), tag.repository},
        {QStringLiteral("tag"), tag.tag},
        {QStringLiteral("pinned_digest"), nullOr(tag.pinnedDigest)},
        {QStringLiteral("interval_seconds"), tag.intervalSeconds},
        {QStringLiteral("status"), tagStatusName(tag.status)},
        {QStringLiteral("last_error"), nullOr(tag.lastError)},
        {QStringLiteral("last_checked"), timeOrNull(tag.lastChecked)},
        {QStringLiteral("current_digest"), nullOr(tag.currentDigest)},
        {QStringLiteral("build"), tag.currentBuild > 0 ? QJsonValue(tag.currentBuild) : QJsonValue()},
        {QStringLiteral("rebuild_count"), tag.rebuildCount},
        {QStringLiteral("platforms"), tag.platforms.isEmpty()
                                          ? QJsonValue(QJsonValue::Null)
                                          : QJsonValue(QJsonArray::fromStringList(tag.platforms))},
        {QStringLiteral("aliases"), QJsonArray::fromStringList(tag.aliases)},
        {QStringLiteral("family"), nullOr(tag.familyPattern)},
        {QStringLiteral("muted"), tag.muted},
    };
}

QJsonObject rebuildJson(const Rebuild &rebuild)
{
    QJsonObject out{
        {QStringLiteral("detected_at"), isoUtc(rebuild.detectedAt)},
        {QStringLiteral("from"), rebuild.from},
        {QStringLiteral("to"), rebuild.to},
        {QStringLiteral("platforms_changed"), QJsonArray::fromStringList(rebuild.platformsChanged)},
        {QStringLiteral("platforms_added"), QJsonArray::fromStringList(rebuild.platformsAdded)},
        {QStringLiteral("platforms_removed"), QJsonArray::fromStringList(rebuild.platformsRemoved)},
        {QStringLiteral("causes"), causesJson(rebuild.causes)},
        {QStringLiteral("acknowledged"), rebuild.acknowledged},
    };
    // Absent until analysed, as the contract has it.
    if (!rebuild.packages.isEmpty()) {
        QJsonObject packages;
        for (auto it = rebuild.packages.begin(); it != rebuild.packages.end(); ++it)
            packages.insert(it.key(), packageAnalysisJson(*it));
        out.insert(QStringLiteral("packages"), packages);
    }
    if (!rebuild.packagesUnavailable.isEmpty()) {
        QJsonObject unavailable;
        for (auto it = rebuild.packagesUnavailable.begin(); it != rebuild.packagesUnavailable.end(); ++it)
            unavailable.insert(it.key(), *it);
        out.insert(QStringLiteral("packages_unavailable"), unavailable);
    }
    return out;
}

QJsonObject historyJson(const TagHistory &history, qint64 rolloutWindowMs)
{
    QJsonArray digests;
    for (const Span &span : history.spans) {
        QJsonObject platforms;
        QJsonObject platformsPushed;
        for (auto it = span.platforms.begin(); it != span.platforms.end(); ++it) {
            platforms.insert(it.key(), it->digest);
            if (it->pushedAt)
                platformsPushed.insert(it.key(), isoUtc(*it->pushedAt));
        }
        digests.append(QJsonObject{
            {QStringLiteral("digest"), span.digest},
            {QStringLiteral("media_type"), nullOr(span.mediaType)},
            {QStringLiteral("first_seen"), isoUtc(span.firstSeen)},
            {QStringLiteral("last_seen"), isoUtc(span.lastSeen)},
            // built or pushed, as the contract has it; both apart below
            {QStringLiteral("built_at"), timeOrNull(span.builtAt ? span.builtAt : span.pushedAt)},
            {QStringLiteral("created_at"), timeOrNull(span.builtAt)},
            {QStringLiteral("pushed_at"), timeOrNull(span.pushedAt)},
            {QStringLiteral("platforms"), platforms},
            {QStringLiteral("platforms_pushed_at"), platformsPushed},
            {QStringLiteral("source"), span.source},
            {QStringLiteral("build"), span.build > 0 ? QJsonValue(span.build) : QJsonValue()},
        });
    }
    QList<int> rolloutOf;
    const QList<Rollout> rollouts = groupRollouts(history, rolloutWindowMs, &rolloutOf);
    QJsonArray rebuilds;
    for (qsizetype i = 0; i < history.rebuilds.size(); ++i) {
        const Rebuild &r = history.rebuilds[i];
        QJsonObject rebuild = rebuildJson(r);
        rebuild.insert(QStringLiteral("rollout"), rolloutOf.value(i));
        const auto lag = detectionLagMs(history, r);
        rebuild.insert(QStringLiteral("lag_seconds"), lag ? QJsonValue(*lag / 1000) : QJsonValue());
        rebuilds.append(rebuild);
    }
    QJsonArray rolloutArray;
    for (const Rollout &r : rollouts) {
        rolloutArray.append(QJsonObject{
            {QStringLiteral("id"), r.id},
            {QStringLiteral("started_at"), isoUtc(r.startedAt)},
            {QStringLiteral("completed_at"), timeOrNull(r.completedAt)},
            {QStringLiteral("closed_at"), timeOrNull(r.closedAt)},
            {QStringLiteral("platforms_done"), QJsonArray::fromStringList(r.platformsDone)},
            {QStringLiteral("platforms_pending"), QJsonArray::fromStringList(r.platformsPending)}});
    }
    return QJsonObject{{QStringLiteral("reference"), history.tag.reference},
                       {QStringLiteral("aliases"), QJsonArray::fromStringList(history.tag.aliases)},
                       {QStringLiteral("digests"), digests},
                       {QStringLiteral("rebuilds"), rebuilds},
                       {QStringLiteral("rollouts"), rolloutArray}};
}

} // namespace RebuildRadar
