// Notification channels in the engine, as the daemon and the desktop run them: each channel gets the
// rollout notices its filters choose (--tags, --platforms, --events), once; a receiver that was down
// gets the notice after the engine runs again on the same history; a digest channel (--batch) sends one
// message per period; ntfy and e-mail both get a rollout once; a hanging receiver holds up no other;
// workloads a rebuild left behind reach the channels that chose the "stale" event.
#include "FakeClock.h"
#include "ScriptedServer.h"
#include "SmtpServer.h"
#include "credentials/Credential.h"
#include "credentials/SecretStore.h"
#include "engine/WatchEngine.h"
#include "history/RebuildClassifier.h"
#include "registry/ManifestParser.h"
#include "store/ChannelStore.h"
#include "store/Database.h"
#include "store/HistoryStore.h"

#include <QFile>
#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QLoggingCategory>
#include <QPointer>
#include <QScopeGuard>
#include <QSignalSpy>
#include <QSqlQuery>
#include <QTemporaryDir>
#include <QTest>
#include <QTimer>

#include <gtest/gtest.h>

using namespace RebuildRadar;
using namespace RebuildRadar::Test;

namespace {

Observation twoPlatforms(qint64 id, qint64 at, const QByteArray &amd, const QByteArray &arm)
{
    TagState s;
    s.digest = sha256Digest(amd + arm);
    s.mediaType = MediaType::OciIndex;
    s.detailed = true;
    s.platforms = {{QStringLiteral("linux/amd64"), PlatformImage{sha256Digest(amd), {}}},
                   {QStringLiteral("linux/arm64"), PlatformImage{sha256Digest(arm), {}}}};
    return Observation{id, at, TagStatus::Ok, {}, s};
}

// Holds the timers asked for (a batch's period, a retry's delay) until the test fires them.
struct HeldTimer
{
    QList<qint64> delays;
    QList<std::function<void()>> waiting;
    ChannelTimer timer()
    {
        return [this](qint64 delayMs, QObject *context, std::function<void()> fire) {
            delays.append(delayMs);
            QPointer<QObject> guard(context);
            waiting.append([guard, fire] {
                if (guard)
                    fire();
            });
        };
    }
    void fireAll()
    {
        for (auto &fire : std::exchange(waiting, {}))
            fire();
    }
};

class ChannelDelivery : public testing::Test
{
protected:
    QString dbPath() const { return dir.filePath(QStringLiteral("history.sqlite")); }
    QString secretsPath() const { return dir.filePath(QStringLiteral("secrets.json")); }
    qint64 now() const { return clock.nowMs(); }

