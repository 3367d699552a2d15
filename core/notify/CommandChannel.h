#pragma once

// The "command" channel: `daemon --on-rebuild CMD` runs CMD through the shell once per rollout notice
// (started, complete, closed), with the notice in REBUILDRADAR_* variables. A command that hangs is
// ended at its timeout; at most a few run at once and the rest wait their turn; every failure is
// reported. Runs where its owner lives (the daemon's main thread), never blocking it.

#include "history/Rollouts.h"

#include <QObject>
#include <QProcessEnvironment>
#include <QQueue>

namespace RebuildRadar {

struct CommandChannelOptions
{
    int timeoutMs = 5 * 60 * 1000; // a hook running longer is ended (SIGTERM, then SIGKILL)
    int maxRunning = 4;            // more notices wait for a free slot
};

class CommandChannel : public QObject
{
    Q_OBJECT
public:
    CommandChannel(QString command, CommandChannelOptions options = {}, QObject *parent = nullptr);
    ~CommandChannel() override;

    // Runs the command for the notice, now or when a slot frees; notices without an event are skipped.
    void deliver(const RolloutNotice &notice);
    // Ends running commands and drops waiting ones (the daemon is stopping).
    void stop();
    int running() const { return m_running; }

    // The variables a notice gives the command (on top of the daemon's own environment).
    static QProcessEnvironment environmentFor(const RolloutNotice &notice);

signals:
    // The command ran for the notice (RolloutNotice::noticeId) and exited 0.
    void delivered(qint64 noticeId, const QString &reference);
    // It could not start, exited non-zero, crashed, or was ended at its timeout: `reason` says which.
    void failed(qint64 noticeId, const QString &reference, const QString &reason);
    void idle();

private:
    void startNext();

    QString m_command;
    CommandChannelOptions m_options;
    QQueue<RolloutNotice> m_waiting;
    int m_running = 0;
    bool m_stopped = false;
};

} // namespace RebuildRadar
