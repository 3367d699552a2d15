// Notification channels, one at a time: what each kind of URL is and how it is shown masked, each
// service's request checked field by field against its documented format (Slack Block Kit, Teams
// workflow Adaptive Card, Discord embeds, Matrix m.room.message, ntfy JSON publishing, Gotify /message,
// our generic webhook with its HMAC signature), the retries (500 twice then 200, 429 with Retry-After,
// bounded attempts, a hanging receiver that holds up no other channel) and e-mail through a real SMTP
// server (aiosmtpd): headers, both parts, STARTTLS with a login.
#include "FakeClock.h"
#include "ScriptedServer.h"
#include "SmtpServer.h"
#include "notify/ChannelMessage.h"
#include "notify/ChannelPayloads.h"
#include "notify/ChannelSender.h"
#include "notify/ChannelUrl.h"
#include "notify/MailSender.h"

#include <QJsonArray>
#include <QJsonDocument>
#include <QMessageAuthenticationCode>
#include <QNetworkAccessManager>
#include <QSignalSpy>
#include <QTest>
#include <QTimer>
#include <QUrlQuery>

#include <gtest/gtest.h>

using namespace RebuildRadar;
using namespace RebuildRadar::Test;

namespace {

RolloutNotice sampleNotice()
{
    RolloutNotice n;
    n.kind = RolloutNotice::Kind::StartedAndDone;
    n.noticeId = 42;
    n.tag.reference = QStringLiteral("docker.io/library/python:3.13-slim");
    n.tag.registry = QStringLiteral("docker.io");
    n.tag.repository = QStringLiteral("library/python");
    n.tag.tag = QStringLiteral("3.13-slim");
    n.rebuild.from = QStringLiteral("sha256:") + QString(64, u'a');
    n.rebuild.to = QStringLiteral("sha256:") + QString(64, u'b');
    n.rebuild.detectedAt = QDateTime(QDate(2026, 3, 4), QTime(5, 6, 7), Qt::UTC).toMSecsSinceEpoch();
    n.rebuild.platformsChanged = {QStringLiteral("linux/amd64"), QStringLiteral("linux/arm64")};
    n.rebuild.causes = {Cause{CauseKind::BaseImage, QStringLiteral("base image debian:bookworm-slim")}};
    n.rollout.startedAt = n.rebuild.detectedAt;
    n.userPlatformsDone = {QStringLiteral("linux/amd64"), QStringLiteral("linux/arm64")};
    return n;
}

ChannelMessage sampleMessage()
{
    NoticeFacts facts;
    facts.upstreamAt = sampleNotice().rebuild.detectedAt - 3 * 3600 * 1000;
    facts.lagMs = 3 * 3600 * 1000;
    return messageFor(sampleNotice(), facts);
}

const QString kTitle = QStringLiteral("python:3.13-slim rebuilt on 2 of 2 platforms — base image changed");
const QString kLink = QStringLiteral("https://hub.docker.com/_/python/tags?name=3.13-slim");

// Fires at once, keeping the delays the sender asked for.
struct RecordingTimer
{
    QList<qint64> delays;
    ChannelTimer timer()
    {
        return [this](qint64 delayMs, QObject *context, std::function<void()> fire) {
            delays.append(delayMs);
            QTimer::singleShot(0, context, std::move(fire));
        };
    }
};

struct Sent
{
    bool delivered = false;
    QString error;
};

// Sends one message and waits for its end (delivered or given up).
Sent sendOne(ChannelSender &sender, const ChannelMessage &message, int timeoutMs = 20000)
{
    QSignalSpy delivered(&sender, &ChannelSender::delivered);
    QSignalSpy gaveUp(&sender, &ChannelSender::gaveUp);
    sender.send(message);
    EXPECT_TRUE(QTest::qWaitFor([&] { return !delivered.isEmpty() || !gaveUp.isEmpty(); }, timeoutMs));
    Sent s;
    s.delivered = !delivered.isEmpty();
    if (!gaveUp.isEmpty())
        s.error = gaveUp[0][1].toString();
    return s;
}

QJsonObject bodyOf(const ScriptedRequest &r)
{
    return QJsonDocument::fromJson(r.body).object();
}

class ChannelShapes : public testing::Test
{
protected:
    // The request a channel of `kind` makes for the sample message, received by a local server.
    ScriptedRequest deliver(ChannelKind kind, const QString &url)
    {
        ChannelSender sender(kind, QUrl(url), false, &network, clock);
        const Sent sent = sendOne(sender, sampleMessage());
        EXPECT_TRUE(sent.delivered) << sent.error.toStdString();
        EXPECT_EQ(server.requests().size(), 1);
        return server.requests().value(0);
    }
    QString base(const QString &scheme) const { return scheme + QStringLiteral("://") + server.host(); }
    ScriptedServer server{[](const ScriptedRequest &) { return ScriptedResponse{200, {}, "{}"}; }};
    QNetworkAccessManager network;
    FakeClock clock;
};

} // namespace

