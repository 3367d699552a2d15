#include "notify/CommandChannel.h"

#include "history/PackageText.h"

#include <QProcess>
#include <QTimer>

namespace RebuildRadar {

namespace {} // namespace

CommandChannel::CommandChannel(QString command, CommandChannelOptions options, QObject *parent)
    : QObject(parent)
    , m_command(std::move(command))
    , m_options(options)
{}

CommandChannel::~CommandChannel()
{
    stop();
}

QProcessEnvironment CommandChannel::environmentFor(const RolloutNotice &notice)
{
    QProcessEnvironment env;
    QStringList causes;
    for (const Cause &c : notice.rebuild.causes)
        causes.append(causeKindName(c.kind));
    env.insert(QStringLiteral("REBUILDRADAR_REFERENCE"), notice.tag.reference);
    env.insert(QStringLiteral("REBUILDRADAR_FROM"), notice.rebuild.from);
    env.insert(QStringLiteral("REBUILDRADAR_TO"), notice.rebuild.to);
    env.insert(QStringLiteral("REBUILDRADAR_PLATFORMS"), notice.rebuild.platformsTouched().join(u','));
    env.insert(QStringLiteral("REBUILDRADAR_ROLLOUT"), rolloutEventName(rolloutEvent(notice.kind)));
    env.insert(QStringLiteral("REBUILDRADAR_CAUSES"), causes.join(u','));
    env.insert(QStringLiteral("REBUILDRADAR_PLATFORMS_DONE"), notice.userPlatformsDone.join(u','));
    // What changed inside, when the analysis finished before the notice left (empty otherwise).
    env.insert(QStringLiteral("REBUILDRADAR_PACKAGES"), rebuildPackageSummary(notice.rebuild));
    return env;
}

void CommandChannel::deliver(const RolloutNotice &notice)
{
    if (m_stopped || rolloutEvent(notice.kind) == RolloutEvent::None)
        return;
    m_waiting.enqueue(notice);
    startNext();
}

void CommandChannel::startNext()
{
    while (!m_stopped && m_running < m_options.maxRunning && !m_waiting.isEmpty()) {
        const RolloutNotice notice = m_waiting.dequeue();
        const QString reference = notice.tag.reference;
        const qint64 noticeId = notice.noticeId;
        auto *process = new QProcess(this);
        QProcessEnvironment env = QProcessEnvironment::systemEnvironment();
        env.insert(environmentFor(notice));
        process->setProcessEnvironment(env);
        process->setProgram(QStringLiteral("/bin/sh"));
        process->setArguments({QStringLiteral("-c"), m_command});
        process->setStandardInputFile(QProcess::nullDevice());
        process->setProcessChannelMode(QProcess::ForwardedChannels);
        auto *deadline = new QTimer(process);
        deadline->setSingleShot(true);
        auto timedOut = std::make_shared<bool>(false);
        connect(deadline, &QTimer::timeout, process, [process, timedOut] {
            *timedOut = true;
            process->terminate();
            // a command that ignores SIGTERM is killed a few seconds later
            QTimer::singleShot(5000, process, [process] { process->kill(); });
        });
        ++m_running;
        auto done = [this, process, reference, noticeId](bool ok, const QString &reason) {
            --m_running;
            if (ok)
                emit delivered(noticeId, reference);
            else
                emit failed(noticeId, reference, reason);
            process->deleteLater();
            startNext();
            if (m_running == 0 && m_waiting.isEmpty())
                emit idle();
        };
        connect(process, &QProcess::finished, this,
                [this, process, done, timedOut](int code, QProcess::ExitStatus status) {
                    if (*timedOut)
                        done(false, tr("ended after %1 s without finishing").arg(m_options.timeoutMs / 1000));
                    else if (status == QProcess::CrashExit)
                        done(false, tr("crashed or was killed"));
                    else if (code != 0)
                        done(false, tr("exited with status %1").arg(code));
                    else
                        done(true, {});
                    Q_UNUSED(process);
                });
        connect(process, &QProcess::errorOccurred, this, [process, done](QProcess::ProcessError error) {
            if (error == QProcess::FailedToStart)
                done(false, process->errorString());
        });
        process->start();
        deadline->start(m_options.timeoutMs);
    }
}

void CommandChannel::stop()
{
    m_stopped = true;
    m_waiting.clear();
    for (QProcess *process : findChildren<QProcess *>()) {
        disconnect(process, nullptr, this, nullptr);
        process->terminate();
        if (!process->waitForFinished(2000))
            process->kill();
        process->waitForFinished(1000);
        delete process;
    }
    m_running = 0;
}

} // namespace RebuildRadar
