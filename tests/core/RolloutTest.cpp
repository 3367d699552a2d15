// Rollouts from sequences seen on real official images.
#include "common/SharedSettings.h"
#include "history/Rollouts.h"
#include "registry/ManifestParser.h"

#include <QSettings>

#include <gtest/gtest.h>

using namespace RebuildRadar;

namespace {

const qint64 kHour = 3600 * 1000;
const QStringList kAll{QStringLiteral("linux/386"),      QStringLiteral("linux/amd64"),
                       QStringLiteral("linux/arm/v5"),   QStringLiteral("linux/arm/v7"),
                       QStringLiteral("linux/arm64/v8"), QStringLiteral("linux/ppc64le"),
                       QStringLiteral("linux/riscv64"),  QStringLiteral("linux/s390x")};

// Builds a history step by step: each step changes some platforms of the previous index.
struct Builder
{
    Builder()
    {
        Span first;
        first.digest = sha256Digest("index-0");
        for (const QString &p : kAll)
            first.platforms.insert(p, PlatformImage{sha256Digest(p.toUtf8() + "-0"), {}});
        history.spans.append(first);
    }
    void step(qint64 at, const QStringList &changed, const QStringList &removed = {}, bool version = false)
    {
        Span next = history.spans.last();
        next.digest = sha256Digest("index-" + QByteArray::number(++n));
        next.firstSeen = at;
        for (const QString &p : changed)
            next.platforms[p].digest = sha256Digest(p.toUtf8() + '-' + QByteArray::number(n));
        for (const QString &p : removed)
            next.platforms.remove(p);
        Rebuild r;
        r.id = n;
        r.detectedAt = at;
        r.from = history.spans.last().digest;
        r.to = next.digest;
        r.platformsChanged = changed;
        r.platformsRemoved = removed;
        r.causes = {Cause{version ? CauseKind::Version : CauseKind::BaseImage, QString()}};
        history.spans.append(next);
        history.rebuilds.append(r);
    }
    TagHistory history;
    int n = 0;
};

QStringList l(std::initializer_list<const char *> names)
{
    QStringList out;
    for (const char *name : names)
        out.append(QString::fromLatin1(name));
    return out;
}

} // namespace

TEST(Rollouts, PythonSlimOverTwoDaysIsOneRollout)
{
    Builder b;
    b.step(0, l({"linux/amd64", "linux/arm/v5"}));
    b.step(3 * kHour, l({"linux/arm64/v8"}));
    b.step(9 * kHour, l({"linux/arm/v7", "linux/386", "linux/ppc64le", "linux/s390x"}));
    QList<int> of;
    QList<Rollout> rollouts = groupRollouts(b.history, kDefaultRolloutWindowMs, &of);
    ASSERT_EQ(rollouts.size(), 1);
    EXPECT_FALSE(rollouts[0].complete());
    EXPECT_EQ(rollouts[0].platformsPending, l({"linux/riscv64"}));
    EXPECT_EQ(rollouts[0].platformsDone.size(), 7);
    b.step(50 * kHour, l({"linux/riscv64"}));
    rollouts = groupRollouts(b.history, kDefaultRolloutWindowMs, &of);
    ASSERT_EQ(rollouts.size(), 1);
    EXPECT_TRUE(rollouts[0].complete());
    EXPECT_EQ(*rollouts[0].completedAt, 50 * kHour);
    EXPECT_EQ(rollouts[0].lastPlatform, QStringLiteral("linux/riscv64"));
    EXPECT_EQ(of, (QList<int>{1, 1, 1, 1}));
    EXPECT_EQ(rollouts[0].steps.size(), 4);
}

TEST(Rollouts, SecondChangeOfAPlatformVersionAndWindowStartNewOnes)
{
    Builder b;
    b.step(0, l({"linux/amd64"}));
    b.step(1 * kHour, l({"linux/amd64"}));              // amd64 again: a new rollout
    b.step(2 * kHour, l({"linux/arm64/v8"}), {}, true); // a version release: a new one
    b.step(3 * kHour, l({"linux/386"}));                // joins the version's rollout
    b.step(200 * kHour, l({"linux/s390x"}));            // past 72 h: a new one
    QList<int> of;
    const QList<Rollout> rollouts = groupRollouts(b.history, kDefaultRolloutWindowMs, &of);
    EXPECT_EQ(of, (QList<int>{1, 2, 3, 3, 4}));
    ASSERT_EQ(rollouts.size(), 4);
    EXPECT_TRUE(rollouts[2].versionMove);
    EXPECT_FALSE(rollouts[0].complete());
}

