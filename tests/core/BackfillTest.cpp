// History backfill from the registries that publish tag histories (Chainguard, Quay), with scripted
// servers answering as their documented APIs do.
#include "registry/Backfill.h"
#include "CliRunner.h"
#include "ScriptedServer.h"
#include "registry/ManifestParser.h"

#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>

#include <gtest/gtest.h>

using namespace RebuildRadar;
using namespace RebuildRadar::Test;

namespace {

QByteArray manifestFor(const QByteArray &seed)
{
    return R"({"schemaVersion":2,"mediaType":"application/vnd.oci.image.index.v1+json","manifests":[{"mediaType":"application/vnd.oci.image.manifest.v1+json","digest":")" +
           sha256Digest(seed).toUtf8() +
           R"(","size":1,"platform":{"os":"linux","architecture":"amd64"},"annotations":{"org.opencontainers.image.created":"2026-05-01T00:00:00Z"}}]})";
}

// A registry with one tag whose current index the test sets, and a tag history API.
struct HistoryRegistry
{
    HistoryRegistry()
    {
        server.setHandler([this](const ScriptedRequest &r) -> ScriptedResponse {
            const QByteArray path = r.path();
            if (path.contains("/_chainguard/history/") || path.startsWith("/api/v1/repository/") ||
                path.startsWith("/v2/namespaces/")) {
                ++historyCalls;
                return historyAnswer(r);
            }
            if (path.contains("/manifests/")) {
                ScriptedResponse resp{200, {{"Content-Type", MediaType::OciIndex.toLatin1()}}, {}};
                resp.header("Docker-Content-Digest", sha256Digest(current).toUtf8());
                if (r.method == "GET")
                    resp.body = current;
                return resp;
            }
            return ScriptedResponse{404, {}, {}};
        });
    }
    ScriptedServer server;
    QByteArray current = manifestFor("c3");
    std::function<ScriptedResponse(const ScriptedRequest &)> historyAnswer;
    int historyCalls = 0;
};

} // namespace

TEST(Backfill, ParsersReadBothKeyCasesAndPages)
{
    auto cg = parseChainguardHistory(R"({"history":[
        {"updateTimestamp":"2026-01-03T00:00:00Z","digest":"sha256:)" +
                                     QByteArray(64, 'b') + R"("},
        {"UpdateTimestamp":"2026-01-01T00:00:00.123Z","Digest":"sha256:)" +
                                     QByteArray(64, 'a') + R"("},
        {"updateTimestamp":"garbage","digest":"sha256:)" +
                                     QByteArray(64, 'c') + R"("}]})");
    ASSERT_TRUE(cg.ok());
    ASSERT_EQ(cg->size(), 2);
    EXPECT_EQ(cg->at(0).digest, QStringLiteral("sha256:") + QString(64, u'a')); // sorted oldest first
    EXPECT_EQ(*cg->at(0).until, cg->at(1).from);
    EXPECT_FALSE(cg->at(1).until.has_value());
    EXPECT_FALSE(parseChainguardHistory("{\"nope\":1}").ok());

    auto quay = parseQuayTags(
        R"({"tags":[{"name":"1.0","manifest_digest":"sha256:)" + QByteArray(64, 'd') +
            R"(","start_ts":1767225600,"end_ts":1767312000},{"name":"other","manifest_digest":"sha256:)" +
            QByteArray(64, 'e') + R"(","start_ts":1}],"page":1,"has_additional":true})",
        QStringLiteral("1.0"));
    ASSERT_TRUE(quay.ok());
    EXPECT_TRUE(quay->hasMore);
    ASSERT_EQ(quay->entries.size(), 1);
    EXPECT_EQ(quay->entries[0].from, 1767225600000);
    EXPECT_EQ(*quay->entries[0].until, 1767312000000);
}

