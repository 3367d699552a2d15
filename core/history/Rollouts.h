#pragma once

#include "domain/History.h"

#include <optional>

namespace RebuildRadar {

// One upstream rebuild as it reaches a tag's platforms, often over hours or days: consecutive rebuilds
// that change no platform a second time, within a window of the first, with no version change.
struct Rollout
{
    int id = 0; // 1, 2, … per tag
    qint64 startedAt = 0;
    std::optional<qint64> completedAt;
    // Not complete, and nothing can join it any more: a later rollout began, or the tag was seen
    // after its window with the pending platforms not rebuilt. When the window ended (or the next began).
    std::optional<qint64> closedAt;
    QStringList platformsDone; // of the index the rollout reached: changed, added (or removed)
    QStringList platformsPending;
    QList<qint64> rebuildIds;
    QList<qint64> steps; // detected_at of each rebuild in it
    // The platforms of the last step when the rollout took several (the ones that lagged), else empty.
    QString lastPlatform;
    bool versionMove = false;

    bool complete() const { return completedAt.has_value(); }
    bool inProgress() const { return !completedAt && !closedAt; }
};

constexpr qint64 kDefaultRolloutWindowMs = 72LL * 3600 * 1000;

// Groups the rebuilds of a history (oldest first) into rollouts; `rolloutOf` maps each rebuild's
// index in `history.rebuilds` to its rollout id. Whether the last one is closed follows from when the
// history last saw the tag, so the same history always gives the same rollouts.
QList<Rollout> groupRollouts(const TagHistory &history, qint64 windowMs = kDefaultRolloutWindowMs,
                             QList<int> *rolloutOf = nullptr);

// True when the user acknowledged any rebuild of the rollout: it is not announced again.
bool isAcknowledged(const TagHistory &history, const Rollout &rollout);

// The span a rebuild began, and our detection latency: from when upstream pushed (else built) the new
// digest to when we saw it; none when neither is known.
const Span *spanOfRebuild(const TagHistory &history, const Rebuild &rebuild);
std::optional<qint64> detectionLagMs(const TagHistory &history, const Rebuild &rebuild);

// What a new rebuild means for the people who run `userPlatforms` (empty: all of them).
struct RolloutNotice
{
    enum class Kind
    {
        None,
        Started, // the rollout reached the first of the user's platforms
        Done,    // every one of the user's platforms has it now
        StartedAndDone,
        Completed, // the whole rollout is complete, the user's platforms were already done: a quiet summary
        Closed,    // nothing can join the rollout any more and some of the user's platforms never got it
    };
    Kind kind = Kind::None;
    WatchedTag tag;
    Rollout rollout;
    Rebuild rebuild;   // the step that caused the notice
    int fromBuild = 0; // the build numbers of rebuild.from and rebuild.to (0: not known)
    int toBuild = 0;
    QStringList userPlatformsDone;
    QStringList userPlatformsPending;
    qint64 noticeId = 0; // in the outbox, once queued there
};

// The notice for the last rebuild of `history` (a history just extended by one rebuild).
RolloutNotice noticeForLatest(const TagHistory &history, const QStringList &userPlatforms,
                              qint64 windowMs = kDefaultRolloutWindowMs);

// The notice that the rollout `rolloutId` closed (see Rollout::closedAt) with some of the user's platforms
// not rebuilt, though it had reached others of them; Kind::None when it did not close so.
RolloutNotice noticeForClosed(const TagHistory &history, int rolloutId, const QStringList &userPlatforms,
                              qint64 windowMs = kDefaultRolloutWindowMs);

// What a notice means for those who follow a tag from outside the app (hooks, channels, `follow`): the
// rollout started on the tag's platforms, it is complete on them, or it closed without them all. The
// desktop's quiet summary (Kind::Completed, the other platforms caught up) is not such an event.
enum class RolloutEvent
{
    None,
    Started,
    Complete,
    Closed,
};
RolloutEvent rolloutEvent(RolloutNotice::Kind kind);
// "started" | "complete" | "closed" (the contract's words); empty for None.
QString rolloutEventName(RolloutEvent event);

} // namespace RebuildRadar
