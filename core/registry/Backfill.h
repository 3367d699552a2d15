#pragma once

#include "common/Result.h"
#include "domain/Image.h"
#include "reference/ImageReference.h"

#include <QMap>
#include <QObject>
#include <QPointer>

#include <functional>
#include <optional>

namespace RebuildRadar {

class RegistryClient;

// Registries that publish tag histories (Chainguard's cgr.dev, Quay) or push times (Docker Hub).
namespace BackfillSource {
inline const QString Chainguard = QStringLiteral("chainguard");
inline const QString Quay = QStringLiteral("quay");
inline const QString DockerHub = QStringLiteral("dockerhub");
} // namespace BackfillSource

// Pure parsers of the two APIs' answers.
Result<QList<PastDigest>> parseChainguardHistory(const QByteArray &json);
struct QuayPage
{
    QList<PastDigest> entries;
    bool hasMore = false;
};
Result<QuayPage> parseQuayTags(const QByteArray &json, const QString &tag);
// Docker Hub's tag API (hub.docker.com/v2/repositories/NS/REPO/tags/TAG): push times of `digest`, or
// none when the tag has moved on since.
Result<PushTimes> parseDockerHubTag(const QByteArray &json, const QString &digest);

// Fetches a tag's published history through the registry client (same auth, limits and caps).
class Backfiller : public QObject
{
    Q_OBJECT
public:
    // `sources` maps a registry to its API; cgr.dev and quay.io are known, tests add their servers.
    explicit Backfiller(RegistryClient &client, QMap<QString, QString> sources = {},
                        QObject *parent = nullptr);

    QString sourceFor(const QString &registry) const;
    using Callback = std::function<void(Result<QList<PastDigest>>)>;
    // Oldest first. Answers an error for registries without a history API.
    void fetch(const ImageReference &tag, QObject *context, Callback callback);
    // When `digest` was pushed, read once when a digest is new: Docker Hub's tag API, or the entry of a
    // published tag history. Answers an error for registries that do not say.
    bool knowsPushTimes(const QString &registry) const;
    bool publishesHistory(const QString &registry) const;
    using PushCallback = std::function<void(Result<PushTimes>)>;
    void pushTimes(const ImageReference &tag, const QString &digest, QObject *context, PushCallback callback);

private:
    void fetchHistory(const ImageReference &tag, int maxPages, QObject *context, Callback callback);
    void fetchQuayPage(const ImageReference &tag, int page, int maxPages,
                       std::shared_ptr<QList<PastDigest>> all, QObject *context, Callback callback);
    RegistryClient &m_client;
    QMap<QString, QString> m_sources;
};

} // namespace RebuildRadar
