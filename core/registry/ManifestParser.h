#pragma once

#include "common/Result.h"
#include "domain/Image.h"

#include <QByteArray>
#include <QList>
#include <QMap>
#include <QString>

namespace RebuildRadar {

namespace MediaType {
inline const QString OciIndex = QStringLiteral("application/vnd.oci.image.index.v1+json");
inline const QString OciManifest = QStringLiteral("application/vnd.oci.image.manifest.v1+json");
inline const QString DockerList = QStringLiteral("application/vnd.docker.distribution.manifest.list.v2+json");
inline const QString DockerManifest = QStringLiteral("application/vnd.docker.distribution.manifest.v2+json");
inline const QString DockerSchema1Signed =
    QStringLiteral("application/vnd.docker.distribution.manifest.v1+prettyjws");
inline const QString DockerSchema1 = QStringLiteral("application/vnd.docker.distribution.manifest.v1+json");
inline const QString OciConfig = QStringLiteral("application/vnd.oci.image.config.v1+json");
inline const QString DockerConfig = QStringLiteral("application/vnd.docker.container.image.v1+json");
// Every manifest type, lists first; what HEAD and GET of a tag send in Accept.
QByteArray acceptHeader();
bool isIndex(const QString &mediaType);
} // namespace MediaType

struct Descriptor
{
    QString mediaType;
    QString digest;
    qint64 size = 0;
    QString platform; // os/architecture[/variant], empty when absent
    QString artifactType;
    QMap<QString, QString> annotations;

    // BuildKit attestations and other non-image entries of an index.
    bool isAttestationOrUnknown() const;
};

struct ParsedManifest
{
    QString mediaType;
    bool isIndex = false;
    QMap<QString, QString> annotations;
    QList<Descriptor> manifests; // index entries
    Descriptor config;           // image manifests
    QList<Descriptor> layers;    // image manifests, bottom layer first
    QString schema1Platform;     // schema1 carries the architecture inline
};

// Parses an index or image manifest. `contentType` may carry parameters; a body mediaType that
// disagrees with it is refused.
Result<ParsedManifest> parseManifest(const QByteArray &body, const QString &contentType);

struct ImageConfig
{
    QString platform;
    QString created;
    QMap<QString, QString> labels;
};
Result<ImageConfig> parseImageConfig(const QByteArray &body);

// sha256:<hex> of the exact bytes.
QString sha256Digest(const QByteArray &bytes);

} // namespace RebuildRadar