    void SetUp() override
    {
        auto db = Database::open(dbPath());
        ASSERT_TRUE(db.ok());
        HistoryStore store(**db, [this] { return now(); });
        for (const QString &ref :
             {QStringLiteral("example.com/team/app:1"), QStringLiteral("example.com/team/other:1"), kMarker})
            ASSERT_TRUE(store.addWatches({WatchRequest{*ImageReference::parse(ref), 3600, {}, 0}}).ok());
        app = (*store.tag(QStringLiteral("example.com/team/app:1")))->id;
        other = (*store.tag(QStringLiteral("example.com/team/other:1")))->id;
        marker = (*store.tag(kMarker))->id;
        ASSERT_TRUE(store.setMuted({marker}, true).ok());
        ASSERT_TRUE(store
                        .record({twoPlatforms(app, now() - 7200000, "a0", "b0"),
                                 twoPlatforms(other, now() - 7200000, "c0", "d0"),
                                 twoPlatforms(marker, now() - 7200000, "m0", "m0")},
                                classifyRebuild)
                        .ok());
    }
    // "Nothing more comes", said by a positive marker: another program records a rebuild of the muted
    // marker tag (news to no channel), and this waits until each channel named has taken it (its outbox
    // cursor is past it) and has `pending` notices left (0: all delivered). The outbox is taken in
    // order, so a second notice of anything before the marker was queued by then, and delivered.
    testing::AssertionResult settled(const QStringList &channels, int pending = 0)
    {
        qint64 markerRebuild = 0;
        {
            auto db = Database::open(dbPath());
            if (!db)
                return testing::AssertionFailure() << db.error().message.toStdString();
            ++markers;
            const QByteArray seed = "m" + QByteArray::number(markers);
            auto rebuilt =
                HistoryStore(**db, [this] {
                    return now();
                }).record({twoPlatforms(marker, now() - 1000 + markers, seed, seed)}, classifyRebuild);
            if (!rebuilt || rebuilt->size() != 1)
                return testing::AssertionFailure() << "the marker's rebuild was not recorded";
            markerRebuild = rebuilt->first().id;
        }
        QStringList waiting;
        const bool done = QTest::qWaitFor(
            [&] {
                waiting.clear();
                for (const QString &channel : channels) {
                    if (cursor(channel) < markerRebuild || state(channel).pending != pending)
                        waiting.append(channel);
                }
                return waiting.isEmpty();
            },
            20000);
        if (!done)
            return testing::AssertionFailure() << "not settled: " << waiting.join(u',').toStdString();
        return testing::AssertionSuccess();
    }
    // The last rebuild a channel's consumer took from the outbox.
    qint64 cursor(const QString &channel)
    {
        auto db = Database::open(dbPath());
        if (!db)
            return 0;
        QSqlQuery q((*db)->sql());
        q.prepare(QStringLiteral("SELECT last_rebuild_id FROM outbox_cursors WHERE consumer = ?"));
        q.addBindValue(ChannelStore::consumerOf(channel));
        return q.exec() && q.next() ? q.value(0).toLongLong() : 0;
    }
    void addChannel(const QString &name, const QString &url, const QString &tags = {},
                    const QStringList &platforms = {}, const QStringList &events = {}, int batchSeconds = 0,
                    const QString &addedBy = {})
    {
        auto db = Database::open(dbPath());
        ASSERT_TRUE(db.ok());
        NotifyChannel c;
        c.name = name;
        c.kind = channelKindName(parseChannelUrl(url, false)->kind);
        c.maskedUrl = parseChannelUrl(url, false)->masked;
        c.tagsPattern = tags;
        c.platforms = platforms;
        c.events = events.isEmpty() ? QStringList{QStringLiteral("started"), QStringLiteral("complete"),
                                                  QStringLiteral("closed")}
                                    : events;
        c.batchSeconds = batchSeconds;
        c.addedBy = addedBy;
        c.secretStore = QString::fromLatin1(SecretStore::kFile);
        ASSERT_TRUE(SecretStore(secretsPath(), false).writeFile(ChannelStore::consumerOf(name), url).ok());
        ASSERT_TRUE(ChannelStore(**db, [this] { return now(); }).add(c).ok());
    }
    // Another program (the poller of the daemon, say) records rebuilds.
    void record(const QList<Observation> &observations)
    {
        auto db = Database::open(dbPath());
        ASSERT_TRUE(db.ok());
        HistoryStore store(**db, [this] { return now(); });
        auto rebuilt = store.record(observations, classifyRebuild);
        ASSERT_TRUE(rebuilt.ok() && rebuilt->size() == observations.size());
    }
    ChannelDeliveryState state(const QString &name)
    {
        auto db = Database::open(dbPath());
        auto s = ChannelStore(**db, [this] { return now(); }).deliveryState(name);
        return s ? *s : ChannelDeliveryState{};
    }
    std::unique_ptr<WatchEngine> openEngine(qint64 leaseMs = 90 * 1000,
                                            const QList<WorkloadSource> &workloadSources = {})
    {
        auto engine = std::make_unique<WatchEngine>(clock, std::make_unique<CredentialChain>());
        EngineConfig config;
        config.workloadSources = workloadSources;
        config.databasePath = dbPath();
        // the rebuilds here are written into the store, of a registry nobody runs: nothing to analyse
        config.analysePackages = false;
        config.channelSecretsFile = secretsPath();
        config.channelTimer = timer.timer();
        config.channelLeaseMs = leaseMs;
        engine->setPaused(true); // the test records; the engine announces
        QSignalSpy opened(engine.get(), &WatchEngine::opened);
        engine->open(config);
        EXPECT_TRUE(opened.size() == 1 && opened[0][0].toBool());
        return engine;
    }

