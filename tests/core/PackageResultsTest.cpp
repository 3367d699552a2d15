// Package analyses as stored (issue 21): claims shared by several programs, results and failures per
// platform, the retry rules, what history and history --json read back, and the background watcher
// that turns recorded rebuilds into analyses.
#include "store/PackageResults.h"
#include "TempStore.h"
#include "engine/PackageWatcher.h"
#include "export/JsonShapes.h"
#include "history/PackageText.h"
#include "history/RebuildClassifier.h"
#include "packages/PackageDiffJson.h"
#include "registry/ManifestParser.h"

#include <QCoreApplication>
#include <QJsonArray>
#include <QJsonObject>
#include <QSignalSpy>
#include <QTimer>

#include <gtest/gtest.h>

using namespace RebuildRadar;
using namespace RebuildRadar::Test;

namespace {

const QString kAmd = QStringLiteral("linux/amd64");
const QString kArm = QStringLiteral("linux/arm64");

QString d(const QString &seed)
{
    return sha256Digest(seed.toUtf8());
}

// An index whose platforms each point to a manifest named after `build`.
Observation seen(qint64 tagId, qint64 at, const QString &build, const QStringList &platforms = {kAmd, kArm})
{
    TagState s;
    s.digest = d(QStringLiteral("index-") + build);
    s.mediaType = MediaType::OciIndex;
    s.detailed = true;
    for (const QString &p : platforms)
        s.platforms.insert(p, PlatformImage{d(p + u'-' + build), {}});
    return Observation{tagId, at, TagStatus::Ok, {}, s};
}

PackageAnalysis opensslUpgrade(const QString &platform)
{
    PackageAnalysis a;
    a.platform = platform;
    a.source = PackageSource::Sbom;
    a.distro = {QStringLiteral("debian"), QStringLiteral("12"), QStringLiteral("bookworm")};
    a.diff.changed.append(PackageChange{QStringLiteral("libssl3"), QStringLiteral("3.0.15-1~deb12u1"),
                                        QStringLiteral("3.0.17-1~deb12u1"), QStringLiteral("openssl"),
                                        Ecosystem::Debian, VersionDirection::Upgrade});
    a.diff.added.append({QStringLiteral("tzdata-legacy"), QStringLiteral("2025b-0+deb12u1")});
    a.fixes = QList<SecurityFix>{{QStringLiteral("CVE-2024-13176"), QStringLiteral("openssl")}};
    a.bytesFetched = 4321;
    return a;
}

struct Fixture
{
    // `platforms`: the tag's, as it is watched (empty: all)
    explicit Fixture(Backend backend = Backend::SQLite, const QStringList &platforms = {})
        : t(backend)
    {
        auto ref = ImageReference::parse(QStringLiteral("127.0.0.1:5000/acme/api:1"));
        EXPECT_TRUE(t.store->addWatches({WatchRequest{*ref, std::nullopt, platforms, 0}}).ok());
        tagId = (*t.store->tag(ref->tagReference()))->id;
        EXPECT_TRUE(
            t.store->record({seen(tagId, t.clock.nowMs(), QStringLiteral("1"))}, classifyRebuild).ok());
        t.clock.advance(60000);
        auto r = t.store->record({seen(tagId, t.clock.nowMs(), QStringLiteral("2"))}, classifyRebuild);
        EXPECT_TRUE(r.ok() && r->size() == 1);
        rebuildId = r->first().id;
    }
    Rebuild lastRebuild()
    {
        auto h = t.store->history(tagId);
        EXPECT_TRUE(h.ok() && !h->rebuilds.isEmpty());
        return h->rebuilds.last();
    }
    TempStore t;
    PackageResults results{*t.db, [this] { return t.clock.nowMs(); }};
    qint64 tagId = 0;
    qint64 rebuildId = 0;
};

class PackageResultsOn : public testing::TestWithParam<Backend>
{};

} // namespace

INSTANTIATE_TEST_SUITE_P(Backends, PackageResultsOn, testing::Values(Backend::SQLite, Backend::PostgreSQL),
                         [](const testing::TestParamInfo<Backend> &backend) {
                             return PrintToString(backend.param);
                         });

