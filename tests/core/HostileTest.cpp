// What hostile or broken registries do to the client and the poller, and what broken storage does to
// the store: always an error that says what happened, never a crash, a hang or lost data.
#include "CliRunner.h"
#include "ClientHarness.h"
#include "ScriptedServer.h"
#include "TempStore.h"
#include "history/RebuildClassifier.h"
#include "poll/Poller.h"
#include "registry/ManifestParser.h"

#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QProcess>
#include <QSignalSpy>
#include <QSqlQuery>

#include <gtest/gtest.h>

#include <unistd.h>

using namespace RebuildRadar;
using namespace RebuildRadar::Test;

namespace {
ScriptedResponse indexAnswer(const ScriptedRequest &r, const QByteArray &body)
{
    ScriptedResponse resp{200,
                          {{"Content-Type", MediaType::OciIndex.toLatin1()},
                           {"Docker-Content-Digest", sha256Digest(body).toLatin1()}},
                          {}};
    if (r.method == "GET")
        resp.body = body;
    return resp;
}

ScriptedResponse silence(const ScriptedRequest &)
{
    ScriptedResponse resp;
    resp.behaviour = ScriptedResponse::Behaviour::Silent;
    return resp;
}

// A manifest without a digest on HEAD, so it is read: a byte every `ms`.
ScriptedServer::Handler dripping(int ms)
{
    return [ms](const ScriptedRequest &) {
        ScriptedResponse resp{
            200, {{"Content-Type", MediaType::OciManifest.toLatin1()}}, QByteArray(4000, ' ')};
        resp.behaviour = ScriptedResponse::Behaviour::Drip; // every byte is progress to Qt
        resp.dripMs = ms;
        return resp;
    };
}

// The shipped stall timers, deadlines per attempt and attempts (a hung check would take minutes),
// under a check deadline short enough for a test.
RegistryClientOptions shippedTimersWithCheckDeadline(int checkDeadlineMs)
{
    RegistryClientOptions options;
    options.backoffBaseMs = 5;
    options.checkDeadlineMs = checkDeadlineMs;
    return options;
}
} // namespace

TEST(Hostile, SlowDripBodyHitsTheDeadline)
{
    ScriptedServer server([](const ScriptedRequest &r) {
        ScriptedResponse resp{
            200, {{"Content-Type", MediaType::OciManifest.toLatin1()}}, QByteArray(4000, ' ')};
        if (r.method == "GET") {
            resp.behaviour =
                ScriptedResponse::Behaviour::Drip; // a byte every 50 ms: never stalls, never ends
            resp.dripMs = 50;
        }
        return resp;
    });
    auto options = ClientHarness::fastOptions();
    options.requestDeadlineMs = 800;
    options.maxAttempts = 1;
    ClientHarness h(options);
    auto state = h.resolve(server.host() + QStringLiteral("/a/b:1"));
    ASSERT_FALSE(state.ok());
    EXPECT_EQ(state.error().code, ErrorCode::Network);
    EXPECT_TRUE(state.error().message.contains(QStringLiteral("timed out")));
}

TEST(Hostile, ARegistryThatNeverAnswersFailsTheCheckAtItsDeadline)
{
    ScriptedServer server(silence);
    ClientHarness h(shippedTimersWithCheckDeadline(1000));
    auto state = h.resolve(server.host() + QStringLiteral("/a/b:1"));
    ASSERT_FALSE(state.ok());
    EXPECT_EQ(state.error().code, ErrorCode::Timeout) << state.error().message.toStdString();
    EXPECT_EQ(state.error().message, QStringLiteral("no answer from %1 within 1 s").arg(server.host()));
    // nothing of the check goes on: its connection is closed, nothing is sent again
    EXPECT_TRUE(QTest::qWaitFor([&] { return server.openConnections() == 0; }, 5000));
    EXPECT_EQ(server.requests().size(), 1);
}

TEST(Hostile, ADripFailsTheCheckAtItsDeadline)
{
    ScriptedServer server(dripping(300));
    ClientHarness h(shippedTimersWithCheckDeadline(1500));
    auto state = h.resolve(server.host() + QStringLiteral("/a/b:1"));
    ASSERT_FALSE(state.ok());
    EXPECT_EQ(state.error().code, ErrorCode::Timeout) << state.error().message.toStdString();
    EXPECT_TRUE(QTest::qWaitFor([&] { return server.openConnections() == 0; }, 5000));
}

