#pragma once

// What every CLI command shares: the output streams and the one way to finish (exit code, usage
// errors), the history store and the registry client opened on first use, the poller for the
// commands that poll, and the few ways of writing digests, dates and rebuilds on a terminal. Commands
// live in their own files (WatchCommands, PollCommand, …) and reach all of this through one context.

#include "common/Clock.h"
#include "common/SharedSettings.h"
#include "store/Database.h"

#include <QCoreApplication>
#include <QHash>
#include <QObject>
#include <QSet>
#include <QTextStream>

#include <memory>
#include <optional>

class QNetworkAccessManager;

namespace RebuildRadar {

class Backfiller;
class FixesSource;
class PackageAnalyzer;
class CredentialChain;
class HistoryStore;
class Poller;
class RegistryClient;
struct ParsedArgs;
struct Rebuild;

namespace ExitCode {
constexpr int Done = 0;
constexpr int Partial = 1;
constexpr int Usage = 2;
constexpr int Found = 3;
} // namespace ExitCode

class CliContext : public QObject
{
    Q_OBJECT
public:
    CliContext(const Clock &clock, SharedSettings settings, QObject *parent = nullptr);
    ~CliContext() override;

    // Set once the command line is parsed, before a command runs.
    void configure(QString dbPath, QSet<QString> insecureRegistries, int checkDeadlineMs);
    int checkDeadlineMs() const { return m_checkDeadlineMs; }

    const Clock &clock() const { return m_clock; }
    const SharedSettings &settings() const { return m_settings; }
    const QSet<QString> &insecureRegistries() const { return m_insecure; }
    const QString &dbPath() const { return m_dbPath; }
    QTextStream &out() { return m_out; }
    QTextStream &err() { return m_err; }

    // One line of text output, its control characters made visible (common/Printable.h): the line
    // may carry what a registry or a file said, which must not drive the user's terminal.
    void printLine(const QString &text);
    // "rebuildradar-cli: MESSAGE" on stderr, made printable the same way.
    void printError(const QString &message);

    // Flushes and emits `finished` once; later calls are ignored.
    void finish(int code);
    bool isFinished() const { return m_finished; }
    // Prints the message and finishes with ExitCode::Usage.
    int usageError(const QString &message);

    // Opens the database (creating it) and the store over it; a failure is a usage error, reported
    // (but for a login that waits for the keychain: see openDatabase).
    // `Read`: a command that only reads also works on a history this user may not write.
    enum class StoreUse
    {
        Write,
        Read,
    };
    bool openStore(StoreUse use = StoreUse::Write);
    // Opens a history, with the keychain's password where the Cli read one for it. A team history
    // whose server refused a login for want of a password (libpq's own places come first) is, the
    // first time, not reported: waitsForKeychain() says so, the command returns, and the Cli runs it
    // again once the keychain has answered (commands open their history before doing anything).
    Result<std::unique_ptr<Database>> openDatabase(const QString &location,
                                                   Database::Access access = Database::Access::ReadWrite);
    struct KeychainWish
    {
        QString location;
        Error refused; // said if the keychain holds no password for it
    };
    bool waitsForKeychain() const { return m_keychainWish.has_value(); }
    std::optional<KeychainWish> takeKeychainWish();
    // In memory only, for this run's commands.
    void setSavedPassword(const QString &location, const QString &password);
    // The canonical tag references of `texts`; nullopt, reported as a usage error, at the first that is
    // not a tag reference.
    std::optional<QStringList> tagReferences(const QStringList &texts);
    // The ids of these watched tags (openStore first); nullopt, reported as a usage error with
    // `notWatched` ("%1 …"), at the first that is not watched. Nothing is changed before all are known.
    std::optional<QList<qint64>> watchedTagIds(const QStringList &references, const QString &notWatched);
    HistoryStore *store() const { return m_store.get(); }
    Database *database() const { return m_db.get(); }
    RegistryClient &client();
    // The poller over the store (openStore first), with the backfill sources and their errors wired.
    Poller &makePoller();
    Poller *poller() const { return m_poller.get(); }
    // Where security fixes come from (issue 21): none yet, so analyses say "security data unavailable".
    // Security data for the analysis (secdb, OSV), as the settings configure it.
    FixesSource *fixesSource();
    // Package analysis over client(), with the byte budget of the shared settings.
    PackageAnalyzer &analyzer();
    // Registries standing in for a tag history API, from REBUILDRADAR_BACKFILL (tests).
    static QMap<QString, QString> backfillSources();

signals:
    void finished(int exitCode);

private:
    const Clock &m_clock;
    SharedSettings m_settings;
    QTextStream m_out;
    QTextStream m_err;
    QString m_dbPath;
    QSet<QString> m_insecure;
    int m_checkDeadlineMs = 60000;
    std::unique_ptr<QNetworkAccessManager> m_network;
    std::unique_ptr<CredentialChain> m_credentials;
    std::unique_ptr<RegistryClient> m_client;
    std::optional<KeychainWish> m_keychainWish;
    QSet<QString> m_keychainAsked;
    QHash<QString, QString> m_savedPasswords;
    std::unique_ptr<Database> m_db;
    std::unique_ptr<HistoryStore> m_store;
    std::unique_ptr<Poller> m_poller;
    std::unique_ptr<Backfiller> m_backfiller;
    std::unique_ptr<class SecurityData> m_security;
    std::unique_ptr<PackageAnalyzer> m_analyzer;
    bool m_finished = false;
};

// A command of the CLI. Lives as long as the Cli that runs it, so callbacks may capture `this` (but for
// one that returned waiting for the keychain: it is replaced by a fresh one, run again); its strings
// keep the translation context of the one Cli class they came from.
class Command
{
    Q_DECLARE_TR_FUNCTIONS(RebuildRadar::Cli)
public:
    explicit Command(CliContext &context)
        : m_cli(context)
    {}
    virtual ~Command() = default;
    Command(const Command &) = delete;
    Command &operator=(const Command &) = delete;

    virtual void run(const ParsedArgs &args) = 0;

protected:
    CliContext &m_cli;
};

// How the text output writes values.
namespace CliText {
// The algorithm stays visible: "sha256:0123456789ab"; "-" for none.
QString digest(const QString &digest);
// ISO 8601 UTC, or "never".
QString when(const std::optional<qint64> &t);
QString causes(const Rebuild &rebuild);
// The platforms a rebuild touched, or "index only".
QString platforms(const Rebuild &rebuild);
} // namespace CliText

} // namespace RebuildRadar