TEST_P(PackageResultsOn, ClaimsEachChangedPlatformOnceWithTheRebuildsDigests)
{
    Fixture f(GetParam());
    auto claimed = f.results.claim(0, 10);
    ASSERT_TRUE(claimed.ok()) << claimed.error().message.toStdString();
    ASSERT_EQ(claimed->size(), 2);
    const QString reference = QStringLiteral("127.0.0.1:5000/acme/api:1");
    for (const PackageWork &w : *claimed) {
        EXPECT_EQ(w.rebuildId, f.rebuildId);
        EXPECT_EQ(w.tagId, f.tagId);
        EXPECT_EQ(w.reference, reference);
        EXPECT_EQ(w.from, d(QStringLiteral("index-1")));
        EXPECT_EQ(w.to, d(QStringLiteral("index-2")));
    }
    EXPECT_EQ(QSet<QString>({claimed->at(0).platform, claimed->at(1).platform}), QSet<QString>({kAmd, kArm}));
    // claimed: nobody else takes them, nor does this program twice
    auto again = f.results.claim(0, 10);
    ASSERT_TRUE(again.ok());
    EXPECT_TRUE(again->isEmpty());
    // nothing stored yet: the history says nothing of packages
    const Rebuild r = f.lastRebuild();
    EXPECT_TRUE(r.packages.isEmpty());
    EXPECT_TRUE(r.packagesUnavailable.isEmpty());
    EXPECT_FALSE(rebuildJson(r).contains(QStringLiteral("packages")));
}

TEST_P(PackageResultsOn, OnlyTheTagsPlatformsAndOnlyRebuildsSinceTheGivenTime)
{
    Fixture f(GetParam(), {kArm});
    auto later = f.results.claim(f.t.clock.nowMs() + 1, 10);
    ASSERT_TRUE(later.ok());
    EXPECT_TRUE(later->isEmpty());
    auto claimed = f.results.claim(0, 10);
    ASSERT_TRUE(claimed.ok());
    ASSERT_EQ(claimed->size(), 1);
    EXPECT_EQ(claimed->first().platform, kArm);
}

// On a shared history each user may choose their own platforms of a tag: what anyone looks at is
// analysed, whichever program analyses (the tag's platforms for a user who chose none).
TEST_P(PackageResultsOn, EveryUsersOwnPlatformsAreAnalysedToo)
{
    Fixture f(GetParam(), {kArm});
    auto ref = ImageReference::parse(QStringLiteral("127.0.0.1:5000/acme/api:1"));
    HistoryStore bob(
        *f.t.db, [] { return qint64(0); }, QStringLiteral("bob"));
    ASSERT_TRUE(bob.addWatches({WatchRequest{*ref, std::nullopt, QStringList{kAmd}, 0}}).ok());
    // alice has the tag in her watchlist, with the tag's platforms
    HistoryStore alice(
        *f.t.db, [] { return qint64(0); }, QStringLiteral("alice"));
    ASSERT_TRUE(alice.watchlist().ok());
    auto claimed = f.results.claim(0, 10);
    ASSERT_TRUE(claimed.ok());
    ASSERT_EQ(claimed->size(), 2);
    EXPECT_EQ(QSet<QString>({claimed->at(0).platform, claimed->at(1).platform}), QSet<QString>({kAmd, kArm}));
    // bob's choice is his: the tag's platforms, as everyone else sees them, did not change
    auto tag = f.t.store->tagById(f.tagId);
    ASSERT_TRUE(tag.ok() && tag->has_value());
    EXPECT_EQ((*tag)->platforms, QStringList{kArm});
}

// The only user moved from the platforms the tag was watched with to others: the old ones are
// analysed no more.
TEST_P(PackageResultsOn, APlatformNobodyLooksAtIsNotAnalysed)
{
    Fixture f(GetParam(), {kArm});
    auto ref = ImageReference::parse(QStringLiteral("127.0.0.1:5000/acme/api:1"));
    ASSERT_TRUE(f.t.store->addWatches({WatchRequest{*ref, std::nullopt, QStringList{kAmd}, 0}}).ok());
    ASSERT_TRUE(f.t.store->watchlist().ok());
    auto claimed = f.results.claim(0, 10);
    ASSERT_TRUE(claimed.ok());
    ASSERT_EQ(claimed->size(), 1);
    EXPECT_EQ(claimed->first().platform, kAmd);
    EXPECT_EQ((*f.t.store->tagById(f.tagId))->platforms, QStringList{kAmd});
}