TEST(Hostile, ADripBelowTheMinimumRateCountsAsStalled)
{
    ScriptedServer server(dripping(100));
    RegistryClientOptions options = shippedTimersWithCheckDeadline(0); // no check deadline
    options.minTransferBytes = 64;
    options.minTransferWindowMs = 500;
    options.maxAttempts = 1;
    ClientHarness h(options);
    auto state = h.resolve(server.host() + QStringLiteral("/a/b:1"));
    ASSERT_FALSE(state.ok());
    EXPECT_EQ(state.error().code, ErrorCode::Network);
    EXPECT_TRUE(state.error().message.contains(QStringLiteral("stalled: fewer than 64 bytes in 0.5 s")))
        << state.error().message.toStdString();
}

TEST(Hostile, AHungRegistryLeavesTheRestOfTheSweepChecked)
{
    const QByteArray index =
        R"({"schemaVersion":2,"mediaType":"application/vnd.oci.image.index.v1+json","manifests":[]})";
    ScriptedServer hung(silence);
    ScriptedServer healthy([&](const ScriptedRequest &r) { return indexAnswer(r, index); });
    TempStore db;
    ClientHarness net(shippedTimersWithCheckDeadline(1500));
    Poller poller(*db.store, net.client, db.clock);
    const qint64 stuck = db.watch(hung.host() + QStringLiteral("/team/app:1"));
    const qint64 one = db.watch(healthy.host() + QStringLiteral("/team/app:1"));
    const qint64 two = db.watch(healthy.host() + QStringLiteral("/team/app:2"));
    QSignalSpy finished(&poller, &Poller::sweepFinished);
    poller.checkNow();
    ASSERT_TRUE(finished.wait(20000));
    EXPECT_EQ((*db.store->tagById(one))->status, TagStatus::Ok);
    EXPECT_EQ((*db.store->tagById(two))->status, TagStatus::Ok);
    EXPECT_EQ((*db.store->tagById(stuck))->status, TagStatus::Error);
    EXPECT_TRUE((*db.store->tagById(stuck))->lastError.contains(QStringLiteral("no answer")))
        << (*db.store->tagById(stuck))->lastError.toStdString();
}

TEST(Hostile, EndlessHeadersAreCut)
{
    // Qt puts no limit on an answer's headers: the transfer timeout is what ends them
    ScriptedServer server([](const ScriptedRequest &) {
        ScriptedResponse resp{200, {}, {}};
        resp.behaviour = ScriptedResponse::Behaviour::EndlessHeaders;
        return resp;
    });
    auto options = ClientHarness::fastOptions();
    options.transferTimeoutMs = 500;
    options.maxAttempts = 1;
    ClientHarness h(options);
    auto state = h.resolve(server.host() + QStringLiteral("/a/b:1"));
    ASSERT_FALSE(state.ok());
    EXPECT_EQ(state.error().code, ErrorCode::Network);
    EXPECT_TRUE(state.error().message.contains(QStringLiteral("stalled")))
        << state.error().message.toStdString();
    EXPECT_GT(server.endlessBytesSent(), 0);
}

TEST(Hostile, WrongContentLengthInvalidUtf8AndDeepNesting)
{
    const QByteArray deep = QByteArray("{\"schemaVersion\":2,\"manifests\":") + QByteArray(20000, '[') +
                            QByteArray(20000, ']') + "}";
    const QByteArray badUtf8 = "{\"schemaVersion\":2,\"manifests\":[{\"digest\":\"sha256:\xff\xfe\","
                               "\"platform\":{\"os\":\"\xc3\x28\"}}]}";
    int which = 0;
    ScriptedServer server([&](const ScriptedRequest &r) {
        if (which == 0) {
            ScriptedResponse resp{
                200, {{"Content-Type", MediaType::OciIndex.toLatin1()}}, "{\"short\":true}"};
            resp.contentLength = 5000; // promises more than it sends, then closes
            return resp;
        }
        return indexAnswer(r, which == 1 ? deep : badUtf8);
    });
    auto options = ClientHarness::fastOptions();
    options.maxAttempts = 1;
    ClientHarness h(options);
    auto truncated = h.resolve(server.host() + QStringLiteral("/a/b:1"));
    ASSERT_FALSE(truncated.ok());
    which = 1;
    auto nested = h.resolve(server.host() + QStringLiteral("/a/b:2"));
    ASSERT_FALSE(nested.ok());
    EXPECT_EQ(nested.error().code, ErrorCode::Protocol);
    which = 2;
    auto utf8 = h.resolve(server.host() + QStringLiteral("/a/b:3"));
    ASSERT_FALSE(utf8.ok()); // the digest in it is not a digest
}

