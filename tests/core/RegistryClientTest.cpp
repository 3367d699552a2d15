// The registry client against a scripted server: the bearer flow and every fault a real registry
// will not produce on demand.
#include "ClientHarness.h"
#include "LocalRegistry.h"
#include "ScriptedServer.h"
#include "registry/ManifestParser.h"

#include <QJsonDocument>
#include <QJsonObject>
#include <QNetworkProxyFactory>
#include <QProcess>
#include <QSignalSpy>
#include <QSslCertificate>
#include <QSslKey>
#include <QSslServer>
#include <QTemporaryDir>
#include <QUrlQuery>

#include <gtest/gtest.h>

using namespace RebuildRadar;
using namespace RebuildRadar::Test;

namespace {

const QByteArray kManifest =
    R"({"schemaVersion":2,"mediaType":"application/vnd.oci.image.manifest.v1+json","config":{"mediaType":"application/vnd.oci.image.config.v1+json","digest":"sha256:5555555555555555555555555555555555555555555555555555555555555555","size":2},"layers":[],"annotations":{"org.opencontainers.image.revision":"r1"}})";

// A bearer-protected registry: /token hands out tokens, manifests need one.
struct BearerRegistry
{
    explicit BearerRegistry(int lifetime = 300)
        : expiresIn(lifetime)
    {
        server.setHandler([this](const ScriptedRequest &r) { return handle(r); });
    }

    ScriptedResponse handle(const ScriptedRequest &r)
    {
        if (r.path() == "/token" && !identityToken.isEmpty()) {
            // Docker's identity tokens: an OAuth2 refresh-token grant, POSTed as a form.
            const QUrlQuery form(QString::fromUtf8(r.body));
            if (r.method != "POST" || !r.header("authorization").isEmpty() ||
                form.queryItemValue(QStringLiteral("grant_type")) != u"refresh_token" ||
                form.queryItemValue(QStringLiteral("refresh_token")) != QString::fromUtf8(identityToken) ||
                form.queryItemValue(QStringLiteral("service")) != u"scripted" ||
                !form.queryItemValue(QStringLiteral("scope")).startsWith(u"repository:a/b:pull"))
                return ScriptedResponse{400, {}, R"({"error":"invalid_grant"})"};
            ++issued;
            return ScriptedResponse{200,
                                    {{"Content-Type", "application/json"}},
                                    "{\"access_token\":\"tok" + QByteArray::number(issued) +
                                        "\",\"expires_in\":300}"};
        }
        if (r.path() == "/token") {
            if (!requiredBasic.isEmpty() && r.header("authorization") != "Basic " + requiredBasic.toBase64())
                return ScriptedResponse{401, {}, "{}"};
            ++issued;
            QJsonObject answer{{QStringLiteral("token"), QStringLiteral("tok%1").arg(issued)}};
            if (expiresIn > 0)
                answer.insert(QStringLiteral("expires_in"), expiresIn);
            return ScriptedResponse{
                200, {{"Content-Type", "application/json"}}, QJsonDocument(answer).toJson()};
        }
        const QByteArray auth = r.header("authorization");
        if (!auth.startsWith("Bearer tok") || revoked.contains(auth.mid(7))) {
            ScriptedResponse challenge{401, {}, "{}"};
            challenge.header("WWW-Authenticate", "Bearer realm=\"" + realm +
                                                     "\",service=\"scripted\",scope=\"repository:x:pull\"");
            return challenge;
        }
        ScriptedResponse ok{200, {{"Content-Type", MediaType::OciManifest.toLatin1()}}, {}};
        ok.header("Docker-Content-Digest", sha256Digest(kManifest).toLatin1());
        if (r.method == "GET")
            ok.body = kManifest;
        return ok;
    }

    ScriptedServer server;
    QByteArray realm = "/token";
    QByteArray requiredBasic;
    QByteArray identityToken;
    QList<QByteArray> revoked;
    int expiresIn;
    int issued = 0;
};

} // namespace

TEST(RegistryClient, BearerFlowAndUnchangedTagCostsOneHead)
{
    BearerRegistry registry;
    ClientHarness h;
    const QString ref = registry.server.host() + QStringLiteral("/team/app:1");
    auto first = h.resolve(ref, ResolveHints{sha256Digest(kManifest), {}});
    ASSERT_TRUE(first.ok()) << first.error().message.toStdString();
    EXPECT_EQ(first->digest, sha256Digest(kManifest));
    EXPECT_EQ(h.tokens(), 1);

    h.resetCounts();
    registry.server.clear();
    auto again = h.resolve(ref, ResolveHints{sha256Digest(kManifest), {}});
    ASSERT_TRUE(again.ok());
    EXPECT_EQ(h.heads(), 1);
    EXPECT_EQ(h.gets(), 0);
    EXPECT_EQ(h.tokens(), 0); // cached
    EXPECT_EQ(registry.server.requests().size(), 1);
}

