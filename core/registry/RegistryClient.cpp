#include "registry/RegistryClient.h"

#include "credentials/Credential.h"
#include "registry/ManifestParser.h"

#include <QDeadlineTimer>
#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QLocale>
#include <QLoggingCategory>
#include <QNetworkAccessManager>
#include <QNetworkProxyFactory>
#include <QNetworkRequest>
#include <QRandomGenerator>
#include <QRegularExpression>
#include <QTimer>
#include <QUrlQuery>

namespace RebuildRadar {

Q_LOGGING_CATEGORY(lcRegistry, "rebuildradar.registry")

namespace {
constexpr qint64 kMinTokenLifetimeMs = 60 * 1000;
constexpr qint64 kMaxTokenLifetimeMs = 24 * 60 * 60 * 1000;

// Qt reads an HTTP/1.1 answer's status line and headers one byte per read(), and on a socket it opens
// unbuffered (a plain-HTTP connection without a proxy) each byte is a system call: ~400 per HEAD, which
// more than doubles the CPU of an unchanged tag. Qt buffers the socket whenever the connection has a
// transparent proxy, and a DefaultProxy is one that the socket resolves itself through the
// application's proxy settings. So where those settings say "direct" for both the request and the
// socket's own query, the request gets a DefaultProxy: the same direct connection, read in blocks.
// Asking the system settings (libproxy) costs 0.06-0.1 ms, more with a PAC script, and Qt asks for
// every request: answers are kept a minute per scheme, host and port.
class BufferedDirectProxyFactory : public QNetworkProxyFactory
{
public:
    explicit BufferedDirectProxyFactory(const Clock &clock)
        : m_clock(clock)
    {}

    QList<QNetworkProxy> queryProxy(const QNetworkProxyQuery &query) override
    {
        const QUrl url = query.url();
        const QString key = url.scheme() + u'|' + url.host() + u'|' + QString::number(url.port(-1));
        const qint64 now = m_clock.nowMs();
        const auto known = m_known.constFind(key);
        if (known != m_known.constEnd() && now < known->until)
            return known->proxies;
        if (m_known.size() >= kMaxKnown)
            m_known.clear();
        const QList<QNetworkProxy> proxies = choose(query);
        m_known.insert(key, Known{now + kKeepMs, proxies});
        return proxies;
    }

private:
    static constexpr qint64 kKeepMs = 60 * 1000;
    static constexpr qsizetype kMaxKnown = 256;

    static QList<QNetworkProxy> choose(const QNetworkProxyQuery &query)
    {
        QList<QNetworkProxy> proxies = QNetworkProxyFactory::proxyForQuery(query);
        if (query.url().scheme() != QLatin1String("http") || !isDirect(proxies))
            return proxies;
        // the socket asks without a protocol tag, which may pick another proxy (all_proxy)
        const QNetworkProxyQuery socketQuery(query.peerHostName(), query.url().port(80), QString(),
                                             QNetworkProxyQuery::TcpSocket);
        if (!isDirect(QNetworkProxyFactory::proxyForQuery(socketQuery)))
            return proxies;
        return {QNetworkProxy(QNetworkProxy::DefaultProxy)};
    }
    static bool isDirect(const QList<QNetworkProxy> &proxies)
    {
        return !proxies.isEmpty() && proxies.first().type() == QNetworkProxy::NoProxy;
    }

    struct Known
    {
        qint64 until = 0;
        QList<QNetworkProxy> proxies;
    };
    const Clock &m_clock; // the client's, which outlives every request
    QHash<QString, Known> m_known;
};

bool hasExplanation(const QMap<QString, QString> &annotations)
{
    for (auto it = annotations.begin(); it != annotations.end(); ++it) {
        if (it.key() != Annotation::Source && Annotation::isInteresting(it.key()))
            return true;
    }
    return false;
}

QMap<QString, QString> interesting(const QMap<QString, QString> &all)
{
    QMap<QString, QString> out;
    for (auto it = all.begin(); it != all.end(); ++it) {
        if (Annotation::isInteresting(it.key()))
            out.insert(it.key(), it.value());
    }
    return out;
}

// Fills keys missing from `into` with those of `from`.
void mergeMissing(QMap<QString, QString> &into, const QMap<QString, QString> &from)
{
    for (auto it = from.begin(); it != from.end(); ++it) {
        if (!into.contains(it.key()))
            into.insert(it.key(), it.value());
    }
}

QString authority(const QUrl &url)
{
    return url.host().toLower() + u':' + QString::number(url.port(url.scheme() == u"https" ? 443 : 80));
}

} // namespace

// One logical request: its retries, redirects and auth round-trips.
struct RegistryClient::Exchange
{
    QString registry;
    QString repository;
    QByteArray method;
    QUrl url;
    QByteArray accept;
    QByteArray body;
    qint64 cap = 0;
    Auth auth = Auth::Registry;
    QList<QPair<QByteArray, QByteArray>> extraHeaders;
    QPointer<QObject> context;
    bool hasContext = false;
    ResponseCallback callback;

