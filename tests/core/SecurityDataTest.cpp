// Security fixes of a rebuild (issue 21) from a local server that answers like the real sources:
// Alpine's secdb (secdb.alpinelinux.org/v3.20/main.json, community.json), Wolfi's and Chainguard's
// security.json, and OSV's POST /v1/querybatch. The documents below follow the published shapes
// (Alpine's files carry "distroversion", "reponame", "urlprefix", "apkurl", "archs"; OSV answers
// "results" in the queries' order with {"vulns": [{"id", "modified"}]}, {} for no hit, and
// "next_page_token" for a query with more). The expected fixes are worked out by hand from apk's
// and dpkg's rules, not read back from the code.
#include "FakeClock.h"
#include "ScriptedServer.h"

#include "common/SharedSettings.h"
#include "packages/PackageDiff.h"
#include "security/OsvBatch.h"
#include "security/Secdb.h"
#include "security/SecurityData.h"

#include <QCoreApplication>
#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QNetworkAccessManager>
#include <QSettings>
#include <QTemporaryDir>
#include <QTest>

#include <gtest/gtest.h>

#include <memory>

using namespace RebuildRadar;
using namespace RebuildRadar::Test;

namespace {

constexpr qint64 kHourMs = 3600LL * 1000;

const QByteArray kAlpineMain = R"({
  "apkurl": "{{urlprefix}}/{{distroversion}}/{{reponame}}/{{arch}}/{{pkg.name}}-{{pkg.ver}}.apk",
  "archs": ["aarch64", "armhf", "armv7", "ppc64le", "riscv64", "s390x", "x86", "x86_64"],
  "reponame": "main",
  "urlprefix": "https://dl-cdn.alpinelinux.org/alpine",
  "distroversion": "v3.20",
  "packages": [
    {"pkg": {"name": "busybox", "secfixes": {
      "0": ["CVE-2021-42373"],
      "1.36.1-r10": ["CVE-2023-42366"],
      "1.36.1-r29": ["CVE-2023-42363", "CVE-2023-42364", "CVE-2023-42365"],
      "1.36.1-r31": ["CVE-2024-58251"]}}},
    {"pkg": {"name": "openssl", "secfixes": {
      "0": ["CVE-2022-1343"],
      "3.1.4-r1": ["CVE-2023-5678"],
      "3.3.2-r0": ["CVE-2024-6119"],
      "3.3.2-r1": ["CVE-2024-9143"]}}},
    {"pkg": {"name": "xen", "secfixes": {
      "4.10.0-r1": ["XSA-248"],
      "4.10.0-r2": ["CVE-2018-7540 XSA-252"]}}}
  ]
})";

const QByteArray kAlpineCommunity = R"({
  "apkurl": "{{urlprefix}}/{{distroversion}}/{{reponame}}/{{arch}}/{{pkg.name}}-{{pkg.ver}}.apk",
  "archs": ["x86_64"],
  "reponame": "community",
  "urlprefix": "https://dl-cdn.alpinelinux.org/alpine",
  "distroversion": "v3.20",
  "packages": [
    {"pkg": {"name": "py3-requests", "secfixes": {"2.32.0-r0": ["CVE-2024-35195"]}}}
  ]
})";

// As wolfictl writes it: each advisory's id and aliases as separate entries; "0" for false positives.
const QByteArray kWolfi = R"({
  "apkurl": "{{urlprefix}}/{{reponame}}/{{arch}}/{{pkg.name}}-{{pkg.ver}}.apk",
  "archs": ["x86_64", "aarch64"],
  "reponame": "os",
  "urlprefix": "https://packages.wolfi.dev",
  "packages": [
    {"pkg": {"name": "openssl", "secfixes": {
      "0": ["CVE-2023-0466"],
      "3.0.7-r0": ["CVE-2022-3358", "CVE-2022-3602", "CVE-2022-3786"],
      "3.0.7-r1": ["CVE-2022-3996"],
      "3.0.8-r0": ["CVE-2023-0286"]}}}
  ]
})";

const QByteArray kChainguard = R"({
  "apkurl": "{{urlprefix}}/{{reponame}}/{{arch}}/{{pkg.name}}-{{pkg.ver}}.apk",
  "archs": ["x86_64"],
  "reponame": "chainguard",
  "urlprefix": "https://packages.cgr.dev",
  "packages": [
    {"pkg": {"name": "nginx-mainline", "secfixes": {"1.27.4-r0": ["CGA-2h2p-73q2-xw4m", "CVE-2025-23419"]}}}
  ]
})";

struct Pkg
{
    const char *name;
    const char *from; // nullptr: added
    const char *to;   // nullptr: removed
    const char *source = nullptr;
};

// The diff the analysis would hand over: built by the real diff, so directions follow the
// ecosystem's version order.
PackageDiff diffOf(Ecosystem ecosystem, std::initializer_list<Pkg> packages)
{
    PackageSet before;
    PackageSet after;
    for (const Pkg &p : packages) {
        const QString name = QString::fromUtf8(p.name);
        const QString source = p.source ? QString::fromUtf8(p.source) : name;
        if (p.from)
            before.insert(name, InstalledPackage{name, QString::fromUtf8(p.from), source, ecosystem});
        if (p.to)
            after.insert(name, InstalledPackage{name, QString::fromUtf8(p.to), source, ecosystem});
    }
    return diffPackages(before, after);
}

