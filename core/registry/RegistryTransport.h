// The registry client's transport: every HTTP request it sends, from a per-registry queue (a limit on
// requests in flight, a pause after 429), with retries and exponential backoff, Retry-After, stall
// timers and deadlines, size caps, manual redirects that never carry credentials to another host, and
// the rate-limit headers noted on the way. What to put in Authorization is asked of an Authorizer.
#pragma once

#include "common/Clock.h"
#include "common/Result.h"
#include "registry/RegistryClientOptions.h"
#include "registry/RegistryHeaders.h"

#include <QByteArrayView>
#include <QDeadlineTimer>
#include <QHash>
#include <QNetworkReply>
#include <QObject>
#include <QPointer>
#include <QUrl>

#include <deque>
#include <functional>
#include <map>
#include <memory>

class QNetworkAccessManager;

namespace RebuildRadar {

enum class RequestKind
{
    Head,
    Get,
    Token,
    Blob, // a GET of /v2/<name>/blobs/<digest>: what tests count to know whether layers were downloaded
};

// Where a streamed body goes: each chunk of a 2xx answer as it arrives, instead of one buffered body.
// `chunk` returning an error ends the request with that error; `restart` runs before a retry or a
// redirect's answer starts the body again from its first byte.
struct BodySink
{
    std::function<Status(QByteArrayView)> chunk;
    std::function<void()> restart;
};

// One HTTP answer, as the client keeps it.
struct RegistryResponse
{
    int status = 0;
    QUrl url;
    QByteArray body;
    QList<QNetworkReply::RawHeaderPair> headers;
    QByteArray header(const QByteArray &name) const;
};

// One logical request; the transport adds retries, redirects and auth round-trips.
struct RegistryRequest
{
    enum class To
    {
        Registry,     // authorized by the Authorizer; its rate-limit headers are noted
        TokenService, // sent as it is
    };
    QString registry;
    QString repository; // whose credentials and token apply
    QByteArray method = "GET";
    QUrl url;
    QByteArray accept;
    qint64 cap = 0; // body bytes at most
    To to = To::Registry;
    // Part of work under way (a check's manifests and configs after its HEAD): sent before queued
    // requests that start new work, so a started check ends soon instead of waiting behind a sweep.
    bool followUp = false;
    QList<QPair<QByteArray, QByteArray>> headers; // besides Accept and Authorization
    QByteArray body;
    RequestKind kind = RequestKind::Get; // as reported by requestSent (Head and Token are derived)
    std::shared_ptr<BodySink> sink;      // set: the body is streamed there and the answer's body is empty
};

// Decides the Authorization of requests to registries (RegistryAuth). `ticket` names one request
// from authorize() to released().
class Authorizer
{
public:
    virtual ~Authorizer() = default;
    using Ready = std::function<void(Result<QByteArray>)>;
    // Calls `ready` with the Authorization value to send (empty: none), or with why there is none;
    // at once, or once what it needs (a token, a credential, the registry's scheme) is known.
    virtual void authorize(const QString &registry, const QString &repository, quint64 ticket,
                           Ready ready) = 0;
    // A 401 with these WWW-Authenticate values: Ok to authorize and send again, or the error that ends
    // the request. `again`: the request had already been sent again after a 401.
    virtual Status challenged(const QString &registry, const QString &repository,
                              const QList<QByteArray> &challenges, bool again) = 0;
    // Another HTTP status came back for the request.
    virtual void answered(const QString &registry, int status) = 0;
    // The request ended, or was cancelled: `ready` of its authorize() must not be called any more.
    virtual void released(quint64 ticket) = 0;
};

class RegistryTransport : public QObject
{
    Q_OBJECT
public:
    RegistryTransport(QNetworkAccessManager *network, const Clock &clock,
                      const RegistryClientOptions &options, QObject *parent = nullptr);
    ~RegistryTransport() override;
    void setAuthorizer(Authorizer *authorizer) { m_authorizer = authorizer; }

    using Callback = std::function<void(Result<RegistryResponse>)>;
    // `callback` runs on this thread. When `context` (if given) is destroyed, the request is
    // cancelled: taken off the queue or aborted, never retried, and its callback never runs.
    void send(RegistryRequest request, QObject *context, Callback callback);
    // Cancels every request sent with `context`, as if it had been destroyed.
    void cancel(const QObject *context);

    QUrl baseUrl(const QString &registry) const;
    RateLimit rateLimit(const QString &registry) const { return m_rateLimits.value(registry); }
    // host:port, the unit that credentials and pagination stay on
    static QString authority(const QUrl &url);

signals:
    void requestSent(const QString &registry, RequestKind kind, const QUrl &url);
    void rateLimitChanged(const QString &registry, const RateLimit &limit);
    void retryScheduled(const QString &registry, int delayMs, int status);

private:
    struct Exchange;
    struct Queue
    {
        int inFlight = 0;
        std::deque<quint64> followUps; // sent first
        std::deque<quint64> waiting;
        // Real time, not the injectable clock: it is waited on with QTimer.
        QDeadlineTimer pausedUntil{0};
        bool pumpScheduled = false;
    };

    Exchange *find(quint64 id) const;
    void authorize(Exchange *exchange);
    void enqueue(Exchange *exchange);
    void pump(const QString &registry);
    void dispatch(Exchange *exchange);
    void onFinished(quint64 id, QNetworkReply *reply);
    void retryLater(Exchange *exchange, int delayMs, int status);
    void finish(quint64 id, Result<RegistryResponse> result);
    void drop(quint64 id); // cancels one request
    void release(Exchange *exchange);
    void watchRate(Exchange *exchange, QNetworkReply *reply);
    int backoffMs(int attempt) const;
    void streamBody(Exchange *exchange, QNetworkReply *reply);
    void noteRateLimit(const QString &registry, const RegistryResponse &response);

    QNetworkAccessManager *m_network;
    const Clock &m_clock;
    const RegistryClientOptions &m_options;
    Authorizer *m_authorizer = nullptr;
    std::map<QString, Queue> m_queues; // node-based: a Queue stays put while requests are sent
    std::map<quint64, std::unique_ptr<Exchange>> m_exchanges;
    quint64 m_nextId = 1;
    QHash<QString, RateLimit> m_rateLimits;
};

} // namespace RebuildRadar
