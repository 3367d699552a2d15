// The app's engine end to end on the real registry: notifications follow rollouts and the tag's platforms.
#include "AnalysisFixtures.h"
#include "ClientHarness.h"
#include "LocalRegistry.h"
#include "credentials/Credential.h"
#include "engine/WatchEngine.h"
#include "export/Exporter.h"
#include "history/RebuildClassifier.h"
#include "registry/ManifestParser.h"
#include "store/Database.h"
#include "store/HistoryStore.h"

#include <QFile>
#include <QScopeGuard>
#include <QSignalSpy>
#include <QTemporaryDir>

#include <gtest/gtest.h>

using namespace RebuildRadar;
using namespace RebuildRadar::Test;

TEST(EngineE2E, NoticesFollowRolloutsOnTheUsersPlatforms)
{
    LocalRegistry registry;
    ASSERT_TRUE(registry.isRunning()) << registry.error().toStdString();
    Pusher push(registry.host());
    const QString repo = QStringLiteral("library/python");
    auto platform = [&](const QString &arch, const QByteArray &layer) {
        TestImage i;
        i.architecture = arch;
        i.layer = layer;
        return push.pushImage(repo, i);
    };
    IndexEntry amd = platform(QStringLiteral("amd64"), "a0");
    IndexEntry arm = platform(QStringLiteral("arm64"), "b0");
    IndexEntry s390 = platform(QStringLiteral("s390x"), "c0");
    push.pushIndex(repo, QStringLiteral("3.13-slim"), {amd, arm, s390});

    QTemporaryDir dir;
    SystemClock clock;
    WatchEngine engine(clock, std::make_unique<CredentialChain>());
    QSignalSpy opened(&engine, &WatchEngine::opened);
    EngineConfig config;
    config.databasePath = dir.filePath(QStringLiteral("e.sqlite"));
    engine.setPaused(true);
    engine.open(config);
    ASSERT_EQ(opened.size(), 1);
    ASSERT_TRUE(opened[0][0].toBool());
    // The window's view of the tag: whole lists and updated rows alike.
    WatchedTag row;
    int publications = 0;
    auto take = [&](const QList<WatchedTag> &tags) {
        if (!tags.isEmpty()) {
            row = tags.first();
            ++publications;
        }
    };
    QObject::connect(&engine, &WatchEngine::watchlistChanged, &engine, take);
    QObject::connect(&engine, &WatchEngine::tagsUpdated, &engine, take);
    engine.addWatches({registry.host() + QStringLiteral("/library/python:3.13-slim")}, 3600,
                      {QStringLiteral("linux/arm64")});
    QSignalSpy notices(&engine, &WatchEngine::rolloutNotice);
    QSignalSpy recorded(&engine, &WatchEngine::rebuildRecorded);
    auto sweep = [&](int expectedRecorded) {
        const int published = publications;
        engine.checkNow({});
        // the rebuilds are recorded, and the tag's row is published after the sweep's batch
        EXPECT_TRUE(QTest::qWaitFor(
            [&] { return recorded.size() >= expectedRecorded && publications > published; }, 20000));
    };
    sweep(0);
    // Step 1: amd64 only — recorded, but nothing for someone who runs arm64.
    push.pushIndex(repo, QStringLiteral("3.13-slim"),
                   {amd = platform(QStringLiteral("amd64"), "a1"), arm, s390});
    sweep(1);
    EXPECT_EQ(notices.size(), 0);
    // the rollout's state follows the rebuild's row in a later publication
    auto lastRow = [&] { return row; };
    ASSERT_TRUE(QTest::qWaitFor([&] { return lastRow().rolloutTotal > 0; }, 10000));
    EXPECT_EQ(lastRow().rolloutDone, 1);
    EXPECT_EQ(lastRow().rolloutTotal, 3);
    // Step 2: arm64 — the user's platform has it now: one notice.
    push.pushIndex(repo, QStringLiteral("3.13-slim"),
                   {amd, arm = platform(QStringLiteral("arm64"), "b1"), s390});
    sweep(2);
    ASSERT_TRUE(QTest::qWaitFor([&] { return lastRow().rolloutDone == 2; }, 10000));
    EXPECT_EQ(lastRow().rolloutTotal, 3);
    // the notice leaves once the rebuild's analysis has answered (here: no package data, at once)
    ASSERT_TRUE(QTest::qWaitFor([&] { return !notices.isEmpty(); }, 10000));
    ASSERT_EQ(notices.size(), 1);
    EXPECT_EQ(notices[0][0].value<RolloutNotice>().kind, RolloutNotice::Kind::StartedAndDone);
    // Step 3: s390x completes the rollout: the quiet summary.
    push.pushIndex(repo, QStringLiteral("3.13-slim"), {amd, arm, platform(QStringLiteral("s390x"), "c1")});
    sweep(3);
    ASSERT_TRUE(QTest::qWaitFor([&] { return notices.size() >= 2; }, 10000));
    ASSERT_EQ(notices.size(), 2);
    EXPECT_EQ(notices[1][0].value<RolloutNotice>().kind, RolloutNotice::Kind::Completed);
    // not in progress any more, once the rollout's state is worked out again (until then the row keeps
    // the last state known, 2 of 3)
    EXPECT_TRUE(QTest::qWaitFor([&] { return lastRow().rolloutTotal == 0; }, 10000));
}

