#include "credentials/DatabasePasswords.h"

#include "credentials/KeychainJob.h"
#include "store/Database.h"

#include <QEventLoop>

#include <optional>

namespace RebuildRadar::DatabasePasswords {

void read(const QString &uri, QObject *context, std::function<void(QString)> done, int timeoutMs)
{
    KeychainJob::read(serviceName(), uri, context, timeoutMs, [done](const Result<QByteArray> &entry) {
        done(entry ? QString::fromUtf8(*entry) : QString());
    });
}

QString readNow(const QString &uri, int timeoutMs)
{
    QEventLoop loop;
    std::optional<QString> found;
    // KeychainJob answers exactly once, by its timeout at the latest (at once, when no keychain exists)
    read(
        uri, &loop,
        [&](const QString &saved) {
            found = saved;
            loop.quit();
        },
        timeoutMs);
    if (!found)
        loop.exec();
    return found.value_or(QString());
}

bool mayBeSaved(const QString &location, const QString &passwordGiven, const Error &error)
{
    return error.code == ErrorCode::AuthFailed && passwordGiven.isEmpty() &&
           Database::isPostgresLocation(location);
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
