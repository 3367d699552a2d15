// Who the registry client is to each registry: the scheme a registry asked for (Bearer realm and
// service, Basic, or none), the credential looked up for it, and the bearer tokens fetched per
// repository scope and kept until shortly before they expire. It answers the transport's questions:
// what Authorization a request carries, and what an answer teaches. While a registry's scheme is
// unknown, its first request goes alone and the others wait for what its answer teaches.
#pragma once

#include "common/Clock.h"
#include "registry/AuthChallenge.h"
#include "registry/RegistryTransport.h"

#include <QHash>
#include <QList>

#include <functional>
#include <map>
#include <optional>

namespace RebuildRadar {

class CredentialSource;
struct Credential;

class RegistryAuth : public QObject, public Authorizer
{
    Q_OBJECT
public:
    RegistryAuth(RegistryTransport &transport, CredentialSource *credentials, const Clock &clock,
                 const RegistryClientOptions &options, QObject *parent = nullptr);
    ~RegistryAuth() override;

    void authorize(const QString &registry, const QString &repository, quint64 ticket, Ready ready) override;
    Status challenged(const QString &registry, const QString &repository, const QList<QByteArray> &challenges,
                      bool again) override;
    void answered(const QString &registry, int status) override;
    void released(quint64 ticket) override;

    // Forget tokens and looked-up credentials (after the user changed a login).
    void clear();

private:
    struct Registry;
    struct TokenEntry
    {
        QByteArray token;
        qint64 expiresAtMs = 0;
    };
    using TokenCallback = std::function<void(Result<QByteArray>)>;
    // One token request for a scope, and the requests that wait for it.
    struct TokenFetch
    {
        QList<QPair<quint64, TokenCallback>> waiters; // by ticket
        QObject *context = nullptr; // the token request's, once sent: deleting it cancels the request
    };

    Registry &state(const QString &registry);
    void endProbe(const QString &registry);
    void releaseHeld(const QString &registry);
    void withCredential(const QString &registry, std::function<void(std::optional<Credential>)> done);
    void fetchToken(const QString &registry, const QString &scope, quint64 ticket, TokenCallback callback);
    void requestToken(const QString &registry, const AuthChallenge &challenge, const QString &scope,
                      const QString &key, const std::optional<Credential> &credential);
    void finishToken(const QString &key, Result<QByteArray> result);
    static QString scopeFor(const QString &repository);

    RegistryTransport &m_transport;
    CredentialSource *m_credentials;
    const Clock &m_clock;
    const RegistryClientOptions &m_options;
    std::map<QString, std::unique_ptr<Registry>> m_registries;
    QHash<QString, TokenEntry> m_tokens;
    QHash<QString, TokenFetch> m_pendingTokens;
};

} // namespace RebuildRadar
