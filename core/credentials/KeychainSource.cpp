#include "credentials/KeychainSource.h"

#include "credentials/KeychainJob.h"

#include <QJsonDocument>
#include <QJsonObject>

namespace RebuildRadar {

void KeychainSource::lookup(const QString &registry, QObject *context, CredentialCallback callback)
{
    KeychainJob::read(
        serviceName(), registry, context, m_timeoutMs, [callback](const Result<QByteArray> &data) {
            if (!data) {
                callback(std::nullopt);
                return;
            }
            const QJsonObject entry = QJsonDocument::fromJson(*data).object();
            Credential credential;
            credential.username = entry.value(QStringLiteral("username")).toString();
            credential.secret = entry.value(QStringLiteral("secret")).toString();
            credential.isIdentityToken = entry.value(QStringLiteral("identityToken")).toBool();
            callback(credential.secret.isEmpty() ? std::nullopt : std::optional<Credential>(credential));
        });
}

void KeychainSource::store(const QString &registry, const Credential &credential, QObject *context,
                           std::function<void(Status)> done, int timeoutMs)
{
    if (credential.secret.isEmpty()) {
        KeychainJob::remove(serviceName(), registry, context, timeoutMs, std::move(done));
        return;
    }
    const QJsonObject entry{{QStringLiteral("username"), credential.username},
                            {QStringLiteral("secret"), credential.secret},
                            {QStringLiteral("identityToken"), credential.isIdentityToken}};
    KeychainJob::writeBinary(serviceName(), registry, QJsonDocument(entry).toJson(QJsonDocument::Compact),
                             context, timeoutMs, std::move(done));
}

} // namespace RebuildRadar