const Distro kAlpine{QStringLiteral("alpine"), QStringLiteral("3.20.3"), QString()};
const Distro kWolfiDistro{QStringLiteral("wolfi"), QStringLiteral("20230201"), QString()};
const Distro kBookworm{QStringLiteral("debian"), QStringLiteral("12"), QStringLiteral("bookworm")};

PackageDiff alpineDiff()
{
    return diffOf(Ecosystem::Alpine, {
                                         // -rN by number: r9 < r10 <= r29 <= r30 < r31
                                         {"busybox", "1.36.1-r9", "1.36.1-r30"},
                                         // origin openssl; 3.3.2-r0 (old) is no fix, 3.3.2-r1 (= new) is
                                         {"libssl3", "3.3.2-r0", "3.3.2-r1", "openssl"},
                                         {"libcrypto3", "3.3.2-r0", "3.3.2-r1", "openssl"},
                                         {"xen", "4.10.0-r1", "4.10.0-r2"},
                                         {"py3-requests", "2.31.0-r1", "2.32.0-r0"},
                                         {"musl", "1.2.5-r1", "1.2.5-r0"}, // a downgrade fixes nothing
                                         {"tzdata", nullptr, "2024b-r0"},
                                     });
}

QList<SecurityFix> fixes(std::initializer_list<std::pair<const char *, const char *>> list)
{
    QList<SecurityFix> out;
    for (const auto &[package, id] : list)
        out.append(SecurityFix{QString::fromUtf8(id), QString::fromUtf8(package)});
    return out;
}

std::string describe(const std::optional<QList<SecurityFix>> &fixes)
{
    if (!fixes)
        return "unavailable";
    QStringList parts;
    for (const SecurityFix &f : *fixes)
        parts.append(f.package + QLatin1Char(':') + f.id);
    return parts.join(QLatin1Char(' ')).toStdString();
}

ScriptedResponse json(const QByteArray &body)
{
    ScriptedResponse r{200, {}, body};
    r.header("Content-Type", "application/json");
    return r;
}

// A server for all sources at once, as a mirror would serve them.
ScriptedResponse secdbAnswer(const ScriptedRequest &r)
{
    if (r.method == "GET" && r.path() == "/secdb/v3.20/main.json")
        return json(kAlpineMain);
    if (r.method == "GET" && r.path() == "/secdb/v3.20/community.json")
        return json(kAlpineCommunity);
    if (r.method == "GET" && r.path() == "/os/security.json")
        return json(kWolfi);
    if (r.method == "GET" && r.path() == "/chainguard/security.json")
        return json(kChainguard);
    return ScriptedResponse{404, {}, "not found"};
}

struct Answer
{
    bool answered = false;
    bool answeredInside = false; // during fixesFor itself
    std::optional<QList<SecurityFix>> fixes;
};

class SecurityDataTest : public testing::Test
{
protected:
    SecurityDataOptions optionsFor(const ScriptedServer &server) const
    {
        SecurityDataOptions o;
        o.cacheDir = cache.path();
        o.alpineSecdbBase = server.url(QStringLiteral("/secdb/"));
        o.wolfiSecdbUrl = server.url(QStringLiteral("/os/security.json"));
        o.chainguardSecdbUrl = server.url(QStringLiteral("/chainguard/security.json"));
        o.osvBase = server.url();
        o.timeoutMs = 5000;
        return o;
    }

    std::unique_ptr<SecurityData> make(const ScriptedServer &server)
    {
        return std::make_unique<SecurityData>(&network, clock, optionsFor(server));
    }

    Answer ask(SecurityData &data, const Distro &distro, const PackageDiff &diff)
    {
        auto answer = std::make_shared<Answer>();
        bool inside = true;
        data.fixesFor(distro, diff, &context, [answer, &inside](std::optional<QList<SecurityFix>> f) {
            answer->answered = true;
            answer->answeredInside = inside;
            answer->fixes = std::move(f);
        });
        inside = false;
        EXPECT_TRUE(QTest::qWaitFor([&] { return answer->answered; }, 15000));
        EXPECT_FALSE(answer->answeredInside) << "answered synchronously";
        return *answer;
    }

    QTemporaryDir cache;
    FakeClock clock;
    QNetworkAccessManager network;
    QObject context;
};

} // namespace

// ---- the pure parts ---------------------------------------------------------------------------------

TEST(Secdb, ReadsTheFixesOfEachVersionAndSkipsTheNotAffectedList)
{
    const std::optional<Secdb> db = parseSecdb(kAlpineMain);
    ASSERT_TRUE(db);
    ASSERT_TRUE(db->contains(QStringLiteral("busybox")));
    const QList<SecfixVersion> &busybox = db->value(QStringLiteral("busybox"));
    ASSERT_EQ(busybox.size(), 3); // "0" is not a fix version
    for (const SecfixVersion &v : busybox)
        EXPECT_FALSE(v.ids.contains(QStringLiteral("CVE-2021-42373")));
    // "CVE-2018-7540 XSA-252": one vulnerability and its alias; the first word is its id.
    const QList<SecfixVersion> &xen = db->value(QStringLiteral("xen"));
    ASSERT_EQ(xen.size(), 2);
    EXPECT_EQ(xen[1].version, QStringLiteral("4.10.0-r2"));
    EXPECT_EQ(xen[1].ids, QStringList{QStringLiteral("CVE-2018-7540")});
}

