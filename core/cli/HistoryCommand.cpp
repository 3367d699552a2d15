#include "cli/HistoryCommand.h"

#include "cli/ArgParser.h"
#include "common/Time.h"
#include "export/JsonShapes.h"
#include "history/PackageText.h"
#include "history/Rollouts.h"
#include "reference/ImageReference.h"
#include "store/HistoryStore.h"

#include <QJsonDocument>

#include <algorithm>

namespace RebuildRadar {

void HistoryCommand::run(const ParsedArgs &args)
{
    const bool acknowledge = args.has(QStringLiteral("--acknowledge"));
    if (args.positionals.size() != 1 && !(acknowledge && args.positionals.size() == 2)) {
        m_cli.usageError(acknowledge ? tr("history REF --acknowledge takes a reference and, optionally, the "
                                          "start of a rollout (as history --json gives it)")
                                     : tr("history needs exactly one reference"));
        return;
    }
    std::optional<qint64> rolloutStart;
    if (args.positionals.size() == 2) {
        rolloutStart = parseIsoUtc(args.positionals[1]);
        if (!rolloutStart) {
            m_cli.usageError(tr("%1 is not a rollout's start (an ISO 8601 date-time, as history --json gives "
                                "it)")
                                 .arg(args.positionals[1]));
            return;
        }
    }
    auto ref = ImageReference::parse(args.positionals.first());
    if (!ref || !ref->hasTag()) {
        m_cli.usageError(ref ? tr("%1 is not a tag reference").arg(args.positionals.first())
                             : ref.error().message);
        return;
    }
    if (!m_cli.openStore(acknowledge ? CliContext::StoreUse::Write : CliContext::StoreUse::Read))
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
    if (acknowledge) {
        acknowledgeRollout(*history, rolloutStart);
        return;
    }
    if (args.has(QStringLiteral("--json"))) {
        m_cli.out() << QJsonDocument(historyJson(*history, m_cli.settings().rolloutWindowMs()))
                           .toJson(QJsonDocument::Indented);
    } else {
        m_cli.printLine(history->tag.reference);
        for (const Span &s : history->spans) {
            m_cli.printLine(QStringLiteral("  %1  ").arg(s.digest) +
                            tr("%1 … %2").arg(isoUtc(s.firstSeen), isoUtc(s.lastSeen)));
            for (auto it = s.platforms.begin(); it != s.platforms.end(); ++it)
                m_cli.printLine(QStringLiteral("      %1  %2").arg(it.key(), it->digest));
        }
        for (const Rebuild &r : history->rebuilds) {
            m_cli.printLine(QStringLiteral("  %1  ").arg(isoUtc(r.detectedAt)) +
                            tr("rebuilt [%1] %2").arg(CliText::platforms(r), CliText::causes(r)));
            if (const QString changed = rebuildPackageSummary(r); !changed.isEmpty())
                m_cli.printLine(QStringLiteral("      ") + changed);
        }
        if (history->spans.isEmpty())
            m_cli.printLine(QStringLiteral("  ") + tr("not resolved yet"));
    }
    m_cli.finish(ExitCode::Done);
}

void HistoryCommand::acknowledgeRollout(const TagHistory &history, std::optional<qint64> startedAt)
{
    const QList<Rollout> rollouts = groupRollouts(history, m_cli.settings().rolloutWindowMs());
    const auto it = startedAt ? std::find_if(rollouts.begin(), rollouts.end(),
                                             [&](const Rollout &r) { return r.startedAt == *startedAt; })
                              : (rollouts.isEmpty() ? rollouts.end() : std::prev(rollouts.end()));
    if (it == rollouts.end()) {
        m_cli.usageError(startedAt ? tr("%1 has no rollout that started at %2; nothing was changed")
                                         .arg(history.tag.reference, isoUtc(*startedAt))
                                   : tr("%1 has no rebuild to acknowledge").arg(history.tag.reference));
        return;
    }
    // as the app's menu does: the rollout's rebuilds are marked, so it is not announced again
    if (auto ok = m_cli.store()->acknowledge(it->rebuildIds); !ok) {
        m_cli.usageError(ok.error().message);
        return;
    }
    m_cli.printLine(tr("acknowledged the rollout of %1 that started %2")
                        .arg(history.tag.reference, isoUtc(it->startedAt)));
    m_cli.finish(ExitCode::Done);
}

} // namespace RebuildRadar