TEST(Rollouts, AnIncompleteRolloutClosesWhenNothingCanJoinItAnyMore)
{
    const qint64 window = kDefaultRolloutWindowMs;
    Builder b;
    b.step(0, l({"linux/amd64"}));
    b.step(kHour, l({"linux/amd64"})); // amd64 again: the first can take nothing more
    b.history.spans.last().lastSeen = window - kHour;
    QList<Rollout> rollouts = groupRollouts(b.history, window);
    ASSERT_EQ(rollouts.size(), 2);
    EXPECT_EQ(rollouts[0].closedAt, kHour);
    EXPECT_FALSE(rollouts[0].inProgress());
    EXPECT_FALSE(rollouts[0].complete());
    // the tag was last seen inside the second's window: its pending platforms may still come
    EXPECT_TRUE(rollouts[1].inProgress());
    EXPECT_FALSE(rollouts[1].closedAt.has_value());

    // seen after the window with the rest still pending: closed when the window ended
    b.history.spans.last().lastSeen = kHour + window + 1;
    rollouts = groupRollouts(b.history, window);
    EXPECT_EQ(rollouts[1].closedAt, kHour + window);
    EXPECT_FALSE(rollouts[1].inProgress());
    EXPECT_EQ(rollouts[1].platformsPending.size(), kAll.size() - 1);

    // a late platform past the window starts a rollout of its own; the one it missed stays closed
    b.step(kHour + window + 2 * kHour, l({"linux/riscv64"}));
    rollouts = groupRollouts(b.history, window);
    ASSERT_EQ(rollouts.size(), 3);
    EXPECT_EQ(rollouts[1].closedAt, kHour + window);
    EXPECT_TRUE(rollouts[2].inProgress());

    // a complete rollout is never closed, however long ago
    Builder all;
    all.step(0, kAll);
    all.history.spans.last().lastSeen = 10 * window;
    rollouts = groupRollouts(all.history, window);
    ASSERT_EQ(rollouts.size(), 1);
    EXPECT_TRUE(rollouts[0].complete());
    EXPECT_FALSE(rollouts[0].closedAt.has_value());
    EXPECT_FALSE(rollouts[0].inProgress());
}

TEST(Rollouts, DroppedPlatformCountsAsDone)
{
    Builder b;
    b.step(0, QStringList(kAll).mid(0, 6), l({"linux/s390x"}));
    QStringList rest = kAll;
    rest.removeAll(QStringLiteral("linux/s390x"));
    b.step(kHour, rest.mid(6));
    const QList<Rollout> rollouts = groupRollouts(b.history);
    ASSERT_EQ(rollouts.size(), 1);
    EXPECT_TRUE(rollouts[0].complete()) << rollouts[0].platformsPending.join(u',').toStdString();
    EXPECT_TRUE(rollouts[0].platformsDone.contains(QStringLiteral("linux/s390x")));
}

TEST(Rollouts, NoticesFollowTheUserPlatforms)
{
    Builder b;
    const QStringList mine = l({"linux/arm64/v8"});
    b.step(0, l({"linux/amd64", "linux/arm/v5"}));
    EXPECT_EQ(noticeForLatest(b.history, mine).kind, RolloutNotice::Kind::None);  // not on my platforms
    EXPECT_EQ(noticeForLatest(b.history, {}).kind, RolloutNotice::Kind::Started); // all platforms are mine
    b.step(3 * kHour, l({"linux/arm64/v8"}));
    RolloutNotice n = noticeForLatest(b.history, mine);
    EXPECT_EQ(n.kind, RolloutNotice::Kind::StartedAndDone);
    EXPECT_EQ(n.userPlatformsDone, mine);
    b.step(9 * kHour, l({"linux/arm/v7", "linux/386", "linux/ppc64le", "linux/s390x"}));
    EXPECT_EQ(noticeForLatest(b.history, mine).kind, RolloutNotice::Kind::None);
    b.step(50 * kHour, l({"linux/riscv64"}));
    EXPECT_EQ(noticeForLatest(b.history, mine).kind, RolloutNotice::Kind::Completed); // the quiet summary
    EXPECT_EQ(noticeForLatest(b.history, {}).kind, RolloutNotice::Kind::Done);

    const QStringList two = l({"linux/amd64", "linux/riscv64"});
    Builder c;
    c.step(0, l({"linux/amd64"}));
    EXPECT_EQ(noticeForLatest(c.history, two).kind, RolloutNotice::Kind::Started);
    c.step(kHour, l({"linux/386"}));
    EXPECT_EQ(noticeForLatest(c.history, two).kind, RolloutNotice::Kind::None);
    c.step(2 * kHour, l({"linux/riscv64"}));
    RolloutNotice done = noticeForLatest(c.history, two);
    EXPECT_EQ(done.kind, RolloutNotice::Kind::Done);
    EXPECT_TRUE(done.userPlatformsPending.isEmpty());
}

TEST(Rollouts, TheWindowIsConfigurable)
{
    Builder b;
    b.step(0, l({"linux/amd64"}));
    b.step(30 * kHour, l({"linux/arm64/v8"}));
    EXPECT_EQ(groupRollouts(b.history).size(), 1);             // within 72 h
    EXPECT_EQ(groupRollouts(b.history, 24 * kHour).size(), 2); // a 24 h window splits it
    QSettings().setValue(QStringLiteral("rollouts/windowHours"), 24);
    EXPECT_EQ(SharedSettings::load().rolloutWindowMs(), 24 * kHour);
    QSettings().setValue(QStringLiteral("rollouts/windowHours"), 100000); // out of range: the default
    EXPECT_EQ(SharedSettings::load().rolloutWindowMs(), kDefaultRolloutWindowMs);
    QSettings().remove(QStringLiteral("rollouts/windowHours"));
}