TEST(RegistryClient, ManyTagsOfOneRepositoryShareOneToken)
{
    BearerRegistry registry;
    ClientHarness h;
    auto ref = ImageReference::parse(registry.server.host() + QStringLiteral("/team/app:1")).value();
    int answered = 0;
    for (int i = 0; i < 20; ++i) {
        h.client.resolve(ref.withTag(QStringLiteral("t%1").arg(i)), ResolveHints{sha256Digest(kManifest), {}},
                         &h.context, [&answered](Result<TagState> r) {
                             EXPECT_TRUE(r.ok());
                             ++answered;
                         });
    }
    ASSERT_TRUE(QTest::qWaitFor([&] { return answered == 20; }, 20000));
    EXPECT_EQ(registry.issued, 1);
    EXPECT_EQ(registry.server.count("GET", "/token"), 1);
}

TEST(RegistryClient, RealmIsLearnedOnceAndTokensFetchedUpFront)
{
    BearerRegistry registry;
    ClientHarness h;
    ASSERT_TRUE(h.resolve(registry.server.host() + QStringLiteral("/a/one:1")).ok());
    const int challengesBefore = int(std::count_if(
        registry.server.requests().begin(), registry.server.requests().end(), [](const ScriptedRequest &r) {
            return r.header("authorization").isEmpty() && r.path() != "/token";
        }));
    EXPECT_EQ(challengesBefore, 1);
    registry.server.clear();
    ASSERT_TRUE(h.resolve(registry.server.host() + QStringLiteral("/b/two:1")).ok());
    // The second repository gets its token first: no anonymous request, no 401.
    for (const auto &r : registry.server.requests()) {
        if (r.path() != "/token") {
            EXPECT_FALSE(r.header("authorization").isEmpty()) << r.target.toStdString();
        }
    }
    EXPECT_EQ(registry.server.count("GET", "/token"), 1);
}

TEST(RegistryClient, AFirstSweepLearnsTheSchemeOnceAndFetchesOneTokenPerRepository)
{
    BearerRegistry registry;
    ClientHarness h;
    const QStringList tags{QStringLiteral("team/one:1"), QStringLiteral("team/one:2"),
                           QStringLiteral("team/one:3"), QStringLiteral("team/one:4"),
                           QStringLiteral("team/two:1"), QStringLiteral("team/two:2"),
                           QStringLiteral("team/two:3")};
    int answered = 0;
    for (const QString &tag : tags) {
        h.client.resolve(ImageReference::parse(registry.server.host() + u'/' + tag).value(),
                         ResolveHints{sha256Digest(kManifest), {}}, &h.context,
                         [&answered](Result<TagState> r) {
                             EXPECT_TRUE(r.ok()) << r.error().message.toStdString();
                             ++answered;
                         });
    }
    ASSERT_TRUE(QTest::qWaitFor([&] { return answered == tags.size(); }, 20000));
    // one HEAD teaches the scheme; then one token per repository, and each tag's HEAD with it
    EXPECT_EQ(registry.server.count("HEAD"), tags.size() + 1);
    EXPECT_EQ(registry.server.count("GET", "/token"), 2);
    EXPECT_EQ(h.heads(), tags.size() + 1);
    EXPECT_EQ(h.tokens(), 2);
}

TEST(RegistryClient, AHungTokenServiceFailsTheCheckAtItsDeadline)
{
    ScriptedServer tokens([](const ScriptedRequest &) {
        ScriptedResponse silent;
        silent.behaviour = ScriptedResponse::Behaviour::Silent;
        return silent;
    });
    BearerRegistry registry;
    registry.realm = tokens.url(QStringLiteral("/token")).toLatin1();
    auto options = ClientHarness::fastOptions();
    options.transferTimeoutMs = 30000;
    options.requestDeadlineMs = 120000;
    options.checkDeadlineMs = 1000;
    ClientHarness h(options);
    auto state = h.resolve(registry.server.host() + QStringLiteral("/a/b:1"));
    ASSERT_FALSE(state.ok());
    EXPECT_EQ(state.error().code, ErrorCode::Timeout) << state.error().message.toStdString();
    // nobody waits for the token any more: its request is given up too
    EXPECT_TRUE(QTest::qWaitFor([&] { return tokens.openConnections() == 0; }, 5000));
    EXPECT_EQ(tokens.requests().size(), 1);
}

TEST(RegistryClient, AFirstRequestThatNeverAnswersHoldsTheOthersOnlyBriefly)
{
    ScriptedServer server([](const ScriptedRequest &r) {
        ScriptedResponse resp{200, {{"Docker-Content-Digest", sha256Digest(kManifest).toLatin1()}}, {}};
        if (r.path().contains("/hung/"))
            resp.behaviour = ScriptedResponse::Behaviour::Silent;
        return resp;
    });
    auto options = ClientHarness::fastOptions();
    options.transferTimeoutMs = 30000;
    options.requestDeadlineMs = 120000;
    options.checkDeadlineMs = 3000;
    options.authProbeWaitMs = 300;
    ClientHarness h(options);
    const ResolveHints unchanged{sha256Digest(kManifest), {}};
    std::optional<Result<TagState>> hung;
    h.client.resolve(ImageReference::parse(server.host() + QStringLiteral("/hung/app:1")).value(), unchanged,
                     &h.context, [&hung](Result<TagState> r) { hung.emplace(std::move(r)); });
    int healthy = 0;
    for (const char *tag : {"1", "2", "3"}) {
        h.client.resolve(
            ImageReference::parse(server.host() + QStringLiteral("/ok/app:") + QLatin1String(tag)).value(),
            unchanged, &h.context, [&healthy](Result<TagState> r) {
                EXPECT_TRUE(r.ok()) << r.error().message.toStdString();
                ++healthy;
            });
    }
    ASSERT_TRUE(QTest::qWaitFor([&] { return healthy == 3 && hung.has_value(); }, 20000));
    ASSERT_FALSE(hung->ok());
    EXPECT_EQ(hung->error().code, ErrorCode::Timeout);
}

