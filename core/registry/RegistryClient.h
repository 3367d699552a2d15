#pragma once

#include "common/Clock.h"
#include "common/Result.h"
#include "domain/Image.h"
#include "reference/ImageReference.h"
#include "registry/AuthChallenge.h"

#include <QHash>
#include <QMap>
#include <QNetworkReply>
#include <QObject>
#include <QPointer>
#include <QSet>
#include <QUrl>

#include <deque>
#include <functional>
#include <memory>
#include <optional>

class QNetworkAccessManager;

namespace RebuildRadar {

class CredentialSource;
struct Credential;

struct RegistryClientOptions
{
    QSet<QString> insecureRegistries; // plain HTTP allowed, besides loopback
    bool plainHttpOnLoopback = true;  // as Docker does; tests turn it off to exercise TLS on loopback
    int maxInFlightPerRegistry = 6;
    int maxAttempts = 4; // per request, for 5xx, 429 and network errors
    int backoffBaseMs = 1000;
    int retryAfterCapMs = 5 * 60 * 1000;
    int transferTimeoutMs = 30000;  // no byte for this long: the transfer stalled
    int requestDeadlineMs = 120000; // a whole attempt, against slow-drip bodies
    qint64 manifestCap = 4 * 1024 * 1024;
    qint64 tokenCap = 1024 * 1024;
    qint64 configCap = 8 * 1024 * 1024;
    int maxRedirects = 5;
    int maxDetailedPlatforms = 64; // child manifests read per new index, at most
    int maxTagPages = 100;
    int maxTags = 100000;
};

// What a registry reported about its pull limit (`RateLimit-Remaining: 76;w=21600`).
struct RateLimit
{
    int limit = -1;
    int remaining = -1;
    int windowSeconds = 0;
};

struct ResolveHints
{
    QString knownDigest;                         // unchanged → one HEAD, nothing else
    QMap<QString, PlatformImage> knownManifests; // by manifest digest: details already stored
    // or, read only if the digest moved (the poller's case: details live in the store)
    std::function<QMap<QString, PlatformImage>()> loadKnownManifests = {};
    bool digestsOnly = false; // the index and its platform digests, no child manifests or configs
};

enum class RequestKind
{
    Head,
    Get,
    Token,
};

// Talks to OCI/Docker registries: digests, manifests, tags, bearer tokens, rate limits.
// Asynchronous on the thread it lives on; callbacks run there and are dropped when their context dies.
class RegistryClient : public QObject
{
    Q_OBJECT
public:
    // Gives `network` the proxy choice described in RegistryClient.cpp, unless its owner set proxies.
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

    RateLimit rateLimit(const QString &registry) const { return m_rateLimits.value(registry); }
    const RegistryClientOptions &options() const { return m_options; }
    void setInsecureRegistries(const QSet<QString> &registries) { m_options.insecureRegistries = registries; }
    // Forget tokens and looked-up credentials (after the user changed a login).
    void clearAuthCache();

    struct Response
    {
        int status = 0;
        QUrl url;
        QByteArray body;
        QList<QNetworkReply::RawHeaderPair> headers;
        QByteArray header(const QByteArray &name) const;
    };

signals:
    void requestSent(const QString &registry, RequestKind kind, const QUrl &url);
    void rateLimitChanged(const QString &registry, const RateLimit &limit);
    // A request will be sent again after `delayMs` (429, 5xx or a network error).
    void retryScheduled(const QString &registry, int delayMs, int status);

private:
    struct Exchange;
    struct RegistryState;
    struct TokenEntry
    {
        QByteArray token;
        qint64 expiresAtMs = 0;
    };
    using ResponseCallback = std::function<void(Result<Response>)>;
    using TokenCallback = std::function<void(Result<QByteArray>)>;

    enum class Auth
    {
        None,
        Registry,
    };

    void send(const QString &registry, const QString &repository, QByteArray method, const QUrl &url,
              QByteArray accept, qint64 cap, QObject *context, ResponseCallback callback,
              Auth auth = Auth::Registry, QList<QPair<QByteArray, QByteArray>> extraHeaders = {},
              QByteArray body = {});
    void authorize(Exchange *exchange);
    void enqueue(Exchange *exchange);
    void pump(const QString &registry);
    void dispatch(Exchange *exchange);
    void onFinished(Exchange *exchange, QNetworkReply *reply);
    void retryLater(Exchange *exchange, int delayMs, int status);
    void finish(Exchange *exchange, Result<Response> result);
    int backoffMs(int attempt) const;

    void withCredential(const QString &registry, QObject *context,
                        std::function<void(std::optional<Credential>)> done);
    void fetchToken(const QString &registry, const QString &scope, QObject *context, TokenCallback callback);
    void requestToken(const QString &registry, const AuthChallenge &challenge, const QString &scope,
                      const QString &key, const std::optional<Credential> &credential);
    void finishToken(const QString &key, Result<QByteArray> result);
    void noteRateLimit(const QString &registry, const Response &response);

    void fetchDetails(const ImageReference &reference, const ResolveHints &hints, TagState state,
                      QByteArray body, QObject *context, ResolveCallback callback);
    void getVerified(const ImageReference &reference, const QString &path, const QString &digest, qint64 cap,
                     QObject *context, std::function<void(Result<Response>)> callback);
    void listTagsPage(const ImageReference &repository, const QUrl &url, std::shared_ptr<QStringList> tags,
                      int page, QObject *context, TagsCallback callback);

    QUrl baseUrl(const QString &registry) const;
    QString scopeFor(const QString &repository) const;
    RegistryState &state(const QString &registry);

    QNetworkAccessManager *m_network;
    CredentialSource *m_credentials;
    const Clock &m_clock;
    RegistryClientOptions m_options;
    std::map<QString, std::unique_ptr<RegistryState>> m_registries;
    QHash<QString, TokenEntry> m_tokens;
    QHash<QString, QList<TokenCallback>> m_pendingTokens;
    QHash<QString, RateLimit> m_rateLimits;
    std::vector<std::unique_ptr<Exchange>> m_exchanges;
};

// `N;w=SECONDS` or a bare number; -1 when absent or unreadable.
RateLimit parseRateLimit(const QByteArray &limitHeader, const QByteArray &remainingHeader);
// Retry-After as delta-seconds or an HTTP date; nullopt when absent or unreadable.
std::optional<qint64> parseRetryAfterMs(const QByteArray &value, const QDateTime &now);
// The rel="next" target of a Link header, resolved against `base`.
QUrl nextLink(const QByteArray &linkHeader, const QUrl &base);

} // namespace RebuildRadar
