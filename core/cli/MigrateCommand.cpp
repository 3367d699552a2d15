#include "cli/MigrateCommand.h"

#include "cli/ArgParser.h"
#include "common/PostgresLocation.h"
#include "store/Database.h"
#include "store/HistoryCopy.h"

#include <QFileInfo>

namespace RebuildRadar {

namespace {

// The source opened to be read, at the current schema: as it is where it is current, else upgraded
// (with a copy kept) where it is a history of an older schema that this user may write.
Result<std::unique_ptr<Database>> openSource(const QString &path, QString *upgradedFrom)
{
    if (!QFileInfo::exists(path))
        return makeError(ErrorCode::InvalidInput,
                         QStringLiteral("there is no history at %1; nothing was changed").arg(path));
    if (QFileInfo(path).isDir())
        return makeError(ErrorCode::InvalidInput,
                         QStringLiteral("%1 is a folder, not a history file; nothing was changed").arg(path));
    auto readOnly = Database::open(path, Database::Access::ReadOnly);
    if (readOnly)
        return readOnly;
    auto schema = HistoryCopy::historySchema(path);
    if (!schema)
        return makeError(ErrorCode::InvalidInput,
                         QStringLiteral("%1 is not a Rebuild Radar history (%2); nothing was changed")
                             .arg(path, schema.error().message));
    if (*schema <= 0)
        return makeError(ErrorCode::InvalidInput,
                         QStringLiteral("%1 is not a Rebuild Radar history; nothing was changed").arg(path));
    if (*schema >= Database::kSchemaVersion || Database::readAccessFor(path) == Database::Access::ReadOnly)
        return readOnly.error(); // newer than this code, or older and not ours to upgrade: said as such
    *upgradedFrom = QString::number(*schema);
    return Database::open(path);
}

} // namespace

void MigrateCommand::run(const ParsedArgs &args)
{
    const QString from = args.value(QStringLiteral("--from"));
    const QString to = args.value(QStringLiteral("--to"));
    if (!args.positionals.isEmpty() || from.isEmpty() || to.isEmpty()) {
        m_cli.usageError(QStringLiteral("migrate needs --from PATH (a SQLite history) and --to URI "
                                        "(postgresql://…), and nothing else"));
        return;
    }
    if (Database::isPostgresLocation(from)) {
        m_cli.usageError(QStringLiteral("--from takes the path of a SQLite history, not a URI"));
        return;
    }
    // The team database's address is checked before anything is opened (a URI with a password is
    // refused here, and its text is never printed).
    if (!Database::isPostgresLocation(to)) {
        m_cli.usageError(QStringLiteral("--to takes a team database's URI (postgresql://user@host/dbname)"));
        return;
    }
    if (auto location = PostgresLocation::parse(to); !location) {
        m_cli.usageError(location.error().message);
        return;
    }
    QString upgradedFrom;
    auto source = openSource(from, &upgradedFrom);
    if (!source) {
        m_cli.usageError(source.error().message);
        return;
    }
    if (!upgradedFrom.isEmpty())
        m_cli.printError(QStringLiteral("%1 was upgraded from schema %2 to %3 first (a copy of it as it was "
                                        "is kept at %1.v%2.bak)")
                             .arg(from, upgradedFrom)
                             .arg(Database::kSchemaVersion));
    auto target = m_cli.openDatabase(to);
    if (!target) {
        if (!m_cli.waitsForKeychain())
            m_cli.usageError(target.error().message);
        return;
    }
    auto copied = HistoryCopy::run(**source, **target);
    if (!copied) {
        m_cli.printError(copied.error().message);
        m_cli.finish(copied.error().code == ErrorCode::InvalidInput ? ExitCode::Usage : ExitCode::Partial);
        return;
    }
    switch (copied->outcome) {
    case HistoryCopy::Outcome::Copied:
        m_cli.printLine(
            QStringLiteral("copied %1 into %2 and verified the copy:").arg(from, (*target)->path()));
        break;
    case HistoryCopy::Outcome::AlreadyThere:
        m_cli.printLine(
            QStringLiteral("%1 already holds this history; nothing was changed:").arg((*target)->path()));
        break;
    case HistoryCopy::Outcome::AlreadyGrown:
        m_cli.printLine(QStringLiteral("%1 already holds this history and has recorded more since; nothing "
                                       "was changed:")
                            .arg((*target)->path()));
        break;
    }
    m_cli.printLine(QStringLiteral("  %1 %2 %3")
                        .arg(QStringLiteral("table"), -18)
                        .arg(QStringLiteral("source"), 10)
                        .arg(QStringLiteral("team"), 10));
    for (const HistoryCopy::TableCount &c : copied->counts)
        m_cli.printLine(QStringLiteral("  %1 %2 %3").arg(c.table, -18).arg(c.source, 10).arg(c.target, 10));
    m_cli.finish(ExitCode::Done);
}

} // namespace RebuildRadar
