#include "credentials/DockerConfigSource.h"

#include <QDir>
#include <QFile>
#include <QJsonDocument>
#include <QJsonObject>
#include <QLoggingCategory>
#include <QProcess>
#include <QTimer>

namespace RebuildRadar {

Q_LOGGING_CATEGORY(lcCredentials, "rebuildradar.credentials")

Result<AuthFileContents> parseAuthFile(const QByteArray &json)
{
    QJsonParseError parseError;
    const QJsonDocument document = QJsonDocument::fromJson(json, &parseError);
    if (parseError.error != QJsonParseError::NoError || !document.isObject())
        return makeError(ErrorCode::InvalidInput,
                         QStringLiteral("not a JSON object: %1").arg(parseError.errorString()));
    const QJsonObject root = document.object();
    AuthFileContents contents;
    const QJsonObject auths = root.value(QStringLiteral("auths")).toObject();
    for (auto it = auths.begin(); it != auths.end(); ++it) {
        const QJsonObject entry = it.value().toObject();
        Credential credential;
        const QString identityToken = entry.value(QStringLiteral("identitytoken")).toString();
        const QByteArray auth =
            QByteArray::fromBase64(entry.value(QStringLiteral("auth")).toString().toLatin1());
        const qsizetype colon = auth.indexOf(':');
        if (colon > 0) {
            credential.username = QString::fromUtf8(auth.left(colon));
            credential.secret = QString::fromUtf8(auth.mid(colon + 1));
        } else if (entry.contains(QStringLiteral("username"))) {
            credential.username = entry.value(QStringLiteral("username")).toString();
            credential.secret = entry.value(QStringLiteral("password")).toString();
        }
        if (!identityToken.isEmpty()) {
            credential.secret = identityToken;
            credential.isIdentityToken = true;
        }
        if (!credential.secret.isEmpty())
            contents.auths.insert(registryKeyFromConfig(it.key()), credential);
    }
    const QJsonObject helpers = root.value(QStringLiteral("credHelpers")).toObject();
    for (auto it = helpers.begin(); it != helpers.end(); ++it)
        contents.credHelpers.insert(registryKeyFromConfig(it.key()), it.value().toString());
    contents.credsStore = root.value(QStringLiteral("credsStore")).toString();
    return contents;
}

QString AuthFileSource::dockerConfigPath()
{
    const QString dir = qEnvironmentVariable("DOCKER_CONFIG");
    return dir.isEmpty() ? QDir::homePath() + QStringLiteral("/.docker/config.json")
                         : dir + QStringLiteral("/config.json");
}

QString AuthFileSource::podmanAuthPath()
{
    const QString file = qEnvironmentVariable("REGISTRY_AUTH_FILE");
    if (!file.isEmpty())
        return file;
    const QString runtime = qEnvironmentVariable("XDG_RUNTIME_DIR");
    return runtime.isEmpty() ? QString() : runtime + QStringLiteral("/containers/auth.json");
}

void AuthFileSource::lookup(const QString &registry, QObject *context, CredentialCallback callback)
{
    QFile file(m_path);
    if (m_path.isEmpty() || !file.open(QIODevice::ReadOnly)) {
        callback(std::nullopt);
        return;
    }
    const auto contents = parseAuthFile(file.read(4 * 1024 * 1024));
    if (!contents) {
        qCWarning(lcCredentials) << "ignoring" << m_path << ":" << contents.error().message;
        callback(std::nullopt);
        return;
    }
    const QString helper = contents->credHelpers.value(registry, contents->credsStore);
    if (!helper.isEmpty()) {
        runHelper(helper, registry, context, std::move(callback));
        return;
    }
    const auto it = contents->auths.find(registry);
    callback(it == contents->auths.end() ? std::nullopt : std::optional<Credential>(*it));
}

void AuthFileSource::runHelper(const QString &helper, const QString &registry, QObject *context,
                               CredentialCallback callback)
{
    auto *process = new QProcess(context);
    auto answered = std::make_shared<bool>(false);
    auto finish = [process, answered, callback](std::optional<Credential> credential) {
        if (*answered)
            return;
        *answered = true;
        process->disconnect();
        process->kill();
        process->deleteLater();
        callback(std::move(credential));
    };
    QObject::connect(
        process, &QProcess::finished, context, [process, helper, finish](int code, QProcess::ExitStatus) {
            const QJsonObject answer = QJsonDocument::fromJson(process->readAllStandardOutput()).object();
            const QString secret = answer.value(QStringLiteral("Secret")).toString();
            if (code != 0 || secret.isEmpty()) {
                // "credentials not found" is the helper's normal answer for unknown servers
                qCDebug(lcCredentials)
                    << "docker-credential-" << helper << "had no credentials, exit code" << code;
                finish(std::nullopt);
                return;
            }
            Credential credential;
            credential.username = answer.value(QStringLiteral("Username")).toString();
            credential.secret = secret;
            credential.isIdentityToken = credential.username == u"<token>";
            finish(credential);
        });
    QObject::connect(process, &QProcess::errorOccurred, context,
                     [helper, finish](QProcess::ProcessError error) {
                         if (error == QProcess::FailedToStart) {
                             qCWarning(lcCredentials) << "cannot run docker-credential-" << helper;
                             finish(std::nullopt);
                         }
                     });
    QTimer::singleShot(10000, process, [finish] { finish(std::nullopt); });
    process->start(QStringLiteral("docker-credential-") + helper, {QStringLiteral("get")});
    // Docker Hub's helpers know it by its legacy server URL.
    const QString server =
        registry == u"docker.io" ? QStringLiteral("https://index.docker.io/v1/") : registry;
    process->write(server.toUtf8());
    process->closeWriteChannel();
}

} // namespace RebuildRadar
