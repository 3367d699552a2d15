#include "credentials/Credential.h"

#include <QTimer>
#include <QUrl>

namespace RebuildRadar {

void CredentialChain::lookup(const QString &registry, QObject *context, CredentialCallback callback)
{
    lookupFrom(0, registry, context, std::move(callback));
}

void CredentialChain::lookupFrom(size_t index, const QString &registry, QObject *context,
                                 CredentialCallback callback)
{
    if (index >= m_sources.size()) {
        callback(std::nullopt);
        return;
    }
    m_sources[index]->lookup(registry, context,
                             [this, index, registry, context, callback](std::optional<Credential> found) {
                                 if (found)
                                     callback(std::move(found));
                                 else
                                     lookupFrom(index + 1, registry, context, callback);
                             });
}

void MemoryCredentials::set(const QString &registry, Credential credential)
{
    m_credentials[registry] = std::move(credential);
}

void MemoryCredentials::lookup(const QString &registry, QObject *, CredentialCallback callback)
{
    const auto it = m_credentials.find(registry);
    callback(it == m_credentials.end() ? std::nullopt : std::optional<Credential>(it->second));
}

QString registryKeyFromConfig(const QString &configKey)
{
    QString key = configKey.trimmed();
    if (key.contains(QStringLiteral("://")))
        key = key.section(QStringLiteral("://"), 1);
    key = key.section(u'/', 0, 0);
    if (key == u"index.docker.io" || key == u"registry-1.docker.io" || key == u"registry.hub.docker.com")
        return QStringLiteral("docker.io");
    return key;
}

} // namespace RebuildRadar
