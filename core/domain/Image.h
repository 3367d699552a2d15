#pragma once

// Facts about images as registries publish them: a tag's digest and its platforms' manifests, the
// annotations that explain a rebuild, a tag's past digests and push times. Plain values, no I/O: the
// registry client fills them, the history and the store keep them, neither needs the other.

#include <QMap>
#include <QString>

#include <optional>

namespace RebuildRadar {

// One platform's image of a tag's digest.
struct PlatformImage
{
    QString digest;
    QMap<QString, QString> annotations;  // org.opencontainers.image.* (+ config.created)
    std::optional<qint64> pushedAt = {}; // when the registry says this manifest was pushed (stored only)
    friend bool operator==(const PlatformImage &, const PlatformImage &) = default;
};

// What a tag points to now. Platforms and annotations are filled only when the digest is new.
struct TagState
{
    QString digest;
    QString mediaType;
    bool detailed = false;
    QMap<QString, QString> annotations; // index-level (or the single manifest's)
    QMap<QString, PlatformImage> platforms;
};

// A digest a tag pointed to in the past, as a registry's own tag history tells it.
struct PastDigest
{
    QString digest;
    qint64 from = 0;
    std::optional<qint64> until;
};

// When upstream pushed a digest, as the registry tells it: the tag's digest and each platform's manifest
// (by manifest digest).
struct PushTimes
{
    std::optional<qint64> pushedAt;
    QMap<QString, qint64> platformPushedAt;
};

// The annotation keys that explain a rebuild.
namespace Annotation {
inline const QString Version = QStringLiteral("org.opencontainers.image.version");
inline const QString Revision = QStringLiteral("org.opencontainers.image.revision");
inline const QString Created = QStringLiteral("org.opencontainers.image.created");
inline const QString BaseName = QStringLiteral("org.opencontainers.image.base.name");
inline const QString BaseDigest = QStringLiteral("org.opencontainers.image.base.digest");
inline const QString Source = QStringLiteral("org.opencontainers.image.source");
// Set by Rebuild Radar from the config's `created` when no annotation says it.
inline const QString ConfigCreated = QStringLiteral("config.created");
inline bool isInteresting(const QString &key)
{
    return key.startsWith(QStringLiteral("org.opencontainers.image.")) || key == ConfigCreated;
}
} // namespace Annotation

} // namespace RebuildRadar
