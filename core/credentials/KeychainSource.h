#pragma once

#include "common/Result.h"
#include "credentials/Credential.h"

namespace RebuildRadar {

// Credentials the desktop app saved in the OS keychain (Secret Service, KWallet, macOS Keychain,
// Windows Credential Manager) through QtKeychain. A keychain that does not answer within the timeout
// counts as empty, so headless machines without a secret service fall through to the next source.
class KeychainSource final : public CredentialSource
{
public:
    explicit KeychainSource(int timeoutMs = 2000)
        : m_timeoutMs(timeoutMs)
    {}
    QString name() const override { return QStringLiteral("keychain"); }
    void lookup(const QString &registry, QObject *context, CredentialCallback callback) override;

    static QString serviceName() { return QStringLiteral("rebuildradar"); }

    // Writes or deletes (empty secret) a registry's entry; answers with an error the UI can show.
    static void store(const QString &registry, const Credential &credential, QObject *context,
                      std::function<void(Status)> done, int timeoutMs = 5000);

private:
    int m_timeoutMs;
};

} // namespace RebuildRadar