TEST(NotifyChannels, UrlKindsAreRecognisedAndPlainTransportRefusedOffLoopback)
{
    auto kindOf = [](const QString &url, bool insecure = false) {
        auto t = parseChannelUrl(url, insecure);
        return t ? channelKindName(t->kind) : QStringLiteral("refused: ") + t.error().message;
    };
    EXPECT_EQ(kindOf(QStringLiteral("https://hooks.slack.com/services/T1/B2/abc")), QStringLiteral("slack"));
    EXPECT_EQ(kindOf(QStringLiteral("https://discord.com/api/webhooks/1/tok")), QStringLiteral("discord"));
    EXPECT_EQ(
        kindOf(QStringLiteral("https://prod-01.westeurope.logic.azure.com:443/workflows/x/triggers/manual/"
                              "paths/invoke?api-version=2016-06-01&sig=SIG")),
        QStringLiteral("teams"));
    EXPECT_EQ(kindOf(QStringLiteral("https://ci.example.org/hook")), QStringLiteral("webhook"));
    EXPECT_EQ(kindOf(QStringLiteral("http://127.0.0.1:8080/hook")), QStringLiteral("webhook"));
    EXPECT_EQ(kindOf(QStringLiteral("http://ci.internal/hook"), true), QStringLiteral("webhook"));
    EXPECT_TRUE(kindOf(QStringLiteral("http://ci.example.org/hook")).startsWith(QStringLiteral("refused")));
    EXPECT_TRUE(kindOf(QStringLiteral("ntfy://ntfy.sh/topic")).startsWith(QStringLiteral("refused")));
    EXPECT_EQ(kindOf(QStringLiteral("ntfys://ntfy.sh/topic")), QStringLiteral("ntfy"));
    EXPECT_EQ(kindOf(QStringLiteral("gotifys://push.example.org/AbCdEf")), QStringLiteral("gotify"));
    EXPECT_EQ(kindOf(QStringLiteral("matrixs://tok@matrix.org/!room:matrix.org")), QStringLiteral("matrix"));
    EXPECT_TRUE(
        kindOf(QStringLiteral("matrixs://tok@matrix.org/general")).startsWith(QStringLiteral("refused")));
    EXPECT_EQ(kindOf(QStringLiteral("smtps://u:p@mail.example.org?from=a@x.org&to=b@y.org")),
              QStringLiteral("email"));
    EXPECT_TRUE(
        kindOf(QStringLiteral("smtps://mail.example.org?to=b@y.org")).startsWith(QStringLiteral("refused")));
    EXPECT_TRUE(kindOf(QStringLiteral("https://outlook.webhook.office.com/webhookb2/x"))
                    .startsWith(QStringLiteral("refused")));
    EXPECT_TRUE(kindOf(QStringLiteral("ftp://example.org/x")).startsWith(QStringLiteral("refused")));
    EXPECT_TRUE(kindOf(QStringLiteral("not a url")).startsWith(QStringLiteral("refused")));
}

