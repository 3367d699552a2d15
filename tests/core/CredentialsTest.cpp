#include "ClientHarness.h"
#include "credentials/DockerConfigSource.h"
#include "credentials/KeychainSource.h"

#include <QFile>
#include <QTemporaryDir>
#include <QTest>
#include <QThread>

#include <gtest/gtest.h>

#include <atomic>

using namespace RebuildRadar;
using namespace RebuildRadar::Test;

namespace {

std::optional<Credential> lookup(CredentialSource &source, const QString &registry, int timeoutMs = 15000)
{
    QObject context;
    bool answered = false;
    std::optional<Credential> out;
    source.lookup(registry, &context, [&](std::optional<Credential> c) {
        out = std::move(c);
        answered = true;
    });
    EXPECT_TRUE(QTest::qWaitFor([&] { return answered; }, timeoutMs));
    return out;
}

void writeFile(const QString &path, const QByteArray &content, bool executable = false)
{
    QFile f(path);
    ASSERT_TRUE(f.open(QIODevice::WriteOnly));
    f.write(content);
    f.close();
    if (executable)
        f.setPermissions(QFile::ReadOwner | QFile::WriteOwner | QFile::ExeOwner);
}

} // namespace

TEST(Credentials, AuthFileFormat)
{
    auto parsed = parseAuthFile(R"({"auths":{
        "https://index.docker.io/v1/":{"auth":")" +
                                QByteArray("hub:hubpass").toBase64() + R"("},
        "ghcr.io":{"auth":")" + QByteArray("gh:pa:ss").toBase64() +
                                R"("},
        "quay.io":{"identitytoken":"refresh-me"},
        "empty.example":{}},
      "credHelpers":{"123.dkr.ecr.us-east-1.amazonaws.com":"ecr-login"},
      "credsStore":"desktop"})");
    ASSERT_TRUE(parsed.ok());
    EXPECT_EQ(parsed->auths.value(QStringLiteral("docker.io")).username, QStringLiteral("hub"));
    EXPECT_EQ(parsed->auths.value(QStringLiteral("docker.io")).secret, QStringLiteral("hubpass"));
    EXPECT_EQ(parsed->auths.value(QStringLiteral("ghcr.io")).secret,
              QStringLiteral("pa:ss")); // only the first colon splits
    EXPECT_TRUE(parsed->auths.value(QStringLiteral("quay.io")).isIdentityToken);
    EXPECT_FALSE(parsed->auths.contains(QStringLiteral("empty.example")));
    EXPECT_EQ(parsed->credHelpers.value(QStringLiteral("123.dkr.ecr.us-east-1.amazonaws.com")),
              QStringLiteral("ecr-login"));
    EXPECT_EQ(parsed->credsStore, QStringLiteral("desktop"));
    EXPECT_FALSE(parseAuthFile("{not json").ok());
}

TEST(Credentials, DockerConfigAuthsAndHelpers)
{
    QTemporaryDir dir;
    // A credential helper speaking Docker's protocol: server URL on stdin, JSON on stdout.
    writeFile(dir.filePath(QStringLiteral("docker-credential-test")),
              "#!/bin/sh\nread server\nif [ \"$1\" = get ] && [ \"$server\" = helped.example ]; then\n"
              "  echo "
              "'{\"ServerURL\":\"helped.example\",\"Username\":\"robot\",\"Secret\":\"from-helper\"}'\nelse\n"
              "  echo 'credentials not found in native keychain'; exit 1\nfi\n",
              true);
    qputenv("PATH", dir.path().toLocal8Bit() + ':' + qgetenv("PATH"));
    writeFile(dir.filePath(QStringLiteral("config.json")),
              R"({"auths":{"plain.example":{"auth":")" + QByteArray("u:p").toBase64() + R"("}},
                  "credHelpers":{"helped.example":"test","unhelped.example":"test"}})");
    AuthFileSource docker(QStringLiteral("docker"), dir.filePath(QStringLiteral("config.json")));
    auto plain = lookup(docker, QStringLiteral("plain.example"));
    ASSERT_TRUE(plain.has_value());
    EXPECT_EQ(plain->secret, QStringLiteral("p"));
    auto helped = lookup(docker, QStringLiteral("helped.example"));
    ASSERT_TRUE(helped.has_value());
    EXPECT_EQ(helped->username, QStringLiteral("robot"));
    EXPECT_EQ(helped->secret, QStringLiteral("from-helper"));
    EXPECT_FALSE(lookup(docker, QStringLiteral("unhelped.example")).has_value());
    EXPECT_FALSE(lookup(docker, QStringLiteral("other.example")).has_value());

    AuthFileSource missing(QStringLiteral("podman"), dir.filePath(QStringLiteral("nope.json")));
    EXPECT_FALSE(lookup(missing, QStringLiteral("plain.example")).has_value());
}

