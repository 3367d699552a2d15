// Tag families on the real registry: expansion, new and vanished tags, aliases, and version moves told
// apart from silent rebuilds.
#include "CliRunner.h"
#include "ClientHarness.h"
#include "LocalRegistry.h"
#include "TempStore.h"
#include "poll/FamilyWatcher.h"
#include "poll/Poller.h"

#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QSignalSpy>

#include <gtest/gtest.h>

using namespace RebuildRadar;
using namespace RebuildRadar::Test;

namespace {
QString tagImage(Pusher &push, const QString &tag, const QByteArray &layer, const QString &version = {})
{
    TestImage image;
    image.layer = layer;
    if (!version.isEmpty())
        image.labels.insert(QStringLiteral("org.example.version"),
                            version); // not the OCI key: versions come from tags
    return push.tagImage(QStringLiteral("library/python"), tag, image);
}
} // namespace

TEST(Family, PatternsAreValidatedAndAnchored)
{
    EXPECT_FALSE(FamilyWatcher::compile(QStringLiteral("3.13(")).ok());
    EXPECT_FALSE(FamilyWatcher::compile(QString()).ok());
    auto re = FamilyWatcher::compile(FamilyWatcher::moreSpecificPattern(QStringLiteral("3.13")));
    ASSERT_TRUE(re.ok());
    for (const char *yes : {"3.13", "3.13.8", "3.13-slim", "3.13.8-bookworm"})
        EXPECT_TRUE(re->match(QString::fromLatin1(yes)).hasMatch()) << yes;
    for (const char *no : {"3.131", "23.13", "3.1", "3.13.", "latest"})
        EXPECT_FALSE(re->match(QString::fromLatin1(no)).hasMatch()) << no;
}

TEST(Family, CliExpandsTheFamilyAndReportsAliases)
{
    LocalRegistry registry;
    ASSERT_TRUE(registry.isRunning()) << registry.error().toStdString();
    Pusher push(registry.host());
    const QString d1 = tagImage(push, QStringLiteral("3.13.8"), "a");
    tagImage(push, QStringLiteral("3.13"), "a");
    tagImage(push, QStringLiteral("3.13-slim"), "s");
    tagImage(push, QStringLiteral("3.12"), "old");
    tagImage(push, QStringLiteral("latest"), "a");
    CliRunner cli;
    const QString repo = registry.host() + QStringLiteral("/library/python");
    EXPECT_EQ(cli.run({QStringLiteral("watch"), QStringLiteral("add"), repo, QStringLiteral("--tags"),
                       QStringLiteral("3.13(")})
                  .exitCode,
              2);
    EXPECT_EQ(cli.run({QStringLiteral("watch"), QStringLiteral("add"), repo + QStringLiteral(":3.13"),
                       QStringLiteral("--tags"), QStringLiteral("3.*")})
                  .exitCode,
              2);
    auto add = cli.run({QStringLiteral("watch"), QStringLiteral("add"), repo, QStringLiteral("--tags"),
                        QStringLiteral("3\\.13([.-].+)?"), QStringLiteral("--every"), QStringLiteral("1h")});
    ASSERT_EQ(add.exitCode, 0) << add.err.toStdString();
    EXPECT_TRUE(add.out.contains("3 new tag")) << add.out.toStdString();
    ASSERT_EQ(cli.run({QStringLiteral("poll")}).exitCode, 0);
    const QJsonArray list =
        QJsonDocument::fromJson(
            cli.run({QStringLiteral("watch"), QStringLiteral("list"), QStringLiteral("--json")}).out)
            .array();
    ASSERT_EQ(list.size(), 3);
    for (const QJsonValue &v : list) {
        const QJsonObject o = v.toObject();
        EXPECT_EQ(o[QStringLiteral("family")].toString(), QStringLiteral("3\\.13([.-].+)?"));
        EXPECT_EQ(o[QStringLiteral("interval_seconds")].toInt(), 3600);
        if (o[QStringLiteral("tag")] == QStringLiteral("3.13")) {
            EXPECT_EQ(o[QStringLiteral("aliases")].toArray(), QJsonArray{QStringLiteral("3.13.8")});
            EXPECT_EQ(o[QStringLiteral("current_digest")].toString(), d1);
        }
        if (o[QStringLiteral("tag")] == QStringLiteral("3.13-slim")) {
            EXPECT_TRUE(o[QStringLiteral("aliases")].toArray().isEmpty());
        }
    }
}