TEST_P(PackageResultsOn, ResultsAndReasonsReadBackInHistoryAndItsJson)
{
    Fixture f(GetParam());
    ASSERT_TRUE(f.results.claim(0, 10).ok());
    const PackageAnalysis amd = opensslUpgrade(kAmd);
    ASSERT_TRUE(f.results.saveAnalysis(f.rebuildId, amd).ok());
    ASSERT_TRUE(
        f.results.saveFailure(f.rebuildId, kArm, QStringLiteral("not analysed: over budget"), true).ok());

    const Rebuild r = f.lastRebuild();
    ASSERT_TRUE(r.packages.contains(kAmd));
    EXPECT_EQ(r.packages.value(kAmd), amd);
    EXPECT_FALSE(r.packages.contains(kArm));
    EXPECT_EQ(r.packagesUnavailable.value(kArm), QStringLiteral("not analysed: over budget"));

    const QJsonObject json = rebuildJson(r);
    const QJsonObject platform = json.value(QStringLiteral("packages")).toObject().value(kAmd).toObject();
    EXPECT_EQ(platform.value(QStringLiteral("source")).toString(), QStringLiteral("sbom"));
    const QJsonObject change = platform.value(QStringLiteral("changed")).toArray().at(0).toObject();
    EXPECT_EQ(change.value(QStringLiteral("name")).toString(), QStringLiteral("libssl3"));
    EXPECT_EQ(change.value(QStringLiteral("from")).toString(), QStringLiteral("3.0.15-1~deb12u1"));
    EXPECT_EQ(change.value(QStringLiteral("to")).toString(), QStringLiteral("3.0.17-1~deb12u1"));
    EXPECT_EQ(change.value(QStringLiteral("source_package")).toString(), QStringLiteral("openssl"));
    const QJsonObject added = platform.value(QStringLiteral("added")).toArray().at(0).toObject();
    EXPECT_EQ(added.value(QStringLiteral("name")).toString(), QStringLiteral("tzdata-legacy"));
    EXPECT_TRUE(platform.value(QStringLiteral("removed")).toArray().isEmpty());
    const QJsonObject fix = platform.value(QStringLiteral("fixes")).toArray().at(0).toObject();
    EXPECT_EQ(fix.value(QStringLiteral("id")).toString(), QStringLiteral("CVE-2024-13176"));
    EXPECT_EQ(fix.value(QStringLiteral("package")).toString(), QStringLiteral("openssl"));
    EXPECT_EQ(json.value(QStringLiteral("packages_unavailable")).toObject().value(kArm).toString(),
              QStringLiteral("not analysed: over budget"));
}

TEST_P(PackageResultsOn, WithoutSecurityDataFixesAreNullNotEmpty)
{
    Fixture f(GetParam());
    PackageAnalysis a = opensslUpgrade(kAmd);
    a.fixes.reset();
    ASSERT_TRUE(f.results.saveAnalysis(f.rebuildId, a).ok());
    const Rebuild r = f.lastRebuild();
    EXPECT_FALSE(r.packages.value(kAmd).fixes.has_value());
    const QJsonObject platform =
        rebuildJson(r).value(QStringLiteral("packages")).toObject().value(kAmd).toObject();
    EXPECT_TRUE(platform.value(QStringLiteral("fixes")).isNull());
}

TEST_P(PackageResultsOn, AStoredResultIsNotReplacedByALaterOne)
{
    Fixture f(GetParam());
    const PackageAnalysis first = opensslUpgrade(kAmd);
    ASSERT_TRUE(f.results.saveAnalysis(f.rebuildId, first).ok());
    PackageAnalysis second = first;
    second.diff.changed.clear();
    ASSERT_TRUE(f.results.saveAnalysis(f.rebuildId, second).ok());
    ASSERT_TRUE(f.results.saveFailure(f.rebuildId, kAmd, QStringLiteral("network down"), false).ok());
    EXPECT_EQ(f.lastRebuild().packages.value(kAmd), first);
}

