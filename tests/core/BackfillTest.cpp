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
            if (path.contains("/_chainguard/history/") || path.startsWith("/api/v1/repository/")) {
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
    registry.historyAnswer = [](const ScriptedRequest &) {
        QJsonArray history;
        const char *seeds[] = {"c1", "c2", "c3"};
        const char *times[] = {"2026-05-01T00:00:00Z", "2026-05-02T00:00:00Z", "2026-05-03T00:00:00Z"};
        for (int i = 0; i < 3; ++i)
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

    // Polling goes on; the past is imported once.
    registry.current = manifestFor("c4");
    ASSERT_EQ(cli.run({QStringLiteral("poll")}).exitCode, 0);
    h = QJsonDocument::fromJson(cli.run({QStringLiteral("history"), tag, QStringLiteral("--json")}).out)
            .object();
    EXPECT_EQ(h[QStringLiteral("digests")].toArray().size(), 4);
    EXPECT_EQ(h[QStringLiteral("rebuilds")].toArray().size(), 3);
    EXPECT_EQ(registry.historyCalls, 1);
    const QJsonObject last = h[QStringLiteral("rebuilds")].toArray().last().toObject();
    EXPECT_TRUE(last[QStringLiteral("lag_seconds")].isDouble()); // built 2026-05-01 per its annotation
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
