#include "cli/CliContext.h"

#include "analysis/PackageAnalyzer.h"
#include "cli/Cli.h"
#include "common/Printable.h"
#include "common/Time.h"
#include "credentials/Credential.h"
#include "credentials/DatabasePasswords.h"
#include "export/JsonShapes.h"
#include "poll/Poller.h"
#include "reference/ImageReference.h"
#include "registry/Backfill.h"
#include "registry/RegistryClient.h"
#include "security/SecurityData.h"
#include "store/Database.h"
#include "store/HistoryStore.h"

#include <QNetworkAccessManager>

#include <cstdio>

namespace RebuildRadar {

CliContext::CliContext(const Clock &clock, SharedSettings settings, QObject *parent)
    : QObject(parent)
    , m_clock(clock)
    , m_settings(std::move(settings))
    , m_out(stdout)
    , m_err(stderr)
{}

CliContext::~CliContext()
{
    m_analyzer.reset(); // before the client it sends through
    m_security.reset();
}

void CliContext::configure(QString dbPath, QSet<QString> insecureRegistries, int checkDeadlineMs)
{
    m_dbPath = std::move(dbPath);
    m_insecure = std::move(insecureRegistries);
    m_checkDeadlineMs = checkDeadlineMs;
}

void CliContext::printLine(const QString &text)
{
    m_out << printable(text) << Qt::endl;
}

void CliContext::printError(const QString &message)
{
    m_err << "rebuildradar-cli: " << printable(message) << Qt::endl;
}

void CliContext::finish(int code)
{
    if (m_finished)
        return;
    m_finished = true;
    m_out.flush();
    m_err.flush();
    emit finished(code);
}

int CliContext::usageError(const QString &message)
{
    printError(message);
    finish(ExitCode::Usage);
    return ExitCode::Usage;
}

std::optional<QStringList> CliContext::tagReferences(const QStringList &texts)
{
    QStringList keys;
    for (const QString &text : texts) {
        auto ref = ImageReference::parse(text);
        if (!ref || !ref->hasTag()) {
            usageError(ref ? Command::tr("%1 is not a tag reference").arg(text) : ref.error().message);
            return std::nullopt;
        }
        keys.append(ref->tagReference());
    }
    return keys;
}

std::optional<QList<qint64>> CliContext::watchedTagIds(const QStringList &references,
                                                       const QString &notWatched)
{
    QList<qint64> ids;
    for (const QString &key : references) {
        auto tag = m_store->tag(key);
        if (!tag) {
            usageError(tag.error().message);
            return std::nullopt;
        }
        if (!tag->has_value() || !(*tag)->watched) {
            usageError(notWatched.arg(key));
            return std::nullopt;
        }
        ids.append((*tag)->id);
    }
    return ids;
}

Result<std::unique_ptr<Database>> CliContext::openDatabase(const QString &location, Database::Access access)
{
    const auto saved = m_savedPasswords.constFind(location);
    auto db = Database::open(location, access, saved != m_savedPasswords.cend() ? *saved : QString());
    if (db)
        return db;
    if (saved != m_savedPasswords.cend())
        return DatabasePasswords::savedOneRefusedToo(db.error());
    if (DatabasePasswords::mayBeSaved(Database::isPostgresLocation(location), QString(), db.error()) &&
        !m_keychainAsked.contains(location))
        m_keychainWish = KeychainWish{location, db.error()};
    return db;
}

std::optional<CliContext::KeychainWish> CliContext::takeKeychainWish()
{
    auto wish = std::exchange(m_keychainWish, std::nullopt);
    if (wish)
        m_keychainAsked.insert(wish->location);
    return wish;
}

void CliContext::setSavedPassword(const QString &location, const QString &password)
{
    m_savedPasswords.insert(location, password);
}

bool CliContext::openStore(StoreUse use)
{
    auto db = openDatabase(m_dbPath, use == StoreUse::Read ? Database::readAccessFor(m_dbPath)
                                                           : Database::Access::ReadWrite);
    if (!db) {
        if (!waitsForKeychain())
            usageError(db.error().message);
        return false;
    }
    m_db = std::move(db).value();
    m_store = std::make_unique<HistoryStore>(*m_db, [this] { return m_clock.nowMs(); });
    return true;
}

RegistryClient &CliContext::client()
{
    if (!m_client) {
        m_network = std::make_unique<QNetworkAccessManager>();
        m_credentials = makeDefaultCredentials();
        RegistryClientOptions options;
        options.insecureRegistries = m_insecure;
        options.checkDeadlineMs = m_checkDeadlineMs;
        m_client = std::make_unique<RegistryClient>(m_network.get(), m_credentials.get(), m_clock, options);
    }
    return *m_client;
}

FixesSource *CliContext::fixesSource()
{
    if (!m_security) {
        client(); // the network it shares
        m_security = std::make_unique<SecurityData>(m_network.get(), m_clock,
                                                    SecurityDataOptions::fromSettings(m_settings));
    }
    return m_security.get();
}

PackageAnalyzer &CliContext::analyzer()
{
    if (!m_analyzer) {
        PackageAnalyzerOptions options;
        options.byteBudget = m_settings.analysisBudgetBytes();
        m_analyzer = std::make_unique<PackageAnalyzer>(client(), fixesSource(), options);
    }
    return *m_analyzer;
}

QMap<QString, QString> CliContext::backfillSources()
{
    // Test registries can stand in for a history API: REBUILDRADAR_BACKFILL=host:port=chainguard|quay
    QMap<QString, QString> sources;
    for (const QString &pair : qEnvironmentVariable("REBUILDRADAR_BACKFILL").split(u',', Qt::SkipEmptyParts))
        sources.insert(pair.section(u'=', 0, 0), pair.section(u'=', 1));
    return sources;
}

Poller &CliContext::makePoller()
{
    m_poller = std::make_unique<Poller>(*m_store, client(), m_clock);
    m_backfiller = std::make_unique<Backfiller>(client(), backfillSources());
    m_poller->setBackfiller(m_backfiller.get());
    connect(m_poller.get(), &Poller::backfillFailed, this,
            [this](const QString &reference, const QString &message) {
                printError(
                    Command::tr("%1: no past history imported: %2").arg(familiarOf(reference), message));
            });
    return *m_poller;
}

namespace CliText {

QString digest(const QString &digest)
{
    return digest.isEmpty() ? QStringLiteral("-") : digest.left(19);
}

QString when(const std::optional<qint64> &t)
{
    return t ? isoUtc(*t) : QStringLiteral("never");
}

QString causes(const Rebuild &r)
{
    QStringList parts;
    for (const Cause &c : r.causes)
        parts.append(causeKindName(c.kind) + QStringLiteral(": ") + c.detail);
    return parts.join(QStringLiteral("; "));
}

QString platforms(const Rebuild &r)
{
    const QStringList all = r.platformsTouched();
    return all.isEmpty() ? QStringLiteral("index only") : all.join(u',');
}

} // namespace CliText

} // namespace RebuildRadar
