// The facade over the registry client's parts: it wires the transport (requests, retries, queues), the
// authorization (schemes, credentials, tokens), the manifest walk of resolve() and the tag listing, and
// forwards the transport's signals as its own.
#include "registry/RegistryClient.h"

#include "registry/BufferedDirectProxyFactory.h"
#include "registry/ManifestWalk.h"
#include "registry/RegistryAuth.h"
#include "registry/TagList.h"

#include <QNetworkAccessManager>

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

} // namespace RebuildRadar
