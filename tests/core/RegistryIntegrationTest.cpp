// The registry client against a real distribution 2.8 registry on loopback.
#include "ClientHarness.h"
#include "LocalRegistry.h"
#include "registry/ManifestParser.h"

#include <QFile>

#include <gtest/gtest.h>

using namespace RebuildRadar;
using namespace RebuildRadar::Test;

namespace {

class RealRegistry : public testing::Test
{
protected:
    void SetUp() override { ASSERT_TRUE(registry.isRunning()) << registry.error().toStdString(); }
    QString ref(const QString &repoTag) const { return registry.host() + u'/' + repoTag; }
    LocalRegistry registry;
    Pusher push{registry.host()};
};

TestImage image(const QString &arch, const QByteArray &layer, QMap<QString, QString> annotations = {})
{
    TestImage i;
    i.architecture = arch;
    i.layer = layer;
    i.annotations = std::move(annotations);
    return i;
}

// read() system calls of this whole process so far (Linux), or -1
qint64 readCalls()
{
    QFile io(QStringLiteral("/proc/self/io"));
    if (!io.open(QIODevice::ReadOnly))
        return -1;
    for (const QByteArray &line : io.readAll().split('\n')) {
        if (line.startsWith("syscr:"))
            return line.mid(6).trimmed().toLongLong();
    }
    return -1;
}

} // namespace

TEST_F(RealRegistry, SingleManifestWithConfigDetails)
{
    TestImage img = image(QStringLiteral("arm64"), "single");
    img.variant = QStringLiteral("v8");
    img.labels.insert(Annotation::Version, QStringLiteral("1.0"));
    img.created = QStringLiteral("2026-03-04T05:06:07Z");
    const QString digest = push.tagImage(QStringLiteral("team/single"), QStringLiteral("1.0"), img);
    ASSERT_FALSE(digest.isEmpty());

    ClientHarness h;
    auto state = h.resolve(ref(QStringLiteral("team/single:1.0")));
    ASSERT_TRUE(state.ok()) << state.error().message.toStdString();
    EXPECT_EQ(state->digest, digest);
    EXPECT_EQ(state->mediaType, MediaType::OciManifest);
    ASSERT_EQ(state->platforms.size(), 1);
    const PlatformImage p = state->platforms.value(QStringLiteral("linux/arm64/v8"));
    EXPECT_EQ(p.digest, digest);
    EXPECT_EQ(p.annotations.value(Annotation::Version), QStringLiteral("1.0"));
    EXPECT_EQ(p.annotations.value(Annotation::ConfigCreated), QStringLiteral("2026-03-04T05:06:07Z"));
}

TEST_F(RealRegistry, OciIndexPlatformsWithoutAttestations)
{
    const QString repo = QStringLiteral("library/py");
    IndexEntry amd = push.pushImage(repo, image(QStringLiteral("amd64"), "a1"));
    amd.annotations.insert(Annotation::BaseName, QStringLiteral("debian:bookworm-slim"));
    amd.annotations.insert(Annotation::Version, QStringLiteral("3.13.8"));
    TestImage armImage =
        image(QStringLiteral("arm64"), "b1", {{Annotation::Revision, QStringLiteral("abc")}});
    armImage.variant = QStringLiteral("v8");
    IndexEntry arm = push.pushImage(repo, armImage);
    IndexEntry attestation = push.pushAttestation(repo, amd.digest);
    const QString index = push.pushIndex(repo, QStringLiteral("3.13"), {amd, arm, attestation});
    ASSERT_FALSE(index.isEmpty()) << push.lastStatus();

    ClientHarness h;
    auto state = h.resolve(ref(QStringLiteral("library/py:3.13")));
    ASSERT_TRUE(state.ok()) << state.error().message.toStdString();
    EXPECT_EQ(state->digest, index);
    EXPECT_EQ(state->mediaType, MediaType::OciIndex);
    EXPECT_EQ(state->platforms.keys(),
              (QStringList{QStringLiteral("linux/amd64"), QStringLiteral("linux/arm64/v8")}));
    EXPECT_EQ(state->platforms.value(QStringLiteral("linux/amd64")).digest, amd.digest);
    EXPECT_EQ(state->platforms.value(QStringLiteral("linux/amd64")).annotations.value(Annotation::BaseName),
              QStringLiteral("debian:bookworm-slim"));
    // arm64's descriptor says nothing: its manifest's annotations were read
    EXPECT_EQ(
        state->platforms.value(QStringLiteral("linux/arm64/v8")).annotations.value(Annotation::Revision),
        QStringLiteral("abc"));

    // Unchanged: exactly one HEAD.
    h.resetCounts();
    auto again = h.resolve(ref(QStringLiteral("library/py:3.13")), ResolveHints{index, {}});
    ASSERT_TRUE(again.ok());
    EXPECT_EQ(h.heads(), 1);
    EXPECT_EQ(h.gets(), 0);
    EXPECT_FALSE(again->detailed);
}

