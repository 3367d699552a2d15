#include "registry/ManifestParser.h"

#include <QCryptographicHash>
#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>

namespace RebuildRadar {

QByteArray MediaType::acceptHeader()
{
    return (QStringList{OciIndex, DockerList, OciManifest, DockerManifest, DockerSchema1Signed, DockerSchema1}
                .join(QStringLiteral(", ")))
        .toLatin1();
}

bool MediaType::isIndex(const QString &mediaType)
{
    return mediaType == OciIndex || mediaType == DockerList;
}

QString sha256Digest(const QByteArray &bytes)
{
    return QStringLiteral("sha256:") +
           QString::fromLatin1(QCryptographicHash::hash(bytes, QCryptographicHash::Sha256).toHex());
}

bool Descriptor::isAttestationOrUnknown() const
{
    return platform.isEmpty() || platform == u"unknown/unknown" ||
           annotations.contains(QStringLiteral("vnd.docker.reference.type"));
}

namespace {

QMap<QString, QString> stringMap(const QJsonValue &value)
{
    QMap<QString, QString> out;
    const QJsonObject object = value.toObject();
    for (auto it = object.begin(); it != object.end(); ++it) {
        if (it.value().isString())
            out.insert(it.key(), it.value().toString());
    }
    return out;
}

QString platformKey(const QString &os, const QString &architecture, const QString &variant)
{
    if (os.isEmpty() || architecture.isEmpty())
        return {};
    QString key = os + u'/' + architecture;
    if (!variant.isEmpty())
        key += u'/' + variant;
    return key;
}

Descriptor parseDescriptor(const QJsonObject &object)
{
    Descriptor d;
    d.mediaType = object.value(QStringLiteral("mediaType")).toString();
    d.digest = object.value(QStringLiteral("digest")).toString();
    d.size = object.value(QStringLiteral("size")).toInteger();
    d.artifactType = object.value(QStringLiteral("artifactType")).toString();
    d.annotations = stringMap(object.value(QStringLiteral("annotations")));
    const QJsonObject platform = object.value(QStringLiteral("platform")).toObject();
    d.platform = platformKey(platform.value(QStringLiteral("os")).toString(),
                             platform.value(QStringLiteral("architecture")).toString(),
                             platform.value(QStringLiteral("variant")).toString());
    return d;
}

Error malformed(const QString &what)
{
    return makeError(ErrorCode::Protocol, QStringLiteral("malformed manifest: %1").arg(what));
}

} // namespace

Result<ParsedManifest> parseManifest(const QByteArray &body, const QString &contentType)
{
    QJsonParseError parseError;
    const QJsonDocument document = QJsonDocument::fromJson(body, &parseError);
    if (parseError.error != QJsonParseError::NoError)
        return malformed(parseError.errorString());
    if (!document.isObject())
        return malformed(QStringLiteral("not a JSON object"));
    const QJsonObject root = document.object();

    const QString headerType = contentType.section(u';', 0, 0).trimmed().toLower();
    const QString bodyType = root.value(QStringLiteral("mediaType")).toString();
    if (!bodyType.isEmpty() && !headerType.isEmpty() && headerType != u"application/json" &&
        headerType != u"application/octet-stream" && bodyType != headerType)
        return malformed(
            QStringLiteral("Content-Type %1 disagrees with mediaType %2").arg(headerType, bodyType));

    ParsedManifest m;
    m.mediaType = !bodyType.isEmpty() ? bodyType : headerType;
    const int schemaVersion = root.value(QStringLiteral("schemaVersion")).toInt();
    if (schemaVersion == 1 || m.mediaType == MediaType::DockerSchema1 ||
        m.mediaType == MediaType::DockerSchema1Signed) {
        if (m.mediaType.isEmpty() || !m.mediaType.contains(QStringLiteral("v1")))
            m.mediaType = MediaType::DockerSchema1Signed;
        m.schema1Platform =
            platformKey(QStringLiteral("linux"), root.value(QStringLiteral("architecture")).toString(), {});
        return m;
    }
    if (schemaVersion != 2)
        return malformed(QStringLiteral("unsupported schemaVersion %1").arg(schemaVersion));

    m.annotations = stringMap(root.value(QStringLiteral("annotations")));
    if (root.contains(QStringLiteral("manifests"))) {
        if (!root.value(QStringLiteral("manifests")).isArray())
            return malformed(QStringLiteral("manifests is not an array"));
        m.isIndex = true;
        if (m.mediaType.isEmpty())
            m.mediaType = MediaType::OciIndex;
        const QJsonArray manifests = root.value(QStringLiteral("manifests")).toArray();
        m.manifests.reserve(manifests.size());
        for (const QJsonValue &entry : manifests) {
            Descriptor d = parseDescriptor(entry.toObject());
            if (d.digest.isEmpty())
                return malformed(QStringLiteral("index entry without digest"));
            m.manifests.append(std::move(d));
        }
        return m;
    }
    if (!root.value(QStringLiteral("config")).isObject())
        return malformed(QStringLiteral("neither manifests nor config"));
    if (m.mediaType.isEmpty())
        m.mediaType = MediaType::OciManifest;
    m.config = parseDescriptor(root.value(QStringLiteral("config")).toObject());
    const QJsonArray layers = root.value(QStringLiteral("layers")).toArray();
    for (const QJsonValue &layer : layers)
        m.layers.append(parseDescriptor(layer.toObject()));
    return m;
}

Result<ImageConfig> parseImageConfig(const QByteArray &body)
{
    QJsonParseError parseError;
    const QJsonDocument document = QJsonDocument::fromJson(body, &parseError);
    if (parseError.error != QJsonParseError::NoError || !document.isObject())
        return makeError(ErrorCode::Protocol,
                         QStringLiteral("malformed image config: %1").arg(parseError.errorString()));
    const QJsonObject root = document.object();
    ImageConfig c;
    c.platform = platformKey(root.value(QStringLiteral("os")).toString(),
                             root.value(QStringLiteral("architecture")).toString(),
                             root.value(QStringLiteral("variant")).toString());
    c.created = root.value(QStringLiteral("created")).toString();
    c.labels = stringMap(root.value(QStringLiteral("config")).toObject().value(QStringLiteral("Labels")));
    return c;
}

} // namespace RebuildRadar
