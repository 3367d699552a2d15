#include "cli/DaemonCommand.h"

#include "cli/ArgParser.h"
#include "cli/Cli.h"
#include "common/Duration.h"
#include "common/SignalWatcher.h"
#include "credentials/Credential.h"
#include "engine/WatchEngine.h"
#include "export/JsonShapes.h"
#include "notify/CommandChannel.h"

#include <memory>

namespace RebuildRadar {

namespace {

QString eventWord(RolloutEvent event)
{
    switch (event) {
    case RolloutEvent::Started:
        return Command::tr("rollout started");
    case RolloutEvent::Complete:
        return Command::tr("rollout complete");
    case RolloutEvent::Closed:
        return Command::tr("rollout closed");
    case RolloutEvent::None:
        break;
    }
    return {};
}

} // namespace

void DaemonCommand::run(const ParsedArgs &args)
{
    if (!args.positionals.isEmpty()) {
        m_cli.usageError(tr("daemon takes no references; it polls the watchlist"));
        return;
    }
    CommandChannelOptions hookOptions;
    hookOptions.timeoutMs = m_cli.settings().hookTimeoutSeconds * 1000;
    if (args.has(QStringLiteral("--hook-timeout"))) {
        auto d = parseDuration(args.value(QStringLiteral("--hook-timeout")));
        if (!d) {
            m_cli.usageError(d.error().message);
            return;
        }
        hookOptions.timeoutMs = *d * 1000;
    }
    const QString hook = args.value(QStringLiteral("--on-rebuild"));
    auto *engine = new WatchEngine(m_cli.clock(), makeDefaultCredentials(), &m_cli);
    CommandChannel *channel = hook.isEmpty() ? nullptr : new CommandChannel(hook, hookOptions, &m_cli);

    QObject::connect(engine, &WatchEngine::opened, &m_cli, [this](bool ok, const QString &error) {
        if (!ok)
            m_cli.usageError(error);
    });
    QObject::connect(engine, &WatchEngine::rebuildRecorded, &m_cli, [this](const RebuildEvent &e) {
        m_cli.printLine(tr("%1 rebuilt: %2 → %3 [%4] %5")
                            .arg(familiarOf(e.tag.reference), CliText::digest(e.rebuild.from),
                                 CliText::digest(e.rebuild.to), CliText::platforms(e.rebuild),
                                 CliText::causes(e.rebuild)));
    });
    QObject::connect(
        engine, &WatchEngine::rolloutNotice, &m_cli, [this, engine, channel](const RolloutNotice &n) {
            m_cli.printLine(QStringLiteral("%1: %2 [%3]")
                                .arg(familiarOf(n.tag.reference), eventWord(rolloutEvent(n.kind)),
                                     n.userPlatformsDone.join(u',')));
            if (channel && rolloutEvent(n.kind) != RolloutEvent::None)
                channel->deliver(n);
            else
                engine->confirmDelivery(n.noticeId, true);
        });
    if (channel) {
        QObject::connect(
            channel, &CommandChannel::delivered, engine,
            [engine](qint64 noticeId, const QString &) { engine->confirmDelivery(noticeId, true); });
        QObject::connect(
            channel, &CommandChannel::failed, &m_cli,
            [this, engine](qint64 noticeId, const QString &reference, const QString &reason) {
                m_cli.printError(
                    tr("the --on-rebuild command for %1 failed: %2").arg(familiarOf(reference), reason));
                engine->confirmDelivery(noticeId, false, reason);
            });
    }
    QObject::connect(engine, &WatchEngine::tagsChecked, &m_cli, [this](const QList<PollResult> &results) {
        for (const PollResult &r : results) {
            if (r.status != TagStatus::Ok)
                m_cli.printError(QStringLiteral("%1: %2: %3")
                                     .arg(familiarOf(r.reference), tagStatusName(r.status), r.error));
        }
    });
    // The notification channels (notify add) deliver from the same engine; their failures are said here.
    QObject::connect(engine, &WatchEngine::channelFailed, &m_cli,
                     [this](const QString &name, const QString &error, bool givenUp) {
                         m_cli.printError(
                             givenUp ? QStringLiteral("channel %1: gave up: %2").arg(name, error)
                                     : QStringLiteral("channel %1: %2 (will try again)").arg(name, error));
                     });
    QObject::connect(engine, &WatchEngine::failed, &m_cli,
                     [this](const Error &error) { m_cli.printError(error.message); });
    QObject::connect(engine, &WatchEngine::familyTagsAdded, &m_cli, [this](const QStringList &references) {
        for (const QString &reference : references)
            m_cli.printLine(tr("new tag in a watched family: %1").arg(reference));
    });
    auto *signals_ = new SignalWatcher(&m_cli);
    QObject::connect(signals_, &SignalWatcher::terminationRequested, &m_cli, [this, engine, channel] {
        engine->shutdown(); // the write in hand
        if (channel)
            channel->stop(); // a command cut short stays in the outbox, run again next time
        m_cli.finish(ExitCode::Done);
    });

    EngineConfig config = EngineConfig::fromSettings(m_cli.settings());
    config.databasePath = m_cli.dbPath();
    config.insecureRegistries = m_cli.insecureRegistries();
    config.checkDeadlineMs = m_cli.checkDeadlineMs(); // --check-timeout over the setting
    config.backfillSources = CliContext::backfillSources();
    config.consumer = QStringLiteral("daemon");
    config.personalConsumer = false;
    config.confirmDeliveries = true;
    // Where workloads run (setting running/sources): a line for each one a rebuild leaves behind.
    config.workloadSources = workloadSourcesFromSettings(m_cli.settings().runningSources);
    QObject::connect(engine, &WatchEngine::workloadsLeftBehind, &m_cli,
                     [this](const QList<RunningStatus> &behind) {
                         for (const RunningStatus &s : behind)
                             m_cli.printLine(tr("%1 (%2 %3) now runs an old build of %4: build %5 of %6")
                                                 .arg(s.workload.name, workloadSourceName(s.workload.source),
                                                      s.workload.host, familiarOf(s.reference))
                                                 .arg(s.build)
                                                 .arg(s.builds));
                     });
    if (!config.workloadSources.isEmpty()) {
        // Once: what runs now is the baseline; later lines are about rebuilds that leave workloads behind.
        auto first = std::make_shared<QMetaObject::Connection>();
        *first = QObject::connect(engine, &WatchEngine::workloadsChanged, &m_cli,
                                  [this, first](const QList<RunningStatus> &workloads) {
                                      m_cli.printLine(
                                          tr("%n workload(s) running", nullptr, int(workloads.size())));
                                      QObject::disconnect(*first);
                                  });
    }
    engine->open(config);
}

} // namespace RebuildRadar