TEST(RegistryClient, TokenRenewedAfterExpiryAndAfter401)
{
    BearerRegistry registry(120);
    ClientHarness h;
    const QString ref = registry.server.host() + QStringLiteral("/a/b:1");
    const ResolveHints hints{sha256Digest(kManifest), {}};
    ASSERT_TRUE(h.resolve(ref, hints).ok());
    EXPECT_EQ(registry.issued, 1);
    h.clock.advance(60 * 1000);
    ASSERT_TRUE(h.resolve(ref, hints).ok());
    EXPECT_EQ(registry.issued, 1); // still valid
    h.clock.advance(61 * 1000);
    ASSERT_TRUE(h.resolve(ref, hints).ok());
    EXPECT_EQ(registry.issued, 2); // expired by our clock: renewed before use

    // The server revokes the token early: one 401, a new token, success.
    registry.revoked.append("tok2");
    ASSERT_TRUE(h.resolve(ref, hints).ok());
    EXPECT_EQ(registry.issued, 3);
}

TEST(RegistryClient, AbsurdExpiresInIsClamped)
{
    BearerRegistry registry(1); // one second: treated as 60
    ClientHarness h;
    const QString ref = registry.server.host() + QStringLiteral("/a/b:1");
    ASSERT_TRUE(h.resolve(ref).ok());
    h.clock.advance(30 * 1000);
    ASSERT_TRUE(h.resolve(ref).ok());
    EXPECT_EQ(registry.issued, 1);

    BearerRegistry longLived(2000000000); // decades: capped at a day
    ClientHarness h2;
    const QString ref2 = longLived.server.host() + QStringLiteral("/a/b:1");
    ASSERT_TRUE(h2.resolve(ref2).ok());
    h2.clock.advance(25LL * 3600 * 1000);
    ASSERT_TRUE(h2.resolve(ref2).ok());
    EXPECT_EQ(longLived.issued, 2);
}

TEST(RegistryClient, CredentialsGoToTheRealmAndBadOnesFailClearly)
{
    BearerRegistry registry;
    registry.requiredBasic = "alice:s3cret";
    ClientHarness h;
    const QString host = registry.server.host();
    const QString ref = host + QStringLiteral("/a/b:1");

    auto anonymous = h.resolve(ref);
    ASSERT_FALSE(anonymous.ok());
    EXPECT_EQ(anonymous.error().code, ErrorCode::AuthFailed);
    EXPECT_TRUE(anonymous.error().message.contains(host));

    ClientHarness wrong;
    wrong.credentials.set(host, Credential{QStringLiteral("alice"), QStringLiteral("nope")});
    registry.server.clear();
    auto bad = wrong.resolve(ref);
    ASSERT_FALSE(bad.ok());
    EXPECT_EQ(bad.error().code, ErrorCode::AuthFailed);
    EXPECT_EQ(bad.error().message, QStringLiteral("authentication failed for %1").arg(host));
    EXPECT_LE(registry.server.count("GET", "/token"), 1); // no retry loop

    ClientHarness right;
    right.credentials.set(host, Credential{QStringLiteral("alice"), QStringLiteral("s3cret")});
    auto good = right.resolve(ref);
    ASSERT_TRUE(good.ok()) << good.error().message.toStdString();
}

TEST(RegistryClient, HeadWithoutDigestFallsBackToGetAndHashesBytes)
{
    ScriptedServer server([](const ScriptedRequest &r) {
        ScriptedResponse resp{200, {{"Content-Type", MediaType::OciManifest.toLatin1()}}, {}};
        if (r.method == "GET")
            resp.body = kManifest;
        else
            resp.contentLength = kManifest.size();
        return resp;
    });
    ClientHarness h;
    auto state =
        h.resolve(server.host() + QStringLiteral("/a/b:1"), ResolveHints{sha256Digest(kManifest), {}});
    ASSERT_TRUE(state.ok()) << state.error().message.toStdString();
    EXPECT_EQ(state->digest, sha256Digest(kManifest));
    EXPECT_EQ(h.heads(), 1);
    EXPECT_EQ(h.gets(), 1);
}

TEST(RegistryClient, LyingDigestHeaderIsAnError)
{
    const QByteArray lie = "sha256:" + QByteArray(64, 'f');
    ScriptedServer server([&](const ScriptedRequest &r) {
        ScriptedResponse resp{
            200, {{"Content-Type", MediaType::OciManifest.toLatin1()}, {"Docker-Content-Digest", lie}}, {}};
        if (r.method == "GET")
            resp.body = kManifest;
        return resp;
    });
    ClientHarness h;
    auto state = h.resolve(server.host() + QStringLiteral("/a/b:1"));
    ASSERT_FALSE(state.ok());
    EXPECT_EQ(state.error().code, ErrorCode::DigestMismatch);
}