    QTemporaryDir dir;
    SystemClock clock;
    HeldTimer timer;
    qint64 app = 0;
    qint64 other = 0;
    qint64 marker = 0; // muted: its rebuilds are news to nobody (settled())
    int markers = 0;
    static inline const QString kMarker = QStringLiteral("example.com/team/marker:1");
};

int okRequests(const ScriptedServer &server, const QByteArray &path, const QSet<int> &failedIndexes = {})
{
    int n = 0;
    for (qsizetype i = 0; i < server.requests().size(); ++i)
        n += server.requests()[i].path() == path && !failedIndexes.contains(int(i)) ? 1 : 0;
    return n;
}

} // namespace

TEST_F(ChannelDelivery, EachChannelGetsWhatItsFiltersChooseOnce)
{
    ScriptedServer server([](const ScriptedRequest &) { return ScriptedResponse{200, {}, {}}; });
    addChannel(QStringLiteral("all"), server.url(QStringLiteral("/all")));
    addChannel(QStringLiteral("tags"), server.url(QStringLiteral("/tags")), QStringLiteral(".*/app:1"));
    addChannel(QStringLiteral("arm"), server.url(QStringLiteral("/arm")), {},
               {QStringLiteral("linux/arm64")});
    addChannel(QStringLiteral("started"), server.url(QStringLiteral("/started")), {}, {},
               {QStringLiteral("started")});
    auto engine = openEngine();
    // app: amd64 only (a rollout starts); other: both platforms at once (complete)
    record({twoPlatforms(app, now() - 60000, "a1", "b0"), twoPlatforms(other, now() - 60000, "c1", "d1")});
    auto events = [&](const QByteArray &path) {
        QStringList out;
        for (const ScriptedRequest &r : server.requests()) {
            if (r.path() == path) {
                const QJsonObject body = QJsonDocument::fromJson(r.body).object();
                out.append(body[QStringLiteral("familiar")].toString() + u' ' +
                           body[QStringLiteral("event")].toString());
            }
        }
        out.sort();
        return out;
    };
    ASSERT_TRUE(QTest::qWaitFor([&] { return server.requests().size() >= 5; }, 20000))
        << server.requests().size();
    ASSERT_TRUE(
        settled({QStringLiteral("all"), QStringLiteral("tags"), QStringLiteral("arm"),
                 QStringLiteral("started")})); // nothing more comes (a second look at the database included)
    EXPECT_EQ(events("/all"), (QStringList{QStringLiteral("example.com/team/app:1 started"),
                                           QStringLiteral("example.com/team/other:1 complete")}));
    EXPECT_EQ(events("/tags"), QStringList{QStringLiteral("example.com/team/app:1 started")});
    EXPECT_EQ(events("/arm"), QStringList{QStringLiteral("example.com/team/other:1 complete")});
    EXPECT_EQ(events("/started"), QStringList{QStringLiteral("example.com/team/app:1 started")});
    EXPECT_EQ(server.requests().size(), 5);
    EXPECT_EQ(state(QStringLiteral("all")).pending, 0);
    EXPECT_TRUE(state(QStringLiteral("all")).lastOk);
}

