#include "cli/PollCommand.h"

#include "cli/ArgParser.h"
#include "export/JsonShapes.h"
#include "poll/Poller.h"
#include "reference/ImageReference.h"
#include "store/HistoryStore.h"

#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>

#include <cstdio>
#include <unistd.h>

namespace RebuildRadar {

QString PollCommand::noRebuildsText(int checked)
{
    // English has no catalogue: its singular is written out, other languages get their plural forms.
    return checked == 1 ? tr("1 tag checked, no rebuilds")
                        : tr("%n tags checked, no rebuilds", nullptr, checked);
}

void PollCommand::run(const ParsedArgs &args)
{
    const auto keys = m_cli.tagReferences(args.positionals);
    if (!keys || !m_cli.openStore())
        return;
    const auto watched = m_cli.watchedTagIds(*keys, tr("%1 is not watched (watch add it first)"));
    if (!watched)
        return;
    const QList<qint64> ids = *watched;
    const bool json = args.has(QStringLiteral("--json"));
    const bool exitCode = args.has(QStringLiteral("--exit-code"));
    m_cli.makePoller();
    auto rebuildLines = std::make_shared<QStringList>();
    QObject::connect(m_cli.poller(), &Poller::rebuildDetected, &m_cli, [rebuildLines](const RebuildEvent &e) {
        rebuildLines->append(QStringLiteral("%1 rebuilt: %2 → %3 [%4] %5")
                                 .arg(familiarOf(e.tag.reference), CliText::digest(e.rebuild.from),
                                      CliText::digest(e.rebuild.to), CliText::platforms(e.rebuild),
                                      CliText::causes(e.rebuild)));
    });
    if (isatty(fileno(stderr))) {
        QObject::connect(m_cli.poller(), &Poller::sweepProgress, &m_cli, [this](int done, int total) {
            m_cli.err() << "\r" << tr("checked %1 of %2").arg(done).arg(total) << (done == total ? "\n" : "")
                        << Qt::flush;
        });
    }
    QObject::connect(m_cli.poller(), &Poller::storeFailed, &m_cli, [this](const Error &error) {
        m_cli.printError(error.message);
        m_cli.finish(ExitCode::Partial);
    });
    QObject::connect(
        m_cli.poller(), &Poller::sweepFinished, &m_cli,
        [this, json, exitCode, rebuildLines](const QList<PollResult> &results) {
            bool failed = false;
            bool changed = false;
            QJsonArray array;
            for (const PollResult &r : results) {
                failed = failed || r.status != TagStatus::Ok;
                changed = changed || r.changed;
                array.append(
                    QJsonObject{{QStringLiteral("reference"), r.reference},
                                {QStringLiteral("status"), tagStatusName(r.status)},
                                {QStringLiteral("digest"),
                                 r.digest.isEmpty() ? QJsonValue(QJsonValue::Null) : QJsonValue(r.digest)},
                                {QStringLiteral("changed"), r.changed},
                                {QStringLiteral("error"),
                                 r.error.isEmpty() ? QJsonValue(QJsonValue::Null) : QJsonValue(r.error)}});
                if (r.status != TagStatus::Ok)
                    m_cli.printError(QStringLiteral("%1: %2: %3")
                                         .arg(familiarOf(r.reference), tagStatusName(r.status), r.error));
            }
            if (json) {
                m_cli.out() << QJsonDocument(array).toJson(QJsonDocument::Indented);
            } else {
                for (const QString &line : *rebuildLines)
                    m_cli.printLine(line);
                // Silence looked like a hang or a no-op; say what was done.
                if (rebuildLines->isEmpty())
                    m_cli.printLine(noRebuildsText(int(results.size())));
            }
            m_cli.finish(failed                  ? ExitCode::Partial
                         : (exitCode && changed) ? ExitCode::Found
                                                 : ExitCode::Done);
        });
    m_cli.poller()->checkNow(ids);
}

} // namespace RebuildRadar
