// What runs where, without a Docker Engine: the Engine API's answers read into workloads (addresses,
// container lists, RepoDigests of the container's own repository), Kubernetes pod lists (imageID forms,
// init containers, a pod waiting for its image), the matching of running digests against a tag's
// history, and `running --kubernetes` through the real kubectl against a scripted API server.

#include "CliRunner.h"
#include "ScriptedServer.h"
#include "TempStore.h"
#include "credentials/Credential.h"
#include "engine/RunningWatch.h"
#include "engine/WatchEngine.h"
#include "export/Exporter.h"
#include "history/RebuildClassifier.h"
#include "reference/ImageReference.h"
#include "running/DockerApi.h"
#include "running/KubernetesPods.h"
#include "running/RunningMatch.h"
#include "store/Database.h"
#include "store/HistoryStore.h"
#include "store/PackageResults.h"

#include <QBuffer>
#include <QCryptographicHash>
#include <QDir>
#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QSignalSpy>
#include <QStandardPaths>

#include <gtest/gtest.h>

using namespace RebuildRadar;
using namespace RebuildRadar::Test;

namespace {

QString d(const char *seed)
{
    return QStringLiteral("sha256:") +
           QString::fromLatin1(
               QCryptographicHash::hash(QByteArray(seed), QCryptographicHash::Sha256).toHex());
}

// The index `index` with one linux/amd64 image `platform`.
Observation seen(qint64 tagId, qint64 at, const QString &index, const QString &platform)
{
    TagState s;
    s.digest = index;
    s.mediaType = QStringLiteral("application/vnd.oci.image.index.v1+json");
    s.detailed = true;
    s.platforms.insert(QStringLiteral("linux/amd64"), PlatformImage{platform, {}});
    return Observation{tagId, at, TagStatus::Ok, {}, s};
}

Workload running(const QString &image, const QStringList &digests)
{
    Workload w;
    w.name = QStringLiteral("c");
    w.image = image;
    w.repoDigests = digests;
    return w;
}

// The scripted Docker Engine of the tests below: GET /containers/json, /images/{id}/json (the shapes
// the Engine API answers) and /events, of an engine whose one container "web" runs
// registry.example/app:1 at `digest`.
ScriptedResponse dockerApi(const ScriptedRequest &r, const QString &digest)
{
    const QString imageId = QStringLiteral("sha256:") + QString(64, u'e');
    ScriptedResponse response;
    response.header("Content-Type", "application/json");
    if (r.path() == "/containers/json")
        response.body = QStringLiteral(R"([{"Id":"c0ffee","Names":["/web"],"Image":"registry.example/app:1",
            "ImageID":"%1","State":"running"}])")
                            .arg(imageId)
                            .toUtf8();
    else if (r.path().startsWith("/images/"))
        response.body = QStringLiteral(R"({"Id":"%1","RepoDigests":["registry.example/app@%2"]})")
                            .arg(imageId, digest)
                            .toUtf8();
    else if (r.path() == "/events")
        response.body = {}; // the stream's answer; it ends here, and is opened again later
    else
        response.status = 404;
    return response;
}

// registry.example/app:1 watched (every `intervalSeconds`) and seen at its first build (i1); its id.
qint64 watchTheApp(HistoryStore &store, int intervalSeconds)
{
    const QString reference = QStringLiteral("registry.example/app:1");
    EXPECT_TRUE(
        store.addWatches({WatchRequest{*ImageReference::parse(reference), intervalSeconds, std::nullopt, 0}})
            .ok());
    const qint64 id = (*store.tag(reference))->id;
    EXPECT_TRUE(store.record({seen(id, 1000, d("i1"), d("p1"))}, classifyRebuild).ok());
    return id;
}

// The settings every program of `cli` reads: workloads run on the scripted engine at `url`.
void saveRunningSources(const CliRunner &cli, const QString &url)
{
    const QString config = cli.home() + QStringLiteral("/config/RebuildRadar");
    ASSERT_TRUE(QDir().mkpath(config));
    QFile settings(config + QStringLiteral("/rebuildradar.conf"));
    ASSERT_TRUE(settings.open(QIODevice::WriteOnly));
    settings.write("[running]\nsources=docker=" + url.toUtf8() + "\n");
}

class ScopedEnv
{
public:
    ScopedEnv(const char *name, const QByteArray &value)
        : m_name(name)
        , m_had(qEnvironmentVariableIsSet(name))
        , m_old(qgetenv(name))
    {
        if (value.isNull())
            qunsetenv(name);
        else
            qputenv(name, value);
    }
    ~ScopedEnv()
    {
        if (m_had)
            qputenv(m_name, m_old);
        else
            qunsetenv(m_name);
    }

private:
    const char *m_name;
    bool m_had;
    QByteArray m_old;
};

} // namespace