TEST(Hostile, TenThousandManifestsInAnIndex)
{
    QJsonArray manifests;
    for (int i = 0; i < 10000; ++i)
        manifests.append(
            QJsonObject{{QStringLiteral("mediaType"), MediaType::OciManifest},
                        {QStringLiteral("digest"), sha256Digest(QByteArray::number(i))},
                        {QStringLiteral("size"), 1},
                        {QStringLiteral("platform"),
                         QJsonObject{{QStringLiteral("os"), QStringLiteral("linux")},
                                     {QStringLiteral("architecture"), QStringLiteral("arch%1").arg(i)}}}});
    const QByteArray index = QJsonDocument(QJsonObject{{QStringLiteral("schemaVersion"), 2},
                                                       {QStringLiteral("mediaType"), MediaType::OciIndex},
                                                       {QStringLiteral("manifests"), manifests}})
                                 .toJson(QJsonDocument::Compact);
    ScriptedServer server([&](const ScriptedRequest &r) {
        if (r.path().contains("/manifests/sha256:") && !r.path().endsWith(sha256Digest(index).toLatin1()))
            return ScriptedResponse{404, {}, {}}; // children: not served
        return indexAnswer(r, index);
    });
    ClientHarness h;
    auto state = h.resolve(server.host() + QStringLiteral("/a/b:1"));
    ASSERT_TRUE(state.ok()) << state.error().message.toStdString();
    EXPECT_EQ(state->platforms.size(), 10000);
    // details are read for a bounded number of platforms only
    EXPECT_LE(server.count("GET", "/manifests/sha256:"), h.client.options().maxDetailedPlatforms + 1);
}

TEST(Hostile, ConnectionResetsMidSweepLeaveOtherTagsChecked)
{
    const QByteArray index =
        R"({"schemaVersion":2,"mediaType":"application/vnd.oci.image.index.v1+json","manifests":[]})";
    ScriptedServer server([&](const ScriptedRequest &r) {
        if (r.path().contains("/flaky/"))
            return ScriptedResponse{200, {}, {}, ScriptedResponse::Behaviour::Reset};
        return indexAnswer(r, index);
    });
    TempStore db;
    ClientHarness net;
    Poller poller(*db.store, net.client, db.clock);
    const qint64 good = db.watch(server.host() + QStringLiteral("/ok/app:1"));
    const qint64 flaky = db.watch(server.host() + QStringLiteral("/flaky/app:1"));
    QSignalSpy finished(&poller, &Poller::sweepFinished);
    poller.checkNow();
    ASSERT_TRUE(finished.wait(20000));
    EXPECT_EQ((*db.store->tagById(good))->status, TagStatus::Ok);
    EXPECT_EQ((*db.store->tagById(flaky))->status, TagStatus::Error);
    EXPECT_FALSE((*db.store->tagById(flaky))->lastError.isEmpty());
    // bounded retries: ours, each of which Qt may send up to 4 times when the connection closes before
    // an answer (QHttpNetworkConnectionChannel's 3 reconnect attempts)
    EXPECT_GE(server.count("HEAD", "/flaky/"), net.client.options().maxAttempts);
    EXPECT_LE(server.count("HEAD", "/flaky/"), 4 * net.client.options().maxAttempts);
}

