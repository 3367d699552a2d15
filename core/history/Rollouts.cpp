#include "history/Rollouts.h"

#include <QSet>

#include <algorithm>

namespace RebuildRadar {

namespace {

// The platforms of the index a digest names, from the history's spans.
QStringList platformsOf(const TagHistory &history, const QString &digest)
{
    for (auto it = history.spans.crbegin(); it != history.spans.crend(); ++it) {
        if (it->digest == digest)
            return it->platforms.keys();
    }
    return {};
}

// The last time the history saw the tag, whatever it pointed to.
qint64 lastSeen(const TagHistory &history)
{
    qint64 last = 0;
    for (const Span &span : history.spans)
        last = std::max(last, span.lastSeen);
    return last;
}

void closeIfIncomplete(Rollout &rollout, qint64 at)
{
    if (!rollout.complete())
        rollout.closedAt = at;
}

QStringList touched(const Rebuild &r)
{
    return r.platformsChanged + r.platformsAdded;
}

// The build numbers of the digests the notice's rebuild moved between.
void numberBuilds(const TagHistory &history, RolloutNotice &notice)
{
    for (const Span &span : history.spans) {
        if (span.digest == notice.rebuild.from)
            notice.fromBuild = span.build;
        if (span.digest == notice.rebuild.to)
            notice.toBuild = span.build;
    }
}

} // namespace

QList<Rollout> groupRollouts(const TagHistory &history, qint64 windowMs, QList<int> *rolloutOf)
{
    QList<Rollout> rollouts;
    QSet<QString> changedInCurrent;
    QSet<QString> removedInCurrent;
    if (rolloutOf)
        rolloutOf->clear();
    for (const Rebuild &r : history.rebuilds) {
        const bool version = r.hasCause(CauseKind::Version);
        const QStringList platforms = touched(r);
        bool joins = !rollouts.isEmpty() && !version &&
                     r.detectedAt - rollouts.last().startedAt <= windowMs && !rollouts.last().complete();
        for (const QString &p : platforms)
            joins = joins && !changedInCurrent.contains(p);
        if (!joins) {
            if (!rollouts.isEmpty())
                closeIfIncomplete(rollouts.last(),
                                  std::min(r.detectedAt, rollouts.last().startedAt + windowMs));
            Rollout next;
            next.id = int(rollouts.size()) + 1;
            next.startedAt = r.detectedAt;
            next.versionMove = version;
            rollouts.append(next);
            changedInCurrent.clear();
            removedInCurrent.clear();
        }
        Rollout &current = rollouts.last();
        current.rebuildIds.append(r.id);
        current.steps.append(r.detectedAt);
        for (const QString &p : platforms)
            changedInCurrent.insert(p);
        for (const QString &p : r.platformsRemoved)
            removedInCurrent.insert(p);
        // Only a later step can bring what "came last": a single digest that changed every platform
        // at once has no laggard.
        if (!platforms.isEmpty())
            current.lastPlatform =
                current.steps.size() > 1 ? platforms.join(QStringLiteral(", ")) : QString();
        // Complete when every platform of the index it reached has changed since it began.
        const QStringList index = platformsOf(history, r.to);
        current.platformsDone.clear();
        current.platformsPending.clear();
        for (const QString &p : index)
            (changedInCurrent.contains(p) ? current.platformsDone : current.platformsPending).append(p);
        for (const QString &p : std::as_const(removedInCurrent))
            current.platformsDone.append(p);
        current.platformsDone.sort();
        if (current.platformsPending.isEmpty() && !index.isEmpty() && !current.complete())
            current.completedAt = r.detectedAt;
        if (rolloutOf)
            rolloutOf->append(current.id);
    }
    if (!rollouts.isEmpty()) {
        const qint64 windowEnd = rollouts.last().startedAt + windowMs;
        if (lastSeen(history) > windowEnd)
            closeIfIncomplete(rollouts.last(), windowEnd);
    }
    return rollouts;
}

RolloutNotice noticeForLatest(const TagHistory &history, const QStringList &userPlatforms, qint64 windowMs)
{
    RolloutNotice notice;
    notice.tag = history.tag;
    if (history.rebuilds.isEmpty())
        return notice;
    QList<int> rolloutOf;
    const QList<Rollout> rollouts = groupRollouts(history, windowMs, &rolloutOf);
    const Rollout &rollout = rollouts.last();
    notice.rollout = rollout;
    notice.rebuild = history.rebuilds.last();
    numberBuilds(history, notice);
    // The same rollout without its last step.
    TagHistory before = history;
    before.rebuilds.removeLast();
    QList<int> beforeOf;
    const QList<Rollout> earlier = groupRollouts(before, windowMs, &beforeOf);
    const bool sameRollout = !earlier.isEmpty() && earlier.size() == rollouts.size();
    const Rollout previous = sameRollout ? earlier.last() : Rollout{};

    const QStringList index = rollout.platformsDone + rollout.platformsPending;
    QStringList mine;
    for (const QString &p : index) {
        if (userPlatforms.isEmpty() || userPlatforms.contains(p))
            mine.append(p);
    }
    for (const QString &p : mine)
        (rollout.platformsDone.contains(p) ? notice.userPlatformsDone : notice.userPlatformsPending)
            .append(p);
    int mineBefore = 0;
    for (const QString &p : mine)
        mineBefore += previous.platformsDone.contains(p) ? 1 : 0;
    const bool startedNow = mineBefore == 0 && !notice.userPlatformsDone.isEmpty();
    const bool doneNow = notice.userPlatformsPending.isEmpty() && !mine.isEmpty() &&
                         mineBefore < mine.size() && !notice.userPlatformsDone.isEmpty();
    if (startedNow && doneNow)
        notice.kind = RolloutNotice::Kind::StartedAndDone;
    else if (startedNow)
        notice.kind = RolloutNotice::Kind::Started;
    else if (doneNow)
        notice.kind = RolloutNotice::Kind::Done;
    else if (rollout.complete() && !previous.complete() && sameRollout)
        notice.kind = RolloutNotice::Kind::Completed;
    return notice;
}

RolloutNotice noticeForClosed(const TagHistory &history, int rolloutId, const QStringList &userPlatforms,
                              qint64 windowMs)
{
    RolloutNotice notice;
    notice.tag = history.tag;
    QList<int> rolloutOf;
    const QList<Rollout> rollouts = groupRollouts(history, windowMs, &rolloutOf);
    if (rolloutId < 1 || rolloutId > rollouts.size())
        return notice;
    const Rollout &rollout = rollouts[rolloutId - 1];
    if (!rollout.closedAt || rollout.versionMove)
        return notice;
    for (const QString &p : rollout.platformsDone + rollout.platformsPending) {
        if (userPlatforms.isEmpty() || userPlatforms.contains(p))
            (rollout.platformsDone.contains(p) ? notice.userPlatformsDone : notice.userPlatformsPending)
                .append(p);
    }
    // Announced only where a start was: some of the user's platforms have it, some never got it.
    if (notice.userPlatformsDone.isEmpty() || notice.userPlatformsPending.isEmpty())
        return notice;
    notice.kind = RolloutNotice::Kind::Closed;
    notice.rollout = rollout;
    for (qsizetype i = history.rebuilds.size() - 1; i >= 0; --i) {
        if (rolloutOf.value(i) == rolloutId) {
            notice.rebuild = history.rebuilds[i]; // its last step
            break;
        }
    }
    numberBuilds(history, notice);
    return notice;
}

RolloutEvent rolloutEvent(RolloutNotice::Kind kind)
{
    switch (kind) {
    case RolloutNotice::Kind::Started:
        return RolloutEvent::Started;
    case RolloutNotice::Kind::Done:
    case RolloutNotice::Kind::StartedAndDone:
        return RolloutEvent::Complete;
    case RolloutNotice::Kind::Closed:
        return RolloutEvent::Closed;
    case RolloutNotice::Kind::None:
    case RolloutNotice::Kind::Completed:
        break;
    }
    return RolloutEvent::None;
}

} // namespace RebuildRadar