TEST(RunningSources, EngineAddressesFromOptionsAndDockerHost)
{
    auto socket = parseEngineAddress(QStringLiteral("unix:///run/user/1000/docker.sock"));
    ASSERT_TRUE(socket.ok());
    EXPECT_EQ(socket->socketPath, QStringLiteral("/run/user/1000/docker.sock"));
    auto tcp = parseEngineAddress(QStringLiteral("tcp://10.0.0.5"));
    ASSERT_TRUE(tcp.ok());
    EXPECT_TRUE(tcp->socketPath.isEmpty());
    EXPECT_EQ(tcp->baseUrl, QStringLiteral("http://10.0.0.5:2375"));
    EXPECT_FALSE(parseEngineAddress(QStringLiteral("ssh://me@host")).ok());
    EXPECT_FALSE(parseEngineAddress(QStringLiteral("unix://relative.sock")).ok());
    {
        ScopedEnv env("DOCKER_HOST", "tcp://127.0.0.1:2376");
        EXPECT_EQ(dockerAddress({})->baseUrl, QStringLiteral("http://127.0.0.1:2376"));
        EXPECT_EQ(dockerAddress(QStringLiteral("/x.sock"))->socketPath, QStringLiteral("/x.sock"));
    }
    {
        ScopedEnv env("DOCKER_HOST", QByteArray());
        EXPECT_EQ(dockerAddress({})->socketPath, QStringLiteral("/var/run/docker.sock"));
    }
    {
        QTemporaryDir runtime;
        QDir(runtime.path()).mkpath(QStringLiteral("podman"));
        QFile(runtime.filePath(QStringLiteral("podman/podman.sock"))).open(QIODevice::WriteOnly);
        ScopedEnv host("CONTAINER_HOST", QByteArray());
        ScopedEnv env("XDG_RUNTIME_DIR", runtime.path().toUtf8());
        const QString expected = QFile::exists(QStringLiteral("/run/podman/podman.sock"))
                                     ? QStringLiteral("/run/podman/podman.sock")
                                     : runtime.filePath(QStringLiteral("podman/podman.sock"));
        EXPECT_EQ(podmanAddress({})->socketPath, expected);
    }
    EXPECT_EQ(workloadSourcesFromSettings(
                  {QStringLiteral("docker"), QStringLiteral("kubernetes=prod"), QStringLiteral("bogus=1")}),
              (QList<WorkloadSource>{
                  WorkloadSource{WorkloadSourceKind::Docker, {}, {}, false},
                  WorkloadSource{WorkloadSourceKind::Kubernetes, QStringLiteral("prod"), {}, false}}));
}

TEST(RunningSources, ContainerListAndTheRepoDigestOfTheContainersOwnRepository)
{
    const QByteArray list = R"([{"Id":"abc123","Names":["/web"],"Image":"python:3.13",
        "ImageID":"sha256:1111111111111111111111111111111111111111111111111111111111111111","State":"running"}])";
    auto containers = parseContainerList(list);
    ASSERT_TRUE(containers.ok());
    ASSERT_EQ(containers->size(), 1);
    EXPECT_EQ(containers->first().name, QStringLiteral("web"));
    EXPECT_EQ(containers->first().image, QStringLiteral("python:3.13"));
    EXPECT_FALSE(parseContainerList("{\"message\":\"no\"}").ok());

    // The image was pulled from a mirror first: RepoDigests[0] belongs to another repository.
    const QByteArray image = QStringLiteral(R"({"RepoDigests":["mirror.example/python@%1","python@%2",
        "docker.io/library/python@%3"]})")
                                 .arg(d("mirror"), d("hub"), d("hub"))
                                 .toUtf8();
    auto digests = parseRepoDigests(image, QStringLiteral("python:3.13"));
    ASSERT_TRUE(digests.ok());
    EXPECT_EQ(*digests, QStringList{d("hub")});
    EXPECT_EQ(*parseRepoDigests(image, QStringLiteral("mirror.example/python:3.13")),
              QStringList{d("mirror")});
    EXPECT_TRUE(parseRepoDigests(R"({"RepoDigests":[]})", QStringLiteral("local/app:dev"))->isEmpty());
    EXPECT_TRUE(
        isImageId(QStringLiteral("sha256:1111111111111111111111111111111111111111111111111111111111111111")));
    EXPECT_FALSE(isImageId(QStringLiteral("python:3.13")));
    EXPECT_EQ(*parseContainerConfigImage(R"({"Config":{"Image":"python:3.13"}})"),
              QStringLiteral("python:3.13"));
}