TEST(Backfill, ChainguardHistoryThenPollingWithoutOverlap)
{
    HistoryRegistry registry;
    registry.historyAnswer = [&registry](const ScriptedRequest &) {
        QJsonArray history;
        const char *seeds[] = {"c1", "c2", "c3", "c4"};
        const char *times[] = {"2026-05-01T00:00:00Z", "2026-05-02T00:00:00Z", "2026-05-03T00:00:00Z",
                               "2026-05-04T00:00:00Z"};
        // c4 appears in the history once it has been pushed
        const int entries = registry.current == manifestFor("c4") ? 4 : 3;
        for (int i = 0; i < entries; ++i)
            history.append(QJsonObject{{QStringLiteral("updateTimestamp"), QString::fromLatin1(times[i])},
                                       {QStringLiteral("digest"), sha256Digest(manifestFor(seeds[i]))}});
        return ScriptedResponse{200,
                                {{"Content-Type", "application/json"}},
                                QJsonDocument(QJsonObject{{QStringLiteral("history"), history}}).toJson()};
    };
    CliRunner cli;
    cli.env().insert(QStringLiteral("REBUILDRADAR_BACKFILL"),
                     registry.server.host() + QStringLiteral("=chainguard"));
    const QString tag = registry.server.host() + QStringLiteral("/chainguard/static:latest");
    ASSERT_EQ(cli.run({QStringLiteral("watch"), QStringLiteral("add"), tag}).exitCode, 0);
    auto poll = cli.run({QStringLiteral("poll")});
    ASSERT_EQ(poll.exitCode, 0) << poll.err.toStdString();
    QJsonObject h =
        QJsonDocument::fromJson(cli.run({QStringLiteral("history"), tag, QStringLiteral("--json")}).out)
            .object();
    QJsonArray digests = h[QStringLiteral("digests")].toArray();
    ASSERT_EQ(digests.size(), 3);
    EXPECT_EQ(digests[0].toObject()[QStringLiteral("source")].toString(), QStringLiteral("chainguard"));
    EXPECT_EQ(digests[0].toObject()[QStringLiteral("first_seen")].toString(),
              QStringLiteral("2026-05-01T00:00:00Z"));
    EXPECT_EQ(digests[1].toObject()[QStringLiteral("source")].toString(), QStringLiteral("chainguard"));
    EXPECT_EQ(digests[2].toObject()[QStringLiteral("source")].toString(), QStringLiteral("poll"));
    EXPECT_EQ(digests[2].toObject()[QStringLiteral("digest")].toString(), sha256Digest(manifestFor("c3")));
    // spans do not overlap: each ends no later than the next begins
    for (int i = 0; i + 1 < digests.size(); ++i)
        EXPECT_LE(digests[i].toObject()[QStringLiteral("last_seen")].toString(),
                  digests[i + 1].toObject()[QStringLiteral("first_seen")].toString());
    EXPECT_EQ(h[QStringLiteral("rebuilds")].toArray().size(), 2); // c1→c2 (past), c2→c3 (when polling began)
    // the polled digest's own history entry tells when upstream pushed it
    EXPECT_EQ(digests[2].toObject()[QStringLiteral("pushed_at")].toString(),
              QStringLiteral("2026-05-03T00:00:00Z"));

    // Polling goes on; the past is imported once.
    registry.current = manifestFor("c4");
    ASSERT_EQ(cli.run({QStringLiteral("poll")}).exitCode, 0);
    h = QJsonDocument::fromJson(cli.run({QStringLiteral("history"), tag, QStringLiteral("--json")}).out)
            .object();
    EXPECT_EQ(h[QStringLiteral("digests")].toArray().size(), 4);
    EXPECT_EQ(h[QStringLiteral("rebuilds")].toArray().size(), 3);
    // one import, and one look-up of the new digest's push time (never one per sweep)
    EXPECT_EQ(registry.historyCalls, 2);
    const QJsonObject newest = h[QStringLiteral("digests")].toArray().last().toObject();
    EXPECT_EQ(newest[QStringLiteral("pushed_at")].toString(), QStringLiteral("2026-05-04T00:00:00Z"));
    const QJsonObject last = h[QStringLiteral("rebuilds")].toArray().last().toObject();
    // detection latency runs from the push, not from the older build time the image declares
    const qint64 pushed =
        QDateTime::fromString(QStringLiteral("2026-05-04T00:00:00Z"), Qt::ISODate).toSecsSinceEpoch();
    const qint64 detected =
        QDateTime::fromString(last[QStringLiteral("detected_at")].toString(), Qt::ISODate).toSecsSinceEpoch();
    EXPECT_EQ(qint64(last[QStringLiteral("lag_seconds")].toDouble()), detected - pushed);
    ASSERT_EQ(cli.run({QStringLiteral("poll")}).exitCode, 0);
    EXPECT_EQ(registry.historyCalls, 2); // an unchanged digest asks nothing more
}

