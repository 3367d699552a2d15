#include "credentials/SecretStore.h"

#include "credentials/KeychainJob.h"

#include <QDir>
#include <QFile>
#include <QFileInfo>
#include <QJsonDocument>
#include <QJsonObject>
#include <QStandardPaths>

#include <memory>

namespace RebuildRadar {

namespace {

constexpr QFileDevice::Permissions kOwnerOnly = QFileDevice::ReadOwner | QFileDevice::WriteOwner;

} // namespace

SecretStore::SecretStore(QString filePath, bool useKeychain, int timeoutMs)
    : m_filePath(std::move(filePath))
    , m_useKeychain(useKeychain && qEnvironmentVariable("REBUILDRADAR_KEYCHAIN") != u"off")
    , m_timeoutMs(timeoutMs)
{}

QString SecretStore::defaultFilePath()
{
    return QStandardPaths::writableLocation(QStandardPaths::GenericConfigLocation) +
           QStringLiteral("/rebuildradar/notify-secrets.json");
}

void SecretStore::write(const QString &key, const QString &secret, QObject *context,
                        std::function<void(Result<QString>)> done) const
{
    auto toFile = [this, key, secret, done] {
        if (auto ok = writeFile(key, secret); !ok)
            done(ok.error());
        else
            done(QString::fromLatin1(kFile));
    };
    if (!m_useKeychain) {
        toFile();
        return;
    }
    // the file below is ours, 0600, not QtKeychain's plain one (KeychainJob never falls back to that)
    KeychainJob::writeText(keychainService(), key, secret, context, m_timeoutMs,
                           [toFile, done](Status stored) {
                               if (stored)
                                   done(QString::fromLatin1(kKeychain));
                               else
                                   toFile(); // no keychain here (a headless server): the user's own file
                           });
}

void SecretStore::read(const QString &key, const QString &where, QObject *context,
                       std::function<void(Result<QString>)> done) const
{
    if (where != QLatin1String(kKeychain)) {
        done(readFile(key));
        return;
    }
    KeychainJob::read(keychainService(), key, context, m_timeoutMs, [done](Result<QByteArray> entry) {
        if (entry)
            done(QString::fromUtf8(*entry));
        else
            done(makeError(ErrorCode::Io, QStringLiteral("the OS keychain did not give the channel's URL: %1")
                                              .arg(entry.error().message)));
    });
}

void SecretStore::remove(const QString &key, const QString &where, QObject *context,
                         std::function<void(Status)> done) const
{
    if (where != QLatin1String(kKeychain)) {
        done(removeFromFile(key));
        return;
    }
    KeychainJob::remove(keychainService(), key, context, m_timeoutMs, std::move(done));
}

Result<QString> SecretStore::readFile(const QString &key) const
{
    QFile file(m_filePath);
    if (!file.open(QIODevice::ReadOnly))
        return makeError(ErrorCode::NotFound, QStringLiteral("no secrets file at %1").arg(m_filePath));
    const QJsonObject all = QJsonDocument::fromJson(file.readAll()).object();
    if (!all.contains(key))
        return makeError(ErrorCode::NotFound,
                         QStringLiteral("the secrets file has no entry for %1").arg(key));
    return all.value(key).toString();
}

Status SecretStore::writeFile(const QString &key, const QString &secret) const
{
    QJsonObject all;
    {
        QFile existing(m_filePath);
        if (existing.open(QIODevice::ReadOnly))
            all = QJsonDocument::fromJson(existing.readAll()).object();
    }
    if (secret.isNull())
        all.remove(key);
    else
        all.insert(key, secret);
    if (!QDir().mkpath(QFileInfo(m_filePath).absolutePath()))
        return makeError(ErrorCode::Io, QStringLiteral("cannot create the folder of %1").arg(m_filePath));
    // Written beside, created 0600 from the start, then renamed over: never readable by others, never half.
    const QString temporary = m_filePath + QStringLiteral(".new");
    QFile::remove(temporary);
    QFile file(temporary);
    if (!file.open(QIODevice::WriteOnly | QIODevice::NewOnly, kOwnerOnly))
        return makeError(ErrorCode::Io,
                         QStringLiteral("cannot write %1: %2").arg(temporary, file.errorString()));
    const QByteArray data = QJsonDocument(all).toJson(QJsonDocument::Indented);
    if (file.write(data) != data.size() || !file.flush()) {
        file.remove();
        return makeError(ErrorCode::Io, QStringLiteral("cannot write %1").arg(temporary));
    }
    file.close();
    QFile::remove(m_filePath);
    if (!QFile::rename(temporary, m_filePath))
        return makeError(ErrorCode::Io, QStringLiteral("cannot replace %1").arg(m_filePath));
    QFile::setPermissions(m_filePath, kOwnerOnly);
    return Ok{};
}

Status SecretStore::removeFromFile(const QString &key) const
{
    if (!QFile::exists(m_filePath))
        return Ok{};
    return writeFile(key, QString());
}

} // namespace RebuildRadar