TEST(RunningSources, PodListImageIdsInitContainersAndAPodWaitingForItsImage)
{
    EXPECT_EQ(digestOfImageId(QStringLiteral("docker-pullable://nginx@") + d("n")), d("n"));
    EXPECT_EQ(digestOfImageId(QStringLiteral("docker.io/library/nginx@") + d("n")), d("n"));
    EXPECT_EQ(digestOfImageId(d("id")), QString()); // an image id only: built or loaded on the node
    EXPECT_EQ(digestOfImageId(QString()), QString());

    const QByteArray pods =
        QStringLiteral(R"({"apiVersion":"v1","kind":"PodList","metadata":{"resourceVersion":"9"},
      "items":[
       {"metadata":{"name":"web-1","namespace":"shop"},
        "spec":{"initContainers":[{"name":"migrate","image":"registry.example/app:1"}],
                "containers":[{"name":"web","image":"registry.example/app:1"},
                              {"name":"side","image":"busybox"}]},
        "status":{"phase":"Running",
          "initContainerStatuses":[{"name":"migrate","image":"registry.example/app:1","imageID":"docker-pullable://registry.example/app@%1",
                                    "state":{"terminated":{"exitCode":0,"reason":"Completed"}}}],
          "containerStatuses":[{"name":"web","image":"registry.example/app:1","imageID":"registry.example/app@%1",
                                "state":{"running":{"startedAt":"2026-11-30T10:00:00Z"}}},
                               {"name":"side","image":"docker.io/library/busybox:latest","imageID":"%2",
                                "state":{"running":{}}}]}},
       {"metadata":{"name":"broken","namespace":"shop"},
        "spec":{"containers":[{"name":"app","image":"registry.example/app:2"}]},
        "status":{"phase":"Pending","containerStatuses":[{"name":"app","image":"registry.example/app:2","imageID":"",
          "state":{"waiting":{"reason":"ImagePullBackOff","message":"Back-off pulling image"}}}]}}]})")
            .arg(d("app1"), d("local"))
            .toUtf8();
    auto workloads = parsePodList(pods, QStringLiteral("prod"));
    ASSERT_TRUE(workloads.ok()) << workloads.error().message.toStdString();
    ASSERT_EQ(workloads->size(), 4);
    const Workload &init = workloads->at(0);
    EXPECT_EQ(init.name, QStringLiteral("web-1/migrate"));
    EXPECT_TRUE(init.init);
    EXPECT_EQ(init.repoDigests, QStringList{d("app1")});
    EXPECT_EQ(init.state, QStringLiteral("terminated: Completed"));
    EXPECT_EQ(workloads->at(1).repoDigests, QStringList{d("app1")});
    EXPECT_EQ(workloads->at(1).namespace_, QStringLiteral("shop"));
    EXPECT_EQ(workloads->at(1).host, QStringLiteral("prod"));
    EXPECT_TRUE(workloads->at(2).localOnly);
    const Workload &waiting = workloads->at(3);
    EXPECT_TRUE(waiting.repoDigests.isEmpty());
    EXPECT_FALSE(waiting.localOnly);
    EXPECT_EQ(waiting.state, QStringLiteral("waiting: ImagePullBackOff"));

    EXPECT_EQ(kubectlPodArguments(QStringLiteral("prod"), QStringLiteral("*")),
              (QStringList{QStringLiteral("--context"), QStringLiteral("prod"), QStringLiteral("get"),
                           QStringLiteral("pods"), QStringLiteral("--output"), QStringLiteral("json"),
                           QStringLiteral("--request-timeout"), QStringLiteral("30s"),
                           QStringLiteral("--all-namespaces")}));
}

TEST(RunningMatch, BuildOfTheHistoryRebuildsBehindAndOlderThanTheHistory)
{
    TempStore t;
    const qint64 id = t.watch(QStringLiteral("registry.example/app:1"));
    ASSERT_TRUE(t.store->record({seen(id, 1000, d("i1"), d("p1"))}, classifyRebuild).ok());
    ASSERT_TRUE(t.store->record({seen(id, 2000, d("i2"), d("p2"))}, classifyRebuild).ok());
    ASSERT_TRUE(t.store->record({seen(id, 3000, d("i3"), d("p3"))}, classifyRebuild).ok());

    auto matched = matchWorkloads(
        *t.store, {running(QStringLiteral("registry.example/app:1"), {d("i1")}),
                   running(QStringLiteral("registry.example/app:1"), {d("p2")}), // a platform's digest
                   running(QStringLiteral("registry.example/app:1"), {d("i3")}),
                   running(QStringLiteral("registry.example/app:1"), {d("before")}),
                   running(QStringLiteral("registry.example/app@") + d("p1"), {d("p1")}), // pinned, no tag
                   running(QStringLiteral("registry.example/other:1"), {d("x")})});
    ASSERT_TRUE(matched.ok()) << matched.error().message.toStdString();
    const RunningStatus &oldest = matched->at(0);
    EXPECT_EQ(oldest.match, RunningMatchKind::Build);
    EXPECT_EQ(oldest.build, 1);
    EXPECT_EQ(oldest.builds, 3);
    EXPECT_EQ(oldest.rebuildsBehind, 2);
    EXPECT_EQ(oldest.newerSince, 2000);
    EXPECT_TRUE(oldest.stale);
    EXPECT_EQ(oldest.currentDigest, d("i3"));
    EXPECT_EQ(oldest.runningDigest, d("i1"));

    EXPECT_EQ(matched->at(1).build, 2);
    EXPECT_EQ(matched->at(1).rebuildsBehind, 1);
    EXPECT_EQ(matched->at(1).runningDigest, d("p2"));
    EXPECT_EQ(matched->at(1).newerSince, 3000);

    EXPECT_FALSE(matched->at(2).stale);
    EXPECT_EQ(matched->at(2).rebuildsBehind, 0);
    EXPECT_FALSE(matched->at(2).newerSince.has_value());

    EXPECT_EQ(matched->at(3).match, RunningMatchKind::OlderThanHistory);
    EXPECT_TRUE(matched->at(3).stale);
    EXPECT_EQ(matched->at(3).build, 0);

    const RunningStatus &pinned = matched->at(4);
    EXPECT_EQ(pinned.match, RunningMatchKind::Build);
    EXPECT_EQ(pinned.reference, QStringLiteral("registry.example/app:1"));
    EXPECT_EQ(pinned.build, 1);
    EXPECT_TRUE(pinned.watched);

    EXPECT_EQ(matched->at(5).match, RunningMatchKind::NotRecorded);
    EXPECT_FALSE(matched->at(5).watched);
    EXPECT_FALSE(matched->at(5).stale);

    const QJsonObject json = runningJson(oldest);
    for (const char *field : {"source", "host", "name", "reference", "running_digest", "current_digest",
                              "stale", "rebuilds_behind", "newer_since", "build", "builds", "watched"})
        EXPECT_TRUE(json.contains(QLatin1String(field))) << field;
    EXPECT_EQ(json.value(QStringLiteral("newer_since")).toString(), QStringLiteral("1970-01-01T00:00:02Z"));
}