TEST_F(RealRegistry, DockerManifestListAndRepushAndDelete)
{
    const QString repo = QStringLiteral("org/tool");
    IndexEntry amd = push.pushImage(repo, image(QStringLiteral("amd64"), "x1"), true);
    TestImage armv7 = image(QStringLiteral("arm"), "x2");
    armv7.variant = QStringLiteral("v7");
    IndexEntry arm = push.pushImage(repo, armv7, true);
    const QString list = push.pushIndex(repo, QStringLiteral("stable"), {amd, arm}, {}, true);
    ASSERT_FALSE(list.isEmpty());

    ClientHarness h;
    auto first = h.resolve(ref(QStringLiteral("org/tool:stable")));
    ASSERT_TRUE(first.ok()) << first.error().message.toStdString();
    EXPECT_EQ(first->digest, list);
    EXPECT_EQ(first->mediaType, MediaType::DockerList);
    EXPECT_EQ(first->platforms.value(QStringLiteral("linux/arm/v7")).digest, arm.digest);

    // Re-push the tag with a rebuilt amd64 image only.
    IndexEntry amd2 = push.pushImage(repo, image(QStringLiteral("amd64"), "x1-rebuilt"), true);
    const QString list2 = push.pushIndex(repo, QStringLiteral("stable"), {amd2, arm}, {}, true);
    ResolveHints hints{list, {}};
    for (auto it = first->platforms.begin(); it != first->platforms.end(); ++it)
        hints.knownManifests.insert(it->digest, *it);
    h.resetCounts();
    auto second = h.resolve(ref(QStringLiteral("org/tool:stable")), hints);
    ASSERT_TRUE(second.ok());
    EXPECT_EQ(second->digest, list2);
    EXPECT_EQ(second->platforms.value(QStringLiteral("linux/amd64")).digest, amd2.digest);
    EXPECT_EQ(second->platforms.value(QStringLiteral("linux/arm/v7")).digest, arm.digest);
    // HEAD, the new list, and only the new platform's manifest and config
    EXPECT_EQ(h.heads(), 1);
    EXPECT_EQ(h.gets(), 3);

    ASSERT_TRUE(push.deleteManifest(repo, list2));
    auto gone = h.resolve(ref(QStringLiteral("org/tool:stable")));
    ASSERT_FALSE(gone.ok());
    EXPECT_EQ(gone.error().code, ErrorCode::NotFound);
}

TEST_F(RealRegistry, TagList)
{
    for (const char *tag : {"1", "1.1", "2"})
        push.tagImage(QStringLiteral("t/list"), QString::fromLatin1(tag),
                      image(QStringLiteral("amd64"), tag));
    ClientHarness h;
    auto tags = h.listTags(ref(QStringLiteral("t/list")));
    ASSERT_TRUE(tags.ok()) << tags.error().message.toStdString();
    QStringList sorted = *tags;
    sorted.sort();
    EXPECT_EQ(sorted, (QStringList{QStringLiteral("1"), QStringLiteral("1.1"), QStringLiteral("2")}));
}

TEST_F(RealRegistry, UnchangedTagIsCheckedWithAFewSystemCalls)
{
    // Qt parses an answer's headers a byte at a time: on an unbuffered socket, ~400 read() calls a HEAD
    const QString digest = push.tagImage(QStringLiteral("team/steady"), QStringLiteral("1"),
                                         image(QStringLiteral("amd64"), "s"));
    ASSERT_FALSE(digest.isEmpty());
    ClientHarness h;
    const ResolveHints unchanged{digest, {}};
    ASSERT_TRUE(h.resolve(ref(QStringLiteral("team/steady:1")), unchanged).ok()); // connection open
    const qint64 before = readCalls();
    if (before < 0)
        GTEST_SKIP() << "no /proc/self/io here";
    h.resetCounts();
    constexpr int checks = 20;
    for (int i = 0; i < checks; ++i) {
        auto state = h.resolve(ref(QStringLiteral("team/steady:1")), unchanged);
        ASSERT_TRUE(state.ok()) << state.error().message.toStdString();
        EXPECT_EQ(state->digest, digest);
    }
    EXPECT_EQ(h.heads(), checks);
    EXPECT_EQ(h.gets(), 0);
    const qint64 perCheck = (readCalls() - before) / checks;
    EXPECT_LT(perCheck, 60) << "read() calls per unchanged-tag check";
}

TEST(RealRegistryAuth, HtpasswdBasicAuth)
{
    LocalRegistry registry(LocalRegistry::Options{QStringLiteral("ci"), QStringLiteral("pass word")});
    ASSERT_TRUE(registry.isRunning()) << registry.error().toStdString();
    Pusher push(registry.host(), QStringLiteral("ci"), QStringLiteral("pass word"));
    const QString digest = push.tagImage(QStringLiteral("private/app"), QStringLiteral("1"), TestImage{});
    ASSERT_FALSE(digest.isEmpty());
    const QString ref = registry.host() + QStringLiteral("/private/app:1");

    ClientHarness anonymous;
    auto refused = anonymous.resolve(ref);
    ASSERT_FALSE(refused.ok());
    EXPECT_EQ(refused.error().code, ErrorCode::AuthFailed);

    ClientHarness wrong;
    wrong.credentials.set(registry.host(), Credential{QStringLiteral("ci"), QStringLiteral("wrong")});
    auto bad = wrong.resolve(ref);
    ASSERT_FALSE(bad.ok());
    EXPECT_EQ(bad.error().message, QStringLiteral("authentication failed for %1").arg(registry.host()));

    ClientHarness right;
    right.credentials.set(registry.host(), Credential{QStringLiteral("ci"), QStringLiteral("pass word")});
    auto ok = right.resolve(ref);
    ASSERT_TRUE(ok.ok()) << ok.error().message.toStdString();
    EXPECT_EQ(ok->digest, digest);
    // Once Basic is known, later requests carry it up front: unchanged = one HEAD.
    right.resetCounts();
    ASSERT_TRUE(right.resolve(ref, ResolveHints{digest, {}}).ok());
    EXPECT_EQ(right.heads(), 1);
    EXPECT_EQ(right.gets(), 0);
}
