#include "poll/Settler.h"
#include "FakeClock.h"

#include <QSignalSpy>

#include <gtest/gtest.h>

using namespace RebuildRadar;
using namespace RebuildRadar::Test;

namespace {
RebuildEvent event(qint64 tagId, QStringList changed, bool relevant = true)
{
    RebuildEvent e;
    e.tag.id = tagId;
    e.tag.reference = QStringLiteral("docker.io/library/python:3.13");
    e.rebuild.tagId = tagId;
    e.rebuild.platformsChanged = std::move(changed);
    e.rebuild.causes = {Cause{CauseKind::BaseImage, QStringLiteral("base image changed")}};
    e.relevant = relevant;
    return e;
}
} // namespace

TEST(Settler, GroupsRebuildsWithinTheWindow)
{
    FakeClock clock;
    Settler settler(clock);
    QSignalSpy settled(&settler, &Settler::settled);
    settler.add(event(1, {QStringLiteral("linux/amd64")}));
    clock.advance(10 * 60 * 1000);
    settler.add(event(1, {QStringLiteral("linux/arm64/v8")}));
    settler.add(event(2, {QStringLiteral("linux/amd64")}));
    clock.advance(25 * 60 * 1000);
    settler.process();
    EXPECT_EQ(settled.size(), 0); // the last rebuild of each tag is less than 30 min old
    clock.advance(5 * 60 * 1000);
    settler.process();
    ASSERT_EQ(settled.size(), 2);
    SettledRebuild first = settled[0][0].value<SettledRebuild>();
    SettledRebuild second = settled[1][0].value<SettledRebuild>();
    if (first.tag.id != 1)
        std::swap(first, second);
    EXPECT_EQ(first.rebuilds.size(), 2);
    EXPECT_EQ(first.platforms(),
              (QStringList{QStringLiteral("linux/amd64"), QStringLiteral("linux/arm64/v8")}));
    EXPECT_EQ(first.causes().size(), 1);
    EXPECT_EQ(second.rebuilds.size(), 1);
    EXPECT_EQ(settler.pendingGroups(), 0);
}

TEST(Settler, SkipsMutedIrrelevantAndIndexOnly)
{
    FakeClock clock;
    Settler settler(clock);
    RebuildEvent muted = event(1, {QStringLiteral("linux/amd64")});
    muted.tag.muted = true;
    settler.add(muted);
    settler.add(event(2, {QStringLiteral("linux/amd64")}, false));
    settler.add(event(3, {}));
    EXPECT_EQ(settler.pendingGroups(), 0);
    settler.setAnnounceIndexOnly(true);
    settler.add(event(3, {}));
    EXPECT_EQ(settler.pendingGroups(), 1);
}