TEST(RunningMatch, ARevertedDigestRunsTheCurrentBuildAndLocalImagesAreNotErrors)
{
    TempStore t;
    const qint64 id = t.watch(QStringLiteral("registry.example/app:1"));
    ASSERT_TRUE(t.store->record({seen(id, 1000, d("a"), d("pa"))}, classifyRebuild).ok());
    ASSERT_TRUE(t.store->record({seen(id, 2000, d("b"), d("pb"))}, classifyRebuild).ok());
    ASSERT_TRUE(t.store->record({seen(id, 3000, d("a"), d("pa"))}, classifyRebuild).ok()); // reverted

    Workload local = running(QStringLiteral("registry.example/app:1"), {});
    local.localOnly = true;
    Workload waiting = running(QStringLiteral("registry.example/app:1"), {});
    auto matched = matchWorkloads(
        *t.store, {running(QStringLiteral("registry.example/app:1"), {d("a")}), local, waiting});
    ASSERT_TRUE(matched.ok());
    EXPECT_FALSE(matched->at(0).stale);
    EXPECT_EQ(matched->at(0).build, 1); // a returning digest keeps its number
    EXPECT_EQ(matched->at(0).builds, 2);
    EXPECT_EQ(matched->at(1).match, RunningMatchKind::Local);
    EXPECT_FALSE(matched->at(1).stale);
    EXPECT_EQ(matched->at(2).match, RunningMatchKind::NoDigest);
    EXPECT_FALSE(matched->at(2).stale);
}

namespace {

// An openssl upgrade with a fix, as the analysis of one platform stores it.
PackageAnalysis opensslUpgrade(const QString &to)
{
    PackageAnalysis a;
    a.platform = QStringLiteral("linux/amd64");
    a.diff.changed.append(PackageChange{QStringLiteral("libssl3"), QStringLiteral("3.0.15-1"), to,
                                        QStringLiteral("openssl"), Ecosystem::Debian,
                                        VersionDirection::Upgrade});
    a.fixes = QList<SecurityFix>{{QStringLiteral("CVE-2025-9230"), QStringLiteral("openssl")}};
    return a;
}

} // namespace

TEST(RunningMatch, WhatTheNewerBuildsChangedOnceAnalysed)
{
    TempStore t;
    const qint64 id = t.watch(QStringLiteral("registry.example/app:1"));
    ASSERT_TRUE(t.store->record({seen(id, 1000, d("i1"), d("p1"))}, classifyRebuild).ok());
    ASSERT_TRUE(t.store->record({seen(id, 2000, d("i2"), d("p2"))}, classifyRebuild).ok());
    ASSERT_TRUE(t.store->record({seen(id, 3000, d("i3"), d("p3"))}, classifyRebuild).ok());
    auto history = t.store->history(id);
    ASSERT_TRUE(history.ok());
    ASSERT_EQ(history->rebuilds.size(), 2);
    const QList<Workload> workloads{running(QStringLiteral("registry.example/app:1"), {d("i1")}),
                                    running(QStringLiteral("registry.example/app:1"), {d("i2")}),
                                    running(QStringLiteral("registry.example/app:1"), {d("i3")})};

    // Nothing analysed yet: nothing to say, null in the JSON.
    auto before = matchWorkloads(*t.store, workloads);
    ASSERT_TRUE(before.ok());
    EXPECT_TRUE(before->at(0).newerChanges.isEmpty());
    EXPECT_EQ(before->at(0).newerPlatforms, QStringList{QStringLiteral("linux/amd64")});
    EXPECT_TRUE(runningJson(before->at(0)).contains(QStringLiteral("newer_changes")));
    EXPECT_TRUE(runningJson(before->at(0)).value(QStringLiteral("newer_changes")).isNull());

    // Build 2's rebuild analysed: the workload on build 1 misses it, the one on build 2 does not.
    PackageResults results(*t.db, [&t] { return t.clock.nowMs(); });
    ASSERT_TRUE(
        results.saveAnalysis(history->rebuilds[0].id, opensslUpgrade(QStringLiteral("3.0.16-1"))).ok());
    auto one = matchWorkloads(*t.store, workloads);
    ASSERT_TRUE(one.ok());
    const QString oldest = one->at(0).newerChanges;
    EXPECT_TRUE(oldest.startsWith(QStringLiteral("build 2: "))) << oldest.toStdString();
    EXPECT_TRUE(oldest.contains(QStringLiteral("3.0.16-1"))) << oldest.toStdString();
    EXPECT_TRUE(oldest.contains(QStringLiteral("CVE-2025-9230"))) << oldest.toStdString();
    EXPECT_EQ(runningJson(one->at(0)).value(QStringLiteral("newer_changes")).toString(), oldest);
    EXPECT_TRUE(one->at(1).newerChanges.isEmpty()); // build 3's rebuild is not analysed
    EXPECT_TRUE(one->at(2).newerChanges.isEmpty()); // current: misses nothing

    // Both analysed: one part per missed rebuild; a single missed rebuild needs no build number.
    ASSERT_TRUE(
        results.saveAnalysis(history->rebuilds[1].id, opensslUpgrade(QStringLiteral("3.0.17-1"))).ok());
    auto both = matchWorkloads(*t.store, workloads);
    ASSERT_TRUE(both.ok());
    EXPECT_TRUE(both->at(0).newerChanges.contains(QStringLiteral("build 2: ")))
        << both->at(0).newerChanges.toStdString();
    EXPECT_TRUE(both->at(0).newerChanges.contains(QStringLiteral("build 3: ")));
    EXPECT_TRUE(both->at(1).newerChanges.contains(QStringLiteral("3.0.17-1")));
    EXPECT_FALSE(both->at(1).newerChanges.contains(QStringLiteral("build ")));
    EXPECT_FALSE(both->at(1).newerChanges.contains(QStringLiteral("3.0.16-1")));
}