TEST(Rollouts, AcknowledgedRolloutsAreNotAnnouncedAgain)
{
    Builder b;
    b.step(0, l({"linux/amd64"}));
    b.step(kHour, l({"linux/arm64/v8"}));
    const QList<Rollout> rollouts = groupRollouts(b.history);
    EXPECT_FALSE(isAcknowledged(b.history, rollouts[0]));
    b.history.rebuilds[0].acknowledged = true;
    EXPECT_TRUE(isAcknowledged(b.history, rollouts[0]));
}

TEST(Rollouts, AClosedRolloutIsAnnouncedOnlyWhereTheUsersPlatformsWereLeftOut)
{
    const qint64 window = kDefaultRolloutWindowMs;
    Builder b;
    b.step(0, l({"linux/amd64"}));
    b.step(2 * kHour, l({"linux/arm64/v8"}));
    // still inside its window: not closed, nothing to say
    b.history.spans.last().lastSeen = window - kHour;
    EXPECT_EQ(noticeForClosed(b.history, 1, {}, window).kind, RolloutNotice::Kind::None);
    // seen after the window: closed with six of eight platforms not rebuilt
    b.history.spans.last().lastSeen = window + kHour;
    RolloutNotice closed = noticeForClosed(b.history, 1, {}, window);
    EXPECT_EQ(closed.kind, RolloutNotice::Kind::Closed);
    EXPECT_EQ(closed.userPlatformsDone, l({"linux/amd64", "linux/arm64/v8"}));
    EXPECT_EQ(closed.userPlatformsPending.size(), kAll.size() - 2);
    EXPECT_EQ(closed.rebuild.id, 2); // its last step
    EXPECT_EQ(rolloutEvent(closed.kind), RolloutEvent::Closed);
    // for someone who runs only amd64 and arm64 the rollout was complete: nothing closed for them
    EXPECT_EQ(noticeForClosed(b.history, 1, l({"linux/amd64", "linux/arm64/v8"}), window).kind,
              RolloutNotice::Kind::None);
    // nor for someone whose platforms it never reached
    EXPECT_EQ(noticeForClosed(b.history, 1, l({"linux/s390x"}), window).kind, RolloutNotice::Kind::None);
    // a version move is not a rollout that could close
    Builder v;
    v.step(0, l({"linux/amd64"}), {}, true);
    v.history.spans.last().lastSeen = 2 * window;
    EXPECT_EQ(noticeForClosed(v.history, 1, {}, window).kind, RolloutNotice::Kind::None);
}

TEST(Rollouts, EventsOutsideTheAppAreStartedCompleteAndClosed)
{
    EXPECT_EQ(rolloutEvent(RolloutNotice::Kind::Started), RolloutEvent::Started);
    EXPECT_EQ(rolloutEvent(RolloutNotice::Kind::Done), RolloutEvent::Complete);
    // one notice, not two, when a rebuild reaches every platform at once
    EXPECT_EQ(rolloutEvent(RolloutNotice::Kind::StartedAndDone), RolloutEvent::Complete);
    EXPECT_EQ(rolloutEvent(RolloutNotice::Kind::Closed), RolloutEvent::Closed);
    // the desktop's quiet summary and no notice at all are not events
    EXPECT_EQ(rolloutEvent(RolloutNotice::Kind::Completed), RolloutEvent::None);
    EXPECT_EQ(rolloutEvent(RolloutNotice::Kind::None), RolloutEvent::None);
}

// "came last" names the platforms of a rollout's last step only when there were several steps: one
// digest that changed every platform at once has no laggard.
TEST(Rollouts, NothingCameLastWhenOneDigestChangedEveryPlatform)
{
    Builder b;
    b.step(0, kAll);
    const QList<Rollout> rollouts = groupRollouts(b.history);
    ASSERT_EQ(rollouts.size(), 1);
    EXPECT_TRUE(rollouts[0].complete());
    EXPECT_TRUE(rollouts[0].lastPlatform.isEmpty()) << rollouts[0].lastPlatform.toStdString();
}

// A notice carries the build numbers of the digests it moved between ("rebuilt: build 7 → 8").
TEST(Rollouts, NoticesCarryTheBuildNumbers)
{
    Builder b;
    b.step(0, l({"linux/amd64"}));
    for (qsizetype i = 0; i < b.history.spans.size(); ++i)
        b.history.spans[i].build = int(i) + 7;
    const RolloutNotice notice = noticeForLatest(b.history, {});
    EXPECT_EQ(notice.fromBuild, 7);
    EXPECT_EQ(notice.toBuild, 8);
}