TEST(Backfill, QuayPagesAndFailuresLeaveTheWatchWorking)
{
    HistoryRegistry registry;
    const QString c1 = sha256Digest(manifestFor("c1"));
    registry.historyAnswer = [&](const ScriptedRequest &r) {
        const bool second = r.target.contains("page=2");
        QJsonObject tag{{QStringLiteral("name"), QStringLiteral("1.0")},
                        {QStringLiteral("manifest_digest"), second ? c1 : sha256Digest(manifestFor("c2"))},
                        {QStringLiteral("start_ts"), second ? 1767225600 : 1767312000}};
        if (second)
            tag.insert(QStringLiteral("end_ts"), 1767312000);
        return ScriptedResponse{200,
                                {},
                                QJsonDocument(QJsonObject{{QStringLiteral("tags"), QJsonArray{tag}},
                                                          {QStringLiteral("page"), second ? 2 : 1},
                                                          {QStringLiteral("has_additional"), !second}})
                                    .toJson()};
    };
    CliRunner cli;
    cli.env().insert(QStringLiteral("REBUILDRADAR_BACKFILL"),
                     registry.server.host() + QStringLiteral("=quay"));
    const QString tag = registry.server.host() + QStringLiteral("/org/app:1.0");
    ASSERT_EQ(cli.run({QStringLiteral("watch"), QStringLiteral("add"), tag}).exitCode, 0);
    ASSERT_EQ(cli.run({QStringLiteral("poll")}).exitCode, 0);
    EXPECT_EQ(registry.historyCalls, 2);
    const QJsonArray digests =
        QJsonDocument::fromJson(cli.run({QStringLiteral("history"), tag, QStringLiteral("--json")}).out)
            .object()[QStringLiteral("digests")]
            .toArray();
    ASSERT_EQ(digests.size(), 3);
    EXPECT_EQ(digests[0].toObject()[QStringLiteral("digest")].toString(), c1);
    EXPECT_EQ(digests[0].toObject()[QStringLiteral("source")].toString(), QStringLiteral("quay"));

    HistoryRegistry broken;
    broken.historyAnswer = [](const ScriptedRequest &) { return ScriptedResponse{404, {}, {}}; };
    CliRunner cli2;
    cli2.env().insert(QStringLiteral("REBUILDRADAR_BACKFILL"),
                      broken.server.host() + QStringLiteral("=chainguard"));
    const QString tag2 = broken.server.host() + QStringLiteral("/chainguard/static:latest");
    ASSERT_EQ(cli2.run({QStringLiteral("watch"), QStringLiteral("add"), tag2}).exitCode, 0);
    auto poll = cli2.run({QStringLiteral("poll")});
    EXPECT_EQ(poll.exitCode, 0);
    EXPECT_TRUE(poll.err.contains("no past history imported")) << poll.err.toStdString();
    EXPECT_EQ(
        QJsonDocument::fromJson(cli2.run({QStringLiteral("history"), tag2, QStringLiteral("--json")}).out)
            .object()[QStringLiteral("digests")]
            .toArray()
            .size(),
        1);
}

TEST(Backfill, DockerHubTagAnswersGiveTagAndPlatformPushTimes)
{
    const QString index = QStringLiteral("sha256:") + QString(64, u'1');
    const QString amd = QStringLiteral("sha256:") + QString(64, u'2');
    const QString arm = QStringLiteral("sha256:") + QString(64, u'3');
    // the shape of hub.docker.com/v2/namespaces/library/repositories/python/tags/3.13
    const QByteArray answer =
        R"({"name":"3.13","digest":")" + index.toLatin1() +
        R"(","tag_last_pushed":"2026-05-02T10:11:12.631546Z","last_updated":"2026-05-02T10:11:13Z",
        "media_type":"application/vnd.oci.image.index.v1+json","tag_status":"active","images":[
        {"architecture":"amd64","os":"linux","variant":null,"digest":")" +
        amd.toLatin1() + R"(","last_pushed":"2026-05-02T09:00:00Z","status":"active"},
        {"architecture":"arm64","os":"linux","variant":"v8","digest":")" +
        arm.toLatin1() + R"(","last_pushed":"2026-05-02T10:00:00Z","status":"active"},
        {"architecture":"unknown","os":"unknown","digest":null,"last_pushed":null}]})";
    auto times = parseDockerHubTag(answer, index);
    ASSERT_TRUE(times.ok());
    EXPECT_EQ(times->pushedAt,
              QDateTime(QDate(2026, 5, 2), QTime(10, 11, 12, 632), Qt::UTC).toMSecsSinceEpoch());
    ASSERT_EQ(times->platformPushedAt.size(), 2);
    EXPECT_EQ(times->platformPushedAt.value(arm),
              QDateTime(QDate(2026, 5, 2), QTime(10, 0), Qt::UTC).toMSecsSinceEpoch());
    // a tag that has moved on since says nothing about our digest
    auto moved = parseDockerHubTag(answer, QStringLiteral("sha256:") + QString(64, u'9'));
    ASSERT_TRUE(moved.ok());
    EXPECT_FALSE(moved->pushedAt.has_value());
    EXPECT_TRUE(moved->platformPushedAt.isEmpty());
    // a single-platform tag: its manifest is one of the images
    EXPECT_EQ(parseDockerHubTag(answer, amd)->pushedAt,
              QDateTime(QDate(2026, 5, 2), QTime(9, 0), Qt::UTC).toMSecsSinceEpoch());
    EXPECT_FALSE(parseDockerHubTag("[1,2]", index).ok());
    EXPECT_FALSE(parseDockerHubTag("{", index).ok());
}

