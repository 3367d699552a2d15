// `notify add|list|remove|test` through the real binary: bad input changes nothing (exit 2), the list
// shows URLs masked with the last delivery, `notify test` reaches the receiver, and with every debug
// log on, no password or token appears in any file the program writes (database, settings), on any
// log line or in any output.
#include "CliRunner.h"
#include "LocalRegistry.h"
#include "ScriptedServer.h"
#include "SmtpServer.h"
#include "reference/ImageReference.h"

#include <QDirIterator>
#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QTest>

#include <csignal>

#include <gtest/gtest.h>

#include <algorithm>

using namespace RebuildRadar;
using namespace RebuildRadar::Test;

namespace {

QStringList filesUnder(const QString &root)
{
    QStringList out;
    QDirIterator it(root, QDir::Files | QDir::Hidden, QDirIterator::Subdirectories);
    while (it.hasNext())
        out.append(it.next());
    return out;
}

} // namespace

TEST(NotifyCli, BadInputIsRefusedAndChangesNothing)
{
    CliRunner cli;
    const QList<QStringList> bad{
        {QStringLiteral("notify"), QStringLiteral("add"), QStringLiteral("http://example.org/hook")},
        {QStringLiteral("notify"), QStringLiteral("add"), QStringLiteral("ntfys://ntfy.sh/t"),
         QStringLiteral("--events"), QStringLiteral("started,sometimes")},
        {QStringLiteral("notify"), QStringLiteral("add"), QStringLiteral("ntfys://ntfy.sh/t"),
         QStringLiteral("--tags"), QStringLiteral("(unclosed")},
        {QStringLiteral("notify"), QStringLiteral("add"), QStringLiteral("ntfys://ntfy.sh/t"),
         QStringLiteral("--platforms"), QStringLiteral("amd64")},
        {QStringLiteral("notify"), QStringLiteral("add"), QStringLiteral("ntfys://ntfy.sh/t"),
         QStringLiteral("--batch"), QStringLiteral("often")},
        {QStringLiteral("notify"), QStringLiteral("add"), QStringLiteral("ntfys://ntfy.sh/t"),
         QStringLiteral("--name"), QStringLiteral("a b")},
        {QStringLiteral("notify"), QStringLiteral("add"),
         QStringLiteral("smtps://mail.example.org?to=a@b.c")},
        {QStringLiteral("notify"), QStringLiteral("remove"), QStringLiteral("nothing")},
        {QStringLiteral("notify"), QStringLiteral("test"), QStringLiteral("nothing")},
        {QStringLiteral("notify"), QStringLiteral("frobnicate")},
    };
    for (const QStringList &args : bad) {
        const CliRun r = cli.run(args);
        EXPECT_EQ(r.exitCode, 2) << args.join(u' ').toStdString() << r.err.toStdString();
        EXPECT_TRUE(r.err.startsWith("rebuildradar-cli: ")) << r.err.toStdString();
    }
    const CliRun list = cli.run({QStringLiteral("notify"), QStringLiteral("list"), QStringLiteral("--json")});
    EXPECT_EQ(list.exitCode, 0);
    EXPECT_EQ(QJsonDocument::fromJson(list.out).array().size(), 0);
    // a name taken twice: the second is refused, the first stays
    ASSERT_EQ(cli.run({QStringLiteral("notify"), QStringLiteral("add"), QStringLiteral("ntfys://ntfy.sh/a"),
                       QStringLiteral("--name"), QStringLiteral("team")})
                  .exitCode,
              0);
    EXPECT_EQ(cli.run({QStringLiteral("notify"), QStringLiteral("add"), QStringLiteral("ntfys://ntfy.sh/b"),
                       QStringLiteral("--name"), QStringLiteral("team")})
                  .exitCode,
              2);
    const QJsonArray after =
        QJsonDocument::fromJson(
            cli.run({QStringLiteral("notify"), QStringLiteral("list"), QStringLiteral("--json")}).out)
            .array();
    ASSERT_EQ(after.size(), 1);
    EXPECT_EQ(after[0][QStringLiteral("url")].toString(), QStringLiteral("ntfys://ntfy.sh/a"));
}

