#include "running/DockerApi.h"

#include "reference/ImageReference.h"

#include <QDir>
#include <QFileInfo>
#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QRegularExpression>
#include <QUrl>

namespace RebuildRadar {

namespace {

Result<QJsonDocument> parseJson(const QByteArray &json, const QString &what)
{
    QJsonParseError error;
    QJsonDocument doc = QJsonDocument::fromJson(json, &error);
    if (doc.isNull())
        return makeError(ErrorCode::Protocol,
                         QStringLiteral("the engine's %1 is not JSON: %2").arg(what, error.errorString()));
    return doc;
}

// The registry and repository a reference or RepoDigests entry names ("127.0.0.1:5000/app").
QString repositoryOf(const QString &text)
{
    auto ref = ImageReference::parse(text);
    return ref ? ref->name() : QString();
}

} // namespace

Result<EngineAddress> parseEngineAddress(const QString &text)
{
    const QString trimmed = text.trimmed();
    if (trimmed.startsWith(u'/'))
        return EngineAddress{trimmed, QStringLiteral("http://localhost"),
                             QStringLiteral("unix://") + trimmed};
    if (trimmed.startsWith(QStringLiteral("unix://"))) {
        const QString path = trimmed.mid(7);
        if (!path.startsWith(u'/'))
            return makeError(ErrorCode::InvalidInput,
                             QStringLiteral("%1: a unix:// address needs an absolute socket path").arg(text));
        return EngineAddress{path, QStringLiteral("http://localhost"), trimmed};
    }
    if (trimmed.startsWith(QStringLiteral("tcp://")) || trimmed.startsWith(QStringLiteral("http://"))) {
        QUrl url(trimmed);
        if (!url.isValid() || url.host().isEmpty())
            return makeError(ErrorCode::InvalidInput,
                             QStringLiteral("%1 is not a tcp://HOST:PORT address").arg(text));
        // 2375 is the engine's plain-HTTP port; TLS (2376, DOCKER_TLS_VERIFY) is not spoken here.
        const int port = url.port(2375);
        const QString host = url.host().contains(u':') ? u'[' + url.host() + u']' : url.host();
        return EngineAddress{{}, QStringLiteral("http://%1:%2").arg(host).arg(port), trimmed};
    }
    return makeError(
        ErrorCode::InvalidInput,
        QStringLiteral("%1 is not an engine address (unix:///PATH or tcp://HOST:PORT)").arg(text));
}

Result<EngineAddress> dockerAddress(const QString &given)
{
    if (!given.isEmpty())
        return parseEngineAddress(given);
    const QString fromEnvironment = qEnvironmentVariable("DOCKER_HOST");
    if (!fromEnvironment.isEmpty())
        return parseEngineAddress(fromEnvironment);
    return parseEngineAddress(QStringLiteral("unix:///var/run/docker.sock"));
}

Result<EngineAddress> podmanAddress(const QString &given)
{
    if (!given.isEmpty())
        return parseEngineAddress(given);
    const QString fromEnvironment = qEnvironmentVariable("CONTAINER_HOST");
    if (!fromEnvironment.isEmpty())
        return parseEngineAddress(fromEnvironment);
    QStringList candidates{QStringLiteral("/run/podman/podman.sock")};
    const QString runtime = qEnvironmentVariable("XDG_RUNTIME_DIR");
    if (!runtime.isEmpty())
        candidates.append(QDir(runtime).filePath(QStringLiteral("podman/podman.sock")));
    for (const QString &candidate : candidates) {
        if (QFileInfo::exists(candidate))
            return parseEngineAddress(candidate);
    }
    return parseEngineAddress(candidates.first());
}

Result<QList<EngineContainer>> parseContainerList(const QByteArray &json)
{
    auto doc = parseJson(json, QStringLiteral("container list"));
    if (!doc)
        return doc.error();
    if (!doc->isArray())
        return makeError(ErrorCode::Protocol, QStringLiteral("the engine's container list is not an array"));
    QList<EngineContainer> out;
    for (const QJsonValue &value : doc->array()) {
        const QJsonObject c = value.toObject();
        EngineContainer container;
        container.id = c.value(QStringLiteral("Id")).toString();
        const QJsonArray names = c.value(QStringLiteral("Names")).toArray();
        container.name = names.isEmpty() ? container.id.left(12) : names.first().toString();
        if (container.name.startsWith(u'/'))
            container.name.remove(0, 1);
        container.image = c.value(QStringLiteral("Image")).toString();
        container.imageId = c.value(QStringLiteral("ImageID")).toString();
        container.state = c.value(QStringLiteral("State")).toString();
        if (container.id.isEmpty())
            continue;
        out.append(container);
    }
    return out;
}

Result<QString> parseContainerConfigImage(const QByteArray &json)
{
    auto doc = parseJson(json, QStringLiteral("container"));
    if (!doc)
        return doc.error();
    return doc->object().value(QStringLiteral("Config")).toObject().value(QStringLiteral("Image")).toString();
}

Result<QStringList> parseAllRepoDigests(const QByteArray &imageJson)
{
    auto doc = parseJson(imageJson, QStringLiteral("image"));
    if (!doc)
        return doc.error();
    QStringList out;
    for (const QJsonValue &value : doc->object().value(QStringLiteral("RepoDigests")).toArray())
        out.append(value.toString());
    return out;
}

Result<QStringList> parseRepoDigests(const QByteArray &imageJson, const QString &reference)
{
    auto all = parseAllRepoDigests(imageJson);
    if (!all)
        return all.error();
    const QString repository = repositoryOf(reference);
    QStringList out;
    for (const QString &entry : *all) {
        const qsizetype at = entry.lastIndexOf(u'@');
        if (at < 0)
            continue;
        const QString digest = entry.mid(at + 1);
        if (isValidDigest(digest) && !repository.isEmpty() && repositoryOf(entry.left(at)) == repository &&
            !out.contains(digest))
            out.append(digest);
    }
    return out;
}

bool isImageId(const QString &image)
{
    static const QRegularExpression id(QStringLiteral("^(sha256:)?[0-9a-f]{64}$"));
    return id.match(image).hasMatch();
}

} // namespace RebuildRadar
