// The CLI's words for counts and ages, in English (no catalogue loaded): singular and plural right,
// and no "0 days ago".
#include "cli/PollCommand.h"
#include "cli/ScanCommand.h"

#include <gtest/gtest.h>

using namespace RebuildRadar;

TEST(CliWording, PinAgesAreWordedHumanly)
{
    constexpr qint64 hour = 3600 * 1000;
    EXPECT_EQ(ScanCommand::pinAgeText(0), QStringLiteral("pinned digest first seen today"));
    EXPECT_EQ(ScanCommand::pinAgeText(23 * hour), QStringLiteral("pinned digest first seen today"));
    EXPECT_EQ(ScanCommand::pinAgeText(24 * hour), QStringLiteral("pinned digest first seen 1 day ago"));
    EXPECT_EQ(ScanCommand::pinAgeText(47 * hour), QStringLiteral("pinned digest first seen 1 day ago"));
    EXPECT_EQ(ScanCommand::pinAgeText(48 * hour), QStringLiteral("pinned digest first seen 2 days ago"));
    EXPECT_EQ(ScanCommand::pinAgeText(400 * 24 * hour),
              QStringLiteral("pinned digest first seen 400 days ago"));
    // A clock that went back does not make an age negative.
    EXPECT_EQ(ScanCommand::pinAgeText(-5 * hour), QStringLiteral("pinned digest first seen today"));
}

TEST(CliWording, QuietPollCountsTags)
{
    EXPECT_EQ(PollCommand::noRebuildsText(0), QStringLiteral("0 tags checked, no rebuilds"));
    EXPECT_EQ(PollCommand::noRebuildsText(1), QStringLiteral("1 tag checked, no rebuilds"));
    EXPECT_EQ(PollCommand::noRebuildsText(12), QStringLiteral("12 tags checked, no rebuilds"));
}
