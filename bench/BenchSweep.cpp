// Sweep benchmark: 1,000 tags across 50 repositories on a loopback docker-registry; a steady-state
// sweep by the poller next to the floor (the same HEADs sent by curl --parallel), requests per tag,
// and token requests per sweep against a bearer-token registry.
#include "ClientHarness.h"
#include "LocalRegistry.h"
#include "ScriptedServer.h"
#include "poll/Poller.h"
#include "registry/ManifestParser.h"
#include "store/Database.h"
#include "store/HistoryStore.h"

#include <QCoreApplication>
#include <QElapsedTimer>
#include <QFile>
#include <QJsonDocument>
#include <QJsonObject>
#include <QLoggingCategory>
#include <QProcess>
#include <QSignalSpy>
#include <QTemporaryDir>

#include <algorithm>
#include <cstdio>
#include <sys/resource.h>

using namespace RebuildRadar;
using namespace RebuildRadar::Test;

namespace {

struct SweepResult
{
    double ms = 0;
    int heads = 0, gets = 0, tokens = 0;
};

SweepResult sweep(Poller &poller, ClientHarness &net)
{
    net.resetCounts();
    QSignalSpy finished(&poller, &Poller::sweepFinished);
    QElapsedTimer t;
    t.start();
    poller.checkNow();
    finished.wait(600000);
    return SweepResult{double(t.nsecsElapsed()) / 1e6, net.heads(), net.gets(), net.tokens()};
}

} // namespace

