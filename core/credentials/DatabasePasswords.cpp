#include "credentials/DatabasePasswords.h"

#include "common/PostgresLocation.h"
#include "credentials/KeychainJob.h"

namespace RebuildRadar::DatabasePasswords {

namespace {

// Where the keychain keeps the password of `uri`: its identity, or the URI itself where it is none.
QString keyOf(const QString &uri)
{
    const auto location = PostgresLocation::parse(uri);
    return location ? location->identity() : uri;
}

} // namespace

void read(const QString &uri, QObject *context, std::function<void(QString)> done, int timeoutMs)
{
    const QString key = keyOf(uri);
    KeychainJob::read(serviceName(), key, context, timeoutMs,
                      [uri, key, context, done, timeoutMs](const Result<QByteArray> &entry) {
                          if (entry || entry.error().code != ErrorCode::NotFound || key == uri) {
                              done(entry ? QString::fromUtf8(*entry) : QString());
                              return;
                          }
                          KeychainJob::read(serviceName(), uri, context, timeoutMs,
                                            [done](const Result<QByteArray> &asWritten) {
                                                done(asWritten ? QString::fromUtf8(*asWritten) : QString());
                                            });
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
    const QString key = keyOf(uri);
    // Then nothing is left under the URI as written (where an earlier version kept it).
    auto thenForgetAsWritten = [uri, key, context, done, timeoutMs](Status s) {
        if (!s || key == uri)
            done(s);
        else
            KeychainJob::remove(serviceName(), uri, context, timeoutMs, done);
    };
    if (password.isEmpty())
        KeychainJob::remove(serviceName(), key, context, timeoutMs, thenForgetAsWritten);
    else
        KeychainJob::writeText(serviceName(), key, password, context, timeoutMs, thenForgetAsWritten);
}

} // namespace RebuildRadar::DatabasePasswords