TEST_P(PackageResultsOn, AClaimOfADeadProgramExpiresAndPassingFailuresAreRetriedAFewTimes)
{
    Fixture f(GetParam(), {kAmd});
    ASSERT_EQ(f.results.claim(0, 10)->size(), 1);
    f.t.clock.advance(PackageResults::kLeaseMs - 1);
    EXPECT_TRUE(f.results.claim(0, 10)->isEmpty());
    f.t.clock.advance(1);
    ASSERT_EQ(f.results.claim(0, 10)->size(), 1); // attempt 2
    ASSERT_TRUE(f.results.saveFailure(f.rebuildId, kAmd, QStringLiteral("connection refused"), false).ok());
    EXPECT_TRUE(f.results.claim(0, 10)->isEmpty());
    EXPECT_TRUE(f.lastRebuild().packagesUnavailable.isEmpty()); // will be tried again
    f.t.clock.advance(PackageResults::kRetryAfterMs);
    ASSERT_EQ(f.results.claim(0, 10)->size(), 1); // attempt 3, the last
    ASSERT_TRUE(f.results.saveFailure(f.rebuildId, kAmd, QStringLiteral("connection refused"), false).ok());
    f.t.clock.advance(PackageResults::kRetryAfterMs);
    EXPECT_TRUE(f.results.claim(0, 10)->isEmpty());
    EXPECT_EQ(f.lastRebuild().packagesUnavailable.value(kAmd), QStringLiteral("connection refused"));
}

TEST_P(PackageResultsOn, APermanentReasonIsNeverRetried)
{
    Fixture f(GetParam());
    ASSERT_TRUE(f.results.saveFailure(f.rebuildId, kAmd, QStringLiteral("no package data"), true).ok());
    f.t.clock.advance(10 * PackageResults::kRetryAfterMs);
    auto claimed = f.results.claim(0, 10);
    ASSERT_TRUE(claimed.ok());
    ASSERT_EQ(claimed->size(), 1);
    EXPECT_EQ(claimed->first().platform, kArm);
}

TEST_P(PackageResultsOn, TwoProgramsOnOneHistorySplitTheWork)
{
    Fixture f(GetParam());
    auto other = Database::open(f.t.path());
    ASSERT_TRUE(other.ok());
    PackageResults theirs(**other, [&f] { return f.t.clock.nowMs(); });
    auto mine = f.results.claim(0, 1);
    auto their = theirs.claim(0, 10);
    ASSERT_TRUE(mine.ok() && their.ok());
    ASSERT_EQ(mine->size(), 1);
    ASSERT_EQ(their->size(), 1);
    EXPECT_NE(mine->first().platform, their->first().platform);
}

TEST_P(PackageResultsOn, TheStoredRecordReadsBackWhole)
{
    PackageAnalysis a = opensslUpgrade(kArm);
    a.diff.changed.append(PackageChange{QStringLiteral("musl"), QStringLiteral("1.2.5-r1"),
                                        QStringLiteral("1.2.4-r2"), QStringLiteral("musl"), Ecosystem::Alpine,
                                        VersionDirection::Downgrade});
    a.diff.removed.append({QStringLiteral("busybox-extras"), QStringLiteral("1.36.1-r29")});
    a.source = PackageSource::Layers;
    const auto back = packageAnalysisFromRecord(packageAnalysisRecord(a));
    ASSERT_TRUE(back.has_value());
    EXPECT_EQ(*back, a);
    EXPECT_FALSE(packageAnalysisFromRecord(QJsonObject{{QStringLiteral("source"), QStringLiteral("sbom")}}));
}

namespace {

// Analyses later, on the event loop, as the real analysis does; answers from a table.
struct FakeAnalysis
{
    QHash<QString, Result<PackageAnalysis>> answers; // by platform
    QList<PackageWork> asked;
    PackageWatcher::Analyse function()
    {
        return [this](const PackageWork &work, QObject *context, PackageWatcher::AnalysisCallback done) {
            asked.append(work);
            const Result<PackageAnalysis> answer =
                answers.value(work.platform, Error{ErrorCode::Network,
                                                   QStringLiteral("no answer for %1").arg(work.platform)});
            QTimer::singleShot(0, context, [answer, done] { done(answer); });
        };
    }
};

} // namespace

