#pragma once

#include "domain/History.h"
#include "history/Rollouts.h"

#include <optional>

namespace RebuildRadar {

struct ReportOptions
{
    std::optional<qint64> since;
    std::optional<qint64> until;
    bool includePlatforms = true;
    bool includeIndexOnly = true;
    qint64 rolloutWindowMs = kDefaultRolloutWindowMs;
};

// One tag's part of a report, with the figures every report format shows.
struct ReportTag
{
    TagHistory history;      // spans and rebuilds in the period (index-only ones dropped if asked)
    int rebuilds = 0;        // digest changes
    QList<Rollout> rollouts; // what people count as rebuilds: one upstream rebuild, however many digests
    int silentRebuilds = 0;  // not version moves
    int versionMoves = 0;
    std::optional<qint64> medianGapMs; // between consecutive rebuilds in the period
    std::optional<qint64> longestGapMs;
    QString currentDigest;              // at the end of the period
    std::optional<qint64> currentAgeMs; // how long it had been current then
};

ReportTag reportTag(TagHistory history, const ReportOptions &options, qint64 now);

} // namespace RebuildRadar