TEST(Secdb, RefusesWhatIsNotASecurityDatabase)
{
    EXPECT_FALSE(parseSecdb("{\"packages\": [ {\"pkg\": "));
    EXPECT_FALSE(parseSecdb("[]"));
    EXPECT_FALSE(parseSecdb("{\"distroversion\": \"v3.20\"}"));
    EXPECT_FALSE(parseSecdb(QByteArray()));
    // Bad entries inside a good document are skipped, the rest kept.
    const std::optional<Secdb> db = parseSecdb(R"js({"packages": [
        {"pkg": {"name": "", "secfixes": {"1-r0": ["CVE-2020-1"]}}},
        {"pkg": {"name": "a", "secfixes": {"1-r0": "CVE-2020-2"}}},
        {"pkg": {"name": "b", "secfixes": {"1-r0": [3, "(remark)", "CVE-2020-3"]
}
}
},
        7, "x", {"pkg": null}
    ]
})js");
    ASSERT_TRUE(db);
    EXPECT_EQ(db->keys(), QStringList{QStringLiteral("b")});
    EXPECT_EQ(db->value(QStringLiteral("b")).value(0).ids, QStringList{QStringLiteral("CVE-2020-3")});
}

TEST(Secdb, CountsFixesAfterTheOldVersionUpToTheNewOne)
{
    Secdb db = *parseSecdb(kAlpineMain);
    db.insert(parseSecdb(kAlpineCommunity)->begin().key(), parseSecdb(kAlpineCommunity)->begin().value());
    EXPECT_EQ(describe(secdbFixes(db, alpineDiff())), describe(fixes({{"busybox", "CVE-2023-42363"},
                                                                      {"busybox", "CVE-2023-42364"},
                                                                      {"busybox", "CVE-2023-42365"},
                                                                      {"busybox", "CVE-2023-42366"},
                                                                      {"openssl", "CVE-2024-9143"},
                                                                      {"py3-requests", "CVE-2024-35195"},
                                                                      {"xen", "CVE-2018-7540"}})));
    // Looked up by origin only: a package named like a secdb entry but built from another origin
    // (Alpine 3.16's openssl 3 came from the origin openssl3) takes none of its fixes.
    EXPECT_TRUE(secdbFixes(db, diffOf(Ecosystem::Alpine, {{"openssl", "3.3.2-r0", "3.3.2-r1", "openssl3"}}))
                    .isEmpty());
}

TEST(OsvBatch, WritesQueriesAndReadsAnswersInOsvsShapes)
{
    const QByteArray body = osvBatchRequest(
        {OsvQuery{
             QStringLiteral("Debian:12"), QStringLiteral("openssl"), QStringLiteral("3.0.15-1~deb12u1"), {}},
         OsvQuery{QStringLiteral("Debian:12"), QStringLiteral("glibc"), QStringLiteral("2.36-9+deb12u8"),
                  QStringLiteral("tok")}});
    const QJsonArray queries =
        QJsonDocument::fromJson(body).object().value(QLatin1String("queries")).toArray();
    ASSERT_EQ(queries.size(), 2);
    const QJsonObject first = queries[0].toObject();
    EXPECT_EQ(first.value(QLatin1String("package")).toObject().value(QLatin1String("ecosystem")).toString(),
              QStringLiteral("Debian:12"));
    EXPECT_EQ(first.value(QLatin1String("package")).toObject().value(QLatin1String("name")).toString(),
              QStringLiteral("openssl"));
    EXPECT_EQ(first.value(QLatin1String("version")).toString(), QStringLiteral("3.0.15-1~deb12u1"));
    EXPECT_FALSE(first.contains(QLatin1String("page_token")));
    EXPECT_EQ(queries[1].toObject().value(QLatin1String("page_token")).toString(), QStringLiteral("tok"));

    const auto results = parseOsvBatchResponse(
        R"({"results": [{"vulns": [{"id": "CVE-2024-5535", "modified": "2024-07-01T00:00:00Z"}],
                          "next_page_token": "more"}, {}]})",
        2);
    ASSERT_TRUE(results);
    EXPECT_EQ((*results)[0].ids, QStringList{QStringLiteral("CVE-2024-5535")});
    EXPECT_EQ((*results)[0].nextPageToken, QStringLiteral("more"));
    EXPECT_TRUE((*results)[1].ids.isEmpty());
    EXPECT_FALSE(parseOsvBatchResponse(R"({"results": [{}]})", 2)); // one answer for two questions
    EXPECT_FALSE(parseOsvBatchResponse("{\"results\": [{\"vulns\": [{}]}]}", 1));
    EXPECT_FALSE(parseOsvBatchResponse("<html>", 1));

    EXPECT_EQ(osvEcosystem(kBookworm), QStringLiteral("Debian:12"));
    EXPECT_EQ(osvEcosystem(Distro{QStringLiteral("debian"), QStringLiteral("11.9"), {}}),
              QStringLiteral("Debian:11"));
    EXPECT_FALSE(osvEcosystem(Distro{QStringLiteral("debian"), QString(), QStringLiteral("trixie")}));
    EXPECT_FALSE(osvEcosystem(Distro{QStringLiteral("ubuntu"), QStringLiteral("24.04"), {}}));
}

