#include "reference/ImageReference.h"

#include <gtest/gtest.h>

using namespace RebuildRadar;

namespace {

struct Normalized
{
    const char *input;
    const char *registry;
    const char *repository;
    const char *tag;
    const char *digest;
    const char *canonical;
    const char *familiar;
};

const QString kDigest = QStringLiteral("sha256:") + QString(64, u'a');

void PrintTo(const Normalized &c, std::ostream *os)
{
    *os << c.input;
}

class ValidReference : public testing::TestWithParam<Normalized>
{};

TEST_P(ValidReference, NormalizesLikeDocker)
{
    const Normalized &c = GetParam();
    QString input = QString::fromUtf8(c.input).replace(QStringLiteral("DIGEST"), kDigest);
    auto ref = ImageReference::parse(input);
    ASSERT_TRUE(ref.ok()) << input.toStdString() << ": " << ref.error().message.toStdString();
    auto expand = [](const char *s) {
        return QString::fromUtf8(s).replace(QStringLiteral("DIGEST"), kDigest);
    };
    EXPECT_EQ(ref->registry(), expand(c.registry));
    EXPECT_EQ(ref->repository(), expand(c.repository));
    EXPECT_EQ(ref->tag(), expand(c.tag));
    EXPECT_EQ(ref->digest(), expand(c.digest));
    EXPECT_EQ(ref->canonical(), expand(c.canonical));
    EXPECT_EQ(ref->familiar(), expand(c.familiar));
    // The canonical form parses back to the same reference.
    auto again = ImageReference::parse(ref->canonical());
    ASSERT_TRUE(again.ok());
    EXPECT_EQ(*again, *ref);
}

INSTANTIATE_TEST_SUITE_P(
    Grammar, ValidReference,
    testing::Values(
        Normalized{"python", "docker.io", "library/python", "latest", "", "docker.io/library/python:latest",
                   "python:latest"},
        Normalized{"python:3.13", "docker.io", "library/python", "3.13", "", "docker.io/library/python:3.13",
                   "python:3.13"},
        Normalized{"library/python:3", "docker.io", "library/python", "3", "", "docker.io/library/python:3",
                   "python:3"},
        Normalized{"docker.io/library/python:3.13.8", "docker.io", "library/python", "3.13.8", "",
                   "docker.io/library/python:3.13.8", "python:3.13.8"},
        Normalized{"index.docker.io/library/node:20", "docker.io", "library/node", "20", "",
                   "docker.io/library/node:20", "node:20"},
        Normalized{"bitnami/redis:7.2", "docker.io", "bitnami/redis", "7.2", "",
                   "docker.io/bitnami/redis:7.2", "bitnami/redis:7.2"},
        Normalized{"docker.io/a/b/c:x", "docker.io", "a/b/c", "x", "", "docker.io/a/b/c:x", "a/b/c:x"},
        Normalized{"docker.io/library/a/b:x", "docker.io", "library/a/b", "x", "", "docker.io/library/a/b:x",
                   "library/a/b:x"},
        Normalized{"cgr.dev/chainguard/node:latest", "cgr.dev", "chainguard/node", "latest", "",
                   "cgr.dev/chainguard/node:latest", "cgr.dev/chainguard/node:latest"},
        Normalized{"ghcr.io/org/app", "ghcr.io", "org/app", "latest", "", "ghcr.io/org/app:latest",
                   "ghcr.io/org/app:latest"},
        Normalized{"localhost/app:1", "localhost", "app", "1", "", "localhost/app:1", "localhost/app:1"},
        Normalized{"localhost:5000/app", "localhost:5000", "app", "latest", "", "localhost:5000/app:latest",
                   "localhost:5000/app:latest"},
        Normalized{"127.0.0.1:41234/team/app:v1.2", "127.0.0.1:41234", "team/app", "v1.2", "",
                   "127.0.0.1:41234/team/app:v1.2", "127.0.0.1:41234/team/app:v1.2"},
        Normalized{"[::1]:5000/app:tag", "[::1]:5000", "app", "tag", "", "[::1]:5000/app:tag",
                   "[::1]:5000/app:tag"},
        Normalized{"[2001:db8::1]/app", "[2001:db8::1]", "app", "latest", "", "[2001:db8::1]/app:latest",
                   "[2001:db8::1]/app:latest"},
        Normalized{"Registry.Example.COM/app", "Registry.Example.COM", "app", "latest", "",
                   "Registry.Example.COM/app:latest", "Registry.Example.COM/app:latest"},
        Normalized{"my-registry.example.com:443/a.b/c_d/e__f/g--h:T_a-g.1", "my-registry.example.com:443",
                   "a.b/c_d/e__f/g--h", "T_a-g.1", "",
                   "my-registry.example.com:443/a.b/c_d/e__f/g--h:T_a-g.1",
                   "my-registry.example.com:443/a.b/c_d/e__f/g--h:T_a-g.1"},
        Normalized{"python:3.13@DIGEST", "docker.io", "library/python", "3.13", "DIGEST",
                   "docker.io/library/python:3.13@DIGEST", "python:3.13@DIGEST"},
        Normalized{"python@DIGEST", "docker.io", "library/python", "", "DIGEST",
                   "docker.io/library/python@DIGEST", "python@DIGEST"}));

struct Invalid
{
    const char *input;
    const char *messagePart;
    int position; // 1-based, 0 = not checked
};

void PrintTo(const Invalid &c, std::ostream *os)
{
    *os << c.input;
}

class InvalidReference : public testing::TestWithParam<Invalid>
{};

TEST_P(InvalidReference, IsRefusedWithWhatAndWhere)
{
    const Invalid &c = GetParam();
    const QString input = QString::fromUtf8(c.input);
    auto ref = ImageReference::parse(input);
    ASSERT_FALSE(ref.ok()) << c.input << " parsed as " << ref->canonical().toStdString();
    EXPECT_EQ(ref.error().code, ErrorCode::InvalidInput);
    const QString message = ref.error().message;
    EXPECT_TRUE(message.contains(QString::fromUtf8(c.messagePart))) << message.toStdString();
    if (c.position > 0) {
        EXPECT_TRUE(message.contains(QStringLiteral("position %1:").arg(c.position)))
            << message.toStdString();
    }
}

INSTANTIATE_TEST_SUITE_P(
    Grammar, InvalidReference,
    testing::Values(
        Invalid{"", "empty", 0}, Invalid{"_:_", "invalid path component", 1},
        Invalid{"Python", "lowercase", 1}, Invalid{"docker.io/Library/python", "lowercase", 11},
        Invalid{"python:", "empty tag", 8}, Invalid{"python:-x", "must start", 8},
        Invalid{"python:3.13!", "invalid character", 12}, Invalid{"python@sha256:abc", "invalid digest", 8},
        Invalid{"python@md5", "invalid digest", 8}, Invalid{"ghcr.io/org/-app", "invalid path component", 13},
        Invalid{"ghcr.io/org/app-", "invalid path component", 16},
        Invalid{"ghcr.io/org//app", "empty path component", 13},
        Invalid{"ghcr.io/org/a...b", "invalid path component", 15},
        Invalid{"ghcr.io/org/a___b", "invalid path component", 16},
        Invalid{"-bad.example.com/app", "cannot start or end", 1},
        Invalid{"bad_host.com/app", "unexpected character", 4},
        Invalid{"host.com:99999/app", "invalid port", 10}, Invalid{"host.com:/app", "invalid port", 10},
        Invalid{"[zz::1]/app", "IPv6", 2}, Invalid{"[::1/app", "IPv6", 1},
        // distribution's grammar takes hex digits and colons only: no zone, no dotted IPv4 tail
        Invalid{"[fe80::1%eth0]:5000/x", "IPv6", 2}, Invalid{"[::ffff:127.0.0.1]:5000/x", "IPv6", 2},
        Invalid{"python 3", "unexpected character", 7}, Invalid{"pythön", "unexpected character", 5},
        Invalid{"ghcr.io/", "empty", 0},
        Invalid{"ghcr.io/app@sha256:ABCDEF0123456789ABCDEF0123456789ABCDEF0123456789ABCDEF0123456789",
                "invalid digest", 13},
        Invalid{"0123456789abcdef0123456789abcdef0123456789abcdef0123456789abcdef", "image ID", 1}));

TEST(Reference, TagLengthLimitIs128)
{
    const QString ok = QStringLiteral("python:") + QString(128, u'a');
    EXPECT_TRUE(ImageReference::parse(ok).ok());
    const auto tooLong = ImageReference::parse(QStringLiteral("python:") + QString(129, u'a'));
    ASSERT_FALSE(tooLong.ok());
    EXPECT_TRUE(tooLong.error().message.contains(QStringLiteral("128")));
}

TEST(Reference, PathLengthLimitIs255)
{
    // 255 characters of path in total, counting the components and the slashes between them.
    const QString path255 = QString(127, u'a') + u'/' + QString(127, u'b');
    ASSERT_EQ(path255.size(), 255);
    EXPECT_TRUE(ImageReference::parse(QStringLiteral("ghcr.io/") + path255).ok());
    const auto tooLong = ImageReference::parse(QStringLiteral("ghcr.io/") + path255 + u'c');
    ASSERT_FALSE(tooLong.ok());
    EXPECT_TRUE(tooLong.error().message.contains(QStringLiteral("255")));
    // docker.io's library/ prefix counts too
    EXPECT_FALSE(ImageReference::parse(QString(250, u'x')).ok());
}

TEST(Reference, HexNameThatIsNot64CharsIsAName)
{
    EXPECT_TRUE(ImageReference::parse(QString(63, u'a')).ok());
    EXPECT_TRUE(ImageReference::parse(QString(64, u'a') + QStringLiteral(":tag")).ok());
}

TEST(Reference, ConnectHostAndLoopback)
{
    auto hub = ImageReference::parse(QStringLiteral("python"));
    ASSERT_TRUE(hub.ok());
    EXPECT_EQ(hub->connectHost(), QStringLiteral("registry-1.docker.io"));
    EXPECT_FALSE(hub->isLoopback());
    for (const char *loop :
         {"localhost:5000/a", "127.0.0.1:5000/a", "127.8.9.10/a", "[::1]:5000/a", "localhost/a"}) {
        auto r = ImageReference::parse(QString::fromUtf8(loop));
        ASSERT_TRUE(r.ok()) << loop;
        EXPECT_TRUE(r->isLoopback()) << loop;
        EXPECT_EQ(r->connectHost(), r->registry());
    }
    for (const char *remote :
         {"ghcr.io/a", "10.0.0.1:5000/a", "[2001:db8::1]/a", "localhost.example.com/a"}) {
        auto r = ImageReference::parse(QString::fromUtf8(remote));
        ASSERT_TRUE(r.ok()) << remote;
        EXPECT_FALSE(r->isLoopback()) << remote;
    }
}

TEST(Reference, SingleComponentWithPortLooksLikeATag)
{
    // "localhost:5000" alone is the image localhost with tag 5000, as in Docker.
    auto r = ImageReference::parse(QStringLiteral("localhost:5000"));
    ASSERT_TRUE(r.ok());
    EXPECT_EQ(r->repository(), QStringLiteral("library/localhost"));
    EXPECT_EQ(r->tag(), QStringLiteral("5000"));
}

TEST(Reference, DigestValidation)
{
    EXPECT_TRUE(isValidDigest(kDigest));
    EXPECT_TRUE(isValidDigest(QStringLiteral("sha512:") + QString(128, u'0')));
    EXPECT_TRUE(isValidDigest(QStringLiteral("multihash+base58:") + QString(32, u'1')));
    EXPECT_FALSE(isValidDigest(QStringLiteral("sha256:") + QString(63, u'a')));
    EXPECT_FALSE(isValidDigest(QStringLiteral("sha256:") + QString(65, u'a')));
    EXPECT_FALSE(isValidDigest(QStringLiteral(":") + QString(64, u'a')));
    EXPECT_FALSE(isValidDigest(QStringLiteral("1sha:") + QString(64, u'a')));
    EXPECT_FALSE(isValidDigest(QStringLiteral("sha256") + QString(64, u'a')));
}

TEST(Reference, RegistryHostNormalization)
{
    EXPECT_EQ(normalizeRegistryHost(QStringLiteral("index.docker.io")).value(), QStringLiteral("docker.io"));
    EXPECT_EQ(normalizeRegistryHost(QStringLiteral("myreg:5000")).value(), QStringLiteral("myreg:5000"));
    EXPECT_FALSE(normalizeRegistryHost(QStringLiteral("bad host")).ok());
    EXPECT_FALSE(normalizeRegistryHost(QString()).ok());
}

} // namespace
