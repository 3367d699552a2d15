// `follow` (issue 23): the real CLI streams the rebuilds another program records, from the moment it
// says it follows, with their rollout notice, and stops cleanly on SIGTERM; on a SQLite file (it
// watches data_version) and on a team database (it listens).
#include "CliRunner.h"
#include "FakeClock.h"
#include "TempStore.h"
#include "history/RebuildClassifier.h"
#include "registry/ManifestParser.h"
#include "store/Database.h"
#include "store/HistoryStore.h"

#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QTest>

#include <gtest/gtest.h>

#include <csignal>

using namespace RebuildRadar;
using namespace RebuildRadar::Test;

namespace {

Observation seen(qint64 tagId, qint64 at, const QString &build)
{
    TagState s;
    s.digest = sha256Digest(QStringLiteral("index-%1").arg(build).toUtf8());
    s.mediaType = MediaType::OciIndex;
    s.detailed = true;
    for (const QString &p : {QStringLiteral("linux/amd64"), QStringLiteral("linux/arm64")})
        s.platforms.insert(p, PlatformImage{sha256Digest((p + build).toUtf8()), {}});
    return Observation{tagId, at, TagStatus::Ok, {}, s};
}

// Lines of the process's stdout, as they come.
QStringList linesOf(QProcess &p, QByteArray &buffer)
{
    buffer += p.readAllStandardOutput();
    QStringList lines;
    while (buffer.contains('\n')) {
        const qsizetype end = buffer.indexOf('\n');
        lines.append(QString::fromUtf8(buffer.left(end)));
        buffer.remove(0, end + 1);
    }
    return lines;
}

class FollowOn : public testing::TestWithParam<Backend>
{};

} // namespace

INSTANTIATE_TEST_SUITE_P(Backends, FollowOn, testing::Values(Backend::SQLite, Backend::PostgreSQL),
                         [](const testing::TestParamInfo<Backend> &backend) {
                             return PrintToString(backend.param);
                         });

TEST_P(FollowOn, StreamsRebuildsOthersRecordFromNowOnAndStopsOnSigterm)
{
    CliRunner cli;
    const QString location =
        GetParam() == Backend::PostgreSQL ? LocalPostgres::shared().createDatabase() : cli.dbPath();
    cli.env().insert(QStringLiteral("REBUILDRADAR_DB"), location);
    ASSERT_EQ(
        cli.run({QStringLiteral("watch"), QStringLiteral("add"), QStringLiteral("127.0.0.1:5000/acme/api:1")})
            .exitCode,
        0);
    FakeClock clock;
    auto db = Database::open(location);
    ASSERT_TRUE(db.ok()) << db.error().message.toStdString();
    HistoryStore store(**db, [&clock] { return clock.nowMs(); });
    const qint64 tagId = (*store.tag(QStringLiteral("127.0.0.1:5000/acme/api:1")))->id;
    ASSERT_TRUE(store.record({seen(tagId, clock.nowMs(), QStringLiteral("1"))}, classifyRebuild).ok());
    clock.advance(60000);
    ASSERT_TRUE(
        store.record({seen(tagId, clock.nowMs(), QStringLiteral("2"))}, classifyRebuild).ok()); // past

    auto follow = cli.start({QStringLiteral("follow"), QStringLiteral("--json")});
    ASSERT_TRUE(QTest::qWaitFor([&] { return follow->readAllStandardError().contains("following"); }, 20000));
    clock.advance(60000);
    auto recorded = store.record({seen(tagId, clock.nowMs(), QStringLiteral("3"))}, classifyRebuild);
    ASSERT_TRUE(recorded.ok() && recorded->size() == 1);

    QByteArray buffer;
    QStringList lines;
    ASSERT_TRUE(QTest::qWaitFor(
        [&] {
            lines += linesOf(*follow, buffer);
            return !lines.isEmpty();
        },
        20000));
    ASSERT_EQ(lines.size(), 1) << lines.join(u'\n').toStdString(); // the past rebuild is not news
    const QJsonObject line = QJsonDocument::fromJson(lines.first().toUtf8()).object();
    EXPECT_EQ(line.value(QStringLiteral("reference")).toString(),
              QStringLiteral("127.0.0.1:5000/acme/api:1"));
    EXPECT_EQ(line.value(QStringLiteral("from")).toString(),
              seen(tagId, 0, QStringLiteral("2")).state->digest);
    EXPECT_EQ(line.value(QStringLiteral("to")).toString(), seen(tagId, 0, QStringLiteral("3")).state->digest);
    EXPECT_EQ(line.value(QStringLiteral("platforms_changed")).toArray().size(), 2);
    // both platforms at once, on a tag whose platforms are all: one notice, complete
    EXPECT_EQ(line.value(QStringLiteral("notice")).toString(), QStringLiteral("complete"));
    EXPECT_EQ(line.value(QStringLiteral("rollout")).toInt(), 2);

    ::kill(pid_t(follow->processId()), SIGTERM);
    ASSERT_TRUE(follow->waitForFinished(20000));
    EXPECT_EQ(follow->exitStatus(), QProcess::NormalExit);
    EXPECT_EQ(follow->exitCode(), 0);
}

TEST(FollowE2E, AReferenceIsBadUsage)
{
    CliRunner cli;
    const CliRun r = cli.run({QStringLiteral("follow"), QStringLiteral("python:3")});
    EXPECT_EQ(r.exitCode, 2);
    EXPECT_TRUE(r.err.contains("follow takes no reference")) << r.err.toStdString();
}