// On a shared history a channel follows the mutes of whoever added it, whichever program delivers it:
// a colleague's mute silences the colleague's channel, not this user's, and this user's (the marker)
// not the colleague's.
TEST_F(ChannelDelivery, AChannelFollowsTheMutesOfWhoeverAddedIt)
{
    ScriptedServer server([](const ScriptedRequest &) { return ScriptedResponse{200, {}, {}}; });
    addChannel(QStringLiteral("mine"), server.url(QStringLiteral("/mine")));
    addChannel(QStringLiteral("theirs"), server.url(QStringLiteral("/theirs")), {}, {}, {}, 0,
               QStringLiteral("colleague"));
    {
        auto db = Database::open(dbPath());
        ASSERT_TRUE(db.ok());
        ASSERT_TRUE(HistoryStore(
                        **db, [this] { return now(); }, QStringLiteral("colleague"))
                        .setMuted({app}, true)
                        .ok());
    }
    auto engine = openEngine();
    record({twoPlatforms(app, now() - 60000, "a1", "b1"), twoPlatforms(other, now() - 60000, "c1", "d1")});
    ASSERT_TRUE(settled({QStringLiteral("mine"), QStringLiteral("theirs")}));
    auto familiars = [&](const QByteArray &path) {
        QStringList out;
        for (const ScriptedRequest &r : server.requests()) {
            if (r.path() == path)
                out.append(QJsonDocument::fromJson(r.body).object()[QStringLiteral("familiar")].toString());
        }
        out.sort();
        return out;
    };
    EXPECT_EQ(familiars("/mine"), (QStringList{QStringLiteral("example.com/team/app:1"),
                                               QStringLiteral("example.com/team/other:1")}));
    EXPECT_EQ(familiars("/theirs"), (QStringList{QStringLiteral("example.com/team/marker:1"),
                                                 QStringLiteral("example.com/team/other:1")}));
}

TEST_F(ChannelDelivery, AReceiverDownDuringARebuildGetsItAfterTheEngineRunsAgain)
{
    bool down = true;
    QSet<int> refused;
    ScriptedServer server([&](const ScriptedRequest &) {
        ScriptedResponse r{200, {}, {}};
        if (down) {
            r.behaviour = ScriptedResponse::Behaviour::Reset;
        }
        return r;
    });
    addChannel(QStringLiteral("hook"), server.url(QStringLiteral("/hook")));
    {
        auto engine = openEngine();
        QSignalSpy failed(engine.get(), &WatchEngine::channelFailed);
        record({twoPlatforms(app, now() - 60000, "a1", "b1")});
        ASSERT_TRUE(failed.wait(20000));
        EXPECT_FALSE(failed[0][2].toBool()); // not given up: a retry waits (held by the test's timer)
        EXPECT_EQ(timer.delays.value(0), 10000);
        for (qsizetype i = 0; i < server.requests().size(); ++i)
            refused.insert(int(i));
        EXPECT_EQ(state(QStringLiteral("hook")).pending, 1);
        EXPECT_FALSE(state(QStringLiteral("hook")).lastError.isEmpty());
    } // the program stops (or is stopped) with the notice undelivered
    timer.waiting.clear();
    down = false;
    auto engine = openEngine();
    QSignalSpy delivered(engine.get(), &WatchEngine::channelDelivered);
    ASSERT_TRUE(delivered.wait(20000));
    ASSERT_TRUE(settled({QStringLiteral("hook")}));
    EXPECT_EQ(okRequests(server, "/hook", refused), 1);
    EXPECT_EQ(state(QStringLiteral("hook")).pending, 0);
    EXPECT_TRUE(state(QStringLiteral("hook")).lastOk);
    // and a third run sends nothing again
    engine.reset();
    auto again = openEngine();
    ASSERT_TRUE(settled({QStringLiteral("hook")}));
    EXPECT_EQ(okRequests(server, "/hook", refused), 1);
}

TEST_F(ChannelDelivery, ADigestChannelSendsOneMessagePerPeriod)
{
    ScriptedServer server([](const ScriptedRequest &) { return ScriptedResponse{200, {}, {}}; });
    addChannel(QStringLiteral("hourly"), server.url(QStringLiteral("/digest")), {}, {}, {}, 3600);
    auto engine = openEngine();
    record({twoPlatforms(app, now() - 60000, "a1", "b1"), twoPlatforms(other, now() - 60000, "c1", "d1")});
    ASSERT_TRUE(QTest::qWaitFor([&] { return !timer.waiting.isEmpty(); }, 20000));
    // both notices are in the batch; nothing is sent before the period ends
    ASSERT_TRUE(settled({QStringLiteral("hourly")}, 2));
    EXPECT_TRUE(server.requests().isEmpty());
    EXPECT_EQ(timer.delays, QList<qint64>{3600 * 1000});
    timer.fireAll();
    ASSERT_TRUE(QTest::qWaitFor([&] { return server.requests().size() == 1; }, 20000));
    const QJsonObject body = QJsonDocument::fromJson(server.requests().first().body).object();
    EXPECT_EQ(body[QStringLiteral("event")].toString(), QStringLiteral("digest"));
    EXPECT_EQ(body[QStringLiteral("notices")].toArray().size(), 2);
    EXPECT_TRUE(
        body[QStringLiteral("title")].toString().startsWith(QStringLiteral("2 rollout notices since")));
    ASSERT_TRUE(QTest::qWaitFor([&] { return state(QStringLiteral("hourly")).pending == 0; }, 10000));
}