TEST(RegistryClient, RetryAfterIsHonouredAndCapped)
{
    int calls = 0;
    ScriptedServer server([&](const ScriptedRequest &) {
        if (++calls == 1)
            return ScriptedResponse{429, {{"Retry-After", "3600"}}, {}};
        if (calls == 2)
            return ScriptedResponse{429, {{"Retry-After", "0"}}, {}};
        return ScriptedResponse{200, {{"Docker-Content-Digest", sha256Digest(kManifest).toLatin1()}}, {}};
    });
    ClientHarness h;
    QSignalSpy retries(&h.client, &RegistryClient::retryScheduled);
    auto state =
        h.resolve(server.host() + QStringLiteral("/a/b:1"), ResolveHints{sha256Digest(kManifest), {}});
    ASSERT_TRUE(state.ok()) << state.error().message.toStdString();
    ASSERT_EQ(retries.size(), 2);
    EXPECT_EQ(retries[0][1].toInt(), h.client.options().retryAfterCapMs); // 3600 s, capped
    EXPECT_EQ(retries[1][1].toInt(), 0);
    EXPECT_EQ(retries[0][2].toInt(), 429);
}

TEST(RegistryClient, RateLimitStormBacksOffExponentiallyThenGivesUp)
{
    ScriptedServer server([](const ScriptedRequest &) { return ScriptedResponse{429, {}, {}}; });
    ClientHarness h;
    QSignalSpy retries(&h.client, &RegistryClient::retryScheduled);
    auto state = h.resolve(server.host() + QStringLiteral("/a/b:1"));
    ASSERT_FALSE(state.ok());
    EXPECT_EQ(state.error().code, ErrorCode::RateLimited);
    EXPECT_EQ(server.requests().size(), h.client.options().maxAttempts);
    ASSERT_EQ(retries.size(), h.client.options().maxAttempts - 1);
    // each delay at least doubles the base: 5 → 10 → 20 (plus jitter below a quarter)
    EXPECT_GE(retries[1][1].toInt(), 2 * retries[0][1].toInt() * 4 / 5);
    EXPECT_GE(retries[2][1].toInt(), 2 * retries[1][1].toInt() * 4 / 5);
}

TEST(RegistryClient, ServerErrorsAreRetriedThenSucceed)
{
    int calls = 0;
    ScriptedServer server([&](const ScriptedRequest &) {
        if (++calls <= 2)
            return ScriptedResponse{503, {}, "busy"};
        return ScriptedResponse{200, {{"Docker-Content-Digest", sha256Digest(kManifest).toLatin1()}}, {}};
    });
    ClientHarness h;
    auto state =
        h.resolve(server.host() + QStringLiteral("/a/b:1"), ResolveHints{sha256Digest(kManifest), {}});
    ASSERT_TRUE(state.ok());
    EXPECT_EQ(calls, 3);
}

TEST(RegistryClient, NotFoundIsNotRetried)
{
    ScriptedServer server([](const ScriptedRequest &) { return ScriptedResponse{404, {}, {}}; });
    ClientHarness h;
    auto state = h.resolve(server.host() + QStringLiteral("/a/b:1"));
    ASSERT_FALSE(state.ok());
    EXPECT_EQ(state.error().code, ErrorCode::NotFound);
    EXPECT_EQ(server.requests().size(), 1);
}

TEST(RegistryClient, OversizedAndEndlessBodiesAreCut)
{
    ScriptedServer big([](const ScriptedRequest &r) {
        ScriptedResponse resp{200, {{"Content-Type", MediaType::OciManifest.toLatin1()}}, {}};
        if (r.method == "GET")
            resp.body = QByteArray(5 * 1024 * 1024, ' ');
        return resp;
    });
    ClientHarness h;
    auto state = h.resolve(big.host() + QStringLiteral("/a/b:1"));
    ASSERT_FALSE(state.ok());
    EXPECT_EQ(state.error().code, ErrorCode::TooLarge);

    ScriptedServer endless([](const ScriptedRequest &r) {
        ScriptedResponse resp{200, {}, {}};
        if (r.method == "GET")
            resp.behaviour = ScriptedResponse::Behaviour::Endless;
        return resp;
    });
    auto endlessState = h.resolve(endless.host() + QStringLiteral("/a/b:1"));
    ASSERT_FALSE(endlessState.ok());
    EXPECT_EQ(endlessState.error().code, ErrorCode::TooLarge);
}

TEST(RegistryClient, StalledBodyTimesOut)
{
    ScriptedServer server([](const ScriptedRequest &r) {
        ScriptedResponse resp{200, {}, kManifest};
        if (r.method == "GET")
            resp.behaviour = ScriptedResponse::Behaviour::Stall;
        return resp;
    });
    auto options = ClientHarness::fastOptions();
    options.transferTimeoutMs = 300;
    options.maxAttempts = 2;
    ClientHarness h(options);
    auto state = h.resolve(server.host() + QStringLiteral("/a/b:1"));
    ASSERT_FALSE(state.ok());
    EXPECT_EQ(state.error().code, ErrorCode::Network);
    EXPECT_TRUE(state.error().message.contains(QStringLiteral("stalled: no progress for 0.3 s")))
        << state.error().message.toStdString();
    EXPECT_EQ(server.count("GET"), 2);
}

