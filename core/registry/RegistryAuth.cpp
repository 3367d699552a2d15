// Authorization for requests to registries: learns each registry's scheme from the first answer (a
// 401's challenges, or an answer that asked for nothing) while its other requests wait, looks its
// credential up once (however many requests wait for it), fetches bearer tokens per repository scope
// (one fetch per scope, by GET or by an OAuth2 refresh-token grant, cancelled when nobody waits any
// more) and keeps them until shortly before they expire.
#include "registry/RegistryAuth.h"

#include "credentials/Credential.h"
#include "reference/ImageReference.h"

#include <QJsonDocument>
#include <QJsonObject>
#include <QRegularExpression>
#include <QTimer>
#include <QUrlQuery>

namespace RebuildRadar {

namespace {
constexpr qint64 kMinTokenLifetimeMs = 60 * 1000;
constexpr qint64 kMaxTokenLifetimeMs = 24 * 60 * 60 * 1000;

QByteArray basicAuthorization(const Credential &credential)
{
    return "Basic " + (credential.username + u':' + credential.secret).toUtf8().toBase64();
}
} // namespace

struct RegistryAuth::Registry
{
    std::optional<AuthChallenge> bearer; // learned realm/service, so later repositories skip the 401
    bool basic = false;
    bool anonymous = false; // answered a request that carried no credentials
    bool schemeKnown() const { return bearer || basic || anonymous; }

    // While the scheme is unknown: the request sent to learn it, and those waiting for its answer (a
    // first sweep would otherwise send every request twice: unauthenticated, then after the 401).
    struct Held
    {
        quint64 ticket = 0;
        QString repository;
        Ready ready;
    };
    quint64 probe = 0;
    bool holding = false; // until the answer, or authProbeWaitMs
    QList<Held> held;
    QTimer probeWait;