TEST(EngineE2E, UnchangedChecksArePublishedAsRowsNotTheWholeList)
{
    LocalRegistry registry;
    ASSERT_TRUE(registry.isRunning()) << registry.error().toStdString();
    Pusher push(registry.host());
    push.tagImage(QStringLiteral("team/app"), QStringLiteral("1"), TestImage{});
    QTemporaryDir dir;
    SystemClock clock;
    WatchEngine engine(clock, std::make_unique<CredentialChain>());
    EngineConfig config;
    config.databasePath = dir.filePath(QStringLiteral("e.sqlite"));
    engine.setPaused(true);
    engine.open(config);
    engine.addWatches({registry.host() + QStringLiteral("/team/app:1")}, 3600, {});
    QSignalSpy watchlist(&engine, &WatchEngine::watchlistChanged);
    QSignalSpy updated(&engine, &WatchEngine::tagsUpdated);
    QSignalSpy checked(&engine, &WatchEngine::tagsChecked);
    engine.checkNow({});
    // a first digest changes the row's digest and platforms: the row, read again
    ASSERT_TRUE(updated.wait(20000));
    const auto rows = updated.first().first().value<QList<WatchedTag>>();
    ASSERT_EQ(rows.size(), 1);
    EXPECT_FALSE(rows.first().currentDigest.isEmpty());
    EXPECT_EQ(checked.size(), 0);
    EXPECT_EQ(watchlist.size(), 0); // not the whole list
    updated.clear();
    engine.checkNow({});
    ASSERT_TRUE(checked.wait(20000));
    const auto results = checked.first().first().value<QList<PollResult>>();
    ASSERT_EQ(results.size(), 1);
    EXPECT_EQ(results.first().status, TagStatus::Ok);
    EXPECT_FALSE(results.first().newDigest);
    EXPECT_GT(results.first().checkedAt, 0);
    EXPECT_EQ(watchlist.size(), 0);
    EXPECT_EQ(updated.size(), 0);
}