TEST(Storage, DiskFullKeepsTheBatchAndTheAppRunning)
{
    TempStore db;
    const qint64 id = db.watch(QStringLiteral("ghcr.io/org/app:1"));
    QSqlQuery q(db.db->sql());
    ASSERT_TRUE(q.exec(QStringLiteral("PRAGMA page_count")) && q.next());
    const int pages = q.value(0).toInt();
    // SQLite's own "disk is full": the file may not grow by a page more.
    ASSERT_TRUE(q.exec(QStringLiteral("PRAGMA max_page_count = %1").arg(pages)));
    QList<Observation> batch;
    for (int i = 0; i < 200; ++i) {
        TagState s;
        s.digest = sha256Digest(QByteArray::number(i));
        s.detailed = true;
        for (int p = 0; p < 20; ++p)
            s.platforms.insert(QStringLiteral("linux/arch%1").arg(p),
                               PlatformImage{sha256Digest(QByteArray::number(i * 100 + p)), {}});
        batch.append(Observation{id, 1000 + i, TagStatus::Ok, {}, s});
    }
    auto full = db.store->record(batch, classifyRebuild);
    ASSERT_FALSE(full.ok());
    EXPECT_TRUE(full.error().message.contains(QStringLiteral("full"))) << full.error().message.toStdString();
    EXPECT_EQ(full.error().code, ErrorCode::Io);
    // nothing half-written
    EXPECT_TRUE(db.store->history(id)->spans.isEmpty());
    ASSERT_TRUE(q.exec(QStringLiteral("PRAGMA max_page_count = 1000000")));
    EXPECT_TRUE(db.store->record(batch, classifyRebuild).ok());
    EXPECT_EQ(db.store->history(id)->spans.size(), 200);
}

TEST(Storage, ALockHeldByAnotherProcessIsWaitedFor)
{
    TempStore db;
    const qint64 id = db.watch(QStringLiteral("ghcr.io/org/app:1"));
    // Another process holds the write lock for a moment (as the daemon does during its batch).
    QProcess holder;
    holder.start(QStringLiteral("python3"),
                 {QStringLiteral("-c"),
                  QStringLiteral("import sqlite3,sys,time\n"
                                 "c=sqlite3.connect(sys.argv[1],isolation_level=None)\n"
                                 "c.execute('BEGIN EXCLUSIVE')\nprint('locked',flush=True)\n"
                                 "time.sleep(1.5)\nc.execute('COMMIT')\n"),
                  db.path()});
    ASSERT_TRUE(holder.waitForReadyRead(10000));
    ASSERT_TRUE(holder.readAll().startsWith("locked"));
    TagState s;
    s.digest = sha256Digest("x");
    s.detailed = true;
    auto recorded = db.store->record({Observation{id, 1000, TagStatus::Ok, {}, s}}, classifyRebuild);
    EXPECT_TRUE(recorded.ok()) << recorded.error().message.toStdString();
    holder.waitForFinished(10000);
    EXPECT_EQ((*db.store->tagById(id))->currentDigest, s.digest);
}