TEST(NotifyChannels, SecretsAreMaskedWhereverTheUrlIsShown)
{
    const QStringList secrets{QStringLiteral("T1/B2/xoxsecret"), QStringLiteral("hunter2"),
                              QStringLiteral("AbCdEfToken"),     QStringLiteral("syt_matrixtoken"),
                              QStringLiteral("SIGVALUE"),        QStringLiteral("hmacKey")};
    const QStringList urls{QStringLiteral("https://hooks.slack.com/services/T1/B2/xoxsecret"),
                           QStringLiteral("ntfys://bob:hunter2@ntfy.sh/builds"),
                           QStringLiteral("gotifys://push.example.org/AbCdEfToken"),
                           QStringLiteral("matrixs://syt_matrixtoken@matrix.org/!r:matrix.org"),
                           QStringLiteral("https://x.logic.azure.com/workflows/1?api-version=1&sig=SIGVALUE"),
                           QStringLiteral("https://ci.example.org/hook?hmac_secret=hmacKey"),
                           QStringLiteral("smtps://mailer:hunter2@mail.example.org?from=a@x.org&to=b@y.org")};
    for (const QString &url : urls) {
        auto t = parseChannelUrl(url, false);
        ASSERT_TRUE(t.ok()) << url.toStdString();
        for (const QString &secret : secrets)
            EXPECT_FALSE(t->masked.contains(secret)) << t->masked.toStdString();
        EXPECT_TRUE(t->masked.contains(QStringLiteral("****"))) << t->masked.toStdString();
    }
    EXPECT_EQ(parseChannelUrl(QStringLiteral("ntfys://bob:hunter2@ntfy.sh/builds"), false)->masked,
              QStringLiteral("ntfys://bob:****@ntfy.sh/builds"));
    EXPECT_EQ(
        parseChannelUrl(QStringLiteral("https://ci.example.org/hooks/3f9a0c1d2e3f4a5b6c7d"), false)->masked,
        QStringLiteral("https://ci.example.org/hooks/****"));
}

TEST(NotifyChannels, TheMessageSaysWhatRebuiltWhereWhyAndWhen)
{
    const ChannelMessage m = sampleMessage();
    EXPECT_EQ(m.title, kTitle);
    EXPECT_EQ(m.link, kLink);
    EXPECT_TRUE(m.text.contains(QStringLiteral("Digest: aaaaaaaaaaaa → bbbbbbbbbbbb")))
        << m.text.toStdString();
    EXPECT_TRUE(m.text.contains(QStringLiteral("Rebuilt: linux/amd64, linux/arm64")));
    EXPECT_TRUE(m.text.contains(QStringLiteral("Detected: 2026-03-04T05:06:07Z")));
    EXPECT_TRUE(m.text.contains(QStringLiteral("Upstream: 2026-03-04T02:06:07Z")));
    EXPECT_FALSE(m.text.contains(QString(64, u'a'))); // shortened in the text…
    EXPECT_EQ(m.payload[QStringLiteral("from")].toString(),
              QStringLiteral("sha256:") + QString(64, u'a')); // …full here
    EXPECT_EQ(registryPage(QStringLiteral("quay.io"), QStringLiteral("prometheus/node-exporter"),
                           QStringLiteral("v1")),
              QStringLiteral("https://quay.io/repository/prometheus/node-exporter?tab=tags"));
    EXPECT_EQ(registryPage(QStringLiteral("ghcr.io"), QStringLiteral("owner/app"), QStringLiteral("1")),
              QStringLiteral("https://ghcr.io/owner/app"));
    EXPECT_EQ(registryPage(QStringLiteral("cgr.dev"), QStringLiteral("chainguard/python"),
                           QStringLiteral("latest")),
              QStringLiteral("https://images.chainguard.dev/directory/image/python/overview"));
    EXPECT_EQ(
        registryPage(QStringLiteral("docker.io"), QStringLiteral("grafana/grafana"), QStringLiteral("11")),
        QStringLiteral("https://hub.docker.com/r/grafana/grafana/tags?name=11"));
    EXPECT_TRUE(
        registryPage(QStringLiteral("registry.example.org"), QStringLiteral("a/b"), QStringLiteral("1"))
            .isEmpty());
}