TEST(PackageWatcher, AnalysesEachPlatformOfARecordedRebuildAndStoresWhatItFound)
{
    Fixture f;
    FakeAnalysis analysis;
    analysis.answers.insert(kAmd, opensslUpgrade(kAmd));
    analysis.answers.insert(kArm, Error{ErrorCode::TooLarge, QStringLiteral("not analysed: over budget")});
    PackageWatcher watcher(f.results, f.t.clock, analysis.function());
    QSignalSpy analysed(&watcher, &PackageWatcher::analysed);
    watcher.kick();
    while (analysed.size() < 2 && analysed.wait(5000)) {
    }
    ASSERT_EQ(analysed.size(), 2);
    EXPECT_EQ(analysed.at(0).at(0).toLongLong(), f.tagId);
    EXPECT_EQ(analysed.at(0).at(1).toLongLong(), f.rebuildId);
    EXPECT_EQ(analysis.asked.size(), 2);
    const Rebuild r = f.lastRebuild();
    EXPECT_EQ(r.packages.value(kAmd), opensslUpgrade(kAmd));
    EXPECT_EQ(r.packagesUnavailable.value(kArm), QStringLiteral("not analysed: over budget"));
    // nothing left: a kick asks for nothing more
    watcher.kick();
    QCoreApplication::processEvents();
    EXPECT_TRUE(watcher.isIdle());
    EXPECT_EQ(analysis.asked.size(), 2);
}

TEST(PackageWatcher, APassingFailureIsTriedAgainOnceDue)
{
    Fixture f;
    FakeAnalysis analysis; // no answers: the network is down
    PackageWatcher watcher(f.results, f.t.clock, analysis.function());
    QSignalSpy analysed(&watcher, &PackageWatcher::analysed);
    watcher.kick();
    while (analysed.size() < 2 && analysed.wait(5000)) {
    }
    ASSERT_EQ(analysed.size(), 2);
    EXPECT_TRUE(f.lastRebuild().packagesUnavailable.isEmpty());
    analysis.answers.insert(kAmd, opensslUpgrade(kAmd));
    analysis.answers.insert(kArm, opensslUpgrade(kArm));
    watcher.kick(); // not due yet
    QCoreApplication::processEvents();
    EXPECT_EQ(analysis.asked.size(), 2);
    f.t.clock.advance(PackageResults::kRetryAfterMs);
    watcher.kick();
    while (analysed.size() < 4 && analysed.wait(5000)) {
    }
    ASSERT_EQ(analysed.size(), 4);
    EXPECT_EQ(f.lastRebuild().packages.size(), 2);
}

TEST(PackageWatcher, PermanentAndPassingErrorsAreToldApart)
{
    EXPECT_TRUE(PackageWatcher::isPermanent(Error{ErrorCode::TooLarge, {}}));
    EXPECT_TRUE(PackageWatcher::isPermanent(Error{ErrorCode::NotFound, {}}));
    EXPECT_FALSE(PackageWatcher::isPermanent(Error{ErrorCode::Network, {}}));
    EXPECT_FALSE(PackageWatcher::isPermanent(Error{ErrorCode::RateLimited, {}}));
    EXPECT_FALSE(PackageWatcher::isPermanent(Error{ErrorCode::AuthFailed, {}}));
}