TEST(SecurityDataSettings, SourcesComeFromTheSharedSettings)
{
    QSettings s;
    s.setValue(QStringLiteral("security/alpineSecdbUrl"), QStringLiteral("http://mirror.example/secdb"));
    s.setValue(QStringLiteral("security/wolfiSecdbUrl"), QStringLiteral("http://mirror.example/wolfi.json"));
    s.setValue(QStringLiteral("security/chainguardSecdbUrl"),
               QStringLiteral("http://mirror.example/cg.json"));
    s.setValue(QStringLiteral("security/osvUrl"), QStringLiteral("http://mirror.example/osv/"));
    s.setValue(QStringLiteral("security/cacheDir"), QStringLiteral("/tmp/rr-security"));
    s.setValue(QStringLiteral("security/timeoutSeconds"), 7);
    s.setValue(QStringLiteral("security/enabled"), false);
    const SecurityDataOptions o = SecurityDataOptions::fromSettings(SharedSettings::load());
    for (const char *key : {"alpineSecdbUrl", "wolfiSecdbUrl", "chainguardSecdbUrl", "osvUrl", "cacheDir",
                            "timeoutSeconds", "enabled"})
        s.remove(QStringLiteral("security/") + QLatin1String(key));
    EXPECT_FALSE(o.enabled);
    EXPECT_EQ(o.cacheDir, QStringLiteral("/tmp/rr-security"));
    EXPECT_EQ(o.timeoutMs, 7000);
    QNetworkAccessManager network;
    FakeClock clock;
    const SecurityData data(&network, clock, o);
    EXPECT_EQ(data.secdbUrls(kAlpine),
              (QStringList{QStringLiteral("http://mirror.example/secdb/v3.20/main.json"),
                           QStringLiteral("http://mirror.example/secdb/v3.20/community.json")}));
    EXPECT_EQ(data.secdbUrls(kWolfiDistro), QStringList{QStringLiteral("http://mirror.example/wolfi.json")});
    EXPECT_EQ(data.osvUrl(), QUrl(QStringLiteral("http://mirror.example/osv/v1/querybatch")));

    // Without settings: the public sources.
    const SecurityDataOptions defaults = SecurityDataOptions::fromSettings(SharedSettings::load());
    EXPECT_TRUE(defaults.enabled);
    const SecurityData publicData(&network, clock, defaults);
    EXPECT_EQ(publicData.secdbUrls(kAlpine).value(0),
              QStringLiteral("https://secdb.alpinelinux.org/v3.20/main.json"));
    EXPECT_EQ(
        publicData.secdbUrls(Distro{QStringLiteral("alpine"), QStringLiteral("3.21.0_alpha20240807"), {}}),
        (QStringList{QStringLiteral("https://secdb.alpinelinux.org/edge/main.json"),
                     QStringLiteral("https://secdb.alpinelinux.org/edge/community.json")}));
    EXPECT_EQ(publicData.secdbUrls(kWolfiDistro),
              QStringList{QStringLiteral("https://packages.wolfi.dev/os/security.json")});
    EXPECT_EQ(publicData.secdbUrls(Distro{QStringLiteral("chainguard"), {}, {}}),
              QStringList{QStringLiteral("https://packages.cgr.dev/chainguard/security.json")});
    EXPECT_EQ(publicData.osvUrl(), QUrl(QStringLiteral("https://api.osv.dev/v1/querybatch")));
    EXPECT_TRUE(publicData.secdbUrls(kBookworm).isEmpty());
    EXPECT_TRUE(publicData.secdbUrls(Distro{QStringLiteral("alpine"), QString(), {}}).isEmpty());
}

// ---- from a server ----------------------------------------------------------------------------------

TEST_F(SecurityDataTest, AlpineFixesFromMainAndCommunity)
{
    ScriptedServer server(secdbAnswer);
    auto data = make(server);
    const Answer a = ask(*data, kAlpine, alpineDiff());
    EXPECT_EQ(describe(a.fixes), describe(fixes({{"busybox", "CVE-2023-42363"},
                                                 {"busybox", "CVE-2023-42364"},
                                                 {"busybox", "CVE-2023-42365"},
                                                 {"busybox", "CVE-2023-42366"},
                                                 {"openssl", "CVE-2024-9143"},
                                                 {"py3-requests", "CVE-2024-35195"},
                                                 {"xen", "CVE-2018-7540"}})));
    EXPECT_EQ(server.count("GET", "/secdb/v3.20/main.json"), 1);
    EXPECT_EQ(server.count("GET", "/secdb/v3.20/community.json"), 1);
    EXPECT_EQ(server.requests().size(), 2);
}

TEST_F(SecurityDataTest, WolfiAndChainguardReadTheirOwnDatabases)
{
    ScriptedServer server(secdbAnswer);
    auto data = make(server);
    const Answer wolfi = ask(*data, kWolfiDistro,
                             diffOf(Ecosystem::Alpine, {{"libcrypto3", "3.0.6-r0", "3.0.7-r1", "openssl"},
                                                        {"openssl", "3.0.6-r0", "3.0.7-r1"}}));
    EXPECT_EQ(describe(wolfi.fixes), describe(fixes({{"openssl", "CVE-2022-3358"},
                                                     {"openssl", "CVE-2022-3602"},
                                                     {"openssl", "CVE-2022-3786"},
                                                     {"openssl", "CVE-2022-3996"}})));
    EXPECT_EQ(server.count("GET", "/os/security.json"), 1);

    const Answer chainguard = ask(*data, Distro{QStringLiteral("chainguard"), {}, {}},
                                  diffOf(Ecosystem::Alpine, {{"nginx-mainline", "1.27.3-r2", "1.27.4-r0"}}));
    EXPECT_EQ(describe(chainguard.fixes), describe(fixes({{"nginx-mainline", "CGA-2h2p-73q2-xw4m"},
                                                          {"nginx-mainline", "CVE-2025-23419"}})));
    EXPECT_EQ(server.count("GET", "/chainguard/security.json"), 1);
    EXPECT_EQ(server.count("GET", "/os/security.json"), 1);
}

