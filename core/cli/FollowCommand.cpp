#include "cli/FollowCommand.h"

#include "cli/ArgParser.h"
#include "common/SignalWatcher.h"
#include "common/Time.h"
#include "export/JsonShapes.h"
#include "history/PackageText.h"
#include "history/Rollouts.h"
#include "reference/ImageReference.h"
#include "store/HistoryStore.h"
#include "store/NoticeOutbox.h"

#include "store/Database.h"

#include <QJsonDocument>

namespace RebuildRadar {

FollowCommand::FollowCommand(CliContext &context)
    : Command(context)
{}

FollowCommand::~FollowCommand() = default;

void FollowCommand::run(const ParsedArgs &args)
{
    if (!args.positionals.isEmpty()) {
        m_cli.usageError(tr("follow takes no reference: it streams the rebuilds of every tag"));
        return;
    }
    m_json = args.has(QStringLiteral("--json"));
    if (!m_cli.openStore(CliContext::StoreUse::Read))
        return;
    m_outbox = std::make_unique<NoticeOutbox>(*m_cli.database(), [this] { return m_cli.clock().nowMs(); });
    // From now on: what was recorded before is history, not news.
    auto newest = m_outbox->newestRebuildId();
    if (!newest) {
        m_cli.printError(newest.error().message);
        m_cli.finish(ExitCode::Partial);
        return;
    }
    m_lastRebuild = *newest;
    auto *signals_ = new SignalWatcher(&m_cli);
    QObject::connect(signals_, &SignalWatcher::terminationRequested, &m_cli, [this] {
        m_timer.stop();
        m_cli.finish(ExitCode::Done);
    });
    // On stderr, so the stream stays pure: says when rebuilds recorded from now on will be shown.
    m_cli.err() << tr("following %1 (SIGINT or SIGTERM to stop)").arg(m_cli.dbPath()) << '\n';
    m_cli.err().flush();
    m_timer.setInterval(kLookEveryMs);
    QObject::connect(&m_timer, &QTimer::timeout, &m_cli, [this] { look(); });
    m_timer.start();
    // a team database (PostgreSQL) announces each commit: looked at at once, the timer only backs it up
    m_cli.database()->onOtherProgramsCommit(&m_cli, [this] { look(); });
}

void FollowCommand::look()
{
    auto version = m_outbox->dataVersion();
    if (!version) {
        m_cli.printError(version.error().message);
        return;
    }
    if (*version == m_dataVersion)
        return;
    m_dataVersion = *version;
    for (;;) {
        auto rebuilds = m_cli.store()->rebuildsAfter(m_lastRebuild, 100);
        if (!rebuilds) {
            m_cli.printError(rebuilds.error().message);
            return;
        }
        for (const Rebuild &r : *rebuilds) {
            print(r);
            m_lastRebuild = r.id;
        }
        if (rebuilds->size() < 100)
            break;
    }
    m_cli.out().flush();
}

void FollowCommand::print(const Rebuild &rebuild)
{
    auto history = m_cli.store()->history(rebuild.tagId);
    if (!history) {
        m_cli.printError(history.error().message);
        return;
    }
    // The history as it was at this step: the notice it made then.
    while (!history->rebuilds.isEmpty() && history->rebuilds.last().id != rebuild.id)
        history->rebuilds.removeLast();
    const qint64 window = m_cli.settings().rolloutWindowMs();
    QList<int> rolloutOf;
    groupRollouts(*history, window, &rolloutOf);
    const RolloutNotice notice = noticeForLatest(*history, history->tag.platforms, window);
    const QString event = rolloutEventName(rolloutEvent(notice.kind));
    if (m_json) {
        QJsonObject line = rebuildJson(rebuild);
        line.insert(QStringLiteral("reference"), history->tag.reference);
        line.insert(QStringLiteral("rollout"), rolloutOf.isEmpty() ? 0 : rolloutOf.last());
        line.insert(QStringLiteral("notice"),
                    event.isEmpty() ? QJsonValue(QJsonValue::Null) : QJsonValue(event));
        m_cli.out() << QString::fromUtf8(QJsonDocument(line).toJson(QJsonDocument::Compact)) << '\n';
        return;
    }
    QString text = tr("%1 %2 rebuilt: %3 → %4 [%5] %6")
                       .arg(isoUtc(rebuild.detectedAt), familiarOf(history->tag.reference),
                            CliText::digest(rebuild.from), CliText::digest(rebuild.to),
                            CliText::platforms(rebuild), CliText::causes(rebuild));
    if (!event.isEmpty())
        text += u' ' + tr("(rollout %1)").arg(event);
    m_cli.printLine(text);
}

} // namespace RebuildRadar
