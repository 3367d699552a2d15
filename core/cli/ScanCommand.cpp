#include "cli/ScanCommand.h"

#include "cli/ArgParser.h"
#include "scan/PinScanner.h"
#include "store/Database.h"

#include <QFileInfo>
#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>

#include <algorithm>

namespace RebuildRadar {

QString ScanCommand::pinAgeText(qint64 ageMs)
{
    const int days = int(std::max<qint64>(0, ageMs) / 86400000);
    // English has no catalogue: its singular is written out, other languages get their plural forms.
    if (days == 0)
        return tr("pinned digest first seen today");
    if (days == 1)
        return tr("pinned digest first seen 1 day ago");
    return tr("pinned digest first seen %n days ago", nullptr, days);
}

void ScanCommand::run(const ParsedArgs &args)
{
    if (args.positionals.size() != 1) {
        m_cli.usageError(tr("scan needs exactly one folder"));
        return;
    }
    const QFileInfo given(args.positionals.first());
    if (!given.isDir()) {
        m_cli.usageError(tr("%1 is not a folder").arg(args.positionals.first()));
        return;
    }
    // Resolved once, so listing, reading and rewriting all name the same files whatever the cwd.
    const QString root = given.absoluteFilePath();
    // The history, when there is one, says how old a stale pin is; scanning never creates it.
    // A team database (a URI) is there by definition: it is opened like any other.
    const bool haveHistory =
        Database::isPostgresLocation(m_cli.dbPath()) || QFileInfo::exists(m_cli.dbPath());
    if (haveHistory && !m_cli.openStore(CliContext::StoreUse::Read))
        return;
    const bool json = args.has(QStringLiteral("--json"));
    const bool update = args.has(QStringLiteral("--update")) || args.has(QStringLiteral("--pin"));
    const bool pin = args.has(QStringLiteral("--pin"));
    const bool dryRun = args.has(QStringLiteral("--dry-run"));
    const bool exitCode = args.has(QStringLiteral("--exit-code"));
    auto *scanner = new PinScanner(m_cli.client(), m_cli.store(), m_cli.clock(), &m_cli);
    scanner->scan(
        root, &m_cli, [this, root, json, update, pin, dryRun, exitCode](Result<QList<PinResult>> results) {
            if (!results) {
                m_cli.usageError(results.error().message);
                return;
            }
            bool failed = false;
            bool stale = false;
            QJsonArray array;
            for (const PinResult &r : *results) {
                failed = failed || r.checkFailed || r.fileSkipped;
                if (r.fileSkipped)
                    m_cli.printError(QStringLiteral("%1: %2").arg(r.file, r.error));
                stale = stale || r.status == PinStatus::Stale;
                QJsonObject o{
                    {QStringLiteral("file"), r.file},
                    {QStringLiteral("line"), r.found.line},
                    {QStringLiteral("reference"), r.reference},
                    {QStringLiteral("pinned_digest"),
                     r.pinnedDigest.isEmpty() ? QJsonValue() : QJsonValue(r.pinnedDigest)},
                    {QStringLiteral("current_digest"),
                     r.currentDigest.isEmpty() ? QJsonValue() : QJsonValue(r.currentDigest)},
                    {QStringLiteral("status"), r.status},
                    {QStringLiteral("error"), r.error.isEmpty() ? QJsonValue() : QJsonValue(r.error)},
                    {QStringLiteral("kind"), r.found.kind},
                    {QStringLiteral("rebuilds_since_pin"),
                     r.rebuildsSince ? QJsonValue(*r.rebuildsSince) : QJsonValue()},
                    {QStringLiteral("pin_age_seconds"),
                     r.pinnedAgeMs ? QJsonValue(*r.pinnedAgeMs / 1000) : QJsonValue()}};
                array.append(o);
                if (!json) {
                    QString line = QStringLiteral("%1:%2  %3  %4")
                                       .arg(r.file)
                                       .arg(r.found.line)
                                       .arg(r.status, r.found.text);
                    if (r.status == PinStatus::Stale) {
                        line += QStringLiteral("  → %1").arg(r.replacement.left(19));
                        if (r.rebuildsSince)
                            line += tr("  (%n rebuild(s) since the pin", nullptr, *r.rebuildsSince) +
                                    (r.pinnedAgeMs ? QStringLiteral(", ") + pinAgeText(*r.pinnedAgeMs)
                                                   : QString()) +
                                    u')';
                    }
                    if (!r.error.isEmpty())
                        line += QStringLiteral("  (%1)").arg(r.error);
                    m_cli.printLine(line);
                }
            }
            if (json)
                m_cli.out() << QJsonDocument(array).toJson(QJsonDocument::Indented);
            if (update) {
                const QList<FileUpdate> updates = PinScanner::plan(root, *results, pin);
                for (const FileUpdate &u : updates)
                    (json ? m_cli.err() : m_cli.out()) << PinScanner::unifiedDiff(u);
                if (!dryRun) {
                    if (auto applied = PinScanner::apply(root, updates); !applied) {
                        m_cli.printError(applied.error().message);
                        m_cli.finish(ExitCode::Partial);
                        return;
                    }
                }
            }
            m_cli.finish(failed ? ExitCode::Partial : (exitCode && stale) ? ExitCode::Found : ExitCode::Done);
        });
}

} // namespace RebuildRadar