TEST(Storage, ReadOnlyDatabaseIsReadableAClearErrorToWriteAndLeftUntouched)
{
    CliRunner cli;
    ASSERT_EQ(cli.run({QStringLiteral("watch"), QStringLiteral("add"), QStringLiteral("nginx:1")}).exitCode,
              0);
    const QString folder = QFileInfo(cli.dbPath()).absolutePath();
    QFile file(cli.dbPath());
    ASSERT_TRUE(file.open(QIODevice::ReadOnly));
    const QByteArray before = file.readAll();
    file.close();
    // nobody may not reach the build tree (a checkout under /root, say): a copy of the CLI beside the file
    const QString program = QDir(folder).filePath(QStringLiteral("rebuildradar-cli"));
    if (::geteuid() == 0) {
        ASSERT_TRUE(QFile::copy(QStringLiteral(REBUILDRADAR_CLI_PATH), program));
    }
    const QStringList filesBefore = QDir(folder).entryList(QDir::Files);
    // File modes do not bind root, so as root the CLI runs as nobody; either way it may read, not write.
    ASSERT_TRUE(QFile::setPermissions(cli.dbPath(), QFile::ReadOwner | QFile::ReadGroup | QFile::ReadOther));
    ASSERT_TRUE(QFile::setPermissions(folder, QFile::ReadOwner | QFile::ExeOwner | QFile::ReadGroup |
                                                  QFile::ExeGroup | QFile::ReadOther | QFile::ExeOther));
    if (::geteuid() == 0)
        cli.setWrapper({QStringLiteral("setpriv"), QStringLiteral("--reuid=65534"),
                        QStringLiteral("--regid=65534"), QStringLiteral("--clear-groups")},
                       program);
    // writing is refused, clearly
    for (const QStringList &args :
         {QStringList{QStringLiteral("watch"), QStringLiteral("add"), QStringLiteral("nginx:2")},
          QStringList{QStringLiteral("watch"), QStringLiteral("mute"), QStringLiteral("nginx:1")}}) {
        const CliRun run = cli.run(args);
        EXPECT_EQ(run.exitCode, 2) << run.err.toStdString();
        EXPECT_TRUE(run.err.contains("read-only")) << run.err.toStdString();
        EXPECT_TRUE(run.err.contains(cli.dbPath().toUtf8())) << run.err.toStdString();
        EXPECT_FALSE(run.err.contains("damaged")) << run.err.toStdString();
    }
    // reading works (issue 20: a read-only history could not even be listed or exported)
    const CliRun list = cli.run({QStringLiteral("watch"), QStringLiteral("list")});
    EXPECT_EQ(list.exitCode, 0) << list.err.toStdString();
    EXPECT_TRUE(list.out.contains("nginx:1")) << list.out.toStdString();
    const CliRun history =
        cli.run({QStringLiteral("history"), QStringLiteral("nginx:1"), QStringLiteral("--json")});
    EXPECT_EQ(history.exitCode, 0) << history.err.toStdString();
    EXPECT_TRUE(history.out.contains("docker.io/library/nginx:1")) << history.out.toStdString();
    const CliRun report = cli.run({QStringLiteral("export"), QStringLiteral("--format"), QStringLiteral("md"),
                                   QStringLiteral("-o"), QStringLiteral("-")});
    EXPECT_EQ(report.exitCode, 0) << report.err.toStdString();
    EXPECT_TRUE(report.out.contains("nginx:1")) << report.out.toStdString();
    ASSERT_TRUE(file.open(QIODevice::ReadOnly));
    EXPECT_EQ(file.readAll(), before);
    EXPECT_EQ(QDir(folder).entryList(QDir::Files), filesBefore);
    QFile::setPermissions(folder, QFile::ReadOwner | QFile::WriteOwner | QFile::ExeOwner);
}

TEST(Storage, ADatabaseThatTurnsReadOnlyKeepsThePollerRunningAndTheBatch)
{
    const QByteArray index =
        R"({"schemaVersion":2,"mediaType":"application/vnd.oci.image.index.v1+json","manifests":[]})";
    ScriptedServer server([&](const ScriptedRequest &r) { return indexAnswer(r, index); });
    TempStore db;
    ClientHarness net;
    Poller poller(*db.store, net.client, db.clock);
    const qint64 id = db.watch(server.host() + QStringLiteral("/ro/app:1"));
    // What SQLite answers when the file is remounted read-only under a running app.
    QSqlQuery q(db.db->sql());
    ASSERT_TRUE(q.exec(QStringLiteral("PRAGMA query_only = 1")));
    QSignalSpy failed(&poller, &Poller::storeFailed);
    QSignalSpy finished(&poller, &Poller::sweepFinished);
    poller.checkNow();
    ASSERT_TRUE(failed.wait(20000));
    const auto error = failed.first().first().value<Error>();
    EXPECT_EQ(error.code, ErrorCode::Io);
    EXPECT_TRUE(error.message.contains(QStringLiteral("readonly"))) << error.message.toStdString();
    EXPECT_TRUE(finished.isEmpty());
    EXPECT_TRUE((*db.store->tagById(id))->currentDigest.isEmpty());
    // writable again: the kept batch lands on the poller's next try, nothing checked is lost
    ASSERT_TRUE(q.exec(QStringLiteral("PRAGMA query_only = 0")));
    ASSERT_TRUE(finished.wait(20000));
    EXPECT_EQ((*db.store->tagById(id))->currentDigest, sha256Digest(index));
    EXPECT_EQ(server.count("HEAD", "/ro/"), 1);
}
