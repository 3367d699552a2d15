#pragma once

#include "common/Result.h"
#include "reference/ImageReference.h"

#include <QMap>
#include <QObject>
#include <QPointer>

#include <functional>
#include <optional>

namespace RebuildRadar {

class RegistryClient;

// A digest a tag pointed to in the past, as a registry's own tag history tells it.
struct PastDigest
{
    QString digest;
    qint64 from = 0;
    std::optional<qint64> until;
};

// Registries that publish tag histories: Chainguard (cgr.dev) and Quay.
namespace BackfillSource {
inline const QString Chainguard = QStringLiteral("chainguard");
inline const QString Quay = QStringLiteral("quay");
} // namespace BackfillSource

// Pure parsers of the two APIs' answers.
Result<QList<PastDigest>> parseChainguardHistory(const QByteArray &json);
struct QuayPage
{
    QList<PastDigest> entries;
    bool hasMore = false;
};
Result<QuayPage> parseQuayTags(const QByteArray &json, const QString &tag);

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

private:
    void fetchQuayPage(const ImageReference &tag, int page, std::shared_ptr<QList<PastDigest>> all,
                       QObject *context, Callback callback);
    RegistryClient &m_client;
    QMap<QString, QString> m_sources;
};

} // namespace RebuildRadar