TEST_F(ChannelDelivery, NtfyAndMailBothGetARolloutOnce)
{
    SmtpServer *smtp = SmtpServer::instance();
    ASSERT_NE(smtp, nullptr);
    smtp->clear();
    ScriptedServer ntfy([](const ScriptedRequest &) { return ScriptedResponse{200, {}, "{}"}; });
    addChannel(QStringLiteral("ntfy"), QStringLiteral("ntfy://") + ntfy.host() + QStringLiteral("/builds"));
    addChannel(QStringLiteral("mail"),
               QStringLiteral("smtp://127.0.0.1:%1?from=radar@example.org&to=ops@example.org")
                   .arg(smtp->plainPort()));
    auto engine = openEngine();
    record({twoPlatforms(app, now() - 60000, "a1", "b1")});
    ASSERT_TRUE(
        QTest::qWaitFor([&] { return ntfy.requests().size() == 1 && smtp->messages().size() == 1; }, 30000));
    ASSERT_TRUE(settled({QStringLiteral("ntfy"), QStringLiteral("mail")}));
    EXPECT_EQ(ntfy.requests().size(), 1);
    EXPECT_EQ(smtp->messages().size(), 1);
    EXPECT_EQ(
        QJsonDocument::fromJson(ntfy.requests().first().body).object()[QStringLiteral("title")].toString(),
        QStringLiteral("example.com/team/app:1 rebuilt on 2 of 2 platforms — cause unknown"));
    EXPECT_TRUE(smtp->messages().first().raw.contains("Subject: "));
    ASSERT_TRUE(QTest::qWaitFor([&] { return state(QStringLiteral("mail")).pending == 0; }, 10000));
    EXPECT_TRUE(state(QStringLiteral("mail")).lastOk);
}

TEST_F(ChannelDelivery, AHangingReceiverHoldsUpNoOtherChannel)
{
    ScriptedServer hanging([](const ScriptedRequest &) {
        ScriptedResponse r;
        r.behaviour = ScriptedResponse::Behaviour::Silent;
        return r;
    });
    ScriptedServer quick([](const ScriptedRequest &) { return ScriptedResponse{200, {}, {}}; });
    addChannel(QStringLiteral("stuck"), hanging.url(QStringLiteral("/h")));
    addChannel(QStringLiteral("quick"), quick.url(QStringLiteral("/h")));
    auto engine = openEngine();
    QSignalSpy delivered(engine.get(), &WatchEngine::channelDelivered);
    record({twoPlatforms(app, now() - 60000, "a1", "b1")});
    ASSERT_TRUE(QTest::qWaitFor(
        [&] { return hanging.requests().size() == 1 && quick.requests().size() == 1; }, 20000));
    ASSERT_TRUE(QTest::qWaitFor([&] { return delivered.size() == 1; }, 10000));
    EXPECT_EQ(delivered[0][0].toString(), QStringLiteral("quick"));
    EXPECT_EQ(state(QStringLiteral("stuck")).pending, 1);
    // and the engine's own work goes on: it still reads what others record
    QSignalSpy updated(engine.get(), &WatchEngine::tagsUpdated);
    record({twoPlatforms(other, now() - 30000, "c1", "d1")});
    EXPECT_TRUE(updated.wait(10000));
}