namespace {

// A check of an index of amd64 and arm64 images (and s390x, when given), told by their layers.
Observation twoPlatforms(qint64 id, qint64 at, const QByteArray &amd, const QByteArray &arm,
                         const QByteArray &s390x = {})
{
    TagState s;
    s.digest = sha256Digest(amd + arm + s390x);
    s.mediaType = MediaType::OciIndex;
    s.detailed = true;
    s.platforms = {{QStringLiteral("linux/amd64"), PlatformImage{sha256Digest(amd), {}}},
                   {QStringLiteral("linux/arm64"), PlatformImage{sha256Digest(arm), {}}}};
    if (!s390x.isEmpty())
        s.platforms.insert(QStringLiteral("linux/s390x"), PlatformImage{sha256Digest(s390x), {}});
    return Observation{id, at, TagStatus::Ok, {}, s};
}

// Watches one tag and returns its id.
qint64 watchOne(HistoryStore &store, const QString &reference)
{
    const bool added = store.addWatches({WatchRequest{*ImageReference::parse(reference), 3600, {}, 0}}).ok();
    return added ? (*store.tag(reference))->id : 0;
}

void openPaused(WatchEngine &engine, const QString &path)
{
    EngineConfig config;
    config.databasePath = path;
    engine.setPaused(true);
    engine.open(config);
}

} // namespace

TEST(EngineE2E, RolloutsWorkedOutAtOpenRepublishOnlyRowsTheyChange)
{
    // Two tags rebuilt an hour ago, each in its own repository: one rollout is still in progress
    // (amd64 of amd64 and arm64), the other rebuilt every platform at once.
    QTemporaryDir dir;
    const QString path = dir.filePath(QStringLiteral("e.sqlite"));
    SystemClock clock;
    const qint64 now = clock.nowMs();
    qint64 partial = 0, whole = 0;
    {
        auto db = Database::open(path);
        ASSERT_TRUE(db.ok());
        HistoryStore store(**db, [now] { return now; });
        ASSERT_TRUE(
            store
                .addWatches(
                    {WatchRequest{*ImageReference::parse(QStringLiteral("example.com/a/app:1")), 3600, {}, 0},
                     WatchRequest{
                         *ImageReference::parse(QStringLiteral("example.com/b/app:1")), 3600, {}, 0}})
                .ok());
        partial = (*store.tag(QStringLiteral("example.com/a/app:1")))->id;
        whole = (*store.tag(QStringLiteral("example.com/b/app:1")))->id;
        const qint64 before = now - 2 * 3600 * 1000, hourAgo = now - 3600 * 1000;
        ASSERT_TRUE(
            store
                .record({twoPlatforms(partial, before, "a0", "b0"), twoPlatforms(whole, before, "c0", "d0")},
                        classifyRebuild)
                .ok());
        auto rebuilt = store.record(
            {twoPlatforms(partial, hourAgo, "a1", "b0"), twoPlatforms(whole, hourAgo, "c1", "d1")},
            classifyRebuild);
        ASSERT_TRUE(rebuilt.ok() && rebuilt->size() == 2);
    }
    WatchEngine engine(clock, std::make_unique<CredentialChain>());
    QSignalSpy updated(&engine, &WatchEngine::tagsUpdated);
    openPaused(engine, path);
    // the rollout in progress reaches its row once worked out...
    ASSERT_TRUE(!updated.isEmpty() || updated.wait(10000));
    QList<WatchedTag> rows;
    for (const QList<QVariant> &signal : std::as_const(updated))
        rows += signal.first().value<QList<WatchedTag>>();
    ASSERT_EQ(rows.size(), 1);
    EXPECT_EQ(rows.first().id, partial);
    EXPECT_EQ(rows.first().rolloutDone, 1);
    EXPECT_EQ(rows.first().rolloutTotal, 2);
    // ...and the other row, whose state (none in progress) went out with the whole list, is not sent again
    EXPECT_FALSE(updated.wait(500));
    for (const QList<QVariant> &signal : std::as_const(updated)) {
        for (const WatchedTag &tag : signal.first().value<QList<WatchedTag>>())
            EXPECT_NE(tag.id, whole);
    }
}