TEST_F(SecurityDataTest, AnUnknownDistributionHasNoDataAndAsksNobody)
{
    ScriptedServer server(secdbAnswer);
    auto data = make(server);
    const PackageDiff diff = diffOf(Ecosystem::Debian, {{"libssl3", "3.0.13-1", "3.0.15-1", "openssl"}});
    for (const Distro &distro :
         {Distro{QStringLiteral("ubuntu"), QStringLiteral("24.04"), QStringLiteral("noble")}, Distro{},
          Distro{QStringLiteral("debian"), {}, QStringLiteral("trixie")},
          Distro{QStringLiteral("alpine"), QStringLiteral("rolling"), {}}}) {
        const Answer a = ask(*data, distro, diff);
        EXPECT_TRUE(a.answered);
        EXPECT_FALSE(a.fixes) << distro.id.toStdString();
    }
    EXPECT_TRUE(server.requests().isEmpty());
}

TEST_F(SecurityDataTest, TurnedOffItHasNoData)
{
    ScriptedServer server(secdbAnswer);
    SecurityDataOptions o = optionsFor(server);
    o.enabled = false;
    SecurityData data(&network, clock, o);
    EXPECT_FALSE(ask(data, kAlpine, alpineDiff()).fixes);
    EXPECT_TRUE(server.requests().isEmpty());
}

TEST_F(SecurityDataTest, NoUpgradeNeedsNoDownload)
{
    ScriptedServer server(secdbAnswer);
    auto data = make(server);
    const Answer a =
        ask(*data, kAlpine,
            diffOf(Ecosystem::Alpine, {{"musl", "1.2.5-r1", "1.2.5-r0"}, {"tzdata", nullptr, "2024b-r0"}}));
    ASSERT_TRUE(a.fixes);
    EXPECT_TRUE(a.fixes->isEmpty());
    EXPECT_TRUE(server.requests().isEmpty());
}

TEST_F(SecurityDataTest, DownloadsAtMostDailyAndKeepsTheCopyOnDisk)
{
    ScriptedServer server(secdbAnswer);
    auto data = make(server);
    ASSERT_TRUE(ask(*data, kAlpine, alpineDiff()).fixes);
    ASSERT_EQ(server.requests().size(), 2);

    clock.advance(23 * kHourMs); // within the day: no request
    EXPECT_EQ(ask(*data, kAlpine, alpineDiff()).fixes->size(), 7);
    EXPECT_EQ(server.requests().size(), 2);

    auto restarted = make(server); // another program, the same folder: the copy on disk answers
    EXPECT_EQ(ask(*restarted, kAlpine, alpineDiff()).fixes->size(), 7);
    EXPECT_EQ(server.requests().size(), 2);

    clock.advance(2 * kHourMs); // a day and an hour since the download: fetched again
    EXPECT_EQ(ask(*data, kAlpine, alpineDiff()).fixes->size(), 7);
    EXPECT_EQ(server.count("GET", "/secdb/v3.20/main.json"), 2);
    EXPECT_EQ(server.count("GET", "/secdb/v3.20/community.json"), 2);
}

TEST_F(SecurityDataTest, AnOlderCopyAnswersWhenTheRefreshFails)
{
    // The copies are kept by URL: the same server, later broken, and another program reading them.
    ScriptedServer server(secdbAnswer);
    ASSERT_TRUE(ask(*make(server), kAlpine, alpineDiff()).fixes);
    server.clear();
    clock.advance(3 * 24 * kHourMs);
    server.setHandler([](const ScriptedRequest &) { return ScriptedResponse{503, {}, "maintenance"}; });
    auto data = make(server);
    const Answer a = ask(*data, kAlpine, alpineDiff());
    EXPECT_EQ(server.requests().size(), 2); // it tried
    ASSERT_TRUE(a.fixes);
    EXPECT_EQ(a.fixes->size(), 7);

    // A refresh that answers something that is not a secdb does not replace the copy either.
    server.clear();
    server.setHandler([](const ScriptedRequest &) { return json("{\"packages\": [ {\"pkg\""); });
    auto again = make(server);
    const Answer b = ask(*again, kAlpine, alpineDiff());
    EXPECT_EQ(server.requests().size(), 2);
    ASSERT_TRUE(b.fixes);
    EXPECT_EQ(b.fixes->size(), 7);
}

TEST_F(SecurityDataTest, WithNoCopyAndNoServerThereIsNoData)
{
    QString url;
    {
        ScriptedServer gone;
        url = gone.url();
    }
    SecurityDataOptions o;
    o.cacheDir = cache.path();
    o.alpineSecdbBase = url + QStringLiteral("/secdb");
    o.wolfiSecdbUrl = url + QStringLiteral("/os/security.json");
    o.osvBase = url;
    o.timeoutMs = 5000;
    SecurityData data(&network, clock, o);
    EXPECT_FALSE(ask(data, kAlpine, alpineDiff()).fixes);
    EXPECT_FALSE(
        ask(data, kWolfiDistro, diffOf(Ecosystem::Alpine, {{"openssl", "3.0.6-r0", "3.0.7-r1"}})).fixes);
    EXPECT_FALSE(
        ask(data, kBookworm, diffOf(Ecosystem::Debian, {{"libc6", "2.36-9", "2.36-9+deb12u1", "glibc"}}))
            .fixes);
}