TEST_F(ChannelShapes, SlackGetsBlockKitWithAFallbackText)
{
    const ScriptedRequest r =
        deliver(ChannelKind::Slack, base(QStringLiteral("http")) + QStringLiteral("/services/T1/B2/x"));
    EXPECT_EQ(r.method, "POST");
    EXPECT_EQ(r.path(), "/services/T1/B2/x");
    EXPECT_EQ(r.header("content-type"), "application/json");
    const QJsonObject body = bodyOf(r);
    EXPECT_EQ(body[QStringLiteral("text")].toString(), kTitle);
    const QJsonArray blocks = body[QStringLiteral("blocks")].toArray();
    ASSERT_EQ(blocks.size(), 3);
    EXPECT_EQ(blocks[0][QStringLiteral("type")].toString(), QStringLiteral("header"));
    EXPECT_EQ(blocks[0][QStringLiteral("text")][QStringLiteral("type")].toString(),
              QStringLiteral("plain_text"));
    EXPECT_EQ(blocks[0][QStringLiteral("text")][QStringLiteral("text")].toString(), kTitle);
    EXPECT_EQ(blocks[1][QStringLiteral("type")].toString(), QStringLiteral("section"));
    EXPECT_EQ(blocks[1][QStringLiteral("text")][QStringLiteral("type")].toString(), QStringLiteral("mrkdwn"));
    EXPECT_TRUE(blocks[1][QStringLiteral("text")][QStringLiteral("text")].toString().contains(
        QStringLiteral("linux/arm64")));
    EXPECT_EQ(blocks[2][QStringLiteral("type")].toString(), QStringLiteral("context"));
    EXPECT_EQ(blocks[2][QStringLiteral("elements")][0][QStringLiteral("text")].toString(),
              QStringLiteral("<%1|Registry page>").arg(kLink));
}

TEST_F(ChannelShapes, TeamsGetsAnAdaptiveCardAttachment)
{
    const ScriptedRequest r =
        deliver(ChannelKind::Teams, base(QStringLiteral("http")) +
                                        QStringLiteral("/workflows/1/invoke?api-version=2016-06-01&sig=S"));
    EXPECT_EQ(r.method, "POST");
    EXPECT_EQ(r.target, "/workflows/1/invoke?api-version=2016-06-01&sig=S");
    const QJsonObject body = bodyOf(r);
    EXPECT_EQ(body[QStringLiteral("type")].toString(), QStringLiteral("message"));
    const QJsonObject attachment = body[QStringLiteral("attachments")][0].toObject();
    EXPECT_EQ(attachment[QStringLiteral("contentType")].toString(),
              QStringLiteral("application/vnd.microsoft.card.adaptive"));
    EXPECT_TRUE(attachment.contains(QStringLiteral("contentUrl")) &&
                attachment[QStringLiteral("contentUrl")].isNull());
    const QJsonObject card = attachment[QStringLiteral("content")].toObject();
    EXPECT_EQ(card[QStringLiteral("type")].toString(), QStringLiteral("AdaptiveCard"));
    EXPECT_EQ(card[QStringLiteral("$schema")].toString(),
              QStringLiteral("http://adaptivecards.io/schemas/adaptive-card.json"));
    EXPECT_EQ(card[QStringLiteral("version")].toString(), QStringLiteral("1.4"));
    const QJsonArray cardBody = card[QStringLiteral("body")].toArray();
    EXPECT_EQ(cardBody[0][QStringLiteral("type")].toString(), QStringLiteral("TextBlock"));
    EXPECT_EQ(cardBody[0][QStringLiteral("text")].toString(), kTitle);
    EXPECT_EQ(cardBody[1][QStringLiteral("type")].toString(), QStringLiteral("FactSet"));
    const QJsonArray facts = cardBody[1][QStringLiteral("facts")].toArray();
    ASSERT_FALSE(facts.isEmpty());
    EXPECT_EQ(facts[0][QStringLiteral("title")].toString(), QStringLiteral("Digest"));
    EXPECT_EQ(card[QStringLiteral("actions")][0][QStringLiteral("type")].toString(),
              QStringLiteral("Action.OpenUrl"));
    EXPECT_EQ(card[QStringLiteral("actions")][0][QStringLiteral("url")].toString(), kLink);
}

TEST_F(ChannelShapes, DiscordGetsAnEmbedAndWaitsForTheMessage)
{
    const ScriptedRequest r =
        deliver(ChannelKind::Discord, base(QStringLiteral("http")) + QStringLiteral("/api/webhooks/1/tok"));
    EXPECT_EQ(r.method, "POST");
    EXPECT_EQ(r.target, "/api/webhooks/1/tok?wait=true");
    const QJsonObject body = bodyOf(r);
    EXPECT_EQ(body[QStringLiteral("username")].toString(), QStringLiteral("Rebuild Radar"));
    const QJsonObject embed = body[QStringLiteral("embeds")][0].toObject();
    EXPECT_EQ(embed[QStringLiteral("title")].toString(), kTitle);
    EXPECT_EQ(embed[QStringLiteral("url")].toString(), kLink);
    EXPECT_TRUE(embed[QStringLiteral("description")].toString().contains(
        QStringLiteral("**Rebuilt:** linux/amd64, linux/arm64")));
    EXPECT_EQ(embed[QStringLiteral("timestamp")].toString(), QStringLiteral("2026-03-04T05:06:07Z"));
    EXPECT_TRUE(embed[QStringLiteral("color")].isDouble());
}