TEST(RegistryClient, AuthorizationNeverFollowsARedirectToAnotherHost)
{
    ScriptedServer elsewhere([](const ScriptedRequest &) {
        return ScriptedResponse{
            200, {{"Content-Type", "application/json"}}, R"({"os":"linux","architecture":"amd64"})"};
    });
    BearerRegistry registry;
    // Blobs redirect to another host (as registries do to object storage).
    registry.server.setHandler([&](const ScriptedRequest &r) {
        if (r.path().contains("/blobs/") && r.header("authorization").startsWith("Bearer"))
            return ScriptedResponse{
                307, {{"Location", elsewhere.url(QStringLiteral("/storage/blob")).toLatin1()}}, {}};
        return registry.handle(r);
    });
    ClientHarness h;
    auto state = h.resolve(registry.server.host() + QStringLiteral("/a/b:1"));
    // the config's digest will not match the redirected content; what matters is where credentials went
    ASSERT_GE(elsewhere.requests().size(), 1);
    for (const auto &r : elsewhere.requests())
        EXPECT_TRUE(r.header("authorization").isEmpty());
    ASSERT_TRUE(state.ok()) << state.error().message.toStdString();
}

TEST(RegistryClient, RedirectLoopsEnd)
{
    ScriptedServer server;
    server.setHandler([&](const ScriptedRequest &) {
        return ScriptedResponse{
            302, {{"Location", server.url(QStringLiteral("/v2/a/b/manifests/1")).toLatin1()}}, {}};
    });
    ClientHarness h;
    auto state = h.resolve(server.host() + QStringLiteral("/a/b:1"));
    ASSERT_FALSE(state.ok());
    EXPECT_TRUE(state.error().message.contains(QStringLiteral("redirect")));
    EXPECT_EQ(server.requests().size(), h.client.options().maxRedirects + 1);
}

TEST(RegistryClient, MalformedManifestIsAnErrorNotACrash)
{
    ScriptedServer server([](const ScriptedRequest &r) {
        ScriptedResponse resp{200, {{"Content-Type", MediaType::OciIndex.toLatin1()}}, {}};
        resp.header("Docker-Content-Digest", sha256Digest("{\"schemaVersion\":2,").toLatin1());
        if (r.method == "GET")
            resp.body = "{\"schemaVersion\":2,";
        return resp;
    });
    ClientHarness h;
    auto state = h.resolve(server.host() + QStringLiteral("/a/b:1"));
    ASSERT_FALSE(state.ok());
    EXPECT_EQ(state.error().code, ErrorCode::Protocol);
}

TEST(RegistryClient, RateLimitHeadersAreExposed)
{
    ScriptedServer server([](const ScriptedRequest &) {
        return ScriptedResponse{200,
                                {{"Docker-Content-Digest", sha256Digest(kManifest).toLatin1()},
                                 {"ratelimit-limit", "100;w=21600"},
                                 {"ratelimit-remaining", "76;w=21600"}},
                                {}};
    });
    ClientHarness h;
    QSignalSpy changed(&h.client, &RegistryClient::rateLimitChanged);
    ASSERT_TRUE(
        h.resolve(server.host() + QStringLiteral("/a/b:1"), ResolveHints{sha256Digest(kManifest), {}}).ok());
    EXPECT_EQ(changed.size(), 1);
    EXPECT_EQ(h.client.rateLimit(server.host()).remaining, 76);
    EXPECT_EQ(h.client.rateLimit(server.host()).limit, 100);
}

TEST(RegistryClient, TagListFollowsLinkPagination)
{
    ScriptedServer server;
    server.setHandler([&](const ScriptedRequest &r) {
        if (!r.target.contains("last="))
            return ScriptedResponse{200,
                                    {{"Link", "</v2/a/b/tags/list?n=2&last=2>; rel=\"next\""}},
                                    R"({"name":"a/b","tags":["1","2"]})"};
        if (r.target.contains("last=2"))
            return ScriptedResponse{200,
                                    {{"Link", "</v2/a/b/tags/list?n=2&last=4>; rel=\"next\""}},
                                    R"({"name":"a/b","tags":["3","4"]})"};
        return ScriptedResponse{200, {}, R"({"name":"a/b","tags":["5"]})"};
    });
    ClientHarness h;
    auto tags = h.listTags(server.host() + QStringLiteral("/a/b"));
    ASSERT_TRUE(tags.ok()) << tags.error().message.toStdString();
    EXPECT_EQ(*tags, (QStringList{QStringLiteral("1"), QStringLiteral("2"), QStringLiteral("3"),
                                  QStringLiteral("4"), QStringLiteral("5")}));
    EXPECT_EQ(server.requests().size(), 3);
}

TEST(RegistryClient, AtMostSixRequestsInFlightPerRegistry)
{
    ScriptedServer server([](const ScriptedRequest &) {
        ScriptedResponse slow{200, {{"Docker-Content-Digest", sha256Digest(kManifest).toLatin1()}}, {}};
        slow.delayMs = 100;
        return slow;
    });
    ClientHarness h;
    auto ref = ImageReference::parse(server.host() + QStringLiteral("/a/b:1")).value();
    int answered = 0;
    for (int i = 0; i < 24; ++i)
        h.client.resolve(ref.withTag(QStringLiteral("t%1").arg(i)), ResolveHints{sha256Digest(kManifest), {}},
                         &h.context, [&answered](Result<TagState>) { ++answered; });
    ASSERT_TRUE(QTest::qWaitFor([&] { return answered == 24; }, 20000));
    EXPECT_LE(server.maxConcurrentConnections(), h.client.options().maxInFlightPerRegistry);
    EXPECT_GE(server.maxConcurrentConnections(), 2); // and they do run in parallel
}

