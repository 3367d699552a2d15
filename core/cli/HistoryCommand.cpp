#include "cli/HistoryCommand.h"

#include "cli/ArgParser.h"
#include "common/Time.h"
#include "export/JsonShapes.h"
#include "history/Rollouts.h"
#include "reference/ImageReference.h"
#include "store/HistoryStore.h"

#include <QJsonDocument>

namespace RebuildRadar {

void HistoryCommand::run(const ParsedArgs &args)
{
    if (args.positionals.size() != 1) {
        m_cli.usageError(tr("history needs exactly one reference"));
        return;
    }
    auto ref = ImageReference::parse(args.positionals.first());
    if (!ref || !ref->hasTag()) {
        m_cli.usageError(ref ? tr("%1 is not a tag reference").arg(args.positionals.first())
                             : ref.error().message);
        return;
    }
    if (!m_cli.openStore())
        return;
    auto tag = m_cli.store()->tag(ref->tagReference());
    if (!tag || !tag->has_value()) {
        m_cli.usageError(tag ? tr("%1 is neither watched nor in the history").arg(ref->tagReference())
                             : tag.error().message);
        return;
    }
    auto history = m_cli.store()->history((*tag)->id);
    if (!history) {
        m_cli.usageError(history.error().message);
        return;
    }
    if (args.has(QStringLiteral("--json"))) {
        m_cli.out() << QJsonDocument(historyJson(*history, configuredRolloutWindowMs()))
                           .toJson(QJsonDocument::Indented);
    } else {
        m_cli.printLine(history->tag.reference);
        for (const Span &s : history->spans) {
            m_cli.printLine(QStringLiteral("  %1  ").arg(s.digest) +
                            tr("%1 … %2").arg(isoUtc(s.firstSeen), isoUtc(s.lastSeen)));
            for (auto it = s.platforms.begin(); it != s.platforms.end(); ++it)
                m_cli.printLine(QStringLiteral("      %1  %2").arg(it.key(), it->digest));
        }
        for (const Rebuild &r : history->rebuilds)
            m_cli.printLine(QStringLiteral("  %1  ").arg(isoUtc(r.detectedAt)) +
                            tr("rebuilt [%1] %2").arg(CliText::platforms(r), CliText::causes(r)));
        if (history->spans.isEmpty())
            m_cli.printLine(QStringLiteral("  ") + tr("not resolved yet"));
    }
    m_cli.finish(ExitCode::Done);
}

} // namespace RebuildRadar