TEST_F(ChannelShapes, MatrixPutsAnRoomMessageWithATransactionIdPerNotice)
{
    const ScriptedRequest r =
        deliver(ChannelKind::Matrix,
                QStringLiteral("matrix://syt_tok@") + server.host() + QStringLiteral("/!room:example.org"));
    EXPECT_EQ(r.method, "PUT");
    EXPECT_EQ(r.path(),
              "/_matrix/client/v3/rooms/%21room%3Aexample.org/send/m.room.message/rebuildradar-complete-42");
    EXPECT_EQ(r.header("authorization"), "Bearer syt_tok");
    const QJsonObject body = bodyOf(r);
    EXPECT_EQ(body[QStringLiteral("msgtype")].toString(), QStringLiteral("m.notice"));
    EXPECT_TRUE(body[QStringLiteral("body")].toString().startsWith(kTitle));
    EXPECT_EQ(body[QStringLiteral("format")].toString(), QStringLiteral("org.matrix.custom.html"));
    EXPECT_TRUE(body[QStringLiteral("formatted_body")].toString().contains(
        QStringLiteral("<a href=\"%1\">").arg(kLink)));
}

TEST_F(ChannelShapes, NtfyPublishesJsonWithTitleTagsPriorityAndMarkdown)
{
    const ScriptedRequest r =
        deliver(ChannelKind::Ntfy,
                QStringLiteral("ntfy://bob:hunter2@") + server.host() + QStringLiteral("/builds?priority=5"));
    EXPECT_EQ(r.method, "POST");
    EXPECT_EQ(r.path(), "/");
    EXPECT_EQ(r.header("authorization"), "Basic " + QByteArray("bob:hunter2").toBase64());
    const QJsonObject body = bodyOf(r);
    EXPECT_EQ(body[QStringLiteral("topic")].toString(), QStringLiteral("builds"));
    EXPECT_EQ(body[QStringLiteral("title")].toString(), kTitle);
    EXPECT_TRUE(body[QStringLiteral("message")].toString().contains(QStringLiteral("**Digest:**")));
    EXPECT_EQ(body[QStringLiteral("markdown")].toBool(), true);
    EXPECT_EQ(body[QStringLiteral("priority")].toInt(), 5);
    EXPECT_EQ(body[QStringLiteral("tags")].toArray(), QJsonArray{QStringLiteral("package")});
    EXPECT_EQ(body[QStringLiteral("click")].toString(), kLink);
}

TEST_F(ChannelShapes, GotifyPostsAMessageWithItsToken)
{
    const ScriptedRequest r = deliver(ChannelKind::Gotify, QStringLiteral("gotify://") + server.host() +
                                                               QStringLiteral("/AppToken1"));
    EXPECT_EQ(r.method, "POST");
    EXPECT_EQ(r.path(), "/message");
    EXPECT_EQ(r.header("x-gotify-key"), "AppToken1");
    const QJsonObject body = bodyOf(r);
    EXPECT_EQ(body[QStringLiteral("title")].toString(), kTitle);
    EXPECT_TRUE(body[QStringLiteral("message")].toString().contains(QStringLiteral("linux/amd64")));
    EXPECT_EQ(body[QStringLiteral("priority")].toInt(), 5);
    EXPECT_EQ(body[QStringLiteral("extras")][QStringLiteral("client::display")][QStringLiteral("contentType")]
                  .toString(),
              QStringLiteral("text/markdown"));
    EXPECT_EQ(body[QStringLiteral("extras")][QStringLiteral("client::notification")][QStringLiteral("click")]
                  [QStringLiteral("url")]
                      .toString(),
              kLink);
}