namespace RebuildRadar {

bool isAcknowledged(const TagHistory &history, const Rollout &rollout)
{
    return std::any_of(history.rebuilds.begin(), history.rebuilds.end(),
                       [&](const Rebuild &r) { return r.acknowledged && rollout.rebuildIds.contains(r.id); });
}

const Span *spanOfRebuild(const TagHistory &history, const Rebuild &rebuild)
{
    for (const Span &span : history.spans) {
        if (span.digest == rebuild.to && span.firstSeen == rebuild.detectedAt)
            return &span;
    }
    return nullptr;
}

std::optional<qint64> detectionLagMs(const TagHistory &history, const Rebuild &rebuild)
{
    const Span *span = spanOfRebuild(history, rebuild);
    if (!span || !span->upstreamAt() || *span->upstreamAt() > rebuild.detectedAt)
        return std::nullopt;
    return rebuild.detectedAt - *span->upstreamAt();
}

QString rolloutEventName(RolloutEvent event)
{
    switch (event) {
    case RolloutEvent::Started:
        return QStringLiteral("started");
    case RolloutEvent::Complete:
        return QStringLiteral("complete");
    case RolloutEvent::Closed:
        return QStringLiteral("closed");
    case RolloutEvent::None:
        break;
    }
    return {};
}

} // namespace RebuildRadar
