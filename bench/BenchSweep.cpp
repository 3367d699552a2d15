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
#include <QNetworkAccessManager>
#include <QNetworkReply>
#include <QProcess>
#include <QSignalSpy>
#include <QSslConfiguration>
#include <QTemporaryDir>

#include <algorithm>
#include <cstdio>
#include <memory>
#include <sys/resource.h>

using namespace RebuildRadar;
using namespace RebuildRadar::Test;

namespace {

struct SweepResult
{
    double ms = 0;
    int heads = 0, gets = 0, tokens = 0;
};

struct Transport
{
    bool ok = false;
    SweepResult first, steady;
    double curlMs = 0, cpuPerTagMs = 0;
    QString protocol;
};

double cpuMs()
{
    rusage u{};
    getrusage(RUSAGE_SELF, &u);
    return double(u.ru_utime.tv_sec + u.ru_stime.tv_sec) * 1e3 +
           double(u.ru_utime.tv_usec + u.ru_stime.tv_usec) / 1e3;
}

// What Qt negotiates with this server, asked the way the registry client asks.
QString protocolOf(const QUrl &url)
{
    QNetworkAccessManager manager;
    QNetworkRequest request(url);
    request.setAttribute(QNetworkRequest::Http2AllowedAttribute, true);
    std::unique_ptr<QNetworkReply> reply(manager.head(request));
    QSignalSpy finished(reply.get(), &QNetworkReply::finished);
    finished.wait(30000);
    return reply->attribute(QNetworkRequest::Http2WasUsedAttribute).toBool() ? QStringLiteral("HTTP/2")
                                                                             : QStringLiteral("HTTP/1.1");
}

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

// A first sweep, then three steady-state sweeps by the poller interleaved with three of the floor:
// the same HEADs, same Accept, same parallelism, by curl. Medians.
Transport measure(const LocalRegistry &registry, const QString &caCertificate, const QStringList &references,
                  const RegistryClientOptions &options)
{
    Transport result;
    QTemporaryDir dir;
    auto db = Database::open(dir.filePath(QStringLiteral("sweep.sqlite")));
    HistoryStore store(**db, [] { return QDateTime::currentMSecsSinceEpoch(); });
    QList<WatchRequest> requests;
    for (const QString &r : references)
        requests.append(WatchRequest{ImageReference::parse(r).value(), 3600, {}, 0});
    if (!store.addWatches(requests))
        return result;
    ClientHarness net(options);
    Poller poller(store, net.client, net.clock);
    result.first = sweep(poller, net);

    QFile config(dir.filePath(QStringLiteral("curl.conf")));
    config.open(QIODevice::WriteOnly);
    for (const QString &r : references) {
        const QString repo = r.section(u'/', 1).section(u':', 0, 0);
        const QString tag = r.section(u':', -1);
        config.write(QStringLiteral("url = \"%1\"\n")
                         .arg(registry.url(QStringLiteral("/v2/%1/manifests/%2").arg(repo, tag)).toString())
                         .toUtf8());
    }
    config.close();
    QStringList curlArguments{QStringLiteral("--parallel"),
                              QStringLiteral("--parallel-max"),
                              QString::number(options.maxInFlightPerRegistry),
                              QStringLiteral("-s"),
                              QStringLiteral("-o"),
                              QStringLiteral("/dev/null"),
                              QStringLiteral("-I"),
                              QStringLiteral("-H"),
                              QStringLiteral("Accept: ") + QString::fromLatin1(MediaType::acceptHeader()),
                              QStringLiteral("-K"),
                              config.fileName()};
    if (!caCertificate.isEmpty())
        curlArguments << QStringLiteral("--cacert") << caCertificate;
    auto curlSweep = [&] {
        QProcess curl;
        QElapsedTimer curlTimer;
        curlTimer.start();
        curl.start(QStringLiteral("curl"), curlArguments);
        curl.waitForFinished(600000);
        return double(curlTimer.nsecsElapsed()) / 1e6;
    };
    // Interleaved: the two share the machine with the registry.
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
    result.steady = steadyRuns[1];
    result.curlMs = curlRuns[1];
    result.cpuPerTagMs = cpuRuns[1] / double(references.size());
    result.protocol = protocolOf(registry.url(QStringLiteral("/v2/")));
    result.ok = true;
    return result;
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

    // The same repositories served over HTTPS (HTTP/2 by ALPN, as public registries answer) by a
    // second registry process on the first one's storage.
    LocalRegistry tlsRegistry(LocalRegistry::Options{{}, {}, true, registry.storagePath()});
    if (!tlsRegistry.isRunning()) {
        std::fprintf(stderr, "%s\n", qPrintable(tlsRegistry.error()));
        return 1;
    }
    QSslConfiguration trusting = QSslConfiguration::defaultConfiguration();
    trusting.addCaCertificates(tlsRegistry.certificatePath());
    QSslConfiguration::setDefaultConfiguration(trusting);

    RegistryClientOptions options;
    const Transport plain = measure(registry, {}, references, options);
    options.plainHttpOnLoopback = false;
    QStringList tlsReferences = references;
    tlsReferences.replaceInStrings(registry.host(), tlsRegistry.host());
    const Transport tls = measure(tlsRegistry, tlsRegistry.certificatePath(), tlsReferences, options);
    if (!plain.ok || !tls.ok)
        return 1;

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
    ClientHarness net2(RegistryClientOptions{});
    Poller poller2(store2, net2.client, net2.clock);
    const SweepResult tokenFirst = sweep(poller2, net2);
    const SweepResult tokenSteady = sweep(poller2, net2);

    std::printf("sweep benchmark: %d tags in %d repositories, loopback docker-registry\n", total, repos);
    QJsonObject json{{QStringLiteral("tags"), total}, {QStringLiteral("repositories"), repos}};
    const auto report = [&](const char *name, const char *key, const Transport &t) {
        std::printf(" %s (Qt negotiated %s)\n", name, qPrintable(t.protocol));
        std::printf("  %-44s %10.1f ms\n", "first sweep (baseline: manifests read)", t.first.ms);
        std::printf("  %-44s %10.1f ms\n", "steady-state sweep (Rebuild Radar)", t.steady.ms);
        std::printf("  %-44s %10.1f ms\n", "same HEADs by curl --parallel (the floor)", t.curlMs);
        std::printf("  %-44s %10.2f x   (target <= 1.5)\n", "ratio", t.steady.ms / t.curlMs);
        std::printf("  %-44s %10.3f ms\n", "CPU of this process per tag, steady state", t.cpuPerTagMs);
        std::printf("  %-44s HEAD %.2f  GET %.2f  token %.2f\n", "requests per tag, steady state",
                    double(t.steady.heads) / total, double(t.steady.gets) / total,
                    double(t.steady.tokens) / total);
        json.insert(QLatin1String(key),
                    QJsonObject{{QStringLiteral("protocol"), t.protocol},
                                {QStringLiteral("first_sweep_ms"), t.first.ms},
                                {QStringLiteral("steady_sweep_ms"), t.steady.ms},
                                {QStringLiteral("curl_floor_ms"), t.curlMs},
                                {QStringLiteral("ratio"), t.steady.ms / t.curlMs},
                                {QStringLiteral("cpu_per_tag_ms"), t.cpuPerTagMs},
                                {QStringLiteral("heads_per_tag"), double(t.steady.heads) / total},
                                {QStringLiteral("gets_per_tag"), double(t.steady.gets) / total},
                                {QStringLiteral("tokens_per_tag"), double(t.steady.tokens) / total}});
    };
    report("plain HTTP", "http", plain);
    report("HTTPS", "https", tls);
    std::printf(
        "  %-44s %d (first sweep), %d (next sweep)   (target <= 1 per repository per token lifetime)\n",
        "token requests, bearer registry", tokenFirst.tokens, tokenSteady.tokens);
    json.insert(QStringLiteral("token_requests_first_sweep"), tokenFirst.tokens);
    json.insert(QStringLiteral("token_requests_next_sweep"), tokenSteady.tokens);
    std::printf("%s\n", QJsonDocument(json).toJson(QJsonDocument::Compact).constData());
    return 0;
}