TEST_F(ChannelShapes, TheGenericWebhookIsSignedAndCarriesItsHeaders)
{
    const ScriptedRequest r =
        deliver(ChannelKind::Webhook, base(QStringLiteral("http")) +
                                          QStringLiteral("/hook?team=ops&hmac_secret=k3y&%2BX-Api-Key=abc"));
    EXPECT_EQ(r.method, "POST");
    EXPECT_EQ(r.target, "/hook?team=ops"); // our conventions are not sent on
    EXPECT_EQ(r.header("x-api-key"), "abc");
    EXPECT_EQ(r.header("x-rebuildradar-event"), "complete");
    EXPECT_EQ(r.header("x-rebuildradar-delivery"), "42");
    const QByteArray expected =
        "sha256=" + QMessageAuthenticationCode::hash(r.body, "k3y", QCryptographicHash::Sha256).toHex();
    EXPECT_EQ(r.header("x-rebuildradar-signature-256"), expected);
    const QJsonObject body = bodyOf(r);
    EXPECT_EQ(body[QStringLiteral("event")].toString(), QStringLiteral("complete"));
    EXPECT_EQ(body[QStringLiteral("reference")].toString(),
              QStringLiteral("docker.io/library/python:3.13-slim"));
    EXPECT_EQ(body[QStringLiteral("to")].toString(), QStringLiteral("sha256:") + QString(64, u'b'));
    EXPECT_EQ(body[QStringLiteral("platforms_done")].toArray().size(), 2);
    EXPECT_EQ(body[QStringLiteral("causes")][0][QStringLiteral("kind")].toString(),
              QStringLiteral("base-image"));
    EXPECT_EQ(body[QStringLiteral("rollout")][QStringLiteral("state")].toString(),
              QStringLiteral("complete"));
    EXPECT_EQ(body[QStringLiteral("detected_at")].toString(), QStringLiteral("2026-03-04T05:06:07Z"));
    EXPECT_EQ(body[QStringLiteral("upstream_at")].toString(), QStringLiteral("2026-03-04T02:06:07Z"));
    EXPECT_EQ(body[QStringLiteral("lag_seconds")].toInt(), 3 * 3600);
    EXPECT_EQ(body[QStringLiteral("links")][QStringLiteral("registry")].toString(), kLink);
}

TEST(NotifyRetries, FiveHundredTwiceThenOkIsDeliveredOnce)
{
    int calls = 0;
    ScriptedServer server([&](const ScriptedRequest &) {
        return ScriptedResponse{++calls <= 2 ? 500 : 200, {}, {}};
    });
    QNetworkAccessManager network;
    FakeClock clock;
    RecordingTimer timer;
    ChannelSender sender(ChannelKind::Webhook, QUrl(server.url(QStringLiteral("/hook"))), false, &network,
                         clock, {}, timer.timer());
    QSignalSpy failedAttempts(&sender, &ChannelSender::attemptFailed);
    const Sent sent = sendOne(sender, sampleMessage());
    EXPECT_TRUE(sent.delivered);
    EXPECT_EQ(server.requests().size(), 3);
    EXPECT_EQ(failedAttempts.size(), 2);
    EXPECT_EQ(timer.delays, (QList<qint64>{10000, 20000})); // exponential backoff
    // and nothing after the 200: a later message (another notice's) is the next request, and the last
    ChannelMessage later = sampleMessage();
    later.key += 1;
    EXPECT_TRUE(sendOne(sender, later).delivered);
    ASSERT_EQ(server.requests().size(), 4);
    EXPECT_EQ(server.requests().last().header("x-rebuildradar-delivery"), QByteArray::number(later.key));
}

TEST(NotifyRetries, A429IsTriedAgainAfterItsRetryAfter)
{
    int calls = 0;
    ScriptedServer server([&](const ScriptedRequest &) {
        if (++calls == 1)
            return ScriptedResponse{429, {{"Retry-After", "120"}}, {}};
        return ScriptedResponse{200, {}, {}};
    });
    QNetworkAccessManager network;
    FakeClock clock;
    RecordingTimer timer;
    ChannelSender sender(ChannelKind::Ntfy,
                         QUrl(QStringLiteral("ntfy://") + server.host() + QStringLiteral("/t")), false,
                         &network, clock, {}, timer.timer());
    EXPECT_TRUE(sendOne(sender, sampleMessage()).delivered);
    EXPECT_EQ(timer.delays, QList<qint64>{120000});
    EXPECT_EQ(server.requests().size(), 2);
    EXPECT_EQ(parseRetryAfter("Wed, 21 Oct 2015 07:28:00 GMT",
                              QDateTime(QDate(2015, 10, 21), QTime(7, 27, 0), Qt::UTC).toMSecsSinceEpoch()),
              60000);
}