TEST_F(SecurityDataTest, MalformedDataIsNoData)
{
    ScriptedServer server([](const ScriptedRequest &r) {
        if (r.path().endsWith("main.json"))
            return json("{\"packages\": [{\"pkg\": {\"name\": \"busybox\", \"secfixes\": {\"1.36.1-r29\": [");
        if (r.path().endsWith("community.json"))
            return json(kAlpineCommunity);
        if (r.path() == "/os/security.json")
            return json("\xff\xfe not json at all");
        return json("{\"results\": \"no\"}");
    });
    auto data = make(server);
    // Half of Alpine's data is no data: its main packages would look unfixed.
    EXPECT_FALSE(ask(*data, kAlpine, alpineDiff()).fixes);
    EXPECT_FALSE(
        ask(*data, kWolfiDistro, diffOf(Ecosystem::Alpine, {{"openssl", "3.0.6-r0", "3.0.7-r1"}})).fixes);
    EXPECT_FALSE(
        ask(*data, kBookworm, diffOf(Ecosystem::Debian, {{"libc6", "2.36-9", "2.36-9+deb12u1", "glibc"}}))
            .fixes);
}

TEST_F(SecurityDataTest, ASilentServerTimesOut)
{
    ScriptedServer server([](const ScriptedRequest &) {
        ScriptedResponse r;
        r.behaviour = ScriptedResponse::Behaviour::Silent;
        return r;
    });
    SecurityDataOptions o = optionsFor(server);
    o.timeoutMs = 300;
    SecurityData data(&network, clock, o);
    EXPECT_FALSE(
        ask(data, kWolfiDistro, diffOf(Ecosystem::Alpine, {{"openssl", "3.0.6-r0", "3.0.7-r1"}})).fixes);
    EXPECT_FALSE(
        ask(data, kBookworm, diffOf(Ecosystem::Debian, {{"libc6", "2.36-9", "2.36-9+deb12u1", "glibc"}}))
            .fixes);
}

TEST_F(SecurityDataTest, AsksTogetherShareOneDownloadAndAGoneContextHearsNothing)
{
    ScriptedServer server([](const ScriptedRequest &r) {
        ScriptedResponse answer = secdbAnswer(r);
        answer.delayMs = 200;
        return answer;
    });
    auto data = make(server);
    const PackageDiff diff = diffOf(Ecosystem::Alpine, {{"openssl", "3.0.6-r0", "3.0.7-r1"}});
    int answers = 0;
    int gone = 0;
    auto shortLived = std::make_unique<QObject>();
    data->fixesFor(kWolfiDistro, diff, &context, [&](auto f) { answers += f ? 1 : 100; });
    data->fixesFor(kWolfiDistro, diff, &context, [&](auto f) { answers += f ? 1 : 100; });
    data->fixesFor(kWolfiDistro, diff, shortLived.get(), [&](auto) { ++gone; });
    shortLived.reset();
    ASSERT_TRUE(QTest::qWaitFor([&] { return answers >= 2; }, 15000));
    // The third answer would have been posted with the others.
    QCoreApplication::processEvents();
    QCoreApplication::processEvents();
    EXPECT_EQ(answers, 2);
    EXPECT_EQ(gone, 0);
    EXPECT_EQ(server.count("GET", "/os/security.json"), 1);
}

// ---- OSV for Debian ---------------------------------------------------------------------------------