namespace {

// `keychain`: whether the CLI may use the OS keychain (the test session has one); without it the
// secrets go to the 0600 file.
void secretsAppearNowhere(bool keychain)
{
    int calls = 0;
    ScriptedServer server([&](const ScriptedRequest &) {
        return ScriptedResponse{++calls == 1 ? 200 : 500, {}, {}};
    });
    CliRunner cli;
    cli.env().insert(QStringLiteral("QT_LOGGING_RULES"), QStringLiteral("*.debug=true"));
    if (!keychain)
        cli.env().insert(QStringLiteral("REBUILDRADAR_KEYCHAIN"), QStringLiteral("off"));
    const QString password = QStringLiteral("pa55-hunter2-xyz");
    const QString token = QStringLiteral("tok-9f8e7d6c5b4a");
    const QString ntfyUrl = QStringLiteral("ntfy://bob:%1@%2/builds").arg(password, server.host());
    const QString hookUrl = server.url(QStringLiteral("/hook?hmac_secret=%1").arg(token));
    QByteArray everything;
    auto run = [&](const QStringList &args) {
        const CliRun r = cli.run(args);
        everything += r.out + r.err;
        return r;
    };
    const CliRun added =
        run({QStringLiteral("notify"), QStringLiteral("add"), ntfyUrl, QStringLiteral("--name"),
             QStringLiteral("phone"), QStringLiteral("--tags"), QStringLiteral("python:.*"),
             QStringLiteral("--platforms"), QStringLiteral("linux/arm64"), QStringLiteral("--events"),
             QStringLiteral("started,closed"), QStringLiteral("--batch"), QStringLiteral("1h")});
    ASSERT_EQ(added.exitCode, 0) << added.err.toStdString();
    ASSERT_EQ(run({QStringLiteral("notify"), QStringLiteral("add"), hookUrl, QStringLiteral("--name"),
                   QStringLiteral("hook")})
                  .exitCode,
              0);
    const CliRun tested = run({QStringLiteral("notify"), QStringLiteral("test"), QStringLiteral("phone")});
    EXPECT_EQ(tested.exitCode, 0) << tested.err.toStdString();
    ASSERT_EQ(server.requests().size(), 1);
    EXPECT_EQ(server.requests()[0].header("authorization"),
              "Basic " + (QStringLiteral("bob:") + password).toUtf8().toBase64());
    const CliRun failedTest = run({QStringLiteral("notify"), QStringLiteral("test"), QStringLiteral("hook")});
    EXPECT_EQ(failedTest.exitCode, 1);
    EXPECT_TRUE(failedTest.err.contains("HTTP 500")) << failedTest.err.toStdString();
    const CliRun listed = run({QStringLiteral("notify"), QStringLiteral("list"), QStringLiteral("--json")});
    ASSERT_EQ(listed.exitCode, 0);
    const QJsonArray channels = QJsonDocument::fromJson(listed.out).array();
    ASSERT_EQ(channels.size(), 2);
    const QJsonObject phone = channels[1].toObject();
    EXPECT_EQ(phone[QStringLiteral("name")].toString(), QStringLiteral("phone"));
    EXPECT_EQ(phone[QStringLiteral("kind")].toString(), QStringLiteral("ntfy"));
    EXPECT_EQ(phone[QStringLiteral("url")].toString(),
              QStringLiteral("ntfy://bob:****@%1/builds").arg(server.host()));
    EXPECT_EQ(phone[QStringLiteral("tags")].toString(), QStringLiteral("python:.*"));
    EXPECT_EQ(phone[QStringLiteral("platforms")].toArray(), QJsonArray{QStringLiteral("linux/arm64")});
    EXPECT_EQ(phone[QStringLiteral("events")].toArray(),
              (QJsonArray{QStringLiteral("started"), QStringLiteral("closed")}));
    EXPECT_EQ(phone[QStringLiteral("batch_seconds")].toInt(), 3600);
    EXPECT_TRUE(phone[QStringLiteral("last_delivery")].isNull());
    run({QStringLiteral("notify"), QStringLiteral("list")});
    // debug logging was on everywhere: the secrets are in no output…
    EXPECT_FALSE(everything.contains(password.toUtf8())) << everything.toStdString();
    EXPECT_FALSE(everything.contains(token.toUtf8()));
    // …and in no file but the secrets file (when no keychain answered: then it is readable by its user only)
    const QString secretsFile = cli.home() + QStringLiteral("/config/rebuildradar/notify-secrets.json");
    if (!keychain) {
        EXPECT_TRUE(QFile::exists(secretsFile));
    }
    for (const QString &path : filesUnder(cli.home())) {
        QFile f(path);
        ASSERT_TRUE(f.open(QIODevice::ReadOnly));
        const QByteArray bytes = f.readAll();
        if (path == secretsFile) {
            EXPECT_EQ(f.permissions() &
                          (QFile::ReadGroup | QFile::ReadOther | QFile::WriteGroup | QFile::WriteOther),
                      QFile::Permissions());
            continue;
        }
        EXPECT_FALSE(bytes.contains(password.toUtf8())) << path.toStdString();
        EXPECT_FALSE(bytes.contains(token.toUtf8())) << path.toStdString();
    }
    // removing forgets the URL too
    EXPECT_EQ(run({QStringLiteral("notify"), QStringLiteral("remove"), QStringLiteral("phone")}).exitCode, 0);
    EXPECT_EQ(run({QStringLiteral("notify"), QStringLiteral("remove"), QStringLiteral("hook")}).exitCode, 0);
    QFile secrets(secretsFile);
    if (secrets.open(QIODevice::ReadOnly)) {
        const QByteArray bytes = secrets.readAll();
        EXPECT_FALSE(bytes.contains(password.toUtf8()));
        EXPECT_FALSE(bytes.contains(token.toUtf8()));
    }
}

} // namespace