TEST(EngineE2E, RolloutsWorkedOutAtOpenGoOutAFewRowsAtATime)
{
    // 250 tags, each alone in its repository, with a rollout in progress: their rows reach the window in
    // several small publications, not one of every row.
    QTemporaryDir dir;
    const QString path = dir.filePath(QStringLiteral("e.sqlite"));
    SystemClock clock;
    const qint64 now = clock.nowMs();
    constexpr int kTags = 250;
    {
        auto db = Database::open(path);
        ASSERT_TRUE(db.ok());
        HistoryStore store(**db, [now] { return now; });
        QList<WatchRequest> requests;
        for (int i = 0; i < kTags; ++i)
            requests.append(WatchRequest{
                *ImageReference::parse(QStringLiteral("example.com/r%1/app:1").arg(i)), 3600, {}, 0});
        ASSERT_TRUE(store.addWatches(requests).ok());
        auto tags = store.watchlist();
        ASSERT_TRUE(tags.ok() && tags->size() == kTags);
        QList<Observation> before, after;
        for (const WatchedTag &tag : *tags) {
            const QByteArray n = QByteArray::number(tag.id);
            before.append(twoPlatforms(tag.id, now - 2 * 3600 * 1000, "a" + n, "b" + n));
            after.append(twoPlatforms(tag.id, now - 3600 * 1000, "a1" + n, "b" + n));
        }
        ASSERT_TRUE(store.record(before, classifyRebuild).ok());
        auto rebuilt = store.record(after, classifyRebuild);
        ASSERT_TRUE(rebuilt.ok() && rebuilt->size() == kTags);
    }
    WatchEngine engine(clock, std::make_unique<CredentialChain>());
    QSignalSpy updated(&engine, &WatchEngine::tagsUpdated);
    openPaused(engine, path);
    QSet<qint64> shown;
    auto rowsShown = [&] {
        shown.clear();
        for (const QList<QVariant> &signal : std::as_const(updated)) {
            for (const WatchedTag &tag : signal.first().value<QList<WatchedTag>>()) {
                if (tag.rolloutTotal == 2 && tag.rolloutDone == 1)
                    shown.insert(tag.id);
            }
        }
        return shown.size();
    };
    ASSERT_TRUE(QTest::qWaitFor([&] { return rowsShown() == kTags; }, 20000));
    EXPECT_GE(updated.size(), 3);
    for (const QList<QVariant> &signal : std::as_const(updated))
        EXPECT_LE(signal.first().value<QList<WatchedTag>>().size(), 100);
}

TEST(EngineE2E, ARolloutLeavesItsRowWhenItsWindowEnds)
{
    // amd64, then arm64 60 hours later, of amd64, arm64 and s390x: in progress until the window of
    // 72 hours from its start ends, though its last step was 13 hours before that
    QTemporaryDir dir;
    const QString path = dir.filePath(QStringLiteral("e.sqlite"));
    const qint64 hour = 3600 * 1000;
    FakeClock clock;
    const qint64 start = clock.nowMs();
    {
        auto db = Database::open(path);
        ASSERT_TRUE(db.ok());
        HistoryStore store(**db, [&clock] { return clock.nowMs(); });
        const qint64 id = watchOne(store, QStringLiteral("example.com/a/app:1"));
        ASSERT_NE(id, 0);
        ASSERT_TRUE(store.record({twoPlatforms(id, start - hour, "a0", "b0", "c0")}, classifyRebuild).ok());
        ASSERT_TRUE(store.record({twoPlatforms(id, start, "a1", "b0", "c0")}, classifyRebuild).ok());
        ASSERT_TRUE(
            store.record({twoPlatforms(id, start + 60 * hour, "a1", "b1", "c0")}, classifyRebuild).ok());
    }
    clock.advance(61 * hour);
    WatchEngine engine(clock, std::make_unique<CredentialChain>());
    QSignalSpy updated(&engine, &WatchEngine::tagsUpdated);
    openPaused(engine, path);
    ASSERT_TRUE(!updated.isEmpty() || updated.wait(10000));
    const WatchedTag during = updated.last().first().value<QList<WatchedTag>>().first();
    EXPECT_EQ(during.rolloutDone, 2);
    EXPECT_EQ(during.rolloutTotal, 3);

    clock.advance(12 * hour); // 73 hours after the rollout began
    QSignalSpy watchlist(&engine, &WatchEngine::watchlistChanged);
    engine.publishWatchlist();
    ASSERT_EQ(watchlist.size(), 1);
    const WatchedTag after = watchlist.first().first().value<QList<WatchedTag>>().first();
    EXPECT_EQ(after.rolloutTotal, 0);
    EXPECT_EQ(after.rolloutDone, 0);
}