    QByteArray authorization;
    QString originAuthority; // Authorization is only ever sent here
    int attempt = 0;
    int redirects = 0;
    bool authRetried = false;
    bool tooLarge = false;
    bool timedOut = false;
    QNetworkReply *reply = nullptr;
};

struct RegistryClient::RegistryState
{
    int inFlight = 0;
    std::deque<Exchange *> queue;
    // Real time, not the injectable clock: it is waited on with QTimer.
    QDeadlineTimer pausedUntil{0};
    bool pumpScheduled = false;
    std::optional<AuthChallenge> bearer; // learned realm/service, so later repositories skip the 401
    bool basic = false;
    bool credentialKnown = false;
    std::optional<Credential> credential;
    QList<std::function<void(std::optional<Credential>)>> credentialWaiters;
};

QByteArray RegistryClient::Response::header(const QByteArray &name) const
{
    for (const auto &pair : headers) {
        if (pair.first.compare(name, Qt::CaseInsensitive) == 0)
            return pair.second;
    }
    return {};
}

RegistryClient::RegistryClient(QNetworkAccessManager *network, CredentialSource *credentials,
                               const Clock &clock, RegistryClientOptions options, QObject *parent)
    : QObject(parent)
    , m_network(network)
    , m_credentials(credentials)
    , m_clock(clock)
    , m_options(std::move(options))
{
    // unless the caller chose proxies for this manager itself
    if (!m_network->proxyFactory() && m_network->proxy().type() == QNetworkProxy::DefaultProxy)
        m_network->setProxyFactory(new BufferedDirectProxyFactory(m_clock));
}

RegistryClient::~RegistryClient()
{
    for (auto &exchange : m_exchanges) {
        if (exchange->reply) {
            exchange->reply->disconnect(this);
            exchange->reply->abort();
            exchange->reply->deleteLater();
        }
    }
}

void RegistryClient::clearAuthCache()
{
    m_tokens.clear();
    for (auto &[name, registry] : m_registries) {
        registry->credentialKnown = false;
        registry->credential.reset();
    }
}

RegistryClient::RegistryState &RegistryClient::state(const QString &registry)
{
    auto &slot = m_registries[registry];
    if (!slot)
        slot = std::make_unique<RegistryState>();
    return *slot;
}

QUrl RegistryClient::baseUrl(const QString &registry) const
{
    const bool plain = (m_options.plainHttpOnLoopback && ImageReference::isLoopbackRegistry(registry)) ||
                       m_options.insecureRegistries.contains(registry);
    const QString host = registry == u"docker.io" ? QStringLiteral("registry-1.docker.io") : registry;
    return QUrl((plain ? QStringLiteral("http://") : QStringLiteral("https://")) + host);
}

QString RegistryClient::scopeFor(const QString &repository) const
{
    return QStringLiteral("repository:%1:pull").arg(repository);
}

int RegistryClient::backoffMs(int attempt) const
{
    const qint64 base = qint64(m_options.backoffBaseMs) << std::min(attempt, 10);
    const qint64 jitter = QRandomGenerator::global()->bounded(qint64(base / 4 + 1));
    return int(std::min<qint64>(base + jitter, m_options.retryAfterCapMs));
}

// ---- transport -------------------------------------------------------------------------------

void RegistryClient::send(const QString &registry, const QString &repository, QByteArray method,
                          const QUrl &url, QByteArray accept, qint64 cap, QObject *context,
                          ResponseCallback callback, Auth auth,
                          QList<QPair<QByteArray, QByteArray>> extraHeaders, QByteArray body)
{
    auto exchange = std::make_unique<Exchange>();
    exchange->registry = registry;
    exchange->repository = repository;
    exchange->method = std::move(method);
    exchange->url = url;
    exchange->accept = std::move(accept);
    exchange->body = std::move(body);
    exchange->cap = cap;
    exchange->auth = auth;
    exchange->extraHeaders = std::move(extraHeaders);
    exchange->context = context;
    exchange->hasContext = context != nullptr;
    exchange->callback = std::move(callback);
    exchange->originAuthority = authority(url);
    Exchange *raw = exchange.get();
    m_exchanges.push_back(std::move(exchange));
    authorize(raw);
}

void RegistryClient::authorize(Exchange *exchange)
{
    if (exchange->auth == Auth::None) {
        enqueue(exchange);
        return;
    }
    RegistryState &registry = state(exchange->registry);
    if (registry.bearer) {
        fetchToken(exchange->registry, scopeFor(exchange->repository), this,
                   [this, exchange](Result<QByteArray> token) {
                       if (!token) {
                           finish(exchange, token.error());
                           return;
                       }
                       exchange->authorization = "Bearer " + token.value();
                       enqueue(exchange);
                   });
        return;
    }
    if (registry.basic) {
        withCredential(exchange->registry, this, [this, exchange](std::optional<Credential> credential) {
            if (!credential) {
                finish(exchange,
                       makeError(ErrorCode::AuthFailed,
                                 QStringLiteral("authentication required for %1: no credentials found")
                                     .arg(exchange->registry)));
                return;
            }
            exchange->authorization =
                "Basic " + (credential->username + u':' + credential->secret).toUtf8().toBase64();
            enqueue(exchange);
        });
        return;
    }
    enqueue(exchange);
}

void RegistryClient::enqueue(Exchange *exchange)
{
    state(exchange->registry).queue.push_back(exchange);
    pump(exchange->registry);
}

void RegistryClient::pump(const QString &name)
{
    RegistryState &registry = state(name);
    if (!registry.pausedUntil.hasExpired()) {
        if (!registry.pumpScheduled) {
            registry.pumpScheduled = true;
            QTimer::singleShot(int(registry.pausedUntil.remainingTime()), this, [this, name] {
                state(name).pumpScheduled = false;
                pump(name);
            });
        }
        return;
    }
    while (registry.inFlight < m_options.maxInFlightPerRegistry && !registry.queue.empty()) {
        Exchange *exchange = registry.queue.front();
        registry.queue.pop_front();
        ++registry.inFlight;
        dispatch(exchange);
    }
}

void RegistryClient::dispatch(Exchange *exchange)
{
    QNetworkRequest request(exchange->url);
    request.setAttribute(QNetworkRequest::RedirectPolicyAttribute, QNetworkRequest::ManualRedirectPolicy);
    request.setAttribute(QNetworkRequest::Http2AllowedAttribute, true);
    request.setAttribute(QNetworkRequest::CacheLoadControlAttribute, QNetworkRequest::AlwaysNetwork);
    request.setTransferTimeout(m_options.transferTimeoutMs);
    request.setHeader(QNetworkRequest::UserAgentHeader, QByteArray("rebuildradar/" REBUILDRADAR_VERSION));
    if (!exchange->accept.isEmpty())
        request.setRawHeader("Accept", exchange->accept);
    for (const auto &[name, value] : exchange->extraHeaders)
        request.setRawHeader(name, value);
    // Credentials never follow a redirect to another host.
    if (!exchange->authorization.isEmpty() && authority(exchange->url) == exchange->originAuthority)
        request.setRawHeader("Authorization", exchange->authorization);

    const RequestKind kind = exchange->auth == Auth::None ? RequestKind::Token
                             : exchange->method == "HEAD" ? RequestKind::Head
                                                          : RequestKind::Get;
    emit requestSent(exchange->registry, kind, exchange->url);
    qCDebug(lcRegistry) << exchange->method << exchange->url.toString(QUrl::RemoveQuery);

    QNetworkReply *reply = exchange->method == "HEAD" ? m_network->head(request)
                           : exchange->method == "GET"
                               ? m_network->get(request)
                               : m_network->sendCustomRequest(request, exchange->method, exchange->body);
    exchange->reply = reply;
    exchange->tooLarge = false;
    exchange->timedOut = false;
    const qint64 cap = exchange->cap;
    connect(reply, &QNetworkReply::metaDataChanged, this, [exchange, reply, cap] {
        const QVariant length = reply->header(QNetworkRequest::ContentLengthHeader);
        if (exchange->method != "HEAD" && length.isValid() && length.toLongLong() > cap) {
            exchange->tooLarge = true;
            reply->abort();
        }
    });
    connect(reply, &QNetworkReply::downloadProgress, this, [exchange, reply, cap](qint64 received, qint64) {
        if (received > cap) {
            exchange->tooLarge = true;
            reply->abort();
        }
    });
    auto *deadline = new QTimer(reply);
    deadline->setSingleShot(true);
    connect(deadline, &QTimer::timeout, this, [exchange, reply] {
        exchange->timedOut = true;
        reply->abort();
    });
    deadline->start(m_options.requestDeadlineMs);
    connect(reply, &QNetworkReply::finished, this, [this, exchange, reply] { onFinished(exchange, reply); });
}

void RegistryClient::onFinished(Exchange *exchange, QNetworkReply *reply)
{
    reply->deleteLater();
    exchange->reply = nullptr;
    RegistryState &registry = state(exchange->registry);
    --registry.inFlight;
    QTimer::singleShot(0, this, [this, name = exchange->registry] { pump(name); });

    const QString where = exchange->url.toString(QUrl::RemoveQuery | QUrl::RemoveUserInfo);
    if (exchange->tooLarge) {
        finish(exchange,
               makeError(
                   ErrorCode::TooLarge,
                   QStringLiteral("response from %1 is larger than %2 bytes").arg(where).arg(exchange->cap)));
        return;
    }
    const int status = reply->attribute(QNetworkRequest::HttpStatusCodeAttribute).toInt();
    Response response;
    response.status = status;
    response.url = exchange->url;
    response.headers = reply->rawHeaderPairs();
    if (reply->isOpen())
        response.body = reply->readAll();
    if (exchange->auth == Auth::Registry)
        noteRateLimit(exchange->registry, response);

    // Transport failures (reset, stalled transfer, deadline) may still carry a status line.
    const bool transportFailed =
        reply->error() != QNetworkReply::NoError && reply->error() < QNetworkReply::ContentAccessDenied;
    if (status == 0 || exchange->timedOut || transportFailed) {
        // Qt's transfer timeout cancels a reply that made no progress; header bytes are no progress,
        // so this also ends an answer whose headers never end (Qt caps neither their size nor count).
        const QString why =
            exchange->timedOut ? QStringLiteral("timed out")
            : reply->error() == QNetworkReply::OperationCanceledError
                ? QStringLiteral("stalled: no progress for %1 s").arg(m_options.transferTimeoutMs / 1000.0)
                : reply->errorString();
        if (++exchange->attempt < m_options.maxAttempts) {
            qCInfo(lcRegistry) << "retrying" << where << "after" << why;
            retryLater(exchange, backoffMs(exchange->attempt), 0);
            return;
        }
        finish(exchange, makeError(ErrorCode::Network, QStringLiteral("%1: %2").arg(where, why)));
        return;
    }
    if (status >= 300 && status < 400 && status != 304) {
        const QUrl location = exchange->url.resolved(QUrl::fromEncoded(response.header("Location")));
        if (!location.isValid() || location.isEmpty() || ++exchange->redirects > m_options.maxRedirects) {
            finish(exchange, makeError(ErrorCode::Protocol,
                                       QStringLiteral("%1: too many or invalid redirects").arg(where)));
            return;
        }
        if (location.scheme() != u"https" && location.scheme() != u"http") {
            finish(exchange, makeError(ErrorCode::Protocol,
                                       QStringLiteral("%1: redirect to a non-HTTP URL").arg(where)));
            return;
        }
        exchange->url = location;
        enqueue(exchange);
        return;
    }
    if (status == 401 && exchange->auth == Auth::Registry) {
        if (exchange->authRetried) {
            const bool hadCredential = registry.credentialKnown && registry.credential.has_value();
            finish(exchange,
                   makeError(ErrorCode::AuthFailed,
                             hadCredential
                                 ? QStringLiteral("authentication failed for %1").arg(exchange->registry)
                                 : QStringLiteral("authentication required for %1: no credentials "
                                                  "found, or anonymous access is not allowed")
                                       .arg(exchange->registry)));
            return;
        }
        exchange->authRetried = true;
        QList<QByteArray> values;
        for (const auto &pair : response.headers) {
            if (pair.first.compare("WWW-Authenticate", Qt::CaseInsensitive) == 0)
                values.append(pair.second);
        }
        const QList<AuthChallenge> challenges = parseWwwAuthenticate(values);
        auto bearer = std::find_if(challenges.begin(), challenges.end(), [](const AuthChallenge &c) {
            return c.scheme == u"bearer" && !c.param(QStringLiteral("realm")).isEmpty();
        });
        auto basic = std::find_if(challenges.begin(), challenges.end(),
                                  [](const AuthChallenge &c) { return c.scheme == u"basic"; });
        if (bearer != challenges.end()) {
            registry.bearer = *bearer;
            m_tokens.remove(exchange->registry + u'|' + scopeFor(exchange->repository));
        } else if (basic != challenges.end()) {
            registry.basic = true;
        } else {
            finish(
                exchange,
                makeError(ErrorCode::AuthFailed,
                          QStringLiteral("%1 asks for an authentication scheme Rebuild Radar does not speak")
                              .arg(exchange->registry)));
            return;
        }
        exchange->url = exchange->url.resolved(QUrl()); // unchanged; re-authorize and send again
        exchange->originAuthority = authority(exchange->url);
        authorize(exchange);
        return;
    }
    if (status == 429 || status >= 500) {
        if (++exchange->attempt >= m_options.maxAttempts) {
            finish(exchange,
                   makeError(status == 429 ? ErrorCode::RateLimited : ErrorCode::Network,
                             status == 429 ? QStringLiteral("%1 keeps answering 429 Too Many Requests")
                                                 .arg(exchange->registry)
                                           : QStringLiteral("%1: HTTP %2").arg(where).arg(status)));
            return;
        }
        int delay = backoffMs(exchange->attempt);
        if (status == 429) {
            if (auto retryAfter = parseRetryAfterMs(response.header("Retry-After"), m_clock.now()))
                delay = int(std::clamp<qint64>(*retryAfter, 0, m_options.retryAfterCapMs));
            // The whole registry waits, not just this request: that is what a 429 asks for.
            if (registry.pausedUntil.remainingTime() < delay)
                registry.pausedUntil.setRemainingTime(delay);
        }
        retryLater(exchange, delay, status);
        return;
    }
    if (status == 404) {
        finish(exchange, makeError(ErrorCode::NotFound, QStringLiteral("%1: not found").arg(where)));
        return;
    }
    if (status >= 400) {
        // A token service refuses a bad refresh token with OAuth2's 400 invalid_grant (RFC 6749 5.2).
        const bool refused =
            status == 401 || status == 403 || (status == 400 && exchange->auth == Auth::None);
        const ErrorCode code = refused ? ErrorCode::AuthFailed : ErrorCode::Protocol;
        finish(exchange,
               makeError(code, status == 403 ? QStringLiteral("access denied by %1").arg(exchange->registry)
                                             : QStringLiteral("%1: HTTP %2").arg(where).arg(status)));
        return;
    }
    finish(exchange, std::move(response));
}

void RegistryClient::retryLater(Exchange *exchange, int delayMs, int status)
{
    emit retryScheduled(exchange->registry, delayMs, status);
    QTimer::singleShot(delayMs, this, [this, exchange] { enqueue(exchange); });
}

void RegistryClient::finish(Exchange *exchange, Result<Response> result)
{
    auto it = std::find_if(m_exchanges.begin(), m_exchanges.end(),
                           [exchange](const auto &e) { return e.get() == exchange; });
    if (it == m_exchanges.end())
        return;
    std::unique_ptr<Exchange> owned = std::move(*it);
    m_exchanges.erase(it);
    if (owned->hasContext && !owned->context)
        return; // the caller is gone
    owned->callback(std::move(result));
}

void RegistryClient::noteRateLimit(const QString &registry, const Response &response)
{
    const RateLimit limit =
        parseRateLimit(response.header("RateLimit-Limit"), response.header("RateLimit-Remaining"));
    if (limit.remaining < 0)
        return;
    m_rateLimits.insert(registry, limit);
    emit rateLimitChanged(registry, limit);
}

// ---- credentials and tokens -------------------------------------------------------------------

void RegistryClient::withCredential(const QString &name, QObject *context,
                                    std::function<void(std::optional<Credential>)> done)
{
    RegistryState &registry = state(name);
    if (registry.credentialKnown || !m_credentials) {
        done(registry.credential);
        return;
    }
    registry.credentialWaiters.append(std::move(done));
    if (registry.credentialWaiters.size() > 1)
        return; // a lookup is under way
    m_credentials->lookup(name, context, [this, name](std::optional<Credential> credential) {
        RegistryState &r = state(name);
        r.credentialKnown = true;
        r.credential = std::move(credential);
        const auto waiters = std::exchange(r.credentialWaiters, {});
        for (const auto &waiter : waiters)
            waiter(r.credential);
    });
}

void RegistryClient::fetchToken(const QString &registry, const QString &scope, QObject *,
                                TokenCallback callback)
{
    const QString key = registry + u'|' + scope;
    const auto cached = m_tokens.constFind(key);
    if (cached != m_tokens.constEnd() && m_clock.nowMs() < cached->expiresAtMs) {
        callback(cached->token);
        return;
    }
    // One token request per repository at a time, however many requests wait for it.
    auto &waiters = m_pendingTokens[key];
    waiters.append(std::move(callback));
    if (waiters.size() > 1)
        return;
    const AuthChallenge challenge = *state(registry).bearer;
    withCredential(registry, this,
                   [this, registry, challenge, scope, key](std::optional<Credential> credential) {
                       requestToken(registry, challenge, scope, key, credential);
                   });
}

void RegistryClient::requestToken(const QString &registry, const AuthChallenge &challenge,
                                  const QString &scope, const QString &key,
                                  const std::optional<Credential> &credential)
{
    QUrl realm = baseUrl(registry).resolved(QUrl(challenge.param(QStringLiteral("realm"))));
    if (!realm.isValid() || (realm.scheme() != u"https" && realm.scheme() != u"http")) {
        finishToken(key, makeError(ErrorCode::Protocol,
                                   QStringLiteral("%1 names an invalid token realm").arg(registry)));
        return;
    }
    const bool secureRealm = realm.scheme() == u"https" ||
                             ImageReference::isLoopbackRegistry(realm.authority()) ||
                             m_options.insecureRegistries.contains(registry);
    const QString service = challenge.param(QStringLiteral("service"));
    QList<QPair<QByteArray, QByteArray>> headers;
    QByteArray method = "GET";
    QByteArray body;
    if (credential && secureRealm && credential->isIdentityToken) {
        // OAuth2 refresh-token grant, as Docker does with identity tokens.
        QUrlQuery form;
        form.addQueryItem(QStringLiteral("grant_type"), QStringLiteral("refresh_token"));
        form.addQueryItem(QStringLiteral("refresh_token"), credential->secret);
        form.addQueryItem(QStringLiteral("service"), service);
        form.addQueryItem(QStringLiteral("scope"), scope);
        form.addQueryItem(QStringLiteral("client_id"), QStringLiteral("rebuildradar"));
        method = "POST";
        body = form.toString(QUrl::FullyEncoded).toUtf8();
        headers.append(
            qMakePair(QByteArray("Content-Type"), QByteArray("application/x-www-form-urlencoded")));
    } else {
        QUrlQuery query(realm);
        if (!service.isEmpty())
            query.addQueryItem(QStringLiteral("service"), service);
        query.addQueryItem(QStringLiteral("scope"), scope);
        realm.setQuery(query);
        if (credential && secureRealm) {
            headers.append(
                {"Authorization",
                 "Basic " + (credential->username + u':' + credential->secret).toUtf8().toBase64()});
        }
    }
    send(
        registry, {}, method, realm, "application/json", m_options.tokenCap, this,
        [this, registry, key, credential](Result<Response> response) {
            if (!response) {
                Error error = response.error();
                if (error.code == ErrorCode::AuthFailed)
                    error.message =
                        credential ? QStringLiteral("authentication failed for %1").arg(registry)
                                   : QStringLiteral("authentication required for %1: no credentials found")
                                         .arg(registry);
                finishToken(key, error);
                return;
            }
            const QJsonDocument document = QJsonDocument::fromJson(response->body);
            const QJsonObject answer = document.object();
            QString token = answer.value(QStringLiteral("token")).toString();
            if (token.isEmpty())
                token = answer.value(QStringLiteral("access_token")).toString();
            if (token.isEmpty() || token.size() > 64 * 1024 ||
                token.contains(QRegularExpression(QStringLiteral("[\\s\\x00-\\x1f]")))) {
                finishToken(
                    key, makeError(ErrorCode::Protocol,
                                   QStringLiteral("%1's token service gave no usable token").arg(registry)));
                return;
            }
            qint64 lifetimeMs = qint64(answer.value(QStringLiteral("expires_in")).toDouble(0) * 1000);
            lifetimeMs = std::clamp(lifetimeMs, kMinTokenLifetimeMs, kMaxTokenLifetimeMs);
            qint64 issuedMs = m_clock.nowMs();
            const QDateTime issued = QDateTime::fromString(
                answer.value(QStringLiteral("issued_at")).toString(), Qt::ISODateWithMs);
            // issued_at only moves expiry earlier: a server clock ahead of ours must not extend it
            if (issued.isValid())
                issuedMs = std::min(issuedMs, issued.toMSecsSinceEpoch());
            // renew a little before the server would refuse it
            const qint64 margin = std::min<qint64>(lifetimeMs / 10, 30 * 1000);
            m_tokens.insert(key, TokenEntry{token.toUtf8(), issuedMs + lifetimeMs - margin});
            finishToken(key, token.toUtf8());
        },
        Auth::None, headers, body);
}

void RegistryClient::finishToken(const QString &key, Result<QByteArray> result)
{
    const auto waiters = m_pendingTokens.take(key);
    for (const auto &waiter : waiters)
        waiter(result);
}

// ---- resolve ----------------------------------------------------------------------------------

void RegistryClient::resolve(const ImageReference &reference, const ResolveHints &hints, QObject *context,
                             ResolveCallback callback)
{
    const QString target = reference.hasTag() ? reference.tag() : reference.digest();
    QUrl url = baseUrl(reference.registry());
    url.setPath(QStringLiteral("/v2/%1/manifests/%2").arg(reference.repository(), target));
    QPointer<QObject> guard(context);
    send(reference.registry(), reference.repository(), "HEAD", url, MediaType::acceptHeader(), 0, context,
         [this, reference, hints, url, guard, callback](Result<Response> head) {
             if (!head) {
                 callback(head.error());
                 return;
             }
             TagState state;
             state.digest = QString::fromLatin1(head->header("Docker-Content-Digest")).trimmed();
             state.mediaType =
                 QString::fromLatin1(head->header("Content-Type")).section(u';', 0, 0).trimmed();
             if (isValidDigest(state.digest)) {
                 if (state.digest == hints.knownDigest) {
                     callback(std::move(state)); // unchanged: one HEAD, nothing else
                     return;
                 }
                 fetchDetails(reference, hints, std::move(state), {}, guard, callback);
                 return;
             }
             // No usable digest header: GET the manifest and hash the exact bytes.
             send(reference.registry(), reference.repository(), "GET", url, MediaType::acceptHeader(),
                  m_options.manifestCap, guard,
                  [this, reference, hints, guard, callback](Result<Response> get) {
                      if (!get) {
                          callback(get.error());
                          return;
                      }
                      TagState s;
                      s.digest = sha256Digest(get->body);
                      const QString header =
                          QString::fromLatin1(get->header("Docker-Content-Digest")).trimmed();
                      if (!header.isEmpty() && header != s.digest) {
                          callback(makeError(ErrorCode::DigestMismatch,
                                             QStringLiteral("%1 says digest %2 but the manifest hashes to %3")
                                                 .arg(reference.registry(), header, s.digest)));
                          return;
                      }
                      s.mediaType =
                          QString::fromLatin1(get->header("Content-Type")).section(u';', 0, 0).trimmed();
                      if (s.digest == hints.knownDigest) {
                          callback(std::move(s));
                          return;
                      }
                      fetchDetails(reference, hints, std::move(s), get->body, guard, callback);
                  });
         });
}

void RegistryClient::getVerified(const ImageReference &reference, const QString &path, const QString &digest,
                                 qint64 cap, QObject *context, std::function<void(Result<Response>)> callback)
{
    QUrl url = baseUrl(reference.registry());
    url.setPath(path);
    const QByteArray accept =
        path.contains(QStringLiteral("/manifests/")) ? MediaType::acceptHeader() : QByteArray("*/*");
    send(reference.registry(), reference.repository(), "GET", url, accept, cap, context,
         [reference, digest, callback](Result<Response> response) {
             if (response && digest.startsWith(QStringLiteral("sha256:")) &&
                 sha256Digest(response->body) != digest) {
                 callback(makeError(ErrorCode::DigestMismatch,
                                    QStringLiteral("%1 served content that does not match %2")
                                        .arg(reference.registry(), digest)));
                 return;
             }
             callback(std::move(response));
         });
}

void RegistryClient::fetchDetails(const ImageReference &reference, const ResolveHints &hints, TagState state,
                                  QByteArray body, QObject *context, ResolveCallback callback)
{
    if (body.isEmpty()) {
        getVerified(
            reference, QStringLiteral("/v2/%1/manifests/%2").arg(reference.repository(), state.digest),
            state.digest, m_options.manifestCap, context,
            [this, reference, hints, state, context, callback](Result<Response> response) mutable {
                if (!response) {
                    callback(response.error());
                    return;
                }
                if (state.mediaType.isEmpty())
                    state.mediaType =
                        QString::fromLatin1(response->header("Content-Type")).section(u';', 0, 0).trimmed();
                QByteArray fetched = response->body;
                if (fetched.isEmpty()) {
                    callback(
                        makeError(ErrorCode::Protocol,
                                  QStringLiteral("%1 sent an empty manifest").arg(reference.registry())));
                    return;
                }
                fetchDetails(reference, hints, std::move(state), std::move(fetched), context, callback);
            });
        return;
    }
    auto manifest = parseManifest(body, state.mediaType);
    if (!manifest) {
        callback(manifest.error());
        return;
    }
    state.mediaType = manifest->mediaType;
    state.annotations = interesting(manifest->annotations);
    state.detailed = true;

    // Work shared by the per-platform lookups below; the callback fires when the last one is done.
    struct Pending
    {
        TagState state;
        int outstanding = 1;
        std::optional<Error> error;
        ResolveCallback callback;
    };
    auto pending = std::make_shared<Pending>(Pending{std::move(state), 1, std::nullopt, callback});
    auto done = [pending] {
        if (--pending->outstanding > 0)
            return;
        if (pending->error)
            pending->callback(*pending->error);
        else
            pending->callback(std::move(pending->state));
    };

    // Reads the config blob of an image manifest: its platform, created time and OCI labels. Details
    // are best effort: a digest change is recorded even when they cannot be read.
    auto readConfig = [this, reference, context, pending,
                       done](const QString &platformKeyHint, const QString &manifestDigest,
                             const QMap<QString, QString> &baseAnnotations, const Descriptor &config) {
        ++pending->outstanding;
        getVerified(
            reference, QStringLiteral("/v2/%1/blobs/%2").arg(reference.repository(), config.digest),
            config.digest, m_options.configCap, context,
            [pending, done, platformKeyHint, manifestDigest, baseAnnotations](Result<Response> response) {
                auto parsed =
                    response ? parseImageConfig(response->body) : Result<ImageConfig>(response.error());
                if (!parsed) {
                    qCInfo(lcRegistry) << "no image config details:" << parsed.error().message;
                    if (!platformKeyHint.isEmpty())
                        pending->state.platforms[platformKeyHint].digest = manifestDigest;
                    done();
                    return;
                }
                const QString key = platformKeyHint.isEmpty() ? parsed->platform : platformKeyHint;
                if (!key.isEmpty()) {
                    PlatformImage &image = pending->state.platforms[key];
                    image.digest = manifestDigest;
                    mergeMissing(image.annotations, baseAnnotations);
                    mergeMissing(image.annotations, interesting(parsed->labels));
                    if (!parsed->created.isEmpty() && !image.annotations.contains(Annotation::Created))
                        image.annotations.insert(Annotation::ConfigCreated, parsed->created);
                }
                done();
            });
    };

    if (!manifest->isIndex) {
        if (hints.digestsOnly) {
            done();
            return;
        }
        if (!manifest->schema1Platform.isEmpty())
            pending->state.platforms.insert(manifest->schema1Platform,
                                            PlatformImage{pending->state.digest, {}});
        else if (!manifest->config.digest.isEmpty())
            readConfig({}, pending->state.digest, pending->state.annotations, manifest->config);
        done();
        return;
    }

    int detailed = 0;
    const QMap<QString, PlatformImage> knownManifests =
        hints.loadKnownManifests ? hints.loadKnownManifests() : hints.knownManifests;
    for (const Descriptor &descriptor : manifest->manifests) {
        if (descriptor.isAttestationOrUnknown())
            continue;
        PlatformImage image{descriptor.digest, interesting(descriptor.annotations)};
        if (const auto known = knownManifests.find(descriptor.digest); known != knownManifests.end()) {
            mergeMissing(image.annotations, known->annotations);
            pending->state.platforms.insert(descriptor.platform, image);
            continue;
        }
        pending->state.platforms.insert(descriptor.platform, image);
        if (hints.digestsOnly || hasExplanation(image.annotations) ||
            detailed >= m_options.maxDetailedPlatforms)
            continue;
        // The descriptor says nothing: read the platform's manifest, then its config.
        ++detailed;
        ++pending->outstanding;
        const QString platform = descriptor.platform;
        getVerified(
            reference, QStringLiteral("/v2/%1/manifests/%2").arg(reference.repository(), descriptor.digest),
            descriptor.digest, m_options.manifestCap, context,
            [pending, done, platform, readConfig, digest = descriptor.digest](Result<Response> response) {
                if (!response) {
                    qCInfo(lcRegistry) << "no details for" << platform << ":" << response.error().message;
                    done();
                    return;
                }
                auto child =
                    parseManifest(response->body, QString::fromLatin1(response->header("Content-Type")));
                if (child && !child->isIndex) {
                    mergeMissing(pending->state.platforms[platform].annotations,
                                 interesting(child->annotations));
                    if (!hasExplanation(pending->state.platforms[platform].annotations) &&
                        !child->config.digest.isEmpty())
                        readConfig(platform, digest, {}, child->config);
                }
                done();
            });
    }
    done();
}

void RegistryClient::get(const ImageReference &repository, const QString &pathAndQuery, QObject *context,
                         BodyCallback callback)
{
    const QUrl url = baseUrl(repository.registry()).resolved(QUrl(pathAndQuery));
    send(repository.registry(), repository.repository(), "GET", url, "application/json",
         m_options.manifestCap, context, [callback](Result<Response> response) {
             if (!response)
                 callback(response.error());
             else
                 callback(response->body);
         });
}

// ---- tags ---------------------------------------------------------------------------------------

void RegistryClient::listTags(const ImageReference &repository, QObject *context, TagsCallback callback)
{
    QUrl url = baseUrl(repository.registry());
    url.setPath(QStringLiteral("/v2/%1/tags/list").arg(repository.repository()));
    url.setQuery(QStringLiteral("n=1000"));
    listTagsPage(repository, url, std::make_shared<QStringList>(), 0, context, std::move(callback));
}

void RegistryClient::listTagsPage(const ImageReference &repository, const QUrl &url,
                                  std::shared_ptr<QStringList> tags, int page, QObject *context,
                                  TagsCallback callback)
{
    QPointer<QObject> guard(context);
    send(repository.registry(), repository.repository(), "GET", url, "application/json",
         m_options.manifestCap, context,
         [this, repository, tags, page, guard, callback](Result<Response> response) {
             if (!response) {
                 callback(response.error());
                 return;
             }
             QJsonParseError parseError;
             const QJsonDocument document = QJsonDocument::fromJson(response->body, &parseError);
             if (parseError.error != QJsonParseError::NoError || !document.isObject()) {
                 callback(makeError(ErrorCode::Protocol,
                                    QStringLiteral("malformed tag list from %1").arg(repository.registry())));
                 return;
             }
             for (const QJsonValue &tag : document.object().value(QStringLiteral("tags")).toArray()) {
                 if (tag.isString())
                     tags->append(tag.toString());
             }
             const QUrl next = nextLink(response->header("Link"), response->url);
             if (next.isEmpty() || page + 1 >= m_options.maxTagPages || tags->size() >= m_options.maxTags) {
                 tags->removeDuplicates();
                 callback(*tags);
                 return;
             }
             // Pagination stays on the registry: a Link elsewhere is ignored.
             if (authority(next) != authority(response->url)) {
                 callback(*tags);
                 return;
             }
             listTagsPage(repository, next, tags, page + 1, guard, callback);
         });
}

// ---- header parsing -----------------------------------------------------------------------------

RateLimit parseRateLimit(const QByteArray &limitHeader, const QByteArray &remainingHeader)
{
    auto parse = [](const QByteArray &value, int *window) {
        const QList<QByteArray> parts = value.split(';');
        bool ok = false;
        const int count = parts.value(0).trimmed().toInt(&ok);
        for (const QByteArray &part : parts.mid(1)) {
            const QByteArray p = part.trimmed();
            if (p.startsWith("w=") && window)
                *window = p.mid(2).toInt();
        }
        return ok ? count : -1;
    };
    RateLimit limit;
    limit.limit = parse(limitHeader, &limit.windowSeconds);
    limit.remaining = parse(remainingHeader, limit.windowSeconds ? nullptr : &limit.windowSeconds);
    return limit;
}

std::optional<qint64> parseRetryAfterMs(const QByteArray &value, const QDateTime &now)
{
    const QByteArray trimmed = value.trimmed();
    if (trimmed.isEmpty())
        return std::nullopt;
    bool ok = false;
    const qint64 seconds = trimmed.toLongLong(&ok);
    if (ok)
        return seconds < 0 ? std::nullopt
                           : std::optional<qint64>(std::min<qint64>(seconds, 1LL << 40) * 1000);
    // IMF-fixdate, as HTTP sends it: "Sun, 06 Nov 1994 08:49:37 GMT"
    QDateTime date = QLocale::c().toDateTime(QString::fromLatin1(trimmed),
                                             QStringLiteral("ddd, dd MMM yyyy HH:mm:ss 'GMT'"));
    date.setTimeSpec(Qt::UTC);
    if (!date.isValid())
        return std::nullopt;
    return std::max<qint64>(0, now.msecsTo(date));
}

QUrl nextLink(const QByteArray &linkHeader, const QUrl &base)
{
    for (const QByteArray &part : linkHeader.split(',')) {
        const qsizetype open = part.indexOf('<');
        const qsizetype close = part.indexOf('>', open);
        if (open < 0 || close < 0)
            continue;
        const QByteArray params = part.mid(close + 1).toLower();
        if (params.contains("rel=\"next\"") || params.contains("rel=next"))
            return base.resolved(QUrl::fromEncoded(part.mid(open + 1, close - open - 1)));
    }
    return {};
}

} // namespace RebuildRadar