TEST(NotifyCli, SecretsAppearInNoFileLogOrOutputWithTheKeychain)
{
    secretsAppearNowhere(true);
}

TEST(NotifyCli, SecretsAppearInNoFileLogOrOutputWithTheUsersFile)
{
    secretsAppearNowhere(false);
}

TEST(DaemonChannels, AKilledDaemonsNoticeReachesNtfyAndMailOnceAfterItRunsAgain)
{
    LocalRegistry registry;
    ASSERT_TRUE(registry.isRunning()) << registry.error().toStdString();
    SmtpServer *smtp = SmtpServer::instance();
    ASSERT_NE(smtp, nullptr);
    smtp->clear();
    bool down = true;
    int accepted = 0;
    QByteArray firstAccepted; // the body of the notice that waited for the daemon to run again
    ScriptedServer ntfy([&](const ScriptedRequest &request) {
        ScriptedResponse r{200, {}, "{}"};
        if (down)
            r.behaviour = ScriptedResponse::Behaviour::Reset;
        else if (++accepted == 1)
            firstAccepted = request.body;
        return r;
    });
    Pusher push(registry.host());
    TestImage image;
    image.layer = "first";
    push.tagImage(QStringLiteral("team/notify"), QStringLiteral("1"), image);
    CliRunner cli;
    const QString ref = registry.host() + QStringLiteral("/team/notify:1");
    ASSERT_EQ(cli.run({QStringLiteral("notify"), QStringLiteral("add"),
                       QStringLiteral("ntfy://") + ntfy.host() + QStringLiteral("/builds")})
                  .exitCode,
              0);
    ASSERT_EQ(cli.run({QStringLiteral("notify"), QStringLiteral("add"),
                       QStringLiteral("smtp://127.0.0.1:%1?from=radar@example.org&to=ops@example.org")
                           .arg(smtp->plainPort()),
                       QStringLiteral("--name"), QStringLiteral("mail")})
                  .exitCode,
              0);
    ASSERT_EQ(cli.run({QStringLiteral("watch"), QStringLiteral("add"), ref, QStringLiteral("--every"),
                       QStringLiteral("1s")})
                  .exitCode,
              0);
    auto checkedOk = [&] {
        const QJsonArray tags =
            QJsonDocument::fromJson(
                cli.run({QStringLiteral("watch"), QStringLiteral("list"), QStringLiteral("--json")}).out)
                .array();
        return tags.size() == 1 && tags[0][QStringLiteral("status")].toString() == u"ok";
    };
    auto first = cli.start({QStringLiteral("daemon")});
    ASSERT_TRUE(QTest::qWaitFor(checkedOk, 30000));
    image.layer = "rebuilt";
    push.tagImage(QStringLiteral("team/notify"), QStringLiteral("1"), image);
    // the mail goes out; ntfy is down: its notice waits for a retry when the daemon is killed
    ASSERT_TRUE(
        QTest::qWaitFor([&] { return smtp->messages().size() == 1 && !ntfy.requests().isEmpty(); }, 30000));
    ::kill(pid_t(first->processId()), SIGKILL);
    ASSERT_TRUE(QTest::qWaitFor([&] { return first->state() == QProcess::NotRunning; }, 10000));

    down = false;
    auto second = cli.start({QStringLiteral("daemon")});
    ASSERT_TRUE(QTest::qWaitFor([&] { return accepted == 1; }, 30000))
        << second->readAllStandardError().toStdString();
    // A later rebuild is the marker: each channel sends in order, so once both delivered its notice, a
    // second sending of anything earlier would have come already.
    image.layer = "third";
    push.tagImage(QStringLiteral("team/notify"), QStringLiteral("1"), image);
    ASSERT_TRUE(QTest::qWaitFor([&] { return accepted >= 2 && smtp->messages().size() >= 2; }, 30000))
        << second->readAllStandardError().toStdString();
    auto channelsNow = [&] {
        return QJsonDocument::fromJson(
                   cli.run({QStringLiteral("notify"), QStringLiteral("list"), QStringLiteral("--json")}).out)
            .array();
    };
    // the daemon confirmed the marker's deliveries: nothing of its is in hand when it stops
    ASSERT_TRUE(QTest::qWaitFor(
        [&] {
            const QJsonArray channels = channelsNow();
            return channels.size() == 2 &&
                   std::all_of(channels.begin(), channels.end(),
                               [](const QJsonValue &c) { return c[QStringLiteral("pending")].toInt() == 0; });
        },
        20000));
    second->terminate();
    ASSERT_TRUE(QTest::qWaitFor([&] { return second->state() == QProcess::NotRunning; }, 20000));
    EXPECT_EQ(second->exitCode(), 0);
    EXPECT_EQ(accepted, 2);                // the waiting notice once, then the marker
    EXPECT_EQ(smtp->messages().size(), 2); // the mail was acknowledged before the kill: not sent again
    const QJsonObject body = QJsonDocument::fromJson(firstAccepted).object();
    EXPECT_TRUE(body[QStringLiteral("title")].toString().startsWith(
        ImageReference::parse(ref)->familiar() + QStringLiteral(" rebuilt on 1 of 1 platform")))
        << body[QStringLiteral("title")].toString().toStdString();
    const QJsonArray channels = channelsNow();
    ASSERT_EQ(channels.size(), 2);
    for (const QJsonValue &c : channels) {
        EXPECT_EQ(c[QStringLiteral("pending")].toInt(), 0)
            << c[QStringLiteral("name")].toString().toStdString();
        EXPECT_TRUE(c[QStringLiteral("last_delivery")][QStringLiteral("ok")].toBool());
    }
}