TEST(NotifyRetries, AttemptsAreBoundedAndA4xxIsNotRepeated)
{
    int calls = 0;
    ScriptedServer server([&](const ScriptedRequest &r) {
        ++calls;
        return ScriptedResponse{r.path() == "/gone" ? 404 : 503, {}, {}};
    });
    QNetworkAccessManager network;
    FakeClock clock;
    RecordingTimer timer;
    RetryPolicy policy;
    policy.maxAttempts = 4;
    ChannelSender down(ChannelKind::Webhook, QUrl(server.url(QStringLiteral("/down"))), false, &network,
                       clock, policy, timer.timer());
    const Sent sent = sendOne(down, sampleMessage());
    EXPECT_FALSE(sent.delivered);
    EXPECT_EQ(calls, 4);
    EXPECT_TRUE(sent.error.contains(QStringLiteral("HTTP 503"))) << sent.error.toStdString();
    ChannelSender gone(ChannelKind::Webhook, QUrl(server.url(QStringLiteral("/gone"))), false, &network,
                       clock, policy, timer.timer());
    const Sent refused = sendOne(gone, sampleMessage());
    EXPECT_FALSE(refused.delivered);
    EXPECT_EQ(calls, 5);
    EXPECT_TRUE(refused.error.contains(QStringLiteral("HTTP 404")));
}

TEST(NotifyRetries, AHangingReceiverDoesNotDelayAnotherChannel)
{
    ScriptedServer hanging([](const ScriptedRequest &) {
        ScriptedResponse r;
        r.behaviour = ScriptedResponse::Behaviour::Silent;
        return r;
    });
    ScriptedServer quick([](const ScriptedRequest &) { return ScriptedResponse{200, {}, {}}; });
    QNetworkAccessManager network;
    FakeClock clock;
    RetryPolicy policy;
    policy.timeoutMs = 600000; // it would hang for ten minutes
    ChannelSender stuck(ChannelKind::Webhook, QUrl(hanging.url(QStringLiteral("/h"))), false, &network, clock,
                        policy);
    ChannelSender other(ChannelKind::Webhook, QUrl(quick.url(QStringLiteral("/h"))), false, &network, clock,
                        policy);
    QSignalSpy stuckDone(&stuck, &ChannelSender::delivered);
    stuck.send(sampleMessage());
    ASSERT_TRUE(QTest::qWaitFor([&] { return hanging.requests().size() == 1; }, 10000));
    EXPECT_TRUE(sendOne(other, sampleMessage(), 10000).delivered);
    EXPECT_TRUE(stuck.busy());
    EXPECT_TRUE(stuckDone.isEmpty());
    stuck.stop();
}