namespace {

// What OSV lists for each (source package, version) of Debian 12, as ids.
const QHash<QString, QStringList> kOsvDebian = {
    {QStringLiteral("openssl 3.0.13-1~deb12u1"),
     {QStringLiteral("DEBIAN-CVE-2010-0928"), QStringLiteral("DEBIAN-CVE-2024-5535"),
      QStringLiteral("DSA-5764-1")}},
    {QStringLiteral("openssl 3.0.15-1~deb12u1"),
     {QStringLiteral("DEBIAN-CVE-2010-0928"), QStringLiteral("DEBIAN-CVE-2024-13176")}},
    {QStringLiteral("glibc 2.36-9+deb12u7"),
     {QStringLiteral("DSA-5678-1"), QStringLiteral("DEBIAN-CVE-2019-1010022")}},
    {QStringLiteral("glibc 2.36-9+deb12u8"), {QStringLiteral("DEBIAN-CVE-2019-1010022")}},
};

QJsonObject osvVuln(const QString &id)
{
    return QJsonObject{{QStringLiteral("id"), id},
                       {QStringLiteral("modified"), QStringLiteral("2024-09-03T20:12:30Z")}};
}

// Answers each query from kOsvDebian; every query body is kept for the checks.
ScriptedResponse osvAnswer(const ScriptedRequest &r, QList<QJsonArray> *bodies)
{
    if (r.method != "POST" || r.path() != "/v1/querybatch")
        return ScriptedResponse{404, {}, {}};
    const QJsonArray queries =
        QJsonDocument::fromJson(r.body).object().value(QLatin1String("queries")).toArray();
    bodies->append(queries);
    QJsonArray results;
    for (const QJsonValue &q : queries) {
        const QString name = q[QLatin1String("package")][QLatin1String("name")].toString();
        const QString version = q[QLatin1String("version")].toString();
        const QStringList ids = kOsvDebian.value(name + QLatin1Char(' ') + version);
        if (ids.isEmpty()) {
            results.append(QJsonObject{}); // OSV's answer for no hit
            continue;
        }
        QJsonArray vulns;
        for (const QString &id : ids)
            vulns.append(osvVuln(id));
        results.append(QJsonObject{{QStringLiteral("vulns"), vulns}});
    }
    return json(QJsonDocument(QJsonObject{{QStringLiteral("results"), results}}).toJson());
}

PackageDiff bookwormDiff()
{
    return diffOf(Ecosystem::Debian, {
                                         {"libssl3", "3.0.13-1~deb12u1", "3.0.15-1~deb12u1", "openssl"},
                                         {"openssl", "3.0.13-1~deb12u1", "3.0.15-1~deb12u1"},
                                         {"libc6", "2.36-9+deb12u7", "2.36-9+deb12u8", "glibc"},
                                         {"libc-bin", "2.36-9+deb12u7", "2.36-9+deb12u8", "glibc"},
                                         {"tzdata", "2024b-0+deb12u1", "2024a-0+deb12u1"}, // downgrade
                                     });
}

QStringList describeQueries(const QJsonArray &queries)
{
    QStringList out;
    for (const QJsonValue &q : queries)
        out.append(q[QLatin1String("package")][QLatin1String("ecosystem")].toString() + QLatin1Char(' ') +
                   q[QLatin1String("package")][QLatin1String("name")].toString() + QLatin1Char(' ') +
                   q[QLatin1String("version")].toString());
    out.sort();
    return out;
}

} // namespace

TEST_F(SecurityDataTest, DebianFixesFromOsvBySourcePackage)
{
    QList<QJsonArray> bodies;
    ScriptedServer server([&](const ScriptedRequest &r) { return osvAnswer(r, &bodies); });
    auto data = make(server);
    const Answer a = ask(*data, kBookworm, bookwormDiff());
    // In the old version's list and not the new one's; one introduced by the new version is no fix.
    EXPECT_EQ(describe(a.fixes), describe(fixes({{"glibc", "DSA-5678-1"},
                                                 {"openssl", "DEBIAN-CVE-2024-5535"},
                                                 {"openssl", "DSA-5764-1"}})));
    ASSERT_EQ(bodies.size(), 1);
    EXPECT_EQ(describeQueries(bodies[0]),
              (QStringList{QStringLiteral("Debian:12 glibc 2.36-9+deb12u7"),
                           QStringLiteral("Debian:12 glibc 2.36-9+deb12u8"),
                           QStringLiteral("Debian:12 openssl 3.0.13-1~deb12u1"),
                           QStringLiteral("Debian:12 openssl 3.0.15-1~deb12u1")}));
    EXPECT_EQ(server.requests()[0].header("content-type"), QByteArray("application/json"));
}

TEST_F(SecurityDataTest, OsvAnswersAreKeptADayPerQuestion)
{
    QList<QJsonArray> bodies;
    ScriptedServer server([&](const ScriptedRequest &r) { return osvAnswer(r, &bodies); });
    auto data = make(server);
    ASSERT_TRUE(ask(*data, kBookworm, bookwormDiff()).fixes);
    ASSERT_EQ(bodies.size(), 1);

    // Within the day the same questions are not asked again, here or in another program; a new
    // question (glibc's next update) is asked alone.
    clock.advance(12 * kHourMs);
    auto restarted = make(server);
    EXPECT_EQ(ask(*restarted, kBookworm, bookwormDiff()).fixes->size(), 3);
    EXPECT_EQ(bodies.size(), 1);
    const Answer next =
        ask(*restarted, kBookworm,
            diffOf(Ecosystem::Debian, {{"libc6", "2.36-9+deb12u8", "2.36-9+deb12u9", "glibc"}}));
    // OSV lists DEBIAN-CVE-2019-1010022 for u8 and nothing for u9.
    EXPECT_EQ(describe(next.fixes), describe(fixes({{"glibc", "DEBIAN-CVE-2019-1010022"}})));
    ASSERT_EQ(bodies.size(), 2);
    EXPECT_EQ(describeQueries(bodies[1]), QStringList{QStringLiteral("Debian:12 glibc 2.36-9+deb12u9")});

    // After a day they are asked again.
    clock.advance(13 * kHourMs);
    EXPECT_EQ(ask(*data, kBookworm, bookwormDiff()).fixes->size(), 3);
    ASSERT_EQ(bodies.size(), 3);
    EXPECT_EQ(bodies[2].size(), 4);
}