namespace {

QStringList g_logLines;

void keepLogLine(QtMsgType, const QMessageLogContext &context, const QString &message)
{
    g_logLines.append(QString::fromLatin1(context.category ? context.category : "") + u' ' + message);
}

QByteArray fileBytes(const QString &path)
{
    QFile f(path);
    return f.open(QIODevice::ReadOnly) ? f.readAll() : QByteArray();
}

} // namespace

TEST_F(ChannelDelivery, SecretsAppearInNoLogLineOrDatabaseWhileDelivering)
{
    int calls = 0;
    ScriptedServer server([&](const ScriptedRequest &) {
        return ScriptedResponse{++calls <= 2 ? 500 : 200, {}, {}};
    });
    const QString pathToken = QStringLiteral("pathToken0123456789abcdef");
    const QString hmacSecret = QStringLiteral("hmacSecret-5f4e3d");
    const QString password = QStringLiteral("ntfyPassword-9a8b7c");
    addChannel(QStringLiteral("hook"),
               server.url(QStringLiteral("/hooks/%1?hmac_secret=%2").arg(pathToken, hmacSecret)));
    addChannel(QStringLiteral("ntfy"),
               QStringLiteral("ntfy://bob:%1@%2/builds").arg(password, server.host()));
    g_logLines.clear();
    QLoggingCategory::setFilterRules(QStringLiteral("*.debug=true"));
    const QtMessageHandler previous = qInstallMessageHandler(keepLogLine);
    auto restore = qScopeGuard([previous] {
        qInstallMessageHandler(previous);
        QLoggingCategory::setFilterRules(QString());
    });
    QStringList signalled;
    {
        auto engine = openEngine();
        QObject::connect(
            engine.get(), &WatchEngine::channelFailed, engine.get(),
            [&](const QString &name, const QString &error, bool) { signalled.append(name + u' ' + error); });
        QObject::connect(engine.get(), &WatchEngine::failed, engine.get(),
                         [&](const Error &error) { signalled.append(error.message); });
        QSignalSpy delivered(engine.get(), &WatchEngine::channelDelivered);
        record({twoPlatforms(app, now() - 60000, "a1", "b1")});
        // two 500s (the retries held by the test's timer, fired here), then both are delivered
        ASSERT_TRUE(QTest::qWaitFor(
            [&] {
                timer.fireAll();
                return delivered.size() == 2;
            },
            20000));
    }
    restore.dismiss();
    qInstallMessageHandler(previous);
    QLoggingCategory::setFilterRules(QString());
    EXPECT_GE(signalled.size(), 2);     // the failures were said…
    EXPECT_FALSE(g_logLines.isEmpty()); // …and debug logging was on
    const QString said = (g_logLines + signalled).join(u'\n');
    for (const QString &secret : {pathToken, hmacSecret, password})
        EXPECT_FALSE(said.contains(secret)) << secret.toStdString() << "\n" << said.toStdString();
    // the database (and its WAL) hold the URLs masked only
    const QByteArray db = fileBytes(dbPath()) + fileBytes(dbPath() + QStringLiteral("-wal"));
    for (const QString &secret : {pathToken, hmacSecret, password})
        EXPECT_FALSE(db.contains(secret.toUtf8())) << secret.toStdString();
    EXPECT_TRUE(db.contains("ntfy://bob:****@"));
}

TEST_F(ChannelDelivery, TwoProgramsOnOneHistorySendANoticeOnce)
{
    ScriptedServer server([](const ScriptedRequest &) { return ScriptedResponse{200, {}, {}}; });
    addChannel(QStringLiteral("hook"), server.url(QStringLiteral("/hook")));
    // the desktop app and a daemon, say: the first holds the channel's lease, renewed every second here
    auto first = openEngine(3000);
    auto second = openEngine(3000);
    record({twoPlatforms(app, now() - 60000, "a1", "b0")});
    ASSERT_TRUE(QTest::qWaitFor([&] { return server.requests().size() == 1; }, 20000));
    ASSERT_TRUE(settled({QStringLiteral("hook")}));
    EXPECT_EQ(server.requests().size(), 1);
    // the first stops: the other takes the channel over and delivers what comes next
    first.reset();
    record({twoPlatforms(app, now() - 30000, "a1", "b1")});
    ASSERT_TRUE(QTest::qWaitFor([&] { return server.requests().size() == 2; }, 20000));
    ASSERT_TRUE(settled({QStringLiteral("hook")}));
    EXPECT_EQ(server.requests().size(), 2);
    EXPECT_EQ(state(QStringLiteral("hook")).pending, 0);
}

