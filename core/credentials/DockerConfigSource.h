#pragma once

#include "common/Result.h"
#include "credentials/Credential.h"

#include <QMap>

namespace RebuildRadar {

// What a Docker config.json or Podman auth.json says about registries.
struct AuthFileContents
{
    QMap<QString, Credential> auths;    // keyed by registry (normalized)
    QMap<QString, QString> credHelpers; // registry → helper suffix
    QString credsStore;                 // default helper suffix
};

// Pure parser of the auth file format shared by Docker and Podman.
Result<AuthFileContents> parseAuthFile(const QByteArray &json);

// Docker's config.json or Podman's auth.json: `auths` entries, and (Docker) credential helpers run as
// `docker-credential-NAME get` with the server on stdin.
class AuthFileSource final : public CredentialSource
{
public:
    AuthFileSource(QString name, QString path)
        : m_name(std::move(name))
        , m_path(std::move(path))
    {}
    // $DOCKER_CONFIG/config.json, else ~/.docker/config.json
    static QString dockerConfigPath();
    // $REGISTRY_AUTH_FILE, else $XDG_RUNTIME_DIR/containers/auth.json
    static QString podmanAuthPath();

    QString name() const override { return m_name; }
    void lookup(const QString &registry, QObject *context, CredentialCallback callback) override;

private:
    void runHelper(const QString &helper, const QString &registry, QObject *context,
                   CredentialCallback callback);
    QString m_name;
    QString m_path;
};

} // namespace RebuildRadar