TEST(RegistryClient, AStartedCheckGoesBeforeChecksNotStartedYet)
{
    ScriptedServer server([](const ScriptedRequest &r) {
        ScriptedResponse resp{200,
                              {{"Content-Type", MediaType::OciManifest.toLatin1()},
                               {"Docker-Content-Digest", sha256Digest(kManifest).toLatin1()}},
                              {}};
        if (r.method == "GET")
            resp.body = kManifest;
        return resp;
    });
    auto options = ClientHarness::fastOptions();
    options.maxInFlightPerRegistry = 1;
    ClientHarness h(options);
    ResolveHints newDigest;
    newDigest.digestsOnly = true; // HEAD, then the manifest
    int answered = 0;
    for (const char *repository : {"one", "two", "three", "four"})
        h.client.resolve(ImageReference::parse(server.host() + QStringLiteral("/team/") +
                                               QLatin1String(repository) + QStringLiteral(":1"))
                             .value(),
                         newDigest, &h.context, [&answered](Result<TagState> r) {
                             EXPECT_TRUE(r.ok()) << r.error().message.toStdString();
                             ++answered;
                         });
    ASSERT_TRUE(QTest::qWaitFor([&] { return answered == 4; }, 20000));
    const auto &sent = server.requests();
    auto position = [&](const QByteArray &method, const QByteArray &repository) {
        return std::find_if(sent.begin(), sent.end(),
                            [&](const ScriptedRequest &r) {
                                return r.method == method &&
                                       r.path().startsWith("/v2/team/" + repository + "/");
                            }) -
               sent.begin();
    };
    ASSERT_EQ(sent.size(), 8);
    EXPECT_LT(position("GET", "one"), position("HEAD", "four"));
}

TEST(RegistryClient, AccessTokenAndIssuedAtAreHonoured)
{
    int issued = 0;
    ScriptedServer server([&](const ScriptedRequest &r) {
        if (r.path() == "/token") {
            ++issued;
            // issued 50 s ago by the server's clock, 60 s lifetime: 10 s left.
            return ScriptedResponse{
                200, {}, R"({"access_token":"tokA","expires_in":60,"issued_at":"2025-12-31T23:59:10Z"})"};
        }
        if (r.header("authorization") != "Bearer tokA") {
            ScriptedResponse c{401, {}, {}};
            c.header("WWW-Authenticate", "Bearer realm=\"/token\"");
            return c;
        }
        return ScriptedResponse{200, {{"Docker-Content-Digest", sha256Digest(kManifest).toLatin1()}}, {}};
    });
    ClientHarness h; // the fake clock starts at 2026-01-01T00:00:00Z
    const ResolveHints unchanged{sha256Digest(kManifest), {}};
    auto first = h.resolve(server.host() + QStringLiteral("/a/b:1"), unchanged);
    ASSERT_TRUE(first.ok()) << first.error().message.toStdString();
    EXPECT_EQ(issued, 1);
    h.clock.advance(15 * 1000); // past issued_at + expires_in: renewed before use
    ASSERT_TRUE(h.resolve(server.host() + QStringLiteral("/a/b:1"), unchanged).ok());
    EXPECT_EQ(issued, 2);
}

namespace {
// A TLS server on loopback with a self-signed certificate, which a client that verifies must refuse.
struct SelfSignedServer
{
    // false: openssl is missing
    bool start()
    {
        if (!makeLoopbackCertificate(dir.path()))
            return false;
        QFile certFile(dir.filePath(QStringLiteral("cert.pem")));
        QFile keyFile(dir.filePath(QStringLiteral("key.pem")));
        if (!certFile.open(QIODevice::ReadOnly) || !keyFile.open(QIODevice::ReadOnly))
            return false;
        QSslConfiguration tls = QSslConfiguration::defaultConfiguration();
        tls.setLocalCertificate(QSslCertificate(&certFile, QSsl::Pem));
        tls.setPrivateKey(QSslKey(&keyFile, QSsl::Rsa, QSsl::Pem));
        server.setSslConfiguration(tls);
        QObject::connect(&server, &QSslServer::startedEncryptionHandshake, &server,
                         [this] { ++connections; });
        QObject::connect(&server, &QSslServer::pendingConnectionAvailable, &server, [this] {
            while (QTcpSocket *socket = server.nextPendingConnection()) {
                ++handshakes;
                socket->deleteLater();
            }
        });
        return server.listen(QHostAddress::LocalHost, 0);
    }
    QString host() const { return QStringLiteral("127.0.0.1:%1").arg(server.serverPort()); }

    QTemporaryDir dir;
    QSslServer server;
    int connections = 0; // handshakes begun
    int handshakes = 0;  // handshakes completed
};
} // namespace

TEST(RegistryClient, HttpsVerifiesCertificatesUnlessTheRegistryIsMarkedInsecure)
{
    SelfSignedServer server;
    if (!server.start())
        GTEST_SKIP() << "openssl is needed to make a certificate";
    auto options = ClientHarness::fastOptions();
    options.plainHttpOnLoopback = false;
    options.maxAttempts = 1;
    ClientHarness h(options);
    auto refused = h.resolve(server.host() + QStringLiteral("/a/b:1"));
    ASSERT_FALSE(refused.ok());
    EXPECT_EQ(refused.error().code, ErrorCode::Network);
    EXPECT_EQ(server.handshakes, 0) << "no request may complete a handshake with an unverified certificate";
}