namespace {

// What a Kubernetes API server answers kubectl: discovery (legacy JSON; kubectl also asks for the
// aggregated form and falls back) and the pod list of a namespace, in the real API's shapes.
ScriptedResponse kubernetesApi(const ScriptedRequest &request, const QByteArray &pods)
{
    const QByteArray path = request.path();
    auto json = [](const QByteArray &body) {
        ScriptedResponse r;
        r.body = body;
        r.header("Content-Type", "application/json");
        return r;
    };
    if (path == "/version")
        return json(R"({"major":"1","minor":"29","gitVersion":"v1.29.2","platform":"linux/amd64"})");
    if (path == "/api")
        return json(
            R"({"kind":"APIVersions","versions":["v1"],"serverAddressByClientCIDRs":[{"clientCIDR":"0.0.0.0/0","serverAddress":"10.0.0.1:6443"}]})");
    if (path == "/apis")
        return json(R"({"kind":"APIGroupList","apiVersion":"v1","groups":[]})");
    if (path == "/api/v1")
        return json(
            R"({"kind":"APIResourceList","groupVersion":"v1","resources":[{"name":"pods","singularName":"pod","namespaced":true,"kind":"Pod","verbs":["create","delete","deletecollection","get","list","patch","update","watch"],"shortNames":["po"],"categories":["all"]}]})");
    if (path == "/api/v1/namespaces/shop/pods" || path == "/api/v1/pods")
        return json(pods);
    ScriptedResponse missing;
    missing.status = 404;
    missing.body =
        R"({"kind":"Status","apiVersion":"v1","status":"Failure","message":"the server could not find the requested resource","reason":"NotFound","code":404})";
    missing.header("Content-Type", "application/json");
    return missing;
}

} // namespace

