#pragma once

// Where secrets that are not registry logins live (a notification channel's URL with its tokens and
// passwords): the OS keychain when one answers, else a file only its user may read (0600, in the
// config folder). Callers keep which of the two holds an entry ("keychain" or "file") and pass it back.
// Asynchronous like the keychain itself; answers on `context`'s thread.

#include "common/Result.h"

#include <QObject>
#include <QString>

#include <functional>

namespace RebuildRadar {

class SecretStore
{
public:
    // `filePath`: the fallback file (defaultFilePath() unless a test says otherwise). `useKeychain`
    // false (or REBUILDRADAR_KEYCHAIN=off in the environment) keeps every secret in the file.
    explicit SecretStore(QString filePath = defaultFilePath(), bool useKeychain = true, int timeoutMs = 3000);

    static QString defaultFilePath();
    static QString keychainService() { return QStringLiteral("rebuildradar-notify"); }
    static constexpr const char *kKeychain = "keychain";
    static constexpr const char *kFile = "file";

    // Answers where it was written.
    void write(const QString &key, const QString &secret, QObject *context,
               std::function<void(Result<QString>)> done) const;
    void read(const QString &key, const QString &where, QObject *context,
              std::function<void(Result<QString>)> done) const;
    void remove(const QString &key, const QString &where, QObject *context,
                std::function<void(Status)> done) const;

    // The file fallback, synchronous (it is a local file).
    Status writeFile(const QString &key, const QString &secret) const;
    Result<QString> readFile(const QString &key) const;
    Status removeFromFile(const QString &key) const;

private:
    QString m_filePath;
    bool m_useKeychain;
    int m_timeoutMs;
};

} // namespace RebuildRadar
