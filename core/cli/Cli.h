#pragma once

#include "cli/ArgParser.h"
#include "common/Clock.h"
#include "common/Result.h"

#include <QObject>
#include <QSet>
#include <QTextStream>

#include <memory>

class QNetworkAccessManager;

namespace RebuildRadar {

class Backfiller;
class CredentialChain;
class Database;
class HistoryStore;
class Poller;
class RegistryClient;
struct RebuildEvent;

namespace ExitCode {
constexpr int Done = 0;
constexpr int Partial = 1;
constexpr int Usage = 2;
constexpr int Found = 3;
} // namespace ExitCode

// rebuildradar-cli: every command of ../shared/CLI-CONTRACT.md. Runs on the event loop; `finished`
// carries the exit code.
class Cli : public QObject
{
    Q_OBJECT
public:
    Cli(QStringList arguments, const Clock &clock, QObject *parent = nullptr);
    ~Cli() override;

    void run();

signals:
    void finished(int exitCode);

private:
    void finish(int code);
    int usageError(const QString &message);
    bool openStore();
    RegistryClient &client();

    void cmdWatchAdd(const ParsedArgs &args);
    void cmdWatchFamily(const ParsedArgs &args);
    void cmdWatchRemove(const ParsedArgs &args);
    void cmdWatchList(const ParsedArgs &args);
    void cmdPoll(const ParsedArgs &args);
    void cmdHistory(const ParsedArgs &args);
    void cmdCheck(const ParsedArgs &args);
    void cmdExport(const ParsedArgs &args);
    void cmdDaemon(const ParsedArgs &args);
    void cmdScan(const ParsedArgs &args);
    void runHook(const QString &command, const RebuildEvent &event);
    void makePoller();
    void printHelp();

    QStringList m_arguments;
    const Clock &m_clock;
    QTextStream m_out;
    QTextStream m_err;
    QString m_dbPath;
    QSet<QString> m_insecure;
    std::unique_ptr<QNetworkAccessManager> m_network;
    std::unique_ptr<CredentialChain> m_credentials;
    std::unique_ptr<RegistryClient> m_client;
    std::unique_ptr<Database> m_db;
    std::unique_ptr<HistoryStore> m_store;
    std::unique_ptr<Poller> m_poller;
    std::unique_ptr<Backfiller> m_backfiller;
    bool m_finished = false;
};

// The credential sources in the contract's order: keychain, Docker config, Podman auth file.
std::unique_ptr<CredentialChain> makeDefaultCredentials();

// Insecure registries saved in the shared settings plus those given on the command line.
Result<QSet<QString>> insecureRegistries(const QStringList &fromCommandLine);

} // namespace RebuildRadar
