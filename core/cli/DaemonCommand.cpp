#include "cli/DaemonCommand.h"

#include "cli/ArgParser.h"
#include "cli/SignalWatcher.h"
#include "export/JsonShapes.h"
#include "poll/FamilyWatcher.h"
#include "poll/Poller.h"
#include "reference/ImageReference.h"
#include "store/HistoryStore.h"

#include <QProcess>
#include <QTimer>

namespace RebuildRadar {

void DaemonCommand::runHook(const QString &command, const RebuildEvent &event)
{
    auto *process = new QProcess(&m_cli);
    QProcessEnvironment env = QProcessEnvironment::systemEnvironment();
    env.insert(QStringLiteral("REBUILDRADAR_REFERENCE"), event.tag.reference);
    env.insert(QStringLiteral("REBUILDRADAR_FROM"), event.rebuild.from);
    env.insert(QStringLiteral("REBUILDRADAR_TO"), event.rebuild.to);
    env.insert(
        QStringLiteral("REBUILDRADAR_PLATFORMS"),
        (event.rebuild.platformsChanged + event.rebuild.platformsAdded + event.rebuild.platformsRemoved)
            .join(u','));
    process->setProcessEnvironment(env);
    process->setProgram(QStringLiteral("/bin/sh"));
    process->setArguments({QStringLiteral("-c"), command});
    process->setStandardInputFile(QProcess::nullDevice());
    process->setProcessChannelMode(QProcess::ForwardedChannels);
    QObject::connect(process, &QProcess::finished, process, &QObject::deleteLater);
    QObject::connect(process, &QProcess::errorOccurred, &m_cli, [this, process](QProcess::ProcessError) {
        m_cli.printError(tr("the --on-rebuild command failed: %1").arg(process->errorString()));
    });
    process->start();
}

void DaemonCommand::run(const ParsedArgs &args)
{
    if (!args.positionals.isEmpty()) {
        m_cli.usageError(tr("daemon takes no references; it polls the watchlist"));
        return;
    }
    if (!m_cli.openStore())
        return;
    const QString hook = args.value(QStringLiteral("--on-rebuild"));
    m_cli.makePoller();
    QObject::connect(m_cli.poller(), &Poller::rebuildDetected, &m_cli, [this, hook](const RebuildEvent &e) {
        m_cli.printLine(tr("%1 rebuilt: %2 → %3 [%4] %5")
                            .arg(familiarOf(e.tag.reference), CliText::digest(e.rebuild.from),
                                 CliText::digest(e.rebuild.to), CliText::platforms(e.rebuild),
                                 CliText::causes(e.rebuild)));
        if (!hook.isEmpty() && e.relevant)
            runHook(hook, e);
    });
    QObject::connect(m_cli.poller(), &Poller::tagChecked, &m_cli, [this](const PollResult &r) {
        if (r.status != TagStatus::Ok)
            m_cli.printError(QStringLiteral("%1: %2: %3").arg(familiarOf(r.reference), r.status, r.error));
    });
    QObject::connect(m_cli.poller(), &Poller::storeFailed, &m_cli,
                     [this](const Error &error) { m_cli.printError(error.message); });
    auto *signals_ = new SignalWatcher(&m_cli);
    QObject::connect(signals_, &SignalWatcher::terminationRequested, &m_cli, [this] {
        m_cli.poller()->stop();
        m_cli.poller()->flush(); // the write in hand
        m_cli.finish(ExitCode::Done);
    });
    auto *families = new FamilyWatcher(*m_cli.store(), m_cli.client(), m_cli.clock(), &m_cli);
    QObject::connect(families, &FamilyWatcher::newTags, &m_cli,
                     [this](qint64, const QStringList &references) {
                         for (const QString &reference : references)
                             m_cli.printLine(tr("new tag in a watched family: %1").arg(reference));
                         m_cli.poller()->reload();
                     });
    QObject::connect(families, &FamilyWatcher::failed, &m_cli,
                     [this](const QString &message) { m_cli.printError(message); });
    families->start();
    // The watchlist may change under us (the app or `watch add`): look again now and then.
    auto *reload = new QTimer(&m_cli);
    QObject::connect(reload, &QTimer::timeout, m_cli.poller(), &Poller::reload);
    reload->start(60 * 1000);
    m_cli.poller()->start();
}

} // namespace RebuildRadar