TEST(Family, NewAndVanishedTagsAndVersionMovesApartFromSilentRebuilds)
{
    LocalRegistry registry;
    ASSERT_TRUE(registry.isRunning()) << registry.error().toStdString();
    Pusher push(registry.host());
    const QString first = tagImage(push, QStringLiteral("3.13.8"), "v8");
    tagImage(push, QStringLiteral("3.13"), "v8");
    TempStore db;
    ClientHarness net;
    Poller poller(*db.store, net.client, db.clock);
    FamilyWatcher families(*db.store, net.client, db.clock);
    auto family = db.store->addFamily(registry.host(), QStringLiteral("library/python"),
                                      FamilyWatcher::moreSpecificPattern(QStringLiteral("3.13")), 60);
    ASSERT_TRUE(family.ok());
    auto sync = [&]() {
        std::optional<Result<QStringList>> out;
        families.sync(*family, 60, &net.context, [&](Result<QStringList> r) { out.emplace(std::move(r)); });
        EXPECT_TRUE(QTest::qWaitFor([&] { return out.has_value(); }, 20000));
        return out->ok() ? out->value() : QStringList();
    };
    auto sweep = [&]() {
        QSignalSpy finished(&poller, &Poller::sweepFinished);
        poller.checkNow();
        EXPECT_TRUE(finished.wait(20000));
    };
    EXPECT_EQ(sync().size(), 2);
    sweep();
    QSignalSpy rebuilds(&poller, &Poller::rebuildDetected);

    // 3.13.9 is released and 3.13 moves to it: a new tag, and a version move.
    const QString released = tagImage(push, QStringLiteral("3.13.9"), "v9");
    tagImage(push, QStringLiteral("3.13"), "v9");
    EXPECT_EQ(sync(), QStringList{registry.host() + QStringLiteral("/library/python:3.13.9")});
    db.clock.advance(60000);
    sweep();
    ASSERT_EQ(rebuilds.size(), 1);
    Rebuild move = rebuilds[0][0].value<RebuildEvent>().rebuild;
    EXPECT_EQ(move.to, released);
    ASSERT_TRUE(move.hasCause(CauseKind::Version));
    EXPECT_TRUE(move.causes[0].detail.contains(QStringLiteral("3.13.8")));
    EXPECT_TRUE(move.causes[0].detail.contains(QStringLiteral("3.13.9")));

    // 3.13.9 is silently rebuilt: both tags move, and neither change is a version move.
    const QString rebuilt = tagImage(push, QStringLiteral("3.13.9"), "v9-rebuilt");
    tagImage(push, QStringLiteral("3.13"), "v9-rebuilt");
    db.clock.advance(60000);
    sweep();
    ASSERT_EQ(rebuilds.size(), 3);
    for (int i = 1; i < 3; ++i) {
        const Rebuild r = rebuilds[i][0].value<RebuildEvent>().rebuild;
        EXPECT_EQ(r.to, rebuilt);
        EXPECT_FALSE(r.hasCause(CauseKind::Version));
    }

    // 3.13.8 is deleted upstream: marked, history kept.
    ASSERT_TRUE(push.deleteManifest(QStringLiteral("library/python"), first));
    EXPECT_TRUE(sync().isEmpty());
    auto gone = db.store->tag(registry.host() + QStringLiteral("/library/python:3.13.8"));
    ASSERT_TRUE(gone.ok() && gone->has_value());
    EXPECT_EQ((*gone)->status, TagStatus::NotFound);
    EXPECT_EQ(db.store->history((*gone)->id)->spans.size(), 1);
}