TEST(EngineE2E, ExportsGroupRolloutsByTheEnginesWindow)
{
    // amd64, then arm64 two days later: one rollout in 72 hours, two in a window of 24
    QTemporaryDir dir;
    const QString path = dir.filePath(QStringLiteral("e.sqlite"));
    SystemClock clock;
    const qint64 now = clock.nowMs();
    const qint64 day = 24 * 3600 * 1000;
    {
        auto db = Database::open(path);
        ASSERT_TRUE(db.ok());
        HistoryStore store(**db, [now] { return now; });
        const qint64 id = watchOne(store, QStringLiteral("example.com/a/app:1"));
        ASSERT_NE(id, 0);
        ASSERT_TRUE(store.record({twoPlatforms(id, now - 5 * day, "a0", "b0")}, classifyRebuild).ok());
        ASSERT_TRUE(store.record({twoPlatforms(id, now - 4 * day, "a1", "b0")}, classifyRebuild).ok());
        ASSERT_TRUE(store.record({twoPlatforms(id, now - 2 * day, "a1", "b1")}, classifyRebuild).ok());
    }
    WatchEngine engine(clock, std::make_unique<CredentialChain>());
    openPaused(engine, path);
    engine.setNotificationRules(day, false);
    QSignalSpy finished(&engine, &WatchEngine::exportFinished);
    ExportOptions options;
    options.format = ExportFormat::Markdown;
    engine.exportReport(options, dir.filePath(QStringLiteral("r.md")));
    ASSERT_TRUE(finished.wait(20000)); // written on the engine's pool
    ASSERT_TRUE(finished[0][0].toBool()) << finished[0][1].toString().toStdString();
    QFile report(dir.filePath(QStringLiteral("r.md")));
    ASSERT_TRUE(report.open(QIODevice::ReadOnly));
    const QString md = QString::fromUtf8(report.readAll());
    EXPECT_TRUE(md.contains(QStringLiteral("Rollout 2 ("))) << md.toStdString();
}

