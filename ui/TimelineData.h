#pragma once

#include "domain/History.h"

#include <QColor>
#include <QList>
#include <QStringList>

namespace RebuildRadar {

// What the timeline draws, computed from a tag's history without any widget: lanes (the tag, then
// each platform), digest segments on them, and rebuild markers.
struct TimelineData
{
    struct Segment
    {
        int lane = 0;
        qint64 start = 0;
        qint64 end = 0;
        QString digest;
        bool backfilled = false;
        int build = 0; // of the tag's digest (0: not known)
        // "build 3 · sha256:…", what hovering the segment says
        QString label() const;
    };
    struct Marker
    {
        qint64 time = 0;
        QString tooltip;
        bool silent = true; // false for version moves
    };
    // When upstream pushed (else built) a digest or a platform's image, joined to when we saw it.
    struct Upstream
    {
        int lane = 0;
        qint64 time = 0;
        qint64 detected = 0;
        QString tooltip;
    };
    struct Band
    {
        qint64 start = 0;
        qint64 end = 0;
        QString label;
        bool complete = false;
        bool inProgress = false; // neither: closed with platforms never rebuilt
    };
    QStringList lanes;
    QList<Band> rollouts; // one band per rollout, across every lane
    QList<Segment> segments;
    QList<Marker> markers;
    QList<Upstream> upstream;
    QString title; // the tag, and the tags that share its digest now
    qint64 first = 0;
    qint64 last = 0;
};

TimelineData buildTimeline(const TagHistory &history, qint64 now, qint64 rolloutWindowMs);

// The time axis for a range of `rangeHours` back from the newest time (0: all): never wider than
// the data with a small margin, so a short history fills the chart instead of a sliver on its right.
struct TimeAxis
{
    qint64 start = 0;
    qint64 end = 0;
    QString format; // time of day for short spans, dates for long ones
    int ticks = 5;
};
TimeAxis timeAxis(const TimelineData &data, qint64 now, int rangeHours);
// A stable colour per digest, so the same digest looks the same on every lane.
QColor digestColor(const QString &digest);
// With the history, the digests are named by their build numbers too.
QString rebuildTooltip(const Rebuild &rebuild, const TagHistory *history = nullptr);

} // namespace RebuildRadar