int main(int argc, char **argv)
{
    QCoreApplication app(argc, argv);
    QLoggingCategory::setFilterRules(QStringLiteral("rebuildradar.*.debug=false\nrebuildradar.*.info=false"));
    const int repos = 50;
    const int tagsPerRepo = app.arguments().value(1, QStringLiteral("20")).toInt();
    const int total = repos * tagsPerRepo;

    LocalRegistry registry;
    if (!registry.isRunning()) {
        std::fprintf(stderr, "%s\n", qPrintable(registry.error()));
        return 1;
    }
    Pusher push(registry.host());
    QStringList references;
    for (int r = 0; r < repos; ++r) {
        const QString repo = QStringLiteral("bench/repo%1").arg(r);
        TestImage image;
        image.layer = "layer-" + QByteArray::number(r);
        const IndexEntry entry = push.pushImage(repo, image);
        const QByteArray index = "{\"schemaVersion\":2,\"mediaType\":\"" + MediaType::OciIndex.toUtf8() +
                                 "\",\"manifests\":[{\"mediaType\":\"" + entry.mediaType.toUtf8() +
                                 "\",\"digest\":\"" + entry.digest.toUtf8() +
                                 "\",\"size\":" + QByteArray::number(entry.size) +
                                 ",\"platform\":{\"os\":\"linux\",\"architecture\":\"amd64\"}}]}";
        for (int t = 0; t < tagsPerRepo; ++t) {
            push.pushManifest(repo, QStringLiteral("t%1").arg(t), index, MediaType::OciIndex);
            references.append(registry.host() + u'/' + repo + QStringLiteral(":t%1").arg(t));
        }
    }

    QTemporaryDir dir;
    auto db = Database::open(dir.filePath(QStringLiteral("sweep.sqlite")));
    HistoryStore store(**db, [] { return QDateTime::currentMSecsSinceEpoch(); });
    QList<WatchRequest> requests;
    for (const QString &r : references)
        requests.append(WatchRequest{ImageReference::parse(r).value(), 3600, {}, 0});
    if (!store.addWatches(requests))
        return 1;
    RegistryClientOptions options;
    ClientHarness net(options);
    Poller poller(store, net.client, net.clock);
    const SweepResult first = sweep(poller, net);

    // The floor: the same HEADs, same Accept, same parallelism, by curl.
    QFile config(dir.filePath(QStringLiteral("curl.conf")));
    config.open(QIODevice::WriteOnly);
    for (const QString &r : references) {
        const QString repo = r.section(u'/', 1).section(u':', 0, 0);
        const QString tag = r.section(u':', -1);
        config.write(QStringLiteral("url = \"http://%1/v2/%2/manifests/%3\"\n")
                         .arg(registry.host(), repo, tag)
                         .toUtf8());
    }
    config.close();
    auto curlSweep = [&] {
        QProcess curl;
        QElapsedTimer curlTimer;
        curlTimer.start();
        curl.start(QStringLiteral("curl"),
                   {QStringLiteral("--parallel"), QStringLiteral("--parallel-max"),
                    QString::number(options.maxInFlightPerRegistry), QStringLiteral("-s"),
                    QStringLiteral("-o"), QStringLiteral("/dev/null"), QStringLiteral("-I"),
                    QStringLiteral("-H"),
                    QStringLiteral("Accept: ") + QString::fromLatin1(MediaType::acceptHeader()),
                    QStringLiteral("-K"), config.fileName()});
        curl.waitForFinished(600000);
        return double(curlTimer.nsecsElapsed()) / 1e6;
    };
    // Interleaved, three of each, medians: the two share the machine with the registry.
    auto cpuMs = [] {
        rusage u{};
        getrusage(RUSAGE_SELF, &u);
        return double(u.ru_utime.tv_sec + u.ru_stime.tv_sec) * 1e3 +
               double(u.ru_utime.tv_usec + u.ru_stime.tv_usec) / 1e3;
    };
    QList<SweepResult> steadyRuns;
    QList<double> curlRuns;
    QList<double> cpuRuns;
    for (int run = 0; run < 3; ++run) {
        const double cpuBefore = cpuMs();
        steadyRuns.append(sweep(poller, net));
        cpuRuns.append(cpuMs() - cpuBefore);
        curlRuns.append(curlSweep());
    }
    std::sort(steadyRuns.begin(), steadyRuns.end(),
              [](const SweepResult &a, const SweepResult &b) { return a.ms < b.ms; });
    std::sort(curlRuns.begin(), curlRuns.end());
    std::sort(cpuRuns.begin(), cpuRuns.end());
    const SweepResult steady = steadyRuns[1];
    const double curlMs = curlRuns[1];
    const double cpuPerTagMs = cpuRuns[1] / total;

    // Token auth: a bearer registry (scripted) with the same 50 repositories.
    const QByteArray index =
        R"({"schemaVersion":2,"mediaType":"application/vnd.oci.image.index.v1+json","manifests":[]})";
    int tokensIssued = 0;
    ScriptedServer bearer([&](const ScriptedRequest &r) {
        if (r.path() == "/token") {
            ++tokensIssued;
            return ScriptedResponse{
                200, {}, "{\"token\":\"t" + QByteArray::number(tokensIssued) + "\",\"expires_in\":300}"};
        }
        if (!r.header("authorization").startsWith("Bearer ")) {
            ScriptedResponse c{401, {}, {}};
            c.header("WWW-Authenticate", "Bearer realm=\"/token\",service=\"bench\"");
            return c;
        }
        return ScriptedResponse{200,
                                {{"Docker-Content-Digest", sha256Digest(index).toLatin1()},
                                 {"Content-Type", MediaType::OciIndex.toLatin1()}},
                                index};
    });
    QTemporaryDir dir2;
    auto db2 = Database::open(dir2.filePath(QStringLiteral("token.sqlite")));
    HistoryStore store2(**db2, [] { return QDateTime::currentMSecsSinceEpoch(); });
    QList<WatchRequest> tokenRequests;
    for (int r = 0; r < repos; ++r)
        for (int t = 0; t < tagsPerRepo; ++t)
            tokenRequests.append(WatchRequest{
                ImageReference::parse(bearer.host() + QStringLiteral("/bench/repo%1:t%2").arg(r).arg(t))
                    .value(),
                3600,
                {},
                0});
    if (!store2.addWatches(tokenRequests))
        return 1;
    ClientHarness net2(options);
    Poller poller2(store2, net2.client, net2.clock);
    const SweepResult tokenFirst = sweep(poller2, net2);
    const SweepResult tokenSteady = sweep(poller2, net2);

    std::printf("sweep benchmark: %d tags in %d repositories, loopback docker-registry\n", total, repos);
    std::printf("  %-44s %10.1f ms\n", "first sweep (baseline: manifests read)", first.ms);
    std::printf("  %-44s %10.1f ms\n", "steady-state sweep (Rebuild Radar)", steady.ms);
    std::printf("  %-44s %10.1f ms\n", "same HEADs by curl --parallel (the floor)", curlMs);
    std::printf("  %-44s %10.2f x   (target <= 1.5)\n", "ratio", steady.ms / curlMs);
    std::printf("  %-44s %10.3f ms\n", "CPU of this process per tag, steady state", cpuPerTagMs);
    std::printf("  %-44s HEAD %.2f  GET %.2f  token %.2f\n", "requests per tag, steady state",
                double(steady.heads) / total, double(steady.gets) / total, double(steady.tokens) / total);
    std::printf(
        "  %-44s %d (first sweep), %d (next sweep)   (target <= 1 per repository per token lifetime)\n",
        "token requests, bearer registry", tokenFirst.tokens, tokenSteady.tokens);
    std::printf("%s\n",
                QJsonDocument(QJsonObject{{QStringLiteral("tags"), total},
                                          {QStringLiteral("repositories"), repos},
                                          {QStringLiteral("first_sweep_ms"), first.ms},
                                          {QStringLiteral("steady_sweep_ms"), steady.ms},
                                          {QStringLiteral("curl_floor_ms"), curlMs},
                                          {QStringLiteral("ratio"), steady.ms / curlMs},
                                          {QStringLiteral("cpu_per_tag_ms"), cpuPerTagMs},
                                          {QStringLiteral("heads_per_tag"), double(steady.heads) / total},
                                          {QStringLiteral("gets_per_tag"), double(steady.gets) / total},
                                          {QStringLiteral("tokens_per_tag"), double(steady.tokens) / total},
                                          {QStringLiteral("token_requests_first_sweep"), tokenFirst.tokens},
                                          {QStringLiteral("token_requests_next_sweep"), tokenSteady.tokens}})
                    .toJson(QJsonDocument::Compact)
                    .constData());
    return 0;
}
