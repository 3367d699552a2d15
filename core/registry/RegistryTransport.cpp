// Sends the registry client's HTTP requests: queues them per registry (at most maxInFlightPerRegistry
// at once, everything paused after a 429), sets stall timers and deadlines, caps bodies, follows
// redirects by hand, retries 429, 5xx and network failures with backoff or Retry-After, turns statuses
// into errors, and hands 401 challenges and the choice of Authorization to the Authorizer. A request
// whose context is destroyed (or cancel()led) is dropped wherever it is: queued, in flight or waiting.
#include "registry/RegistryTransport.h"

#include "reference/ImageReference.h"

#include <QLoggingCategory>
#include <QNetworkAccessManager>
#include <QNetworkRequest>
#include <QRandomGenerator>
#include <QSslError>
#include <QTimer>

#include <optional>

namespace RebuildRadar {

Q_LOGGING_CATEGORY(lcTransport, "rebuildradar.registry.transport")

struct RegistryTransport::Exchange
{
    quint64 id = 0;
    RegistryRequest request; // its url follows redirects
    QPointer<QObject> context;
    bool hasContext = false;
    QMetaObject::Connection contextWatch;
    Callback callback;

    QByteArray authorization;
    QString originAuthority; // Authorization is only ever sent here
    int attempt = 0;
    int redirects = 0;
    bool authRetried = false;
    bool tooLarge = false;
    bool timedOut = false;
    bool tooSlow = false; // fewer than minTransferBytes in a window
    bool rateWatched = false;
    qint64 received = 0;   // body bytes of this attempt
    qint64 windowMark = 0; // `received` when the current window began
    QStringList sslErrors; // why the certificate was refused
    QNetworkReply *reply = nullptr;
    bool streamed = false;          // this attempt's body went (partly) to the sink
    std::optional<Error> sinkError; // the sink refused a chunk
};

QByteArray RegistryResponse::header(const QByteArray &name) const
{
    for (const auto &pair : headers) {
        if (pair.first.compare(name, Qt::CaseInsensitive) == 0)
            return pair.second;
    }
    return {};
}

RegistryTransport::RegistryTransport(QNetworkAccessManager *network, const Clock &clock,
                                     const RegistryClientOptions &options, QObject *parent)
    : QObject(parent)
    , m_network(network)
    , m_clock(clock)
    , m_options(options)
{}

RegistryTransport::~RegistryTransport()
{
    for (auto &[id, exchange] : m_exchanges) {
        if (exchange->reply) {
            exchange->reply->disconnect(this);
            exchange->reply->abort();
            exchange->reply->deleteLater();
        }
    }
}

QString RegistryTransport::authority(const QUrl &url)
{
    return url.host().toLower() + u':' + QString::number(url.port(url.scheme() == u"https" ? 443 : 80));
}

QUrl RegistryTransport::baseUrl(const QString &registry) const
{
    const bool plain = (m_options.plainHttpOnLoopback && ImageReference::isLoopbackRegistry(registry)) ||
                       m_options.insecureRegistries.contains(registry);
    const QString host = registry == u"docker.io" ? QStringLiteral("registry-1.docker.io") : registry;
    return QUrl((plain ? QStringLiteral("http://") : QStringLiteral("https://")) + host);
}

int RegistryTransport::backoffMs(int attempt) const
{
    const qint64 base = qint64(m_options.backoffBaseMs) << std::min(attempt, 10);
    const qint64 jitter = QRandomGenerator::global()->bounded(qint64(base / 4 + 1));
    return int(std::min<qint64>(base + jitter, m_options.retryAfterCapMs));
}

RegistryTransport::Exchange *RegistryTransport::find(quint64 id) const
{
    const auto it = m_exchanges.find(id);
    return it == m_exchanges.end() ? nullptr : it->second.get();
}

void RegistryTransport::send(RegistryRequest request, QObject *context, Callback callback)
{
    auto exchange = std::make_unique<Exchange>();
    exchange->id = m_nextId++;
    exchange->originAuthority = authority(request.url);
    exchange->request = std::move(request);
    exchange->context = context;
    exchange->hasContext = context != nullptr;
    exchange->callback = std::move(callback);
    if (context)
        exchange->contextWatch =
            connect(context, &QObject::destroyed, this, [this, id = exchange->id] { drop(id); });
    Exchange *raw = exchange.get();
    m_exchanges.emplace(raw->id, std::move(exchange));
    authorize(raw);
}

void RegistryTransport::cancel(const QObject *context)
{
    std::vector<quint64> ids;
    for (const auto &[id, exchange] : m_exchanges) {
        if (exchange->hasContext && exchange->context == context)
            ids.push_back(id);
    }
    for (const quint64 id : ids)
        drop(id);
}

void RegistryTransport::authorize(Exchange *exchange)
{
    if (exchange->request.to == RegistryRequest::To::TokenService || !m_authorizer) {
        enqueue(exchange);
        return;
    }
    m_authorizer->authorize(exchange->request.registry, exchange->request.repository, exchange->id,
                            [this, id = exchange->id](Result<QByteArray> authorization) {
                                Exchange *e = find(id);
                                if (!e)
                                    return;
                                if (!authorization) {
                                    finish(id, authorization.error());
                                    return;
                                }
                                e->authorization = authorization.value();
                                enqueue(e);
                            });
}

void RegistryTransport::enqueue(Exchange *exchange)
{
    Queue &queue = m_queues[exchange->request.registry];
    (exchange->request.followUp ? queue.followUps : queue.waiting).push_back(exchange->id);
    pump(exchange->request.registry);
}

void RegistryTransport::pump(const QString &name)
{
    Queue &queue = m_queues[name];
    if (!queue.pausedUntil.hasExpired()) {
        if (!queue.pumpScheduled) {
            queue.pumpScheduled = true;
            QTimer::singleShot(int(queue.pausedUntil.remainingTime()), this, [this, name] {
                m_queues[name].pumpScheduled = false;
                pump(name);
            });
        }
        return;
    }
    while (queue.inFlight < m_options.maxInFlightPerRegistry &&
           (!queue.followUps.empty() || !queue.waiting.empty())) {
        std::deque<quint64> &next = queue.followUps.empty() ? queue.waiting : queue.followUps;
        Exchange *exchange = find(next.front());
        next.pop_front();
        if (!exchange)
            continue;
        ++queue.inFlight;
        dispatch(exchange);
    }
}

void RegistryTransport::dispatch(Exchange *exchange)
{
    const RegistryRequest &r = exchange->request;
    QNetworkRequest request(r.url);
    request.setAttribute(QNetworkRequest::RedirectPolicyAttribute, QNetworkRequest::ManualRedirectPolicy);
    request.setAttribute(QNetworkRequest::Http2AllowedAttribute, true);
    request.setAttribute(QNetworkRequest::CacheLoadControlAttribute, QNetworkRequest::AlwaysNetwork);
    request.setTransferTimeout(m_options.transferTimeoutMs);
    request.setHeader(QNetworkRequest::UserAgentHeader, QByteArray("rebuildradar/" REBUILDRADAR_VERSION));
    if (!r.accept.isEmpty())
        request.setRawHeader("Accept", r.accept);
    for (const auto &[name, value] : r.headers)
        request.setRawHeader(name, value);
    // Credentials never follow a redirect to another host.
    if (!exchange->authorization.isEmpty() && authority(r.url) == exchange->originAuthority)
        request.setRawHeader("Authorization", exchange->authorization);

    const RequestKind kind = r.to == RegistryRequest::To::TokenService ? RequestKind::Token
                             : r.method == "HEAD"                      ? RequestKind::Head
                                                                       : r.kind;
    // A retry or a redirect starts the body again: whatever the sink had is dropped.
    if (r.sink && exchange->streamed) {
        exchange->streamed = false;
        if (r.sink->restart)
            r.sink->restart();
    }
    emit requestSent(r.registry, kind, r.url);
    qCDebug(lcTransport) << r.method << r.url.toString(QUrl::RemoveQuery);

    QNetworkReply *reply = r.method == "HEAD"  ? m_network->head(request)
                           : r.method == "GET" ? m_network->get(request)
                                               : m_network->sendCustomRequest(request, r.method, r.body);
    exchange->reply = reply;
    exchange->tooLarge = false;
    exchange->timedOut = false;
    exchange->tooSlow = false;
    exchange->rateWatched = false;
    exchange->received = 0;
    exchange->sslErrors.clear();
    const quint64 id = exchange->id;
    const qint64 cap = r.cap;
    const bool isHead = r.method == "HEAD";
    connect(reply, &QNetworkReply::metaDataChanged, this, [this, id, reply, cap, isHead] {
        if (isHead)
            return;
        const QVariant length = reply->header(QNetworkRequest::ContentLengthHeader);
        if (length.isValid() && length.toLongLong() > cap) {
            if (Exchange *e = find(id))
                e->tooLarge = true;
            reply->abort();
            return;
        }
        if (Exchange *e = find(id); e && e->reply == reply)
            watchRate(e, reply);
    });
    connect(reply, &QNetworkReply::downloadProgress, this, [this, id, reply, cap](qint64 received, qint64) {
        Exchange *e = find(id);
        if (e)
            e->received = received;
        if (received > cap) {
            if (e)
                e->tooLarge = true;
            reply->abort();
        }
    });
    if (r.sink) {
        // A layer may be hundreds of megabytes: Qt holds no more than this before the sink takes it.
        reply->setReadBufferSize(256 * 1024);
        connect(reply, &QNetworkReply::readyRead, this, [this, id, reply] {
            if (Exchange *e = find(id); e && e->reply == reply)
                streamBody(e, reply);
        });
    }
    connect(reply, &QNetworkReply::sslErrors, this, [this, id](const QList<QSslError> &errors) {
        if (Exchange *e = find(id)) {
            for (const QSslError &error : errors)
                e->sslErrors.append(error.errorString());
        }
    });
    auto *deadline = new QTimer(reply);
    deadline->setSingleShot(true);
    connect(deadline, &QTimer::timeout, reply, [this, id, reply] {
        if (Exchange *e = find(id); e && e->reply == reply) {
            e->timedOut = true;
            reply->abort();
        }
    });
    deadline->start(r.sink ? std::max(m_options.requestDeadlineMs, m_options.blobDeadlineMs)
                           : m_options.requestDeadlineMs);
    connect(reply, &QNetworkReply::finished, this, [this, id, reply] { onFinished(id, reply); });
}

// Hands what arrived of a 2xx body to the sink; redirect and error bodies stay in the reply.
void RegistryTransport::streamBody(Exchange *exchange, QNetworkReply *reply)
{
    const int status = reply->attribute(QNetworkRequest::HttpStatusCodeAttribute).toInt();
    if (status < 200 || status >= 300 || exchange->sinkError)
        return;
    const QByteArray chunk = reply->readAll();
    if (chunk.isEmpty())
        return;
    exchange->streamed = true;
    const Status accepted = exchange->request.sink->chunk(chunk);
    if (!accepted) {
        exchange->sinkError = accepted.error();
        reply->abort();
    }
}

// A body that trickles in keeps Qt's transfer timeout from firing: once the headers are in, every
// window must bring minTransferBytes, or the transfer counts as stalled.
void RegistryTransport::watchRate(Exchange *exchange, QNetworkReply *reply)
{
    if (m_options.minTransferBytes <= 0 || m_options.minTransferWindowMs <= 0 || exchange->rateWatched)
        return;
    exchange->rateWatched = true;
    exchange->windowMark = exchange->received;
    auto *window = new QTimer(reply);
    connect(window, &QTimer::timeout, reply, [this, id = exchange->id, reply] {
        Exchange *e = find(id);
        if (!e || e->reply != reply)
            return;
        if (e->received - e->windowMark < m_options.minTransferBytes) {
            e->tooSlow = true;
            reply->abort();
            return;
        }
        e->windowMark = e->received;
    });
    window->start(m_options.minTransferWindowMs);
}

void RegistryTransport::onFinished(quint64 id, QNetworkReply *reply)
{
    reply->deleteLater();
    Exchange *exchange = find(id);
    if (!exchange)
        return;
    exchange->reply = nullptr;
    const RegistryRequest &request = exchange->request;
    Queue &queue = m_queues[request.registry];
    --queue.inFlight;
    QTimer::singleShot(0, this, [this, name = request.registry] { pump(name); });

    const QString where = request.url.toString(QUrl::RemoveQuery | QUrl::RemoveUserInfo);
    if (request.sink && !exchange->sinkError && !exchange->tooLarge && reply->isOpen())
        streamBody(exchange, reply); // the rest of the body, before the reply is judged
    if (exchange->sinkError) {
        finish(id, *exchange->sinkError);
        return;
    }
    if (exchange->tooLarge) {
        finish(id,
               makeError(
                   ErrorCode::TooLarge,
                   QStringLiteral("response from %1 is larger than %2 bytes").arg(where).arg(request.cap)));
        return;
    }
    const int status = reply->attribute(QNetworkRequest::HttpStatusCodeAttribute).toInt();
    RegistryResponse response;
    response.status = status;
    response.url = request.url;
    response.headers = reply->rawHeaderPairs();
    if (reply->isOpen())
        response.body = reply->readAll();
    const bool toRegistry = request.to == RegistryRequest::To::Registry;
    if (toRegistry)
        noteRateLimit(request.registry, response);

    // A certificate that is refused now is refused on every attempt: no retries.
    if (reply->error() == QNetworkReply::SslHandshakeFailedError) {
        const QString why =
            exchange->sslErrors.isEmpty()
                ? QStringLiteral("TLS handshake failed: %1").arg(reply->errorString())
                : QStringLiteral("TLS certificate not accepted: %1").arg(exchange->sslErrors.join(u"; "));
        finish(id, makeError(ErrorCode::Network, QStringLiteral("%1: %2").arg(where, why)));
        return;
    }

    // Transport failures (reset, stalled transfer, deadline) may still carry a status line.
    const bool transportFailed =
        reply->error() != QNetworkReply::NoError && reply->error() < QNetworkReply::ContentAccessDenied;
    if (status == 0 || exchange->timedOut || transportFailed) {
        // Qt's transfer timeout cancels a reply that made no progress; header bytes are no progress,
        // so this also ends an answer whose headers never end (Qt caps neither their size nor count).
        const QString why =
            exchange->timedOut  ? QStringLiteral("timed out")
            : exchange->tooSlow ? QStringLiteral("stalled: fewer than %1 bytes in %2 s")
                                      .arg(m_options.minTransferBytes)
                                      .arg(m_options.minTransferWindowMs / 1000.0)
            : reply->error() == QNetworkReply::OperationCanceledError
                ? QStringLiteral("stalled: no progress for %1 s").arg(m_options.transferTimeoutMs / 1000.0)
                : reply->errorString();
        if (++exchange->attempt < m_options.maxAttempts) {
            qCInfo(lcTransport) << "retrying" << where << "after" << why;
            retryLater(exchange, backoffMs(exchange->attempt), 0);
            return;
        }
        finish(id, makeError(ErrorCode::Network, QStringLiteral("%1: %2").arg(where, why)));
        return;
    }
    if (toRegistry && status != 401 && m_authorizer)
        m_authorizer->answered(request.registry, status);
    if (status >= 300 && status < 400 && status != 304) {
        const QUrl location = request.url.resolved(QUrl::fromEncoded(response.header("Location")));
        if (!location.isValid() || location.isEmpty() || ++exchange->redirects > m_options.maxRedirects) {
            finish(id, makeError(ErrorCode::Protocol,
                                 QStringLiteral("%1: too many or invalid redirects").arg(where)));
            return;
        }
        if (location.scheme() != u"https" && location.scheme() != u"http") {
            finish(id, makeError(ErrorCode::Protocol,
                                 QStringLiteral("%1: redirect to a non-HTTP URL").arg(where)));
            return;
        }
        exchange->request.url = location;
        enqueue(exchange);
        return;
    }
    if (status == 401 && toRegistry && m_authorizer) {
        QList<QByteArray> challenges;
        for (const auto &pair : response.headers) {
            if (pair.first.compare("WWW-Authenticate", Qt::CaseInsensitive) == 0)
                challenges.append(pair.second);
        }
        const Status learned =
            m_authorizer->challenged(request.registry, request.repository, challenges, exchange->authRetried);
        if (!learned) {
            finish(id, learned.error());
            return;
        }
        exchange->authRetried = true;
        exchange->request.url = request.url.resolved(QUrl()); // unchanged; re-authorize and send again
        exchange->originAuthority = authority(exchange->request.url);
        authorize(exchange);
        return;
    }
    if (status == 429 || status >= 500) {
        if (++exchange->attempt >= m_options.maxAttempts) {
            finish(id,
                   makeError(
                       status == 429 ? ErrorCode::RateLimited : ErrorCode::Network,
                       status == 429
                           ? QStringLiteral("%1 keeps answering 429 Too Many Requests").arg(request.registry)
                           : QStringLiteral("%1: HTTP %2").arg(where).arg(status)));
            return;
        }
        int delay = backoffMs(exchange->attempt);
        if (status == 429) {
            if (auto retryAfter = parseRetryAfterMs(response.header("Retry-After"), m_clock.now()))
                delay = int(std::clamp<qint64>(*retryAfter, 0, m_options.retryAfterCapMs));
            // The whole registry waits, not just this request: that is what a 429 asks for.
            if (queue.pausedUntil.remainingTime() < delay)
                queue.pausedUntil.setRemainingTime(delay);
        }
        retryLater(exchange, delay, status);
        return;
    }
    if (status == 404) {
        finish(id, makeError(ErrorCode::NotFound, QStringLiteral("%1: not found").arg(where)));
        return;
    }
    if (status >= 400) {
        // A token service refuses a bad refresh token with OAuth2's 400 invalid_grant (RFC 6749 5.2).
        const bool refused = status == 401 || status == 403 || (status == 400 && !toRegistry);
        const ErrorCode code = refused ? ErrorCode::AuthFailed : ErrorCode::Protocol;
        finish(id, makeError(code, status == 403 ? QStringLiteral("access denied by %1").arg(request.registry)
                                                 : QStringLiteral("%1: HTTP %2").arg(where).arg(status)));
        return;
    }
    finish(id, std::move(response));
}

void RegistryTransport::retryLater(Exchange *exchange, int delayMs, int status)
{
    emit retryScheduled(exchange->request.registry, delayMs, status);
    QTimer::singleShot(delayMs, this, [this, id = exchange->id] {
        if (Exchange *e = find(id))
            enqueue(e);
    });
}

void RegistryTransport::finish(quint64 id, Result<RegistryResponse> result)
{
    const auto it = m_exchanges.find(id);
    if (it == m_exchanges.end())
        return;
    std::unique_ptr<Exchange> owned = std::move(it->second);
    m_exchanges.erase(it);
    release(owned.get());
    if (owned->hasContext && !owned->context)
        return; // the caller is gone
    owned->callback(std::move(result));
}

void RegistryTransport::drop(quint64 id)
{
    const auto it = m_exchanges.find(id);
    if (it == m_exchanges.end())
        return;
    std::unique_ptr<Exchange> owned = std::move(it->second);
    m_exchanges.erase(it);
    if (QNetworkReply *reply = owned->reply) {
        reply->disconnect(this);
        reply->abort();
        reply->deleteLater();
        --m_queues[owned->request.registry].inFlight;
        QTimer::singleShot(0, this, [this, name = owned->request.registry] { pump(name); });
    }
    // queued: pump() skips it; waiting for a retry: the timer finds nothing
    release(owned.get());
}

void RegistryTransport::release(Exchange *exchange)
{
    disconnect(exchange->contextWatch);
    if (exchange->request.to == RegistryRequest::To::Registry && m_authorizer)
        m_authorizer->released(exchange->id);
}

void RegistryTransport::noteRateLimit(const QString &registry, const RegistryResponse &response)
{
    const RateLimit limit =
        parseRateLimit(response.header("RateLimit-Limit"), response.header("RateLimit-Remaining"));
    if (limit.remaining < 0)
        return;
    m_rateLimits.insert(registry, limit);
    emit rateLimitChanged(registry, limit);
}

} // namespace RebuildRadar
