#include "TimelineData.h"

#include "WatchlistModel.h"
#include "common/Duration.h"
#include "history/PackageText.h"
#include "history/Rollouts.h"
#include "reference/ImageReference.h"

#include <QCoreApplication>
#include <QDateTime>
#include <QLocale>

namespace RebuildRadar {

QColor digestColor(const QString &digest)
{
    const uint hash = qHash(digest);
    return QColor::fromHsv(int(hash % 360), 150 + int((hash >> 9) % 80), 170 + int((hash >> 17) % 60));
}

QString TimelineData::Segment::label() const
{
    return build > 0 ? QCoreApplication::translate("Timeline", "build %1 · %2").arg(build).arg(digest)
                     : digest;
}

QString rebuildTooltip(const Rebuild &r, const TagHistory *history)
{
    auto named = [history](const QString &digest) {
        for (int i = 0; history && i < history->spans.size(); ++i) {
            if (history->spans[i].digest == digest && history->spans[i].build > 0)
                return QCoreApplication::translate("Timeline", "build %1 (%2)")
                    .arg(history->spans[i].build)
                    .arg(shortDigest(digest));
        }
        return shortDigest(digest);
    };
    QStringList lines;
    lines.append(QCoreApplication::translate("Timeline", "Detected %1")
                     .arg(QLocale().toString(QDateTime::fromMSecsSinceEpoch(r.detectedAt).toLocalTime(),
                                             QLocale::LongFormat)));
    lines.append(QCoreApplication::translate("Timeline", "from %1 to %2").arg(named(r.from), named(r.to)));
    const QStringList platforms = r.platformsTouched();
    lines.append(platforms.isEmpty() ? QCoreApplication::translate("Timeline", "no platform's image changed")
                                     : platforms.join(QStringLiteral(", ")));
    for (const Cause &c : r.causes)
        lines.append(c.detail);
    if (const QString changed = rebuildPackageSummary(r); !changed.isEmpty())
        lines.append(QCoreApplication::translate("Timeline", "Inside: %1").arg(changed));
    return lines.join(u'\n');
}

namespace {
QString when(qint64 ms)
{
    return QLocale().toString(QDateTime::fromMSecsSinceEpoch(ms).toLocalTime(), QLocale::ShortFormat);
}

QString upstreamTooltip(const std::optional<qint64> &built, const std::optional<qint64> &pushed,
                        qint64 detected)
{
    QStringList lines;
    if (built)
        lines.append(QCoreApplication::translate("Timeline", "built %1").arg(when(*built)));
    if (pushed)
        lines.append(QCoreApplication::translate("Timeline", "pushed %1").arg(when(*pushed)));
    lines.append(QCoreApplication::translate("Timeline", "detected %1").arg(when(detected)));
    const qint64 from = pushed ? *pushed : *built;
    if (from <= detected)
        lines.append(
            QCoreApplication::translate("Timeline", "detected after %1").arg(humanDuration(detected - from)));
    return lines.join(u'\n');
}
} // namespace

TimelineData buildTimeline(const TagHistory &history, qint64 now, qint64 rolloutWindowMs)
{
    TimelineData data;
    data.title = familiarOf(history.tag.reference);
    if (!history.tag.aliases.isEmpty())
        data.title += QCoreApplication::translate("Timeline", "  (same digest as %1)")
                          .arg(history.tag.aliases.join(QStringLiteral(", ")));
    data.lanes.append(QCoreApplication::translate("Timeline", "tag"));
    QStringList platforms;
    for (const Span &s : history.spans) {
        for (auto it = s.platforms.begin(); it != s.platforms.end(); ++it) {
            if (!platforms.contains(it.key()))
                platforms.append(it.key());
        }
    }
    platforms.sort();
    data.lanes += platforms;
    for (int i = 0; i < history.spans.size(); ++i) {
        const Span &s = history.spans[i];
        const qint64 end = spanEnd(history.spans, i, now);
        const bool backfilled = s.source != u"poll";
        data.segments.append({0, s.firstSeen, end, s.digest, backfilled, s.build});
        for (auto it = s.platforms.begin(); it != s.platforms.end(); ++it)
            data.segments.append(
                {int(platforms.indexOf(it.key())) + 1, s.firstSeen, end, it->digest, backfilled, 0});
        // A registry's own history dates its spans already; polled ones show when upstream got there.
        if (!backfilled && s.upstreamAt())
            data.upstream.append(
                {0, *s.upstreamAt(), s.firstSeen, upstreamTooltip(s.builtAt, s.pushedAt, s.firstSeen)});
        for (auto it = s.platforms.begin(); it != s.platforms.end() && !backfilled; ++it) {
            if (it->pushedAt)
                data.upstream.append({int(platforms.indexOf(it.key())) + 1, *it->pushedAt, s.firstSeen,
                                      upstreamTooltip(std::nullopt, it->pushedAt, s.firstSeen)});
        }
        data.first = i == 0 ? s.firstSeen : std::min(data.first, s.firstSeen);
        data.last = std::max(data.last, end);
    }
    for (const Rebuild &r : history.rebuilds)
        data.markers.append({r.detectedAt, rebuildTooltip(r, &history), !r.hasCause(CauseKind::Version)});
    for (const Rollout &r : groupRollouts(history, rolloutWindowMs)) {
        const int total = int(r.platformsDone.size() + r.platformsPending.size());
        const QString pending = r.platformsPending.join(QStringLiteral(", "));
        QString label;
        if (r.complete())
            label =
                QCoreApplication::translate("Timeline", "rollout %1: all %2 platforms").arg(r.id).arg(total);
        else if (r.inProgress())
            label = QCoreApplication::translate("Timeline", "rollout %1: %2 of %3 platforms, pending %4")
                        .arg(r.id)
                        .arg(r.platformsDone.size())
                        .arg(total)
                        .arg(pending);
        else
            label = QCoreApplication::translate("Timeline",
                                                "rollout %1: closed on %2 of %3 platforms, not rebuilt: %4")
                        .arg(r.id)
                        .arg(r.platformsDone.size())
                        .arg(total)
                        .arg(pending);
        data.rollouts.append({r.startedAt, r.completedAt.value_or(r.closedAt.value_or(now)), label,
                              r.complete(), r.inProgress()});
    }
    return data;
}

TimeAxis timeAxis(const TimelineData &data, qint64 now, int rangeHours)
{
    constexpr qint64 hour = 3600 * 1000;
    TimeAxis axis;
    axis.end = std::max(now, data.last);
    const qint64 pad = std::max<qint64>(60 * 1000, (axis.end - data.first) / 20);
    axis.start = data.first - pad;
    if (rangeHours > 0)
        axis.start = std::max(axis.start, axis.end - qint64(rangeHours) * hour);
    if (axis.end - axis.start < hour)
        axis.start = axis.end - hour;
    const qint64 span = axis.end - axis.start;
    if (span <= 2 * 24 * hour) {
        axis.format = QStringLiteral("HH:mm");
        axis.ticks = 7;
    } else if (span <= 14 * 24 * hour) {
        axis.format = QStringLiteral("MM-dd HH:mm");
        axis.ticks = 6;
    } else {
        axis.format = QStringLiteral("yyyy-MM-dd");
        axis.ticks = 5;
    }
    return axis;
}

} // namespace RebuildRadar
