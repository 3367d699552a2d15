#include "credentials/KeychainSource.h"

#include <QJsonDocument>
#include <QJsonObject>
#include <QTimer>
#include <qt6keychain/keychain.h>

namespace RebuildRadar {

void KeychainSource::lookup(const QString &registry, QObject *context, CredentialCallback callback)
{
    auto *job = new QKeychain::ReadPasswordJob(serviceName(), context);
    job->setAutoDelete(false);
    job->setKey(registry);
    auto answered = std::make_shared<bool>(false);
    auto finish = [job, context, answered, callback](std::optional<Credential> credential) {
        if (*answered)
            return;
        *answered = true;
        // Only our own connection: QtKeychain's job queue listens to the job too.
        QObject::disconnect(job, nullptr, context, nullptr);
        job->deleteLater();
        callback(std::move(credential));
    };
    QObject::connect(job, &QKeychain::Job::finished, context, [job, finish](QKeychain::Job *) {
        if (job->error() != QKeychain::NoError) {
            finish(std::nullopt);
            return;
        }
        const QJsonObject entry = QJsonDocument::fromJson(job->binaryData()).object();
        Credential credential;
        credential.username = entry.value(QStringLiteral("username")).toString();
        credential.secret = entry.value(QStringLiteral("secret")).toString();
        credential.isIdentityToken = entry.value(QStringLiteral("identityToken")).toBool();
        finish(credential.secret.isEmpty() ? std::nullopt : std::optional<Credential>(credential));
    });
    QTimer::singleShot(m_timeoutMs, job, [finish] { finish(std::nullopt); });
    job->start();
}

void KeychainSource::store(const QString &registry, const Credential &credential, QObject *context,
                           std::function<void(Status)> done, int timeoutMs)
{
    QKeychain::Job *job = nullptr;
    if (credential.secret.isEmpty()) {
        auto *remove = new QKeychain::DeletePasswordJob(serviceName(), context);
        remove->setKey(registry);
        job = remove;
    } else {
        auto *write = new QKeychain::WritePasswordJob(serviceName(), context);
        write->setKey(registry);
        QJsonObject entry{{QStringLiteral("username"), credential.username},
                          {QStringLiteral("secret"), credential.secret},
                          {QStringLiteral("identityToken"), credential.isIdentityToken}};
        write->setBinaryData(QJsonDocument(entry).toJson(QJsonDocument::Compact));
        job = write;
    }
    job->setAutoDelete(false);
    // Never fall back to a plain-text file when no keychain answers.
    job->setInsecureFallback(false);
    auto answered = std::make_shared<bool>(false);
    auto finish = [job, context, answered, done](Status status) {
        if (*answered)
            return;
        *answered = true;
        QObject::disconnect(job, nullptr, context, nullptr);
        job->deleteLater();
        done(std::move(status));
    };
    QObject::connect(job, &QKeychain::Job::finished, context, [job, finish](QKeychain::Job *) {
        if (job->error() == QKeychain::NoError || job->error() == QKeychain::EntryNotFound)
            finish(Ok{});
        else
            finish(makeError(ErrorCode::Io,
                             QStringLiteral("the OS keychain refused: %1").arg(job->errorString())));
    });
    QTimer::singleShot(timeoutMs, job, [finish] {
        finish(makeError(ErrorCode::Io, QStringLiteral("no OS keychain service answered")));
    });
    job->start();
}

} // namespace RebuildRadar