TEST(RunningKubernetes, PodsOfAContextThroughKubectlMatchedAgainstTheHistory)
{
    if (QStandardPaths::findExecutable(QStringLiteral("kubectl")).isEmpty())
        GTEST_SKIP() << "kubectl is not installed (Debian's kubernetes-client; scripts/install-deps.sh)";
    CliRunner cli;
    {
        // The history: registry.example/app:1 rebuilt once (build 1 → build 2).
        auto db = Database::open(cli.dbPath());
        ASSERT_TRUE(db.ok());
        HistoryStore store(**db, [] { return qint64(5000); });
        const qint64 id = watchTheApp(store, 60);
        ASSERT_TRUE(store.record({seen(id, 2000, d("i2"), d("p2"))}, classifyRebuild).ok());
    }
    const QByteArray pods =
        QStringLiteral(R"({"kind":"PodList","apiVersion":"v1","metadata":{"resourceVersion":"4711"},"items":[
      {"metadata":{"name":"web-5d9c7","namespace":"shop","uid":"1b2c"},
       "spec":{"initContainers":[{"name":"migrate","image":"registry.example/app:1","imagePullPolicy":"IfNotPresent"}],
               "containers":[{"name":"web","image":"registry.example/app:1","imagePullPolicy":"IfNotPresent"}]},
       "status":{"phase":"Running",
         "initContainerStatuses":[{"name":"migrate","image":"registry.example/app:1","imageID":"docker-pullable://registry.example/app@%1",
           "ready":true,"restartCount":0,"state":{"terminated":{"exitCode":0,"reason":"Completed"}}}],
         "containerStatuses":[{"name":"web","image":"registry.example/app:1","imageID":"registry.example/app@%2",
           "ready":true,"restartCount":0,"started":true,"state":{"running":{"startedAt":"2026-11-30T10:00:00Z"}}}]}},
      {"metadata":{"name":"next-0","namespace":"shop","uid":"3d4e"},
       "spec":{"containers":[{"name":"app","image":"registry.example/app:2"}]},
       "status":{"phase":"Pending","containerStatuses":[{"name":"app","image":"registry.example/app:2","imageID":"",
         "ready":false,"restartCount":0,"started":false,
         "state":{"waiting":{"reason":"ImagePullBackOff","message":"Back-off pulling image \"registry.example/app:2\""}}}]}}]})")
            .arg(d("i1"), d("p2"))
            .toUtf8();
    ScriptedServer api([&](const ScriptedRequest &r) { return kubernetesApi(r, pods); });
    QTemporaryDir dir;
    QFile kubeconfig(dir.filePath(QStringLiteral("config")));
    ASSERT_TRUE(kubeconfig.open(QIODevice::WriteOnly));
    kubeconfig.write(
        QStringLiteral("apiVersion: v1\nkind: Config\nclusters:\n- name: lab\n  cluster:\n    server: %1\n"
                       "contexts:\n- name: lab-ctx\n  context:\n    cluster: lab\n    user: me\n"
                       "    namespace: shop\ncurrent-context: lab-ctx\nusers:\n- name: me\n  user:\n"
                       "    token: not-a-real-token\n")
            .arg(api.url())
            .toUtf8());
    kubeconfig.close();
    cli.env().insert(QStringLiteral("KUBECONFIG"), kubeconfig.fileName());

    auto run = cli.run({QStringLiteral("running"), QStringLiteral("--kubernetes"), QStringLiteral("lab-ctx"),
                        QStringLiteral("--namespace"), QStringLiteral("shop"), QStringLiteral("--json"),
                        QStringLiteral("--exit-code")});
    EXPECT_EQ(run.exitCode, 3) << run.err.constData();
    EXPECT_EQ(api.count("GET", "/api/v1/namespaces/shop/pods"), 1);
    QMap<QString, QJsonObject> byName;
    for (const QJsonValue &value : QJsonDocument::fromJson(run.out).array())
        byName.insert(value.toObject().value(QStringLiteral("name")).toString(), value.toObject());
    ASSERT_EQ(byName.size(), 3) << run.out.constData();
    const QJsonObject init = byName.value(QStringLiteral("web-5d9c7/migrate"));
    EXPECT_EQ(init.value(QStringLiteral("source")).toString(), QStringLiteral("kubernetes"));
    EXPECT_EQ(init.value(QStringLiteral("context")).toString(), QStringLiteral("lab-ctx"));
    EXPECT_EQ(init.value(QStringLiteral("namespace")).toString(), QStringLiteral("shop"));
    EXPECT_TRUE(init.value(QStringLiteral("stale")).toBool());
    EXPECT_EQ(init.value(QStringLiteral("build")).toInt(), 1);
    EXPECT_EQ(init.value(QStringLiteral("rebuilds_behind")).toInt(), 1);
    const QJsonObject web = byName.value(QStringLiteral("web-5d9c7/web"));
    EXPECT_FALSE(web.value(QStringLiteral("stale")).toBool());
    EXPECT_EQ(web.value(QStringLiteral("build")).toInt(), 2); // bare imageID, a platform's digest
    EXPECT_EQ(web.value(QStringLiteral("running_digest")).toString(), d("p2"));
    const QJsonObject waiting = byName.value(QStringLiteral("next-0/app"));
    EXPECT_TRUE(waiting.value(QStringLiteral("running_digest")).isNull());
    EXPECT_FALSE(waiting.value(QStringLiteral("stale")).toBool());
    EXPECT_EQ(waiting.value(QStringLiteral("state")).toString(), QStringLiteral("waiting: ImagePullBackOff"));

    // The current context when none is named; every namespace with "*".
    auto current = cli.run({QStringLiteral("running"), QStringLiteral("--kubernetes"),
                            QStringLiteral("--namespace"), QStringLiteral("*"), QStringLiteral("--json")});
    EXPECT_EQ(current.exitCode, 0) << current.err.constData();
    EXPECT_EQ(api.count("GET", "/api/v1/pods"), 1);
    const QJsonArray all = QJsonDocument::fromJson(current.out).array();
    ASSERT_EQ(all.size(), 3) << current.out.constData();
    EXPECT_EQ(all.first().toObject().value(QStringLiteral("context")).toString(), QStringLiteral("lab-ctx"));

    // The context unknown to kubectl: reported, exit 1.
    QTemporaryDir gone;
    QFile broken(gone.filePath(QStringLiteral("config")));
    ASSERT_TRUE(broken.open(QIODevice::WriteOnly));
    broken.write("apiVersion: v1\nkind: Config\n"); // a kubeconfig without that context
    broken.close();
    cli.env().insert(QStringLiteral("KUBECONFIG"), broken.fileName());
    auto failed =
        cli.run({QStringLiteral("running"), QStringLiteral("--kubernetes"), QStringLiteral("lab-ctx")});
    EXPECT_EQ(failed.exitCode, 1);
    EXPECT_TRUE(failed.err.contains("lab-ctx")) << failed.err.constData();
}