    bool credentialKnown = false;
    std::optional<Credential> credential;
    QList<std::function<void(std::optional<Credential>)>> credentialWaiters;
};

RegistryAuth::RegistryAuth(RegistryTransport &transport, CredentialSource *credentials, const Clock &clock,
                           const RegistryClientOptions &options, QObject *parent)
    : QObject(parent)
    , m_transport(transport)
    , m_credentials(credentials)
    , m_clock(clock)
    , m_options(options)
{}

RegistryAuth::~RegistryAuth() = default;

void RegistryAuth::clear()
{
    m_tokens.clear();
    for (auto &[name, registry] : m_registries) {
        registry->credentialKnown = false;
        registry->credential.reset();
    }
}

RegistryAuth::Registry &RegistryAuth::state(const QString &registry)
{
    auto &slot = m_registries[registry];
    if (!slot) {
        slot = std::make_unique<Registry>();
        slot->probeWait.setSingleShot(true);
        // The answer is slow: the others go as they are, each learning from its own 401.
        connect(&slot->probeWait, &QTimer::timeout, this, [this, registry] { releaseHeld(registry); });
    }
    return *slot;
}

// The probe's answer came (or it ended without one).
void RegistryAuth::endProbe(const QString &registry)
{
    Registry &r = state(registry);
    r.probe = 0;
    r.probeWait.stop();
    releaseHeld(registry);
}

// The waiting requests go, authorized as the registry's scheme is now known; or, with nothing learned,
// as they are, each to learn from its own answer.
void RegistryAuth::releaseHeld(const QString &registry)
{
    Registry &r = state(registry);
    r.holding = false;
    const auto held = std::exchange(r.held, {});
    for (const auto &h : held) {
        if (r.schemeKnown())
            authorize(registry, h.repository, h.ticket, h.ready);
        else
            h.ready(QByteArray());
    }
}

QString RegistryAuth::scopeFor(const QString &repository)
{
    return QStringLiteral("repository:%1:pull").arg(repository);
}

void RegistryAuth::authorize(const QString &registry, const QString &repository, quint64 ticket, Ready ready)
{
    Registry &known = state(registry);
    if (known.bearer) {
        fetchToken(registry, scopeFor(repository), ticket, [ready](Result<QByteArray> token) {
            if (!token)
                ready(token.error());
            else
                ready("Bearer " + token.value());
        });
        return;
    }
    if (known.basic) {
        withCredential(registry, [registry, ready](std::optional<Credential> credential) {
            if (!credential) {
                ready(makeError(
                    ErrorCode::AuthFailed,
                    QStringLiteral("authentication required for %1: no credentials found").arg(registry)));
                return;
            }
            ready(basicAuthorization(*credential));
        });
        return;
    }
    if (!known.anonymous && !known.probe && m_options.authProbeWaitMs > 0) {
        known.probe = ticket;
        known.holding = true;
        known.probeWait.start(m_options.authProbeWaitMs);
    } else if (!known.anonymous && known.holding) {
        known.held.append(Registry::Held{ticket, repository, std::move(ready)});
        return;
    }
    ready(QByteArray());
}

void RegistryAuth::answered(const QString &registry, int status)
{
    Registry &r = state(registry);
    if (r.schemeKnown() || status == 429 || status >= 500)
        return; // nothing new, or an answer that says nothing about credentials
    r.anonymous = true;
    endProbe(registry);
}

void RegistryAuth::released(quint64 ticket)
{
    for (auto &[name, registry] : m_registries) {
        if (registry->probe == ticket) {
            endProbe(name);
            break;
        }
        registry->held.removeIf([ticket](const Registry::Held &h) { return h.ticket == ticket; });
    }
    for (auto it = m_pendingTokens.begin(); it != m_pendingTokens.end(); ++it) {
        if (!it->waiters.removeIf([ticket](const auto &waiter) { return waiter.first == ticket; }))
            continue;
        if (it->waiters.isEmpty()) {
            // Nobody waits for this token any more: its request stops too.
            QObject *context = it->context;
            m_pendingTokens.erase(it);
            delete context;
        }
        return;
    }
}

Status RegistryAuth::challenged(const QString &name, const QString &repository,
                                const QList<QByteArray> &challenges, bool again)
{
    Registry &registry = state(name);
    if (again) {
        const bool hadCredential = registry.credentialKnown && registry.credential.has_value();
        return makeError(ErrorCode::AuthFailed,
                         hadCredential ? QStringLiteral("authentication failed for %1").arg(name)
                                       : QStringLiteral("authentication required for %1: no credentials "
                                                        "found, or anonymous access is not allowed")
                                             .arg(name));
    }
    const QList<AuthChallenge> parsed = parseWwwAuthenticate(challenges);
    auto bearer = std::find_if(parsed.begin(), parsed.end(), [](const AuthChallenge &c) {
        return c.scheme == u"bearer" && !c.param(QStringLiteral("realm")).isEmpty();
    });
    auto basic = std::find_if(parsed.begin(), parsed.end(),
                              [](const AuthChallenge &c) { return c.scheme == u"basic"; });
    if (bearer != parsed.end()) {
        registry.bearer = *bearer;
        m_tokens.remove(name + u'|' + scopeFor(repository));
    } else if (basic != parsed.end()) {
        registry.basic = true;
    } else {
        return makeError(
            ErrorCode::AuthFailed,
            QStringLiteral("%1 asks for an authentication scheme Rebuild Radar does not speak").arg(name));
    }
    if (registry.probe || !registry.held.isEmpty())
        endProbe(name);
    return Ok{};
}

void RegistryAuth::withCredential(const QString &name, std::function<void(std::optional<Credential>)> done)
{
    Registry &registry = state(name);
    if (registry.credentialKnown || !m_credentials) {
        done(registry.credential);
        return;
    }
    registry.credentialWaiters.append(std::move(done));
    if (registry.credentialWaiters.size() > 1)
        return; // a lookup is under way
    m_credentials->lookup(name, this, [this, name](std::optional<Credential> credential) {
        Registry &r = state(name);
        r.credentialKnown = true;
        r.credential = std::move(credential);
        const auto waiters = std::exchange(r.credentialWaiters, {});
        for (const auto &waiter : waiters)
            waiter(r.credential);
    });
}

void RegistryAuth::fetchToken(const QString &registry, const QString &scope, quint64 ticket,
                              TokenCallback callback)
{
    const QString key = registry + u'|' + scope;
    const auto cached = m_tokens.constFind(key);
    if (cached != m_tokens.constEnd() && m_clock.nowMs() < cached->expiresAtMs) {
        callback(cached->token);
        return;
    }
    // One token request per repository at a time, however many requests wait for it.
    auto &waiters = m_pendingTokens[key].waiters;
    waiters.append({ticket, std::move(callback)});
    if (waiters.size() > 1)
        return;
    const AuthChallenge challenge = *state(registry).bearer;
    withCredential(registry, [this, registry, challenge, scope, key](std::optional<Credential> credential) {
        const auto fetch = m_pendingTokens.constFind(key);
        if (fetch == m_pendingTokens.constEnd() || fetch->context)
            return; // nobody waits any more, or the request is under way
        requestToken(registry, challenge, scope, key, credential);
    });
}

void RegistryAuth::requestToken(const QString &registry, const AuthChallenge &challenge, const QString &scope,
                                const QString &key, const std::optional<Credential> &credential)
{
    QUrl realm = m_transport.baseUrl(registry).resolved(QUrl(challenge.param(QStringLiteral("realm"))));
    if (!realm.isValid() || (realm.scheme() != u"https" && realm.scheme() != u"http")) {
        finishToken(key, makeError(ErrorCode::Protocol,
                                   QStringLiteral("%1 names an invalid token realm").arg(registry)));
        return;
    }
    const bool secureRealm = realm.scheme() == u"https" ||
                             ImageReference::isLoopbackRegistry(realm.authority()) ||
                             m_options.insecureRegistries.contains(registry);
    const QString service = challenge.param(QStringLiteral("service"));
    RegistryRequest request;
    request.registry = registry;
    request.accept = "application/json";
    request.cap = m_options.tokenCap;
    request.to = RegistryRequest::To::TokenService;
    if (credential && secureRealm && credential->isIdentityToken) {
        // OAuth2 refresh-token grant, as Docker does with identity tokens.
        QUrlQuery form;
        form.addQueryItem(QStringLiteral("grant_type"), QStringLiteral("refresh_token"));
        form.addQueryItem(QStringLiteral("refresh_token"), credential->secret);
        form.addQueryItem(QStringLiteral("service"), service);
        form.addQueryItem(QStringLiteral("scope"), scope);
        form.addQueryItem(QStringLiteral("client_id"), QStringLiteral("rebuildradar"));
        request.method = "POST";
        request.body = form.toString(QUrl::FullyEncoded).toUtf8();
        request.headers.append(
            qMakePair(QByteArray("Content-Type"), QByteArray("application/x-www-form-urlencoded")));
    } else {
        QUrlQuery query(realm);
        if (!service.isEmpty())
            query.addQueryItem(QStringLiteral("service"), service);
        query.addQueryItem(QStringLiteral("scope"), scope);
        realm.setQuery(query);
        if (credential && secureRealm)
            request.headers.append({"Authorization", basicAuthorization(*credential)});
    }
    request.url = realm;
    auto *context = new QObject(this);
    m_pendingTokens[key].context = context;
    m_transport.send(
        std::move(request), context, [this, registry, key, credential](Result<RegistryResponse> response) {
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
        });
}

void RegistryAuth::finishToken(const QString &key, Result<QByteArray> result)
{
    const TokenFetch fetch = m_pendingTokens.take(key);
    delete fetch.context;
    for (const auto &waiter : fetch.waiters)
        waiter.second(result);
}

} // namespace RebuildRadar