TEST(RegistryClient, ARefusedCertificateIsNotRetried)
{
    SelfSignedServer server;
    if (!server.start())
        GTEST_SKIP() << "openssl is needed to make a certificate";
    auto options = ClientHarness::fastOptions();
    options.plainHttpOnLoopback = false;
    ClientHarness h(options);
    ASSERT_GT(h.client.options().maxAttempts, 1);
    auto refused = h.resolve(server.host() + QStringLiteral("/a/b:1"));
    ASSERT_FALSE(refused.ok());
    EXPECT_EQ(refused.error().code, ErrorCode::Network);
    EXPECT_TRUE(refused.error().message.contains(QStringLiteral("TLS certificate not accepted")))
        << refused.error().message.toStdString();
    EXPECT_EQ(server.connections, 1);
    EXPECT_EQ(h.heads(), 1);
}

TEST(RegistryClient, InsecureRegistriesArePlainHttp)
{
    ScriptedServer server([](const ScriptedRequest &) {
        return ScriptedResponse{200, {{"Docker-Content-Digest", sha256Digest(kManifest).toLatin1()}}, {}};
    });
    auto options = ClientHarness::fastOptions();
    options.plainHttpOnLoopback = false; // as if it were a remote host
    options.maxAttempts = 1;
    ClientHarness https(options);
    QSignalSpy sent(&https.client, &RegistryClient::requestSent);
    (void)https.resolve(server.host() + QStringLiteral("/a/b:1"), ResolveHints{sha256Digest(kManifest), {}});
    ASSERT_GE(sent.size(), 1);
    EXPECT_EQ(sent[0][2].toUrl().scheme(), QStringLiteral("https"));
    options.insecureRegistries = {server.host()};
    ClientHarness insecure(options);
    QSignalSpy plain(&insecure.client, &RegistryClient::requestSent);
    EXPECT_TRUE(
        insecure.resolve(server.host() + QStringLiteral("/a/b:1"), ResolveHints{sha256Digest(kManifest), {}})
            .ok());
    ASSERT_GE(plain.size(), 1);
    EXPECT_EQ(plain[0][2].toUrl().scheme(), QStringLiteral("http"));
}

TEST(RegistryClient, IdentityTokensAreExchangedWithARefreshTokenGrant)
{
    BearerRegistry registry;
    registry.identityToken = "refresh-me-123";
    const QString ref = registry.server.host() + QStringLiteral("/a/b:1");
    ClientHarness h;
    Credential identity;
    identity.secret = QString::fromLatin1(registry.identityToken);
    identity.isIdentityToken = true;
    h.credentials.set(registry.server.host(), identity);
    auto good = h.resolve(ref);
    ASSERT_TRUE(good.ok()) << good.error().message.toStdString();
    EXPECT_EQ(good->digest, sha256Digest(kManifest));
    EXPECT_EQ(registry.server.count("POST", "/token"), 1);
    EXPECT_EQ(registry.server.count("GET", "/token"), 0);

    ClientHarness revoked;
    identity.secret = QStringLiteral("revoked-token");
    revoked.credentials.set(registry.server.host(), identity);
    registry.server.clear();
    auto bad = revoked.resolve(ref);
    ASSERT_FALSE(bad.ok());
    EXPECT_EQ(bad.error().code, ErrorCode::AuthFailed);
    EXPECT_FALSE(bad.error().message.contains(QStringLiteral("revoked-token")));
    EXPECT_EQ(registry.server.count("POST", "/token"), 1); // no retry loop
}

TEST(RegistryClient, Http2IsUsedWhereTheServerOffersIt)
{
    // nghttpd speaks only HTTP/2 (negotiated by ALPN over TLS) and serves files: a manifest at its path.
    QTemporaryDir dir;
    ASSERT_TRUE(makeLoopbackCertificate(dir.path()));
    const QString docs = dir.filePath(QStringLiteral("docs"));
    ASSERT_TRUE(QDir().mkpath(docs + QStringLiteral("/v2/a/b/manifests")));
    QFile manifest(docs + QStringLiteral("/v2/a/b/manifests/1"));
    ASSERT_TRUE(manifest.open(QIODevice::WriteOnly) && manifest.write(kManifest) == kManifest.size());
    manifest.close();
    QTcpServer probe;
    ASSERT_TRUE(probe.listen(QHostAddress::LocalHost, 0));
    const quint16 port = probe.serverPort();
    probe.close();
    QProcess server;
    server.setProcessChannelMode(QProcess::MergedChannels);
    server.start(QStringLiteral("stdbuf"),
                 {QStringLiteral("-oL"), QStringLiteral("nghttpd"), QStringLiteral("-v"),
                  QStringLiteral("-a"), QStringLiteral("127.0.0.1"), QStringLiteral("-d"), docs,
                  QString::number(port), dir.filePath(QStringLiteral("key.pem")),
                  dir.filePath(QStringLiteral("cert.pem"))});
    ASSERT_TRUE(server.waitForStarted(10000)) << "nghttpd (nghttp2-server) is needed";
    ASSERT_TRUE(QTest::qWaitFor(
        [&] {
            QTcpSocket socket;
            socket.connectToHost(QHostAddress::LocalHost, port);
            return socket.waitForConnected(200);
        },
        10000));
    // Trust the test certificate for this test only.
    const QSslConfiguration previous = QSslConfiguration::defaultConfiguration();
    QSslConfiguration trusting = previous;
    trusting.addCaCertificates(dir.filePath(QStringLiteral("cert.pem")));
    QSslConfiguration::setDefaultConfiguration(trusting);
    auto options = ClientHarness::fastOptions();
    options.plainHttpOnLoopback = false;
    ClientHarness h(options);
    auto state = h.resolve(QStringLiteral("127.0.0.1:%1/a/b:1").arg(port));
    QSslConfiguration::setDefaultConfiguration(previous);
    server.terminate();
    server.waitForFinished(10000);
    const QByteArray log = server.readAll();
    ASSERT_TRUE(state.ok()) << state.error().message.toStdString() << log.toStdString();
    // no digest header from a file server: the digest is the hash of the bytes it served
    EXPECT_EQ(state->digest, sha256Digest(kManifest));
    // HTTP/2 pseudo-headers, as the server decoded them from the client's HEADERS frames
    EXPECT_TRUE(log.contains(":method: HEAD")) << log.toStdString();
    EXPECT_TRUE(log.contains(":path: /v2/a/b/manifests/1")) << log.toStdString();
}