namespace {

// A Docker Engine API (GET /containers/json, /images/{id}/json) whose containers "web" and "worker" run
// the image `digest` of example.com/team/app:1.
ScriptedResponse dockerEngine(const ScriptedRequest &r, const QString &digest)
{
    const QString imageId = QStringLiteral("sha256:") + QString(64, u'e');
    ScriptedResponse response;
    response.header("Content-Type", "application/json");
    if (r.path() == "/containers/json")
        response.body = QStringLiteral(R"([
            {"Id":"c1","Names":["/web"],"Image":"example.com/team/app:1","ImageID":"%1","State":"running"},
            {"Id":"c2","Names":["/worker"],"Image":"example.com/team/app:1","ImageID":"%1","State":"running"}])")
                            .arg(imageId)
                            .toUtf8();
    else if (r.path().startsWith("/images/"))
        response.body = QStringLiteral(R"({"Id":"%1","RepoDigests":["example.com/team/app@%2"]})")
                            .arg(imageId, digest)
                            .toUtf8();
    else
        response.status = 404;
    return response;
}

} // namespace

TEST_F(ChannelDelivery, WorkloadsARebuildLeftBehindReachTheChannelsThatChoseStale)
{
    const QString running = twoPlatforms(app, 0, "a0", "b0").state->digest;
    ScriptedServer docker([&](const ScriptedRequest &r) { return dockerEngine(r, running); });
    ScriptedServer server([](const ScriptedRequest &) { return ScriptedResponse{200, {}, {}}; });
    ScriptedServer ntfy([](const ScriptedRequest &) { return ScriptedResponse{200, {}, "{}"}; });
    const QStringList stale{QStringLiteral("stale")};
    addChannel(QStringLiteral("stale"), server.url(QStringLiteral("/stale")), {}, {}, stale);
    addChannel(QStringLiteral("both"), server.url(QStringLiteral("/both")), {}, {},
               {QStringLiteral("started"), QStringLiteral("stale")});
    addChannel(QStringLiteral("amd"), server.url(QStringLiteral("/amd")), {}, {QStringLiteral("linux/amd64")},
               stale);
    addChannel(QStringLiteral("arm"), server.url(QStringLiteral("/arm")), {}, {QStringLiteral("linux/arm64")},
               stale);
    addChannel(QStringLiteral("other"), server.url(QStringLiteral("/other")), QStringLiteral(".*/other:1"),
               {}, stale);
    addChannel(QStringLiteral("rollouts"), server.url(QStringLiteral("/rollouts"))); // the default events
    addChannel(QStringLiteral("ntfy"), QStringLiteral("ntfy://") + ntfy.host() + QStringLiteral("/ops"), {},
               {}, stale);
    auto engine =
        openEngine(90 * 1000, {WorkloadSource{WorkloadSourceKind::Docker, docker.url(), {}, false}});
    QSignalSpy read(engine.get(), &WatchEngine::workloadsChanged);
    QSignalSpy behind(engine.get(), &WatchEngine::workloadsLeftBehind);
    ASSERT_TRUE(read.wait(20000)); // the first reading: what runs is known, nothing announced

    // app is rebuilt on amd64 only (arm64 follows later): both containers now run an old build.
    record({twoPlatforms(app, now() - 60000, "a1", "b0")});
    ASSERT_TRUE(behind.wait(20000));
    auto paths = [&] {
        QStringList out;
        for (const ScriptedRequest &r : server.requests())
            out.append(QString::fromUtf8(r.path()) + u' ' +
                       QJsonDocument::fromJson(r.body).object()[QStringLiteral("event")].toString());
        out.sort();
        return out;
    };
    ASSERT_TRUE(
        QTest::qWaitFor([&] { return server.requests().size() >= 5 && ntfy.requests().size() >= 1; }, 20000))
        << paths().join(u',').toStdString();
    // nothing more comes: the workloads' messages went out with the rollout notices, before the marker
    ASSERT_TRUE(settled({QStringLiteral("stale"), QStringLiteral("both"), QStringLiteral("amd"),
                         QStringLiteral("arm"), QStringLiteral("other"), QStringLiteral("rollouts"),
                         QStringLiteral("ntfy")}));
    EXPECT_EQ(paths(), (QStringList{QStringLiteral("/amd stale"), QStringLiteral("/both stale"),
                                    QStringLiteral("/both started"), QStringLiteral("/rollouts started"),
                                    QStringLiteral("/stale stale")}));
    EXPECT_EQ(ntfy.requests().size(), 1);

    // The webhook's payload: one message for the tag, each workload in `running --json`'s fields.
    QJsonObject body;
    for (const ScriptedRequest &r : server.requests()) {
        if (r.path() == "/stale") {
            body = QJsonDocument::fromJson(r.body).object();
            EXPECT_EQ(r.header("X-RebuildRadar-Event"), QByteArray("stale"));
        }
    }
    EXPECT_EQ(body[QStringLiteral("title")].toString(),
              QStringLiteral("2 workloads run an old build of example.com/team/app:1"));
    EXPECT_EQ(body[QStringLiteral("reference")].toString(), QStringLiteral("example.com/team/app:1"));
    EXPECT_EQ(body[QStringLiteral("current_digest")].toString(),
              twoPlatforms(app, 0, "a1", "b0").state->digest);
    const QJsonArray workloads = body[QStringLiteral("workloads")].toArray();
    ASSERT_EQ(workloads.size(), 2);
    QStringList names;
    for (const QJsonValue &value : workloads) {
        const QJsonObject w = value.toObject();
        names.append(w[QStringLiteral("name")].toString());
        EXPECT_EQ(w[QStringLiteral("source")].toString(), QStringLiteral("docker"));
        EXPECT_EQ(w[QStringLiteral("host")].toString(), docker.url());
        EXPECT_EQ(w[QStringLiteral("running_digest")].toString(), running);
        EXPECT_EQ(w[QStringLiteral("build")].toInt(), 1);
        EXPECT_EQ(w[QStringLiteral("builds")].toInt(), 2);
        EXPECT_EQ(w[QStringLiteral("rebuilds_behind")].toInt(), 1);
        EXPECT_TRUE(w[QStringLiteral("stale")].toBool());
        EXPECT_TRUE(w[QStringLiteral("newer_since")].isString());
        EXPECT_TRUE(w.contains(QStringLiteral("newer_changes")));
    }
    names.sort();
    EXPECT_EQ(names, (QStringList{QStringLiteral("web"), QStringLiteral("worker")}));

    // Elsewhere, the body names each workload: where it runs, its build, how far behind, since when.
    const QJsonObject published = QJsonDocument::fromJson(ntfy.requests().first().body).object();
    EXPECT_EQ(published[QStringLiteral("title")].toString(), body[QStringLiteral("title")].toString());
    const QString message = published[QStringLiteral("message")].toString();
    for (const QString &part :
         {QStringLiteral("web"), QStringLiteral("worker"), QStringLiteral("docker"), docker.url(),
          QStringLiteral("build 1 of 2"), QStringLiteral("1 rebuild behind"), QStringLiteral("newer since")})
        EXPECT_TRUE(message.contains(part)) << part.toStdString() << "\n" << message.toStdString();

    // Read again without a rebuild: nothing new to say.
    const qsizetype sent = server.requests().size();
    const qsizetype readings = read.size();
    engine->refreshWorkloads();
    ASSERT_TRUE(QTest::qWaitFor([&] { return read.size() > readings; }, 20000));
    EXPECT_EQ(behind.size(), 1);
    EXPECT_EQ(server.requests().size(), sent);
}