// A pin scan that waits on git (a big work tree, a slow disk) and a report being written do not hold
// up checks: they run off the engine's thread.
TEST(EngineE2E, PinScansAndReportsDoNotBlockChecks)
{
    LocalRegistry registry;
    ASSERT_TRUE(registry.isRunning()) << registry.error().toStdString();
    Pusher push(registry.host());
    push.tagImage(QStringLiteral("team/app"), QStringLiteral("1"), TestImage{});

    // A `git` first on PATH that does not answer until the test lets it.
    QTemporaryDir bin;
    const QString release = bin.filePath(QStringLiteral("release"));
    {
        QFile git(bin.filePath(QStringLiteral("git")));
        ASSERT_TRUE(git.open(QIODevice::WriteOnly));
        git.write(QStringLiteral("#!/bin/sh\nwhile [ ! -e '%1' ]; do sleep 0.05; done\nexit 1\n")
                      .arg(release)
                      .toUtf8());
        git.close();
        git.setPermissions(git.permissions() | QFileDevice::ExeOwner);
    }
    const QByteArray path = qgetenv("PATH");
    qputenv("PATH", QFile::encodeName(bin.path()) + ':' + path);
    const auto restore = qScopeGuard([&] {
        qputenv("PATH", path);
        QFile(release).open(QIODevice::WriteOnly); // lets a still waiting scan finish
    });

    QTemporaryDir dir;
    SystemClock clock;
    WatchEngine engine(clock, std::make_unique<CredentialChain>());
    EngineConfig config;
    config.databasePath = dir.filePath(QStringLiteral("e.sqlite"));
    engine.setPaused(true);
    engine.open(config);
    engine.addWatches({registry.host() + QStringLiteral("/team/app:1")}, 3600, {});
    QTemporaryDir project;
    {
        QFile dockerfile(project.filePath(QStringLiteral("Dockerfile")));
        ASSERT_TRUE(dockerfile.open(QIODevice::WriteOnly));
        dockerfile.write("FROM " + registry.host().toUtf8() + "/team/app:1\n");
    }
    QSignalSpy scanned(&engine, &WatchEngine::pinsScanned);
    QSignalSpy updated(&engine, &WatchEngine::tagsUpdated);
    QSignalSpy exported(&engine, &WatchEngine::exportFinished);
    engine.scanPins(project.path());
    // git hangs, and meanwhile a check is made and published
    engine.checkNow({});
    ASSERT_TRUE(updated.wait(20000));
    EXPECT_EQ(scanned.size(), 0);
    ExportOptions options;
    options.format = ExportFormat::Markdown;
    engine.exportReport(options, dir.filePath(QStringLiteral("r.md")));
    ASSERT_TRUE(exported.wait(20000));
    EXPECT_TRUE(exported.first().first().toBool()) << exported.first().last().toString().toStdString();
    EXPECT_EQ(scanned.size(), 0); // still waiting for git
    // once git answers (it fails: the folder is read as it is), the scan finds the reference
    QFile(release).open(QIODevice::WriteOnly);
    ASSERT_TRUE(scanned.wait(20000));
    const auto results = scanned.first().at(1).value<QList<PinResult>>();
    ASSERT_EQ(results.size(), 1);
    EXPECT_EQ(results.first().status, PinStatus::Unpinned);
}

// Issue 21 end to end: a rebuild recorded by the engine is analysed in the background from its SBOM
// attestation, the notice waits for it and says what changed, and the history keeps it.
TEST(EngineE2E, ARebuildsNoticeSaysWhatChangedInsideFromItsSbom)
{
    LocalRegistry registry;
    ASSERT_TRUE(registry.isRunning()) << registry.error().toStdString();
    Pusher push(registry.host());
    const QString repo = QStringLiteral("library/debian");
    const QString q = QStringLiteral("?arch=amd64&distro=debian-12");
    auto release = [&](const QString &openssl, const QByteArray &layer) {
        const QByteArray sbom =
            spdxStatement({QStringLiteral("pkg:deb/debian/libssl3@%1%2&upstream=openssl").arg(openssl, q),
                           QStringLiteral("pkg:deb/debian/bash@5.2.15-2%2Bb7") + q});
        const IndexEntry image = push.pushLayers(
            repo, {TestLayer{layer, QStringLiteral("application/vnd.oci.image.layer.v1.tar+gzip"), {}}});
        push.pushIndex(repo, QStringLiteral("12-slim"),
                       {image, push.pushSbomAttestation(repo, image.digest, sbom)});
        return image;
    };
    release(QStringLiteral("3.0.15-1~deb12u1"), "old layer");

    QTemporaryDir dir;
    SystemClock clock;
    WatchEngine engine(clock, std::make_unique<CredentialChain>());
    EngineConfig config;
    config.databasePath = dir.filePath(QStringLiteral("e.sqlite"));
    config.security.enabled = false; // no public security data from a test
    config.analysis.cacheFolder = dir.filePath(QStringLiteral("layers"));
    engine.setPaused(true);
    engine.open(config);
    QSignalSpy notices(&engine, &WatchEngine::rolloutNotice);
    QSignalSpy recorded(&engine, &WatchEngine::rebuildRecorded);
    QSignalSpy analysed(&engine, &WatchEngine::packagesAnalysed);
    const QString reference = registry.host() + QStringLiteral("/library/debian:12-slim");
    engine.addWatches({reference}, 3600, {});
    QSignalSpy checked(&engine, &WatchEngine::tagsUpdated); // the first digest moves the row
    engine.checkNow({});
    ASSERT_TRUE(QTest::qWaitFor([&] { return !checked.isEmpty(); }, 20000));

    release(QStringLiteral("3.0.17-1~deb12u1"), "new layer");
    engine.checkNow({});
    ASSERT_TRUE(QTest::qWaitFor([&] { return notices.size() == 1; }, 30000));
    ASSERT_EQ(analysed.size(), 1); // the notice waited for the analysis
    const RolloutNotice notice = notices[0][0].value<RolloutNotice>();
    ASSERT_EQ(recorded.size(), 1);
    const PackageAnalysis analysis = notice.rebuild.packages.value(QStringLiteral("linux/amd64"));
    EXPECT_EQ(analysis.source, PackageSource::Sbom);
    ASSERT_EQ(analysis.diff.changed.size(), 1);
    EXPECT_EQ(analysis.diff.changed[0].name, QStringLiteral("libssl3"));
    EXPECT_EQ(analysis.diff.changed[0].from, QStringLiteral("3.0.15-1~deb12u1"));
    EXPECT_EQ(analysis.diff.changed[0].to, QStringLiteral("3.0.17-1~deb12u1"));
    EXPECT_EQ(analysis.diff.changed[0].sourcePackage, QStringLiteral("openssl"));
    EXPECT_FALSE(analysis.fixes.has_value()); // security data off: unavailable, never invented
    EXPECT_TRUE(analysis.diff.added.isEmpty());
    EXPECT_TRUE(analysis.diff.removed.isEmpty());

    // kept: a later reader of the history gets the same
    auto db = Database::open(config.databasePath);
    ASSERT_TRUE(db.ok());
    HistoryStore store(**db, [&clock] { return clock.nowMs(); });
    auto history = store.history((*store.tag(reference))->id);
    ASSERT_TRUE(history.ok());
    ASSERT_EQ(history->rebuilds.size(), 1);
    EXPECT_EQ(history->rebuilds[0].packages.value(QStringLiteral("linux/amd64")), analysis);
}