TEST(RunningEngine, LeftBehindOnlyWhenARebuildMovesPastARunningBuild)
{
    auto status = [](const QString &name, const QString &running, const QString &current, bool stale) {
        RunningStatus s;
        s.workload.name = name;
        s.runningDigest = running;
        s.currentDigest = current;
        s.stale = stale;
        return s;
    };
    QHash<QString, RunningStatus> before;
    for (const RunningStatus &s : {status(QStringLiteral("current"), d("1"), d("1"), false),
                                   status(QStringLiteral("behind"), d("1"), d("2"), true),
                                   status(QStringLiteral("updated"), d("1"), d("2"), true)})
        before.insert(workloadKey(s.workload), s);
    const QList<RunningStatus> now{
        status(QStringLiteral("current"), d("1"), d("2"), true), // a rebuild left it behind: news
        status(QStringLiteral("behind"), d("1"), d("2"), true),  // already behind that build: not again
        status(QStringLiteral("updated"), d("2"), d("2"), false),
        status(QStringLiteral("new"), d("1"), d("2"), true), // started on an old build by someone
    };
    const QList<RunningStatus> behind = leftBehind(before, now);
    ASSERT_EQ(behind.size(), 1);
    EXPECT_EQ(behind.first().workload.name, QStringLiteral("current"));
    // Behind an older build, and rebuilt again: news again.
    before.insert(workloadKey(now[1].workload), now[1]);
    EXPECT_EQ(leftBehind(before, {status(QStringLiteral("behind"), d("1"), d("3"), true)}).size(), 1);
}

TEST(RunningEngine, TheEngineReadsWorkloadsAndSaysWhichARebuildLeftBehind)
{
    // A Docker Engine API on tcp://
    ScriptedServer engineApi([](const ScriptedRequest &r) { return dockerApi(r, d("i1")); });
    QTemporaryDir dir;
    const QString path = dir.filePath(QStringLiteral("e.sqlite"));
    auto db = Database::open(path);
    ASSERT_TRUE(db.ok());
    FakeClock clock;
    HistoryStore writer(**db, [&] { return clock.nowMs(); });
    const qint64 id = watchTheApp(writer, 60);

    WatchEngine engine(clock, std::make_unique<CredentialChain>());
    QSignalSpy changed(&engine, &WatchEngine::workloadsChanged);
    QSignalSpy behind(&engine, &WatchEngine::workloadsLeftBehind);
    QSignalSpy listening(&engine, &WatchEngine::workloadEventsListening);
    EngineConfig config;
    config.databasePath = path;
    config.workloadSources = {WorkloadSource{WorkloadSourceKind::Docker, engineApi.url(), {}, false}};
    engine.setPaused(true); // no registry here: only the workloads are read
    engine.open(config);
    ASSERT_TRUE(changed.wait(10000));
    auto workloads = changed.last().at(0).value<QList<RunningStatus>>();
    ASSERT_EQ(workloads.size(), 1);
    EXPECT_EQ(workloads.first().build, 1);
    EXPECT_FALSE(workloads.first().stale);
    // The engine's event stream was answered: it says so (what a test may wait on before it starts a
    // container).
    EXPECT_TRUE(QTest::qWaitFor([&] { return !listening.isEmpty(); }, 10000));
    EXPECT_GE(engineApi.count("GET", "/events"), 1);

    // Another program (a poll) records a rebuild: the engine reads the workloads again and says so.
    ASSERT_TRUE(writer.record({seen(id, 2000, d("i2"), d("p2"))}, classifyRebuild).ok());
    ASSERT_TRUE(behind.wait(10000));
    const auto left = behind.first().at(0).value<QList<RunningStatus>>();
    ASSERT_EQ(left.size(), 1);
    EXPECT_EQ(left.first().workload.name, QStringLiteral("web"));
    EXPECT_EQ(left.first().rebuildsBehind, 1);
    EXPECT_EQ(left.first().currentDigest, d("i2"));

    // Read again: still behind the same build, not announced twice.
    const int readings = int(changed.size());
    engine.refreshWorkloads();
    ASSERT_TRUE(QTest::qWaitFor([&] { return changed.size() > readings; }, 10000));
    EXPECT_EQ(behind.size(), 1);
    EXPECT_TRUE(changed.last().at(0).value<QList<RunningStatus>>().first().stale);
    engine.shutdown();
}

TEST(RunningReport, MarkdownAndHtmlReportsGainARunningSection)
{
    TempStore t;
    const qint64 id = t.watch(QStringLiteral("registry.example/app:1"));
    ASSERT_TRUE(t.store->record({seen(id, 1000, d("i1"), d("p1"))}, classifyRebuild).ok());
    ASSERT_TRUE(t.store->record({seen(id, 86400000, d("i2"), d("p2"))}, classifyRebuild).ok());
    Workload web = running(QStringLiteral("registry.example/app:1"), {d("i1")});
    web.name = QStringLiteral("web");
    web.host = QStringLiteral("unix:///var/run/docker.sock");
    auto matched = matchWorkloads(*t.store, {web});
    ASSERT_TRUE(matched.ok());
    for (ExportFormat format : {ExportFormat::Markdown, ExportFormat::Html}) {
        ExportOptions options;
        options.format = format;
        options.running = *matched;
        QBuffer buffer;
        buffer.open(QIODevice::WriteOnly);
        ASSERT_TRUE(Exporter::write(*t.store, options, buffer, 2 * 86400000).ok());
        const QString text = QString::fromUtf8(buffer.data());
        EXPECT_TRUE(text.contains(QStringLiteral("Running"))) << text.toStdString();
        EXPECT_TRUE(text.contains(QStringLiteral("web")));
        EXPECT_TRUE(text.contains(QStringLiteral("1 of 2")));
        EXPECT_TRUE(text.contains(QStringLiteral("1 rebuild(s) since 1970-01-02"))) << text.toStdString();
        EXPECT_TRUE(text.contains(QStringLiteral("1 d 23 h")))
            << text.toStdString(); // its build, out since 1 s
    }
    // No source configured: no section.
    ExportOptions plain;
    QBuffer buffer;
    buffer.open(QIODevice::WriteOnly);
    ASSERT_TRUE(Exporter::write(*t.store, plain, buffer, 2 * 86400000).ok());
    EXPECT_FALSE(buffer.data().contains("## Running"));
}