TEST(Credentials, ChainOrderFirstSourceWins)
{
    QTemporaryDir dir;
    writeFile(dir.filePath(QStringLiteral("a.json")),
              R"({"auths":{"r.example":{"auth":")" + QByteArray("first:1").toBase64() + R"("}}})");
    writeFile(dir.filePath(QStringLiteral("b.json")),
              R"({"auths":{"r.example":{"auth":")" + QByteArray("second:2").toBase64() +
                  R"("},"s.example":{"auth":")" + QByteArray("second:3").toBase64() + R"("}}})");
    CredentialChain chain;
    chain.append(
        std::make_unique<AuthFileSource>(QStringLiteral("docker"), dir.filePath(QStringLiteral("a.json"))));
    chain.append(
        std::make_unique<AuthFileSource>(QStringLiteral("podman"), dir.filePath(QStringLiteral("b.json"))));
    EXPECT_EQ(lookup(chain, QStringLiteral("r.example"))->username, QStringLiteral("first"));
    EXPECT_EQ(lookup(chain, QStringLiteral("s.example"))->secret, QStringLiteral("3"));
    EXPECT_FALSE(lookup(chain, QStringLiteral("t.example")).has_value());
}

TEST(Credentials, KeychainWithoutServiceAnswersByItsTimeout)
{
    // No session bus at all: the keychain must not hold up the chain. Its answer (none) comes by its
    // own timeout, well before the test stops waiting.
    const bool hadBus = qEnvironmentVariableIsSet("DBUS_SESSION_BUS_ADDRESS");
    const QByteArray saved = qgetenv("DBUS_SESSION_BUS_ADDRESS");
    qputenv("DBUS_SESSION_BUS_ADDRESS", "unix:path=/nonexistent/bus");
    KeychainSource keychain(500);
    EXPECT_FALSE(lookup(keychain, QStringLiteral("nowhere.example"), 10000).has_value());
    hadBus ? qputenv("DBUS_SESSION_BUS_ADDRESS", saved) : qunsetenv("DBUS_SESSION_BUS_ADDRESS");
}

TEST(Credentials, KeychainRoundTripThroughGnomeKeyring)
{
    if (qEnvironmentVariableIsEmpty("DBUS_SESSION_BUS_ADDRESS"))
        GTEST_SKIP() << "needs the D-Bus session with gnome-keyring that scripts/test.sh starts";
    QObject context;
    std::optional<Status> stored;
    const QString registry =
        QStringLiteral("keychain-test-%1.example").arg(QCoreApplication::applicationPid());
    KeychainSource::store(registry, Credential{QStringLiteral("kc-user"), QStringLiteral("kc-secret")},
                          &context, [&](Status s) { stored = s; });
    ASSERT_TRUE(QTest::qWaitFor([&] { return stored.has_value(); }, 10000));
    ASSERT_TRUE(stored->ok()) << stored->error().message.toStdString();
    KeychainSource keychain;
    auto found = lookup(keychain, registry);
    ASSERT_TRUE(found.has_value());
    EXPECT_EQ(found->username, QStringLiteral("kc-user"));
    EXPECT_EQ(found->secret, QStringLiteral("kc-secret"));
    stored.reset();
    KeychainSource::store(registry, Credential{}, &context, [&](Status s) { stored = s; });
    ASSERT_TRUE(QTest::qWaitFor([&] { return stored.has_value(); }, 10000));
    EXPECT_TRUE(stored->ok());
    EXPECT_FALSE(lookup(keychain, registry).has_value());
}

// The desktop saves logins on its window's thread and its engine reads them on another; QtKeychain's
// jobs belong to one thread, so a job made on the engine's thread crashed the app.
TEST(Credentials, TheKeychainAnswersOnTheAskersThreadWhicheverThreadAsks)
{
    if (qEnvironmentVariableIsEmpty("DBUS_SESSION_BUS_ADDRESS"))
        GTEST_SKIP() << "needs the D-Bus session with gnome-keyring that scripts/test.sh starts";
    const QString registry = QStringLiteral("threads-%1.example").arg(QCoreApplication::applicationPid());
    QObject context;
    std::optional<Status> stored;
    KeychainSource::store(registry, Credential{QStringLiteral("u"), QStringLiteral("first")}, &context,
                          [&](Status s) { stored = s; });
    ASSERT_TRUE(QTest::qWaitFor([&] { return stored.has_value(); }, 10000));
    ASSERT_TRUE(stored->ok()) << stored->error().message.toStdString();

    QThread engineThread;
    engineThread.start();
    QObject onEngineThread;
    onEngineThread.moveToThread(&engineThread);
    std::atomic<bool> answered = false;
    std::optional<Credential> found;
    QThread *answeredOn = nullptr;
    QMetaObject::invokeMethod(&onEngineThread, [&] {
        KeychainSource().lookup(registry, &onEngineThread, [&](std::optional<Credential> credential) {
            found = credential;
            answeredOn = QThread::currentThread();
            answered = true;
        });
    });
    EXPECT_TRUE(QTest::qWaitFor([&] { return answered.load(); }, 10000));
    engineThread.quit();
    engineThread.wait();
    EXPECT_EQ(answeredOn, &engineThread);
    ASSERT_TRUE(found.has_value());
    EXPECT_EQ(found->secret, QStringLiteral("first"));

    stored.reset();
    KeychainSource::store(registry, Credential{}, &context, [&](Status s) { stored = s; });
    EXPECT_TRUE(QTest::qWaitFor([&] { return stored.has_value() && stored->ok(); }, 10000));
}