namespace {
// System proxy settings as a desktop may have them: web requests direct, other sockets through SOCKS.
class SocksForSocketsOnly : public QNetworkProxyFactory
{
public:
    QList<QNetworkProxy> queryProxy(const QNetworkProxyQuery &query) override
    {
        if (query.queryType() == QNetworkProxyQuery::TcpSocket)
            return {QNetworkProxy(QNetworkProxy::Socks5Proxy, QStringLiteral("socks.test"), 1080)};
        if (query.url().host() == QLatin1String("behind.proxy.test"))
            return {QNetworkProxy(QNetworkProxy::HttpProxy, QStringLiteral("proxy.test"), 3128)};
        return {QNetworkProxy(QNetworkProxy::NoProxy)};
    }
};

struct ApplicationProxies
{
    explicit ApplicationProxies(QNetworkProxyFactory *factory)
    {
        QNetworkProxyFactory::setApplicationProxyFactory(factory);
    }
    ~ApplicationProxies() { QNetworkProxyFactory::setApplicationProxyFactory(nullptr); }
};

QNetworkProxy::ProxyType chosenFor(QNetworkAccessManager &network, const char *url)
{
    const QList<QNetworkProxy> proxies =
        network.proxyFactory()->queryProxy(QNetworkProxyQuery(QUrl(QString::fromLatin1(url))));
    return proxies.isEmpty() ? QNetworkProxy::DefaultProxy : proxies.first().type();
}
} // namespace

TEST(RegistryClient, ProxySettingsDecideWhereRequestsGo)
{
    // A plain-HTTP request that the settings send direct is read through a buffered socket, which Qt
    // only opens for a connection with a proxy; the socket must then not end up on a proxy of its own.
    ApplicationProxies settings(new SocksForSocketsOnly);
    ClientHarness h;
    EXPECT_EQ(chosenFor(h.network, "http://registry.test:5000/v2/"), QNetworkProxy::NoProxy);
    EXPECT_EQ(chosenFor(h.network, "http://behind.proxy.test:5000/v2/"), QNetworkProxy::HttpProxy);
    EXPECT_EQ(chosenFor(h.network, "https://registry.test/v2/"), QNetworkProxy::NoProxy);

    // a manager whose proxy its owner chose keeps it
    QNetworkAccessManager chosen;
    chosen.setProxy(QNetworkProxy(QNetworkProxy::HttpProxy, QStringLiteral("proxy.test"), 3128));
    RegistryClient client(&chosen, &h.credentials, h.clock);
    EXPECT_EQ(chosen.proxyFactory(), nullptr);
    EXPECT_EQ(chosen.proxy().hostName(), QStringLiteral("proxy.test"));
}

namespace {
class CountingProxies : public QNetworkProxyFactory
{
public:
    QList<QNetworkProxy> queryProxy(const QNetworkProxyQuery &) override
    {
        ++asked;
        return {QNetworkProxy(QNetworkProxy::NoProxy)};
    }
    int asked = 0;
};
} // namespace

TEST(RegistryClient, ProxySettingsAreAskedOncePerRegistryAMinute)
{
    auto *counting = new CountingProxies;
    ApplicationProxies settings(counting);
    ClientHarness h;
    chosenFor(h.network, "https://registry.test/v2/a/manifests/1");
    const int once = counting->asked;
    EXPECT_GE(once, 1);
    chosenFor(h.network, "https://registry.test/v2/b/manifests/2");
    EXPECT_EQ(counting->asked, once);
    chosenFor(h.network, "https://other.test/v2/a/manifests/1"); // another registry: asked
    EXPECT_GT(counting->asked, once);
    const int both = counting->asked;
    h.clock.advance(61 * 1000); // settings may have changed since
    chosenFor(h.network, "https://registry.test/v2/a/manifests/1");
    EXPECT_GT(counting->asked, both);
}