TEST(RunningReport, TheCliReadsTheConfiguredSourcesForRunningAndReports)
{
    ScriptedServer engineApi([](const ScriptedRequest &r) { return dockerApi(r, d("i1")); });
    CliRunner cli;
    {
        auto db = Database::open(cli.dbPath());
        ASSERT_TRUE(db.ok());
        HistoryStore store(**db, [] { return qint64(5000); });
        const qint64 id = watchTheApp(store, 60);
        ASSERT_TRUE(store.record({seen(id, 2000, d("i2"), d("p2"))}, classifyRebuild).ok());
        auto history = store.history(id);
        ASSERT_TRUE(history.ok() && history->rebuilds.size() == 1);
        ASSERT_TRUE(PackageResults(**db, [] { return qint64(5000); })
                        .saveAnalysis(history->rebuilds[0].id, opensslUpgrade(QStringLiteral("3.0.17-1")))
                        .ok());
    }
    saveRunningSources(cli, engineApi.url());

    // `running` without a source option reads the saved ones.
    auto run = cli.run({QStringLiteral("running"), QStringLiteral("--exit-code")});
    EXPECT_EQ(run.exitCode, 3) << run.err.constData();
    EXPECT_TRUE(run.out.contains("web")) << run.out.constData();
    EXPECT_TRUE(run.out.contains("build 1 of 2, 1 rebuild behind")) << run.out.constData();
    // what the newer build changed, on the workload's line
    const QByteArray webLine = run.out.mid(run.out.indexOf("web"));
    EXPECT_TRUE(webLine.left(webLine.indexOf('\n')).contains("newer: openssl 3.0.15-1 → 3.0.17-1"))
        << run.out.constData();
    auto json = cli.run({QStringLiteral("running"), QStringLiteral("--json")});
    EXPECT_EQ(json.exitCode, 0) << json.err.constData();
    const QJsonArray workloads = QJsonDocument::fromJson(json.out).array();
    ASSERT_EQ(workloads.size(), 1) << json.out.constData();
    EXPECT_TRUE(workloads[0]
                    .toObject()
                    .value(QStringLiteral("newer_changes"))
                    .toString()
                    .contains(QStringLiteral("CVE-2025-9230")))
        << json.out.constData();

    auto report = cli.run({QStringLiteral("export"), QStringLiteral("--format"), QStringLiteral("md"),
                           QStringLiteral("-o"), QStringLiteral("-")});
    EXPECT_EQ(report.exitCode, 0) << report.err.constData();
    EXPECT_TRUE(report.out.contains("## Running")) << report.out.constData();
    EXPECT_TRUE(report.out.contains("| web |")) << report.out.constData();
    // CSV keeps its contract's columns: no section.
    auto csv = cli.run({QStringLiteral("export"), QStringLiteral("--format"), QStringLiteral("csv"),
                        QStringLiteral("-o"), QStringLiteral("-")});
    EXPECT_FALSE(csv.out.contains("web"));
}

TEST(RunningReport, TheDaemonSaysWhichWorkloadsARebuildLeftBehind)
{
    ScriptedServer engineApi([](const ScriptedRequest &r) { return dockerApi(r, d("i1")); });
    CliRunner cli;
    saveRunningSources(cli, engineApi.url());
    auto db = Database::open(cli.dbPath());
    ASSERT_TRUE(db.ok());
    HistoryStore store(**db, [] { return qint64(5000); });
    // Watched under a long interval on a registry that cannot answer: the daemon only reads workloads.
    ASSERT_TRUE(store
                    .addWatches({WatchRequest{*ImageReference::parse(QStringLiteral("127.0.0.1:9/app:1")),
                                              86400, std::nullopt, 0}})
                    .ok());
    const qint64 id = watchTheApp(store, 86400);

    auto daemon = cli.start({QStringLiteral("daemon")});
    // Its first reading of the workloads sets what is known (nothing announced).
    QByteArray out;
    ASSERT_TRUE(QTest::qWaitFor(
        [&] {
            out += daemon->readAllStandardOutput();
            return out.contains("1 workload running"); // English plural forms
        },
        20000))
        << out.constData();
    EXPECT_EQ(engineApi.count("GET", "/containers/json"), 1);
    // Another program records a rebuild: the daemon reads the workloads again and names the one left behind.
    ASSERT_TRUE(store.record({seen(id, 2000, d("i2"), d("p2"))}, classifyRebuild).ok());
    EXPECT_TRUE(QTest::qWaitFor(
        [&] {
            out += daemon->readAllStandardOutput();
            return out.contains("now runs an old build");
        },
        20000))
        << out.constData();
    EXPECT_TRUE(out.contains("web (docker ")) << out.constData();
    EXPECT_TRUE(out.contains("app:1: build 1 of 2")) << out.constData();
    daemon->terminate();
    EXPECT_TRUE(QTest::qWaitFor([&] { return daemon->state() == QProcess::NotRunning; }, 20000));
}
