// The registry client's public face: resolve a tag's digest and details, list a repository's tags,
// GET other paths of a registry, and read the rate limits registries report. It composes the parts that
// do the work and owns the options they share.
#pragma once

#include "common/Clock.h"
#include "common/Result.h"
#include "domain/Image.h"
#include "reference/ImageReference.h"
#include "registry/ManifestParser.h"
#include "registry/RegistryClientOptions.h"
#include "registry/RegistryHeaders.h"
#include "registry/RegistryTransport.h"

#include <QMap>
#include <QObject>

#include <functional>
#include <memory>

class QNetworkAccessManager;

namespace RebuildRadar {

class CredentialSource;
class RegistryAuth;

struct ResolveHints
{
    QString knownDigest;                         // unchanged → one HEAD, nothing else
    QMap<QString, PlatformImage> knownManifests; // by manifest digest: details already stored
    // or, read only if the digest moved (the poller's case: details live in the store)
    std::function<QMap<QString, PlatformImage>()> loadKnownManifests = {};
    bool digestsOnly = false; // the index and its platform digests, no child manifests or configs
};

// Talks to OCI/Docker registries: digests, manifests, tags, bearer tokens, rate limits.
// Asynchronous on the thread it lives on; callbacks run there and are dropped when their context dies.
// A facade: RegistryTransport sends, RegistryAuth authorizes, ManifestWalk resolves, TagList lists.
class RegistryClient : public QObject
{
    Q_OBJECT
public:
    // Gives `network` the proxy choice of BufferedDirectProxyFactory.h, unless its owner set proxies.
    RegistryClient(QNetworkAccessManager *network, CredentialSource *credentials, const Clock &clock,
                   RegistryClientOptions options = {}, QObject *parent = nullptr);
    ~RegistryClient() override;

    using ResolveCallback = std::function<void(Result<TagState>)>;
    void resolve(const ImageReference &reference, const ResolveHints &hints, QObject *context,
                 ResolveCallback callback);

    using TagsCallback = std::function<void(Result<QStringList>)>;
    void listTags(const ImageReference &repository, QObject *context, TagsCallback callback);

    // An authenticated GET of another path on the repository's registry (tag history APIs), body capped.
    using BodyCallback = std::function<void(Result<QByteArray>)>;
    void get(const ImageReference &repository, const QString &pathAndQuery, QObject *context,
             BodyCallback callback);

    // Content for analysing what is inside an image (issue 21).
    struct FetchedManifest
    {
        QByteArray body; // the exact bytes, verified against the digest asked for
        QString mediaType;
        QString digest;
    };
    using ManifestCallback = std::function<void(Result<FetchedManifest>)>;
    // GET of a manifest by digest or tag (every manifest type accepted, capped at manifestCap). A
    // missing manifest is ErrorCode::NotFound.
    void fetchManifest(const ImageReference &repository, const QString &reference, QObject *context,
                       ManifestCallback callback);

    struct BlobReceived
    {
        qint64 size = 0;        // bytes of the blob
        qint64 transferred = 0; // bytes received, retries included
    };
    using BlobCallback = std::function<void(Result<BlobReceived>)>;
    // Streams the blob to `sink` in chunks as it arrives (redirects followed, as registries send blobs
    // to storage hosts, without credentials), at most `cap` bytes (ErrorCode::TooLarge beyond), and
    // verifies the digest once complete (ErrorCode::DigestMismatch). requestSent reports it as a Blob.
    void fetchBlob(const ImageReference &repository, const QString &digest, qint64 cap, BodySink sink,
                   QObject *context, BlobCallback callback);
    // The OCI referrers of `digest` (GET /v2/<name>/referrers/<digest>); none where the registry
    // does not support the API (404).
    using ReferrersCallback = std::function<void(Result<QList<Descriptor>>)>;
    void fetchReferrers(const ImageReference &repository, const QString &digest, QObject *context,
                        ReferrersCallback callback);

    RateLimit rateLimit(const QString &registry) const;
    const RegistryClientOptions &options() const { return m_options; }
    void setInsecureRegistries(const QSet<QString> &registries) { m_options.insecureRegistries = registries; }
    // Forget tokens and looked-up credentials (after the user changed a login).
    void clearAuthCache();

    using Response = RegistryResponse;

signals:
    void requestSent(const QString &registry, RequestKind kind, const QUrl &url);
    void rateLimitChanged(const QString &registry, const RateLimit &limit);
    // A request will be sent again after `delayMs` (429, 5xx or a network error).
    void retryScheduled(const QString &registry, int delayMs, int status);

private:
    RegistryClientOptions m_options;
    std::unique_ptr<RegistryTransport> m_transport;
    std::unique_ptr<RegistryAuth> m_auth;
};

} // namespace RebuildRadar
