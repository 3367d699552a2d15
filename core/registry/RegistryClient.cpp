// The facade over the registry client's parts: it wires the transport (requests, retries, queues), the
// authorization (schemes, credentials, tokens), the manifest walk of resolve() and the tag listing, and
// forwards the transport's signals as its own.
#include "registry/RegistryClient.h"

#include "registry/BufferedDirectProxyFactory.h"
#include "registry/ManifestWalk.h"
#include "registry/RegistryAuth.h"
#include "registry/TagList.h"

#include <QCryptographicHash>
#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QNetworkAccessManager>
#include <QRegularExpression>

namespace RebuildRadar {

RegistryClient::RegistryClient(QNetworkAccessManager *network, CredentialSource *credentials,
                               const Clock &clock, RegistryClientOptions options, QObject *parent)
    : QObject(parent)
    , m_options(std::move(options))
    , m_transport(std::make_unique<RegistryTransport>(network, clock, m_options))
    , m_auth(std::make_unique<RegistryAuth>(*m_transport, credentials, clock, m_options))
{
    m_transport->setAuthorizer(m_auth.get());
    connect(m_transport.get(), &RegistryTransport::requestSent, this, &RegistryClient::requestSent);
    connect(m_transport.get(), &RegistryTransport::rateLimitChanged, this, &RegistryClient::rateLimitChanged);
    connect(m_transport.get(), &RegistryTransport::retryScheduled, this, &RegistryClient::retryScheduled);
    // unless the caller chose proxies for this manager itself
    if (!network->proxyFactory() && network->proxy().type() == QNetworkProxy::DefaultProxy)
        network->setProxyFactory(new BufferedDirectProxyFactory(clock));
}

RegistryClient::~RegistryClient()
{
    // The walks first: they send through the transport and the authorization.
    for (ManifestWalk *walk : findChildren<ManifestWalk *>(Qt::FindDirectChildrenOnly))
        delete walk;
    m_transport->setAuthorizer(nullptr);
}

RateLimit RegistryClient::rateLimit(const QString &registry) const
{
    return m_transport->rateLimit(registry);
}

void RegistryClient::clearAuthCache()
{
    m_auth->clear();
}

void RegistryClient::resolve(const ImageReference &reference, const ResolveHints &hints, QObject *context,
                             ResolveCallback callback)
{
    ManifestWalk::start(*m_transport, m_options, reference, hints, context, std::move(callback), this);
}

void RegistryClient::listTags(const ImageReference &repository, QObject *context, TagsCallback callback)
{
    fetchTagList(*m_transport, m_options, repository, context, std::move(callback));
}

void RegistryClient::get(const ImageReference &repository, const QString &pathAndQuery, QObject *context,
                         BodyCallback callback)
{
    RegistryRequest request;
    request.registry = repository.registry();
    request.repository = repository.repository();
    request.url = m_transport->baseUrl(repository.registry()).resolved(QUrl(pathAndQuery));
    request.accept = "application/json";
    request.cap = m_options.manifestCap;
    m_transport->send(std::move(request), context, [callback](Result<Response> response) {
        if (!response)
            callback(response.error());
        else
            callback(response->body);
    });
}

namespace {

bool isDigest(const QString &reference)
{
    static const QRegularExpression pattern(QStringLiteral("^sha(256|512):[0-9a-f]{64,128}$"));
    return pattern.match(reference).hasMatch();
}

std::optional<QCryptographicHash::Algorithm> digestAlgorithm(const QString &digest)
{
    if (digest.startsWith(u"sha256:") && digest.size() == 7 + 64)
        return QCryptographicHash::Sha256;
    if (digest.startsWith(u"sha512:") && digest.size() == 7 + 128)
        return QCryptographicHash::Sha512;
    return std::nullopt;
}

QString digestOf(QCryptographicHash::Algorithm algorithm, const QByteArray &bytes)
{
    return (algorithm == QCryptographicHash::Sha512 ? QStringLiteral("sha512:") : QStringLiteral("sha256:")) +
           QString::fromLatin1(QCryptographicHash::hash(bytes, algorithm).toHex());
}

} // namespace

void RegistryClient::fetchManifest(const ImageReference &repository, const QString &reference,
                                   QObject *context, ManifestCallback callback)
{
    RegistryRequest request;
    request.registry = repository.registry();
    request.repository = repository.repository();
    request.url =
        m_transport->baseUrl(repository.registry())
            .resolved(QUrl(QStringLiteral("/v2/%1/manifests/%2").arg(repository.repository(), reference)));
    request.accept = MediaType::acceptHeader();
    request.cap = m_options.manifestCap;
    request.followUp = true;
    m_transport->send(std::move(request), context, [callback, reference](Result<Response> response) {
        if (!response) {
            callback(response.error());
            return;
        }
        FetchedManifest out;
        out.body = response->body;
        out.mediaType = QString::fromLatin1(response->header("Content-Type")).section(u';', 0, 0).trimmed();
        const auto algorithm = digestAlgorithm(reference);
        out.digest = digestOf(algorithm.value_or(QCryptographicHash::Sha256), out.body);
        if (isDigest(reference) && algorithm && out.digest != reference) {
            callback(makeError(ErrorCode::DigestMismatch,
                               QStringLiteral("manifest %1 does not match its digest").arg(reference)));
            return;
        }
        if (out.mediaType.isEmpty() || out.mediaType == u"application/json" ||
            out.mediaType == u"application/octet-stream") {
            const QJsonObject root = QJsonDocument::fromJson(out.body).object();
            out.mediaType = root.value(QStringLiteral("mediaType")).toString(out.mediaType);
        }
        callback(std::move(out));
    });
}

void RegistryClient::fetchBlob(const ImageReference &repository, const QString &digest, qint64 cap,
                               BodySink sink, QObject *context, BlobCallback callback)
{
    const auto algorithm = digestAlgorithm(digest);
    if (!algorithm || !isDigest(digest)) {
        callback(makeError(ErrorCode::InvalidInput, QStringLiteral("not a blob digest: %1").arg(digest)));
        return;
    }
    // The hash and the counts live as long as the request: the transport keeps the sink.
    struct State
    {
        explicit State(QCryptographicHash::Algorithm a)
            : hash(a)
        {}
        QCryptographicHash hash;
        qint64 size = 0;
        qint64 transferred = 0;
    };
    auto state = std::make_shared<State>(*algorithm);
    auto streamed = std::make_shared<BodySink>();
    streamed->chunk = [state, inner = sink.chunk](QByteArrayView chunk) -> Status {
        state->hash.addData(chunk);
        state->size += chunk.size();
        state->transferred += chunk.size();
        return inner ? inner(chunk) : Status(Ok{});
    };
    streamed->restart = [state, inner = sink.restart] {
        state->hash.reset();
        state->size = 0;
        if (inner)
            inner();
    };
    RegistryRequest request;
    request.registry = repository.registry();
    request.repository = repository.repository();
    request.url = m_transport->baseUrl(repository.registry())
                      .resolved(QUrl(QStringLiteral("/v2/%1/blobs/%2").arg(repository.repository(), digest)));
    request.accept = "*/*";
    request.cap = cap;
    request.followUp = true;
    request.kind = RequestKind::Blob;
    request.sink = streamed;
    m_transport->send(std::move(request), context, [callback, state, digest](Result<Response> response) {
        if (!response) {
            callback(response.error());
            return;
        }
        const QString received =
            (digest.startsWith(u"sha512:") ? QStringLiteral("sha512:") : QStringLiteral("sha256:")) +
            QString::fromLatin1(state->hash.result().toHex());
        if (received != digest) {
            callback(makeError(ErrorCode::DigestMismatch,
                               QStringLiteral("blob %1 does not match its digest").arg(digest)));
            return;
        }
        callback(BlobReceived{state->size, state->transferred});
    });
}

void RegistryClient::fetchReferrers(const ImageReference &repository, const QString &digest, QObject *context,
                                    ReferrersCallback callback)
{
    RegistryRequest request;
    request.registry = repository.registry();
    request.repository = repository.repository();
    request.url =
        m_transport->baseUrl(repository.registry())
            .resolved(QUrl(QStringLiteral("/v2/%1/referrers/%2").arg(repository.repository(), digest)));
    request.accept = MediaType::OciIndex.toLatin1();
    request.cap = m_options.manifestCap;
    request.followUp = true;
    m_transport->send(std::move(request), context, [callback](Result<Response> response) {
        if (!response) {
            // 404: the registry has no referrers API (or nothing refers to it): no referrers.
            if (response.error().code == ErrorCode::NotFound)
                callback(QList<Descriptor>{});
            else
                callback(response.error());
            return;
        }
        auto index = parseManifest(response->body, QString::fromLatin1(response->header("Content-Type")));
        if (!index || !index->isIndex) {
            callback(QList<Descriptor>{}); // an answer that is no index: as good as unsupported
            return;
        }
        callback(index->manifests);
    });
}

} // namespace RebuildRadar
