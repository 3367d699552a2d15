// No secret is ever written to the database, settings, logs or exports — for every credential source.
#include "CliRunner.h"
#include "LocalRegistry.h"
#include "ScriptedServer.h"
#include "credentials/KeychainSource.h"
#include "registry/ManifestParser.h"

#include <QDirIterator>
#include <QFile>
#include <QJsonDocument>
#include <QJsonObject>

#include <gtest/gtest.h>

using namespace RebuildRadar;
using namespace RebuildRadar::Test;

namespace {

void write(const QString &path, const QByteArray &content)
{
    QDir().mkpath(QFileInfo(path).absolutePath());
    QFile f(path);
    ASSERT_TRUE(f.open(QIODevice::WriteOnly));
    f.write(content);
}

// Every file under `root`, byte for byte: the database and its WAL, settings, exports.
QList<std::pair<QString, QByteArray>> everyFile(const QString &root)
{
    QList<std::pair<QString, QByteArray>> out;
    QDirIterator it(root, QDir::Files | QDir::Hidden, QDirIterator::Subdirectories);
    while (it.hasNext()) {
        QFile f(it.next());
        if (f.open(QIODevice::ReadOnly))
            out.append({f.fileName(), f.readAll()});
    }
    return out;
}

} // namespace

TEST(Secrets, NeverStoredLoggedOrExported)
{
    const QByteArray dockerPassword = "Docker-Pa55word-7f3a";
    const QByteArray podmanPassword = "Podman-Pa55word-91bc";
    const QByteArray keychainPassword = "Keychain-Pa55word-44de";
    const QByteArray token = "BearerToken-SECRET-5e8d";

    LocalRegistry dockerRegistry(
        LocalRegistry::Options{QStringLiteral("dockeruser"), QString::fromLatin1(dockerPassword)});
    ASSERT_TRUE(dockerRegistry.isRunning()) << dockerRegistry.error().toStdString();
    Pusher pushDocker(dockerRegistry.host(), QStringLiteral("dockeruser"),
                      QString::fromLatin1(dockerPassword));
    pushDocker.tagImage(QStringLiteral("private/app"), QStringLiteral("1"), TestImage{});

    // A bearer registry: the token is only handed to Basic credentials from Podman's auth file.
    const QByteArray index =
        R"({"schemaVersion":2,"mediaType":"application/vnd.oci.image.index.v1+json","manifests":[]})";
    ScriptedServer bearer([&](const ScriptedRequest &r) {
        if (r.path() == "/token") {
            if (r.header("authorization") != "Basic " + QByteArray("podmanuser:" + podmanPassword).toBase64())
                return ScriptedResponse{401, {}, {}};
            return ScriptedResponse{200, {}, "{\"token\":\"" + token + "\",\"expires_in\":300}"};
        }
        if (r.header("authorization") != "Bearer " + token) {
            ScriptedResponse c{401, {}, {}};
            c.header("WWW-Authenticate", "Bearer realm=\"/token\",service=\"s\"");
            return c;
        }
        ScriptedResponse ok{200,
                            {{"Content-Type", MediaType::OciIndex.toLatin1()},
                             {"Docker-Content-Digest", sha256Digest(index).toLatin1()}},
                            {}};
        if (r.method == "GET")
            ok.body = index;
        return ok;
    });

    CliRunner cli;
    write(cli.home() + QStringLiteral("/docker/config.json"),
          R"({"auths":{")" + dockerRegistry.host().toUtf8() + R"(":{"auth":")" +
              QByteArray("dockeruser:" + dockerPassword).toBase64() + R"("}}})");
    write(cli.home() + QStringLiteral("/auth.json"),
          R"({"auths":{")" + bearer.host().toUtf8() + R"(":{"auth":")" +
              QByteArray("podmanuser:" + podmanPassword).toBase64() + R"("}}})");
    QStringList references{dockerRegistry.host() + QStringLiteral("/private/app:1"),
                           bearer.host() + QStringLiteral("/team/app:1")};

    // The keychain source, where a secret service runs (scripts/test.sh starts gnome-keyring).
    std::unique_ptr<LocalRegistry> keychainRegistry;
    if (!qEnvironmentVariableIsEmpty("DBUS_SESSION_BUS_ADDRESS")) {
        keychainRegistry = std::make_unique<LocalRegistry>(
            LocalRegistry::Options{QStringLiteral("kcuser"), QString::fromLatin1(keychainPassword)});
        ASSERT_TRUE(keychainRegistry->isRunning());
        Pusher(keychainRegistry->host(), QStringLiteral("kcuser"), QString::fromLatin1(keychainPassword))
            .tagImage(QStringLiteral("kc/app"), QStringLiteral("1"), TestImage{});
        QObject context;
        std::optional<Status> stored;
        KeychainSource::store(keychainRegistry->host(),
                              Credential{QStringLiteral("kcuser"), QString::fromLatin1(keychainPassword)},
                              &context, [&](Status s) { stored = s; });
        ASSERT_TRUE(QTest::qWaitFor([&] { return stored.has_value(); }, 10000));
        ASSERT_TRUE(stored->ok()) << stored->error().message.toStdString();
        references.append(keychainRegistry->host() + QStringLiteral("/kc/app:1"));
    }

    // Every log category on, at debug level.
    cli.env().insert(QStringLiteral("QT_LOGGING_RULES"), QStringLiteral("rebuildradar.*=true"));
    QByteArray output;
    auto run = [&](const QStringList &args) {
        const CliRun r = cli.run(args);
        output += r.out + r.err;
        return r;
    };
    ASSERT_EQ(run(QStringList{QStringLiteral("watch"), QStringLiteral("add")} + references).exitCode, 0);
    const CliRun poll = run({QStringLiteral("poll"), QStringLiteral("--json")});
    ASSERT_EQ(poll.exitCode, 0) << poll.out.toStdString() << poll.err.toStdString();
    run({QStringLiteral("poll")});
    run({QStringLiteral("watch"), QStringLiteral("list"), QStringLiteral("--json")});
    for (const QString &reference : references)
        run({QStringLiteral("history"), reference, QStringLiteral("--json")});
    QDir().mkpath(cli.home() + QStringLiteral("/exports"));
    for (const char *format : {"csv", "json", "md", "html", "pdf"})
        ASSERT_EQ(run({QStringLiteral("export"), QStringLiteral("--format"), QString::fromLatin1(format),
                       QStringLiteral("-o"),
                       cli.home() + QStringLiteral("/exports/report.") + QString::fromLatin1(format)})
                      .exitCode,
                  0);

    const QList<QByteArray> secrets{dockerPassword,
                                    podmanPassword,
                                    keychainPassword,
                                    token,
                                    QByteArray("dockeruser:" + dockerPassword).toBase64(),
                                    QByteArray("podmanuser:" + podmanPassword).toBase64(),
                                    QByteArray("kcuser:" + keychainPassword).toBase64()};
    for (const QByteArray &secret : secrets)
        EXPECT_FALSE(output.contains(secret)) << "logged or printed: " << secret.toStdString();
    for (const auto &[path, content] : everyFile(cli.home())) {
        if (path.endsWith(QStringLiteral("config.json")) || path.endsWith(QStringLiteral("auth.json")))
            continue; // the user's own credential files
        for (const QByteArray &secret : secrets)
            EXPECT_FALSE(content.contains(secret))
                << secret.toStdString() << " found in " << path.toStdString();
    }
    EXPECT_TRUE(QFile::exists(cli.dbPath()));
    EXPECT_TRUE(output.contains("rebuildradar.registry")) << "debug logging was on";
}
