#pragma once

#include <QObject>
#include <QString>

#include <functional>
#include <memory>
#include <optional>
#include <vector>

namespace RebuildRadar {

// A registry login. Never logged, stored in the database or written to settings.
struct Credential
{
    QString username;
    QString secret;
    // Docker's "identitytoken": an OAuth2 refresh token rather than a password.
    bool isIdentityToken = false;
};

using CredentialCallback = std::function<void(std::optional<Credential>)>;

// One place credentials come from. Lookups may be asynchronous (keychain, helpers) and always answer
// exactly once, through the callback, on the caller's thread.
class CredentialSource
{
public:
    virtual ~CredentialSource() = default;
    virtual QString name() const = 0;
    // `registry` is the user-facing registry name (docker.io, ghcr.io, localhost:5000).
    virtual void lookup(const QString &registry, QObject *context, CredentialCallback callback) = 0;
};

// Asks each source in turn and answers with the first credential found.
class CredentialChain final : public CredentialSource
{
public:
    void append(std::unique_ptr<CredentialSource> source) { m_sources.push_back(std::move(source)); }
    QString name() const override { return QStringLiteral("chain"); }
    void lookup(const QString &registry, QObject *context, CredentialCallback callback) override;

private:
    void lookupFrom(size_t index, const QString &registry, QObject *context, CredentialCallback callback);
    std::vector<std::unique_ptr<CredentialSource>> m_sources;
};

// Credentials held in memory: for tests and for credentials just typed into a dialog.
class MemoryCredentials final : public CredentialSource
{
public:
    void set(const QString &registry, Credential credential);
    QString name() const override { return QStringLiteral("memory"); }
    void lookup(const QString &registry, QObject *context, CredentialCallback callback) override;

private:
    std::map<QString, Credential> m_credentials;
};

// The keys under which config files name a registry: "https://index.docker.io/v1/" is docker.io.
QString registryKeyFromConfig(const QString &configKey);

} // namespace RebuildRadar