TEST(Backfill, DockerHubPushTimesAreReadOncePerNewDigest)
{
    HistoryRegistry registry;
    QByteArray hubDigestFor = manifestFor("c3");
    registry.historyAnswer = [&](const ScriptedRequest &r) {
        EXPECT_EQ(r.path(), "/v2/namespaces/library/repositories/app/tags/1");
        const QJsonObject tag{
            {QStringLiteral("name"), QStringLiteral("1")},
            {QStringLiteral("digest"), sha256Digest(hubDigestFor)},
            {QStringLiteral("tag_last_pushed"), QStringLiteral("2026-06-01T12:00:00Z")},
            {QStringLiteral("images"),
             QJsonArray{
                 QJsonObject{{QStringLiteral("architecture"), QStringLiteral("amd64")},
                             {QStringLiteral("os"), QStringLiteral("linux")},
                             {QStringLiteral("digest"), sha256Digest("c3")},
                             {QStringLiteral("last_pushed"), QStringLiteral("2026-06-01T11:00:00Z")}}}}};
        return ScriptedResponse{200, {{"Content-Type", "application/json"}}, QJsonDocument(tag).toJson()};
    };
    CliRunner cli;
    cli.env().insert(QStringLiteral("REBUILDRADAR_BACKFILL"),
                     registry.server.host() + QStringLiteral("=dockerhub"));
    const QString tag = registry.server.host() + QStringLiteral("/library/app:1");
    ASSERT_EQ(cli.run({QStringLiteral("watch"), QStringLiteral("add"), tag}).exitCode, 0);
    ASSERT_EQ(cli.run({QStringLiteral("poll")}).exitCode, 0);
    auto history = [&] {
        return QJsonDocument::fromJson(
                   cli.run({QStringLiteral("history"), tag, QStringLiteral("--json")}).out)
            .object();
    };
    QJsonObject h = history();
    QJsonObject first = h[QStringLiteral("digests")].toArray().first().toObject();
    EXPECT_EQ(first[QStringLiteral("source")].toString(), QStringLiteral("poll")); // Hub publishes no past
    EXPECT_EQ(first[QStringLiteral("pushed_at")].toString(), QStringLiteral("2026-06-01T12:00:00Z"));
    EXPECT_EQ(first[QStringLiteral("created_at")].toString(), QStringLiteral("2026-05-01T00:00:00Z"));
    EXPECT_EQ(
        first[QStringLiteral("platforms_pushed_at")].toObject()[QStringLiteral("linux/amd64")].toString(),
        QStringLiteral("2026-06-01T11:00:00Z"));
    EXPECT_EQ(registry.historyCalls, 1);
    ASSERT_EQ(cli.run({QStringLiteral("poll")}).exitCode, 0);
    EXPECT_EQ(registry.historyCalls, 1); // unchanged: nothing asked

    // A rebuild Hub does not list yet: no push time rather than a wrong one.
    registry.current = manifestFor("c4");
    ASSERT_EQ(cli.run({QStringLiteral("poll")}).exitCode, 0);
    EXPECT_EQ(registry.historyCalls, 2);
    h = history();
    const QJsonObject second = h[QStringLiteral("digests")].toArray().last().toObject();
    EXPECT_TRUE(second[QStringLiteral("pushed_at")].isNull());
    EXPECT_EQ(second[QStringLiteral("built_at")].toString(), QStringLiteral("2026-05-01T00:00:00Z"));

    // The Hub API failing (a repository it does not show) leaves the watch working.
    registry.historyAnswer = [](const ScriptedRequest &) { return ScriptedResponse{404, {}, "{}"}; };
    registry.current = manifestFor("c5");
    auto poll = cli.run({QStringLiteral("poll"), QStringLiteral("--json")});
    EXPECT_EQ(poll.exitCode, 0) << poll.err.toStdString();
    EXPECT_EQ(history()[QStringLiteral("digests")].toArray().size(), 3);
}
