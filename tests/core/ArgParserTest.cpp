// The command line's grammar, below the binary: options anywhere, `--name=value`, repeats, `--`, and
// the errors a typo gets; the duration and platform-list rules the CLI and the desktop share.
#include "cli/ArgParser.h"
#include "common/Duration.h"
#include "common/PlatformList.h"

#include <gtest/gtest.h>

using namespace RebuildRadar;

namespace {

const OptionSpec kSpec{{QStringLiteral("--every"), QStringLiteral("--db"), QStringLiteral("-o")},
                       {QStringLiteral("--json"), QStringLiteral("--exit-code")}};

QStringList words(const char *text)
{
    return QString::fromUtf8(text).split(u' ', Qt::SkipEmptyParts);
}

} // namespace

TEST(ArgParser, OptionsBeforeAndAfterPositionalsAreTheSame)
{
    const auto before = parseArgs(words("--every 2s --json python:3.13 ghcr.io/o/a:1"), kSpec);
    const auto after = parseArgs(words("python:3.13 --json ghcr.io/o/a:1 --every 2s"), kSpec);
    ASSERT_TRUE(before.ok());
    ASSERT_TRUE(after.ok());
    for (const ParsedArgs &p : {*before, *after}) {
        EXPECT_EQ(p.positionals,
                  (QStringList{QStringLiteral("python:3.13"), QStringLiteral("ghcr.io/o/a:1")}));
        EXPECT_EQ(p.value(QStringLiteral("--every")), QStringLiteral("2s"));
        EXPECT_TRUE(p.has(QStringLiteral("--json")));
        EXPECT_TRUE(p.flags.contains(QStringLiteral("--json")));
        EXPECT_FALSE(p.has(QStringLiteral("--exit-code")));
        EXPECT_FALSE(p.has(QStringLiteral("--db")));
    }
}

TEST(ArgParser, InlineValuesAndRepeatedOptionsKeepEveryValueInOrder)
{
    const auto p = parseArgs(words("--db=/tmp/a.sqlite -o - --db /tmp/b.sqlite --db=/tmp/c=d"), kSpec);
    ASSERT_TRUE(p.ok());
    EXPECT_EQ(p->all(QStringLiteral("--db")),
              (QStringList{QStringLiteral("/tmp/a.sqlite"), QStringLiteral("/tmp/b.sqlite"),
                           QStringLiteral("/tmp/c=d")}));
    EXPECT_EQ(p->value(QStringLiteral("-o")), QStringLiteral("-"));
    EXPECT_TRUE(p->positionals.isEmpty());
    EXPECT_TRUE(p->all(QStringLiteral("--every")).isEmpty());
}

TEST(ArgParser, ValueOptionsTakeTheNextWordEvenWhenItLooksLikeAnOption)
{
    const auto p = parseArgs(words("--db --json"), kSpec);
    ASSERT_TRUE(p.ok());
    EXPECT_EQ(p->value(QStringLiteral("--db")), QStringLiteral("--json"));
    EXPECT_FALSE(p->flags.contains(QStringLiteral("--json")));
}

TEST(ArgParser, DoubleDashEndsOptionsAndALoneDashIsPositional)
{
    const auto p = parseArgs(words("--json - -- --every -x"), kSpec);
    ASSERT_TRUE(p.ok());
    EXPECT_TRUE(p->has(QStringLiteral("--json")));
    EXPECT_EQ(p->positionals,
              (QStringList{QStringLiteral("-"), QStringLiteral("--every"), QStringLiteral("-x")}));
    EXPECT_FALSE(p->has(QStringLiteral("--every")));
}

TEST(ArgParser, UnknownOptionsMissingValuesAndValuedFlagsAreErrorsNamingTheOption)
{
    const auto unknown = parseArgs(words("python --jsno"), kSpec);
    ASSERT_FALSE(unknown.ok());
    EXPECT_EQ(unknown.error().code, ErrorCode::InvalidInput);
    EXPECT_TRUE(unknown.error().message.contains(QStringLiteral("--jsno")));

    const auto shortUnknown = parseArgs(words("-x"), kSpec);
    ASSERT_FALSE(shortUnknown.ok());
    EXPECT_TRUE(shortUnknown.error().message.contains(QStringLiteral("-x")));

    const auto missing = parseArgs(words("python --every"), kSpec);
    ASSERT_FALSE(missing.ok());
    EXPECT_TRUE(missing.error().message.contains(QStringLiteral("--every")));
    EXPECT_TRUE(missing.error().message.contains(QStringLiteral("value")));

    const auto valuedFlag = parseArgs(words("--json=yes"), kSpec);
    ASSERT_FALSE(valuedFlag.ok());
    EXPECT_TRUE(valuedFlag.error().message.contains(QStringLiteral("--json")));

    // `=` only splits long options: `-o=x` is not `-o` with a value.
    EXPECT_FALSE(parseArgs(words("-o=x"), kSpec).ok());
}

TEST(Duration, ParsesUnitsAndSums)
{
    EXPECT_EQ(parseDuration(QStringLiteral("30s")).value(), 30);
    EXPECT_EQ(parseDuration(QStringLiteral("15m")).value(), 900);
    EXPECT_EQ(parseDuration(QStringLiteral("6h")).value(), 21600);
    EXPECT_EQ(parseDuration(QStringLiteral("1d")).value(), 86400);
    EXPECT_EQ(parseDuration(QStringLiteral("1h30m")).value(), 5400);
    EXPECT_EQ(parseDuration(QStringLiteral("1s")).value(), 1);
    EXPECT_EQ(parseDuration(QStringLiteral("366d")).value(), 366 * 86400);
}

TEST(Duration, RefusesWhatIsNotADurationOrOutOfRange)
{
    for (const char *bad :
         {"", "0s", "0m0s", "5", "1w", "-1s", "1.5h", "h", " 1h", "1h ", "367d", "9999999999s", "1D"}) {
        const auto d = parseDuration(QString::fromUtf8(bad));
        ASSERT_FALSE(d.ok()) << bad;
        EXPECT_EQ(d.error().code, ErrorCode::InvalidInput) << bad;
    }
    EXPECT_TRUE(parseDuration(QStringLiteral("0s")).error().message.contains(QStringLiteral("0s")));
}

TEST(Duration, FormatsInTheLargestWholeUnit)
{
    EXPECT_EQ(formatDuration(86400), QStringLiteral("1d"));
    EXPECT_EQ(formatDuration(2 * 86400), QStringLiteral("2d"));
    EXPECT_EQ(formatDuration(21600), QStringLiteral("6h"));
    EXPECT_EQ(formatDuration(5400), QStringLiteral("90m"));
    EXPECT_EQ(formatDuration(45), QStringLiteral("45s"));
    EXPECT_EQ(formatDuration(3601), QStringLiteral("3601s"));
}

TEST(PlatformList, KeepsOrderDropsDuplicatesAndRefusesMalformedEntries)
{
    EXPECT_EQ(parsePlatforms(QStringLiteral("linux/arm64/v8, linux/amd64,linux/arm64/v8")).value(),
              (QStringList{QStringLiteral("linux/arm64/v8"), QStringLiteral("linux/amd64")}));
    for (const char *bad : {"linux", "linux/", "Linux/amd64", "linux/amd64,", "a/b/c/d"}) {
        const auto p = parsePlatforms(QString::fromUtf8(bad));
        EXPECT_FALSE(p.ok()) << bad;
    }
}
