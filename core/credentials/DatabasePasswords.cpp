#include "credentials/DatabasePasswords.h"

#include "credentials/KeychainJob.h"

namespace RebuildRadar::DatabasePasswords {

void read(const QString &uri, QObject *context, std::function<void(QString)> done, int timeoutMs)
{
    KeychainJob::read(serviceName(), uri, context, timeoutMs, [done](const Result<QByteArray> &entry) {
        done(entry ? QString::fromUtf8(*entry) : QString());
    });
}

bool mayBeSaved(bool teamHistory, const QString &passwordGiven, const Error &error)
{
    return teamHistory && passwordGiven.isEmpty() && error.code == ErrorCode::AuthFailed;
}

Error savedOneRefusedToo(Error refused)
{
    if (refused.code == ErrorCode::AuthFailed)
        refused.message += QStringLiteral(" (the password saved in the keychain was refused too)");
    return refused;
}

void save(const QString &uri, const QString &password, QObject *context, std::function<void(Status)> done,
          int timeoutMs)
{
    if (password.isEmpty())
        KeychainJob::remove(serviceName(), uri, context, timeoutMs, std::move(done));
    else
        KeychainJob::writeText(serviceName(), uri, password, context, timeoutMs, std::move(done));
}

} // namespace RebuildRadar::DatabasePasswords