TEST(EngineE2E, ARebuildWithoutPackageDataIsAnnouncedWithoutWaiting)
{
    LocalRegistry registry;
    ASSERT_TRUE(registry.isRunning()) << registry.error().toStdString();
    Pusher push(registry.host());
    const QString repo = QStringLiteral("acme/app");
    TestImage image; // one layer of plain bytes: no SBOM, no package database
    push.tagImage(repo, QStringLiteral("1"), image);
    QTemporaryDir dir;
    SystemClock clock;
    WatchEngine engine(clock, std::make_unique<CredentialChain>());
    EngineConfig config;
    config.databasePath = dir.filePath(QStringLiteral("e.sqlite"));
    config.security.enabled = false;
    config.analysis.cacheFolder = dir.filePath(QStringLiteral("layers"));
    engine.setPaused(true);
    engine.open(config);
    QSignalSpy notices(&engine, &WatchEngine::rolloutNotice);
    QSignalSpy checked(&engine, &WatchEngine::tagsUpdated); // the first digest moves the row
    const QString reference = registry.host() + QStringLiteral("/acme/app:1");
    engine.addWatches({reference}, 3600, {});
    engine.checkNow({});
    ASSERT_TRUE(QTest::qWaitFor([&] { return !checked.isEmpty(); }, 20000));
    image.layer = "rebuilt";
    push.tagImage(repo, QStringLiteral("1"), image);
    engine.checkNow({});
    // well before the two minutes a notice may wait: the analysis said "no package data" at once
    ASSERT_TRUE(QTest::qWaitFor([&] { return notices.size() == 1; }, 30000));
    const Rebuild rebuild = notices[0][0].value<RolloutNotice>().rebuild;
    EXPECT_TRUE(rebuild.packages.isEmpty());
    EXPECT_EQ(rebuild.packagesUnavailable.size(), 1)
        << rebuild.packagesUnavailable.keys().join(u',').toStdString();
}
