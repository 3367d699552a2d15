#include "export/ReportData.h"

#include <algorithm>

namespace RebuildRadar {

ReportTag reportTag(TagHistory history, const ReportOptions &options, qint64 now)
{
    ReportTag r;
    if (!options.includeIndexOnly) {
        history.rebuilds.erase(std::remove_if(history.rebuilds.begin(), history.rebuilds.end(),
                                              [](const Rebuild &rb) {
                                                  return rb.hasCause(CauseKind::IndexOnly) &&
                                                         rb.causes.size() == 1;
                                              }),
                               history.rebuilds.end());
    }
    if (!options.includePlatforms) {
        for (Span &s : history.spans)
            s.platforms.clear();
    }
    r.rebuilds = int(history.rebuilds.size());
    r.rollouts = groupRollouts(history, options.rolloutWindowMs);
    for (const Rollout &rollout : r.rollouts)
        (rollout.versionMove ? r.versionMoves : r.silentRebuilds) += 1;
    QList<qint64> gaps;
    for (qsizetype i = 1; i < r.rollouts.size(); ++i)
        gaps.append(r.rollouts[i].startedAt - r.rollouts[i - 1].startedAt);
    if (!gaps.isEmpty()) {
        std::sort(gaps.begin(), gaps.end());
        const qsizetype n = gaps.size();
        r.medianGapMs = n % 2 ? gaps[n / 2] : (gaps[n / 2 - 1] + gaps[n / 2]) / 2;
        r.longestGapMs = gaps.last();
    }
    const qint64 end = options.until ? std::min(*options.until, now) : now;
    for (auto it = history.spans.crbegin(); it != history.spans.crend(); ++it) {
        if (it->firstSeen <= end) {
            r.currentDigest = it->digest;
            r.currentAgeMs = end - it->firstSeen;
            break;
        }
    }
    r.history = std::move(history);
    return r;
}

} // namespace RebuildRadar