TEST_F(SecurityDataTest, ProgramsSharingTheFolderKeepEachOthersOsvAnswers)
{
    QList<QJsonArray> bodies;
    ScriptedServer server([&](const ScriptedRequest &r) { return osvAnswer(r, &bodies); });
    const PackageDiff openssl =
        diffOf(Ecosystem::Debian, {{"openssl", "3.0.13-1~deb12u1", "3.0.15-1~deb12u1"}});
    const PackageDiff glibc =
        diffOf(Ecosystem::Debian, {{"libc6", "2.36-9+deb12u7", "2.36-9+deb12u8", "glibc"}});
    const PackageDiff curl = diffOf(Ecosystem::Debian, {{"curl", "7.88.1-10+deb12u7", "7.88.1-10+deb12u8"}});
    auto desktop = make(server);
    auto daemon = make(server);
    ASSERT_TRUE(ask(*desktop, kBookworm, openssl).fixes); // the desktop's file: openssl
    ASSERT_TRUE(ask(*daemon, kBookworm, glibc).fixes);    // the daemon's: openssl and glibc
    ASSERT_TRUE(ask(*desktop, kBookworm, curl).fixes);    // the desktop writes again, glibc kept
    ASSERT_EQ(bodies.size(), 3);
    auto later = make(server);
    EXPECT_EQ(describe(ask(*later, kBookworm, glibc).fixes), describe(fixes({{"glibc", "DSA-5678-1"}})));
    EXPECT_TRUE(ask(*later, kBookworm, openssl).fixes);
    EXPECT_TRUE(ask(*later, kBookworm, curl).fixes);
    EXPECT_EQ(bodies.size(), 3);
}

TEST_F(SecurityDataTest, OsvOfflineAnswersFromOlderAnswersOrNotAtAll)
{
    QList<QJsonArray> bodies;
    ScriptedServer server([&](const ScriptedRequest &r) { return osvAnswer(r, &bodies); });
    ASSERT_TRUE(ask(*make(server), kBookworm, bookwormDiff()).fixes);
    server.clear();
    clock.advance(5 * 24 * kHourMs);
    server.setHandler([](const ScriptedRequest &) { return ScriptedResponse{502, {}, "bad gateway"}; });
    auto data = make(server);
    const Answer stale = ask(*data, kBookworm, bookwormDiff());
    EXPECT_EQ(server.requests().size(), 1);
    ASSERT_TRUE(stale.fixes);
    EXPECT_EQ(stale.fixes->size(), 3);
    // A question never answered has no older answer.
    EXPECT_FALSE(
        ask(*data, kBookworm, diffOf(Ecosystem::Debian, {{"curl", "7.88.1-10+deb12u7", "7.88.1-10+deb12u8"}}))
            .fixes);
}

TEST_F(SecurityDataTest, OsvPagesAreFollowedAndLargeDiffsSplitIntoBatches)
{
    QList<QJsonArray> bodies;
    ScriptedServer server([&](const ScriptedRequest &r) {
        const QJsonArray queries =
            QJsonDocument::fromJson(r.body).object().value(QLatin1String("queries")).toArray();
        bodies.append(queries);
        QJsonArray results;
        for (const QJsonValue &q : queries) {
            const QString name = q[QLatin1String("package")][QLatin1String("name")].toString();
            const QString version = q[QLatin1String("version")].toString();
            const QString token = q[QLatin1String("page_token")].toString();
            QJsonObject result;
            // pkg0's old version has two pages of vulnerabilities.
            if (name == u"pkg0" && version == u"1.0-1" && token.isEmpty())
                result =
                    QJsonObject{{QStringLiteral("vulns"), QJsonArray{osvVuln(QStringLiteral("DSA-1-1"))}},
                                {QStringLiteral("next_page_token"), QStringLiteral("page2")}};
            else if (name == u"pkg0" && version == u"1.0-1" && token == u"page2")
                result =
                    QJsonObject{{QStringLiteral("vulns"), QJsonArray{osvVuln(QStringLiteral("DSA-2-1"))}}};
            else if (version == u"1.0-1")
                result =
                    QJsonObject{{QStringLiteral("vulns"), QJsonArray{osvVuln(QStringLiteral("DSA-3-1"))}}};
            results.append(result);
        }
        return json(QJsonDocument(QJsonObject{{QStringLiteral("results"), results}}).toJson());
    });
    auto data = make(server);
    PackageSet before;
    PackageSet after;
    for (int i = 0; i < 600; ++i) {
        const QString name = QStringLiteral("pkg%1").arg(i);
        before.insert(name, InstalledPackage{name, QStringLiteral("1.0-1"), name, Ecosystem::Debian});
        after.insert(name, InstalledPackage{name, QStringLiteral("1.0-2"), name, Ecosystem::Debian});
    }
    const Answer a = ask(*data, kBookworm, diffPackages(before, after));
    ASSERT_TRUE(a.fixes);
    // 1200 questions: 1000, then pkg0's second page alone, then the other 200.
    ASSERT_EQ(bodies.size(), 3);
    EXPECT_EQ(bodies[0].size(), 1000);
    ASSERT_EQ(bodies[1].size(), 1);
    EXPECT_EQ(bodies[1].at(0)[QLatin1String("page_token")].toString(), QStringLiteral("page2"));
    EXPECT_EQ(bodies[1].at(0)[QLatin1String("package")][QLatin1String("name")].toString(),
              QStringLiteral("pkg0"));
    EXPECT_EQ(bodies[2].size(), 200);
    EXPECT_EQ(a.fixes->size(), 601); // DSA-3-1 for 599 packages, DSA-1-1 and DSA-2-1 for pkg0
    EXPECT_TRUE(a.fixes->contains(SecurityFix{QStringLiteral("DSA-2-1"), QStringLiteral("pkg0")}));
    EXPECT_TRUE(a.fixes->contains(SecurityFix{QStringLiteral("DSA-3-1"), QStringLiteral("pkg599")}));
}