TEST(NotifyMail, AMailHasItsHeadersAndBothParts)
{
    SmtpServer *smtp = SmtpServer::instance();
    ASSERT_NE(smtp, nullptr);
    smtp->clear();
    QObject context;
    std::optional<AttemptOutcome> outcome;
    const QUrl url(
        QStringLiteral("smtp://127.0.0.1:%1?from=radar@example.org&to=ops@example.org,dev@example.org")
            .arg(smtp->plainPort()));
    sendMail(url, false, sampleMessage(), sampleNotice().rebuild.detectedAt, 20000, &context,
             [&](const AttemptOutcome &o) { outcome = o; });
    ASSERT_TRUE(QTest::qWaitFor([&] { return outcome.has_value(); }, 30000));
    ASSERT_TRUE(outcome->ok) << outcome->error.toStdString();
    ASSERT_TRUE(QTest::qWaitFor([&] { return smtp->messages().size() == 1; }, 10000));
    const StoredMail mail = smtp->messages().first();
    EXPECT_EQ(mail.meta[QStringLiteral("from")].toString(), QStringLiteral("radar@example.org"));
    EXPECT_EQ(mail.meta[QStringLiteral("to")].toArray(),
              (QJsonArray{QStringLiteral("ops@example.org"), QStringLiteral("dev@example.org")}));
    const QString raw = QString::fromUtf8(mail.raw);
    EXPECT_TRUE(raw.contains(QStringLiteral("From: Rebuild Radar <radar@example.org>\r\n")));
    EXPECT_TRUE(raw.contains(QStringLiteral("To: <ops@example.org>, <dev@example.org>\r\n")));
    EXPECT_TRUE(raw.contains(QStringLiteral("Date: Wed, 04 Mar 2026 05:06:07 +0000\r\n")))
        << raw.toStdString();
    EXPECT_TRUE(raw.contains(QStringLiteral("Message-ID: <rebuildradar.complete.42@example.org>\r\n")));
    EXPECT_TRUE(raw.contains(QStringLiteral("Content-Type: multipart/alternative; boundary=")));
    // the subject, decoded from its RFC 2047 words
    const qsizetype s = raw.indexOf(QStringLiteral("Subject: "));
    ASSERT_GE(s, 0);
    QString subject;
    for (const QString &word :
         raw.mid(s + 9, raw.indexOf(QStringLiteral("\r\nDate:"), s) - s - 9).split(QStringLiteral("\r\n "))) {
        ASSERT_TRUE(word.startsWith(QStringLiteral("=?UTF-8?B?")) && word.endsWith(QStringLiteral("?=")))
            << word.toStdString();
        subject += QString::fromUtf8(QByteArray::fromBase64(word.mid(10, word.size() - 12).toLatin1()));
    }
    EXPECT_EQ(subject, kTitle);
    // both parts, decoded
    const QStringList parts = raw.split(QStringLiteral("Content-Transfer-Encoding: base64\r\n\r\n"));
    ASSERT_EQ(parts.size(), 3);
    auto decoded = [](const QString &part) {
        return QString::fromUtf8(
            QByteArray::fromBase64(part.section(QStringLiteral("--rebuildradar-"), 0, 0).toLatin1()));
    };
    EXPECT_TRUE(parts[0].endsWith(QStringLiteral("Content-Type: text/plain; charset=utf-8\r\n")));
    EXPECT_TRUE(decoded(parts[1]).contains(QStringLiteral("Rebuilt: linux/amd64, linux/arm64")));
    EXPECT_TRUE(parts[1].contains(QStringLiteral("Content-Type: text/html; charset=utf-8")));
    EXPECT_TRUE(decoded(parts[2]).contains(QStringLiteral("<a href=\"%1\">").arg(kLink)));
    EXPECT_FALSE(mail.meta[QStringLiteral("tls")].toBool());
}

TEST(NotifyMail, StartTlsIsRequiredWhenAskedAndCarriesTheLogin)
{
    SmtpServer *smtp = SmtpServer::instance();
    ASSERT_NE(smtp, nullptr);
    smtp->clear();
    QObject context;
    auto send = [&](const QString &url) {
        std::optional<AttemptOutcome> outcome;
        sendMail(QUrl(url), false, sampleMessage(), 0, 20000, &context,
                 [&](const AttemptOutcome &o) { outcome = o; });
        EXPECT_TRUE(QTest::qWaitFor([&] { return outcome.has_value(); }, 30000));
        return outcome.value_or(AttemptOutcome{});
    };
    const QString query = QStringLiteral("?from=radar@example.org&to=ops@example.org&starttls=yes&cafile=") +
                          smtp->certificate();
    const AttemptOutcome ok =
        send(QStringLiteral("smtp://mailer:s3cret-pw@127.0.0.1:%1").arg(smtp->tlsPort()) + query);
    ASSERT_TRUE(ok.ok) << ok.error.toStdString();
    ASSERT_TRUE(QTest::qWaitFor([&] { return smtp->messages().size() == 1; }, 10000));
    EXPECT_TRUE(smtp->messages().first().meta[QStringLiteral("tls")].toBool());
    EXPECT_EQ(smtp->messages().first().meta[QStringLiteral("login")].toString(), QStringLiteral("mailer"));
    // a wrong password is refused for good, and says nothing of the password
    const AttemptOutcome denied =
        send(QStringLiteral("smtp://mailer:wrong-pw@127.0.0.1:%1").arg(smtp->tlsPort()) + query);
    EXPECT_FALSE(denied.ok);
    EXPECT_FALSE(denied.retryable);
    EXPECT_FALSE(denied.error.contains(QStringLiteral("wrong-pw")));
    // a server without STARTTLS gets nothing when TLS was asked for
    const AttemptOutcome plain = send(QStringLiteral("smtp://127.0.0.1:%1").arg(smtp->plainPort()) + query);
    EXPECT_FALSE(plain.ok);
    EXPECT_EQ(smtp->messages().size(), 1);
}
