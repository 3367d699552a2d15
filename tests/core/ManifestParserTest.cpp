#include "registry/ManifestParser.h"
#include "registry/RegistryClient.h"

#include <gtest/gtest.h>

using namespace RebuildRadar;

namespace {
const QByteArray kIndex = R"({
  "schemaVersion": 2,
  "mediaType": "application/vnd.oci.image.index.v1+json",
  "manifests": [
    {"mediaType": "application/vnd.oci.image.manifest.v1+json", "size": 10,
     "digest": "sha256:1111111111111111111111111111111111111111111111111111111111111111",
     "platform": {"architecture": "amd64", "os": "linux"},
     "annotations": {"org.opencontainers.image.base.name": "debian:bookworm-slim",
                     "org.opencontainers.image.version": "3.13.8", "com.example.other": "x"}},
    {"mediaType": "application/vnd.oci.image.manifest.v1+json", "size": 10,
     "digest": "sha256:2222222222222222222222222222222222222222222222222222222222222222",
     "platform": {"architecture": "arm64", "os": "linux", "variant": "v8"}},
    {"mediaType": "application/vnd.oci.image.manifest.v1+json", "size": 10,
     "digest": "sha256:3333333333333333333333333333333333333333333333333333333333333333",
     "platform": {"architecture": "unknown", "os": "unknown"},
     "annotations": {"vnd.docker.reference.type": "attestation-manifest"}},
    {"mediaType": "application/vnd.oci.image.manifest.v1+json", "size": 10,
     "digest": "sha256:4444444444444444444444444444444444444444444444444444444444444444"}
  ]
})";
}

TEST(ManifestParser, IndexWithPlatformsAndAttestations)
{
    auto m = parseManifest(kIndex, QStringLiteral("application/vnd.oci.image.index.v1+json; charset=utf-8"));
    ASSERT_TRUE(m.ok()) << m.error().message.toStdString();
    EXPECT_TRUE(m->isIndex);
    ASSERT_EQ(m->manifests.size(), 4);
    EXPECT_EQ(m->manifests[0].platform, QStringLiteral("linux/amd64"));
    EXPECT_EQ(m->manifests[1].platform, QStringLiteral("linux/arm64/v8"));
    EXPECT_FALSE(m->manifests[0].isAttestationOrUnknown());
    EXPECT_FALSE(m->manifests[1].isAttestationOrUnknown());
    EXPECT_TRUE(m->manifests[2].isAttestationOrUnknown());
    EXPECT_TRUE(m->manifests[3].isAttestationOrUnknown()); // no platform
    EXPECT_EQ(m->manifests[0].annotations.value(Annotation::BaseName),
              QStringLiteral("debian:bookworm-slim"));
}

TEST(ManifestParser, ContentTypeThatDisagreesWithBodyIsRefused)
{
    auto m = parseManifest(kIndex, QStringLiteral("application/vnd.docker.distribution.manifest.v2+json"));
    ASSERT_FALSE(m.ok());
    EXPECT_TRUE(m.error().message.contains(QStringLiteral("disagrees")));
}

TEST(ManifestParser, DockerListWithoutBodyMediaTypeUsesHeader)
{
    const QByteArray list =
        R"({"schemaVersion":2,"manifests":[{"digest":"sha256:1111111111111111111111111111111111111111111111111111111111111111","platform":{"os":"linux","architecture":"arm","variant":"v7"}}]})";
    auto m = parseManifest(list, MediaType::DockerList);
    ASSERT_TRUE(m.ok());
    EXPECT_EQ(m->mediaType, MediaType::DockerList);
    EXPECT_EQ(m->manifests[0].platform, QStringLiteral("linux/arm/v7"));
}

TEST(ManifestParser, ImageManifestAndConfig)
{
    const QByteArray manifest =
        R"({"schemaVersion":2,"mediaType":"application/vnd.oci.image.manifest.v1+json",
      "config":{"mediaType":"application/vnd.oci.image.config.v1+json","digest":"sha256:5555555555555555555555555555555555555555555555555555555555555555","size":2},
      "layers":[],"annotations":{"org.opencontainers.image.revision":"abc"}})";
    auto m = parseManifest(manifest, MediaType::OciManifest);
    ASSERT_TRUE(m.ok());
    EXPECT_FALSE(m->isIndex);
    EXPECT_EQ(m->config.digest.left(8), QStringLiteral("sha256:5"));
    EXPECT_EQ(m->annotations.value(Annotation::Revision), QStringLiteral("abc"));

    auto c = parseImageConfig(
        R"({"os":"linux","architecture":"arm64","variant":"v8","created":"2026-02-03T04:05:06Z",
      "config":{"Labels":{"org.opencontainers.image.version":"1.2"}}})");
    ASSERT_TRUE(c.ok());
    EXPECT_EQ(c->platform, QStringLiteral("linux/arm64/v8"));
    EXPECT_EQ(c->created, QStringLiteral("2026-02-03T04:05:06Z"));
    EXPECT_EQ(c->labels.value(Annotation::Version), QStringLiteral("1.2"));
}

TEST(ManifestParser, MalformedInputIsAnErrorNotACrash)
{
    for (const QByteArray &bad :
         {QByteArray("{"), QByteArray("[]"), QByteArray("{\"schemaVersion\":3}"),
          QByteArray("{\"schemaVersion\":2}"), QByteArray("{\"schemaVersion\":2,\"manifests\":{}}"),
          QByteArray("{\"schemaVersion\":2,\"manifests\":[{}]}"), QByteArray("\xff\xfe"),
          QByteArray(5000, '[') + QByteArray(5000, ']')}) {
        auto m = parseManifest(bad, MediaType::OciIndex);
        EXPECT_FALSE(m.ok()) << bad.left(40).toStdString();
    }
}

TEST(ManifestParser, DigestOfExactBytes)
{
    // sha256 of the empty string, from FIPS 180-2 test vectors
    EXPECT_EQ(sha256Digest(QByteArray()),
              QStringLiteral("sha256:e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855"));
}

TEST(RegistryHeaders, RateLimitRetryAfterAndLink)
{
    const RateLimit limit = parseRateLimit("100;w=21600", "76;w=21600");
    EXPECT_EQ(limit.limit, 100);
    EXPECT_EQ(limit.remaining, 76);
    EXPECT_EQ(limit.windowSeconds, 21600);
    EXPECT_EQ(parseRateLimit({}, {}).remaining, -1);

    const QDateTime now(QDate(2026, 1, 1), QTime(0, 0), Qt::UTC);
    EXPECT_EQ(parseRetryAfterMs("120", now), 120000);
    EXPECT_EQ(parseRetryAfterMs("Thu, 01 Jan 2026 00:00:30 GMT", now), 30000);
    EXPECT_EQ(parseRetryAfterMs("Wed, 31 Dec 2025 00:00:30 GMT", now), 0);
    EXPECT_FALSE(parseRetryAfterMs("soon", now).has_value());
    EXPECT_FALSE(parseRetryAfterMs("-5", now).has_value());

    const QUrl base(QStringLiteral("https://r.example/v2/a/tags/list?n=2"));
    EXPECT_EQ(nextLink(R"(</v2/a/tags/list?n=2&last=b>; rel="next")", base).toString(),
              QStringLiteral("https://r.example/v2/a/tags/list?n=2&last=b"));
    EXPECT_TRUE(nextLink(R"(</x>; rel="prev")", base).isEmpty());
}