TEST(PackageText, FixesLeadGroupedBySourceAndTheRestIsCounted)
{
    PackageAnalysis a;
    a.diff.changed = {
        PackageChange{QStringLiteral("libc-bin"), QStringLiteral("2.36-9+deb12u9"),
                      QStringLiteral("2.36-9+deb12u10"), QStringLiteral("glibc"), Ecosystem::Debian,
                      VersionDirection::Upgrade},
        PackageChange{QStringLiteral("libc6"), QStringLiteral("2.36-9+deb12u9"),
                      QStringLiteral("2.36-9+deb12u10"), QStringLiteral("glibc"), Ecosystem::Debian,
                      VersionDirection::Upgrade},
        PackageChange{QStringLiteral("libssl3"), QStringLiteral("3.0.15-1~deb12u1"),
                      QStringLiteral("3.0.17-1~deb12u1"), QStringLiteral("openssl"), Ecosystem::Debian,
                      VersionDirection::Upgrade},
        PackageChange{QStringLiteral("tzdata"), QStringLiteral("2024a-0+deb12u1"),
                      QStringLiteral("2025b-0+deb12u1"), QStringLiteral("tzdata"), Ecosystem::Debian,
                      VersionDirection::Upgrade},
        PackageChange{QStringLiteral("zlib1g"), QStringLiteral("1:1.2.13.dfsg-1"),
                      QStringLiteral("1:1.2.13.dfsg-1+b1"), QStringLiteral("zlib"), Ecosystem::Debian,
                      VersionDirection::Upgrade},
    };
    a.diff.added = {{QStringLiteral("libfoo1"), QStringLiteral("1.0-1")}};
    a.fixes = QList<SecurityFix>{{QStringLiteral("CVE-2024-13176"), QStringLiteral("openssl")}};
    const QString line = packageSummary(a);
    // openssl fixed something: named first; glibc next (alphabetical among the rest); tzdata and zlib
    // counted; glibc's second binary belongs to its upgrade
    EXPECT_TRUE(
        line.startsWith(QStringLiteral("openssl 3.0.15-1~deb12u1 → 3.0.17-1~deb12u1 (fixes CVE-2024-13176)")))
        << line.toStdString();
    EXPECT_TRUE(line.contains(QStringLiteral("glibc 2.36-9+deb12u9 → 2.36-9+deb12u10")))
        << line.toStdString();
    EXPECT_TRUE(line.contains(QStringLiteral("2 more changed"))) << line.toStdString();
    EXPECT_TRUE(line.contains(QStringLiteral("1 added"))) << line.toStdString();
    EXPECT_FALSE(line.contains(QStringLiteral("tzdata"))) << line.toStdString();
    EXPECT_FALSE(line.contains(QStringLiteral("unavailable"))) << line.toStdString();
}

TEST(PackageText, SameAnalysisOnEveryPlatformIsOneLineAndNothingChangedIsSaid)
{
    Rebuild r;
    EXPECT_TRUE(rebuildPackageSummary(r).isEmpty());
    PackageAnalysis same;
    same.fixes = QList<SecurityFix>{};
    r.packages.insert(kAmd, same);
    r.packages.insert(kArm, same);
    EXPECT_EQ(rebuildPackageSummary(r), QStringLiteral("no package changed: rebuilt with the same packages"));
    r.packagesUnavailable.insert(QStringLiteral("linux/s390x"), QStringLiteral("not analysed: over budget"));
    const QString line = rebuildPackageSummary(r);
    EXPECT_TRUE(line.contains(QStringLiteral("linux/s390x: not analysed: over budget")))
        << line.toStdString();
    EXPECT_TRUE(line.contains(QStringLiteral("linux/amd64: no package changed"))) << line.toStdString();
}

TEST(PackageText, WithoutSecurityDataTheDiffIsShownAndSaysSo)
{
    PackageAnalysis a = opensslUpgrade(kAmd);
    a.fixes.reset();
    const QString line = packageSummary(a);
    EXPECT_TRUE(line.startsWith(QStringLiteral("openssl 3.0.15-1~deb12u1 → 3.0.17-1~deb12u1;")))
        << line.toStdString();
    EXPECT_TRUE(line.endsWith(QStringLiteral("security data unavailable"))) << line.toStdString();
    a.diff.changed.first().direction = VersionDirection::Downgrade;
    EXPECT_TRUE(packageSummary(a).contains(QStringLiteral("(downgraded)")));
}

TEST_P(PackageResultsOn, ARebuildIsSettledOnceEveryPlatformHasAnAnswer)
{
    Fixture f(GetParam());
    EXPECT_FALSE(*f.results.settled(f.rebuildId));
    ASSERT_TRUE(f.results.claim(0, 10).ok());
    EXPECT_FALSE(*f.results.settled(f.rebuildId)); // claimed is not answered
    ASSERT_TRUE(f.results.saveAnalysis(f.rebuildId, opensslUpgrade(kAmd)).ok());
    EXPECT_FALSE(*f.results.settled(f.rebuildId));
    ASSERT_TRUE(f.results.saveFailure(f.rebuildId, kArm, QStringLiteral("connection refused"), false).ok());
    EXPECT_TRUE(*f.results.settled(f.rebuildId)); // a passing failure is an answer for now
    EXPECT_TRUE(*f.results.settled(f.rebuildId + 100));
}
