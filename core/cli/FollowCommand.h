#pragma once

// `follow [--json]`: streams the rebuilds that any program records in the history from now on, with
// the rollout notice each one makes for the tag's platforms, until SIGTERM/SIGINT (exit 0). On SQLite
// it watches the file: PRAGMA data_version moves when another connection commits, and only then are
// the new rebuilds read. One line per rebuild; with --json, one JSON object per line: the `history
// --json` rebuild shape plus "reference", "rollout" (its rollout's number, as history --json has it)
// and "notice" (started | complete | closed, or null when the step makes no notice).

#include "cli/CliContext.h"

#include <QTimer>

namespace RebuildRadar {

class NoticeOutbox;

class FollowCommand : public Command
{
    Q_DECLARE_TR_FUNCTIONS(RebuildRadar::Cli)
public:
    explicit FollowCommand(CliContext &context);
    ~FollowCommand() override;
    void run(const ParsedArgs &args) override;

    static constexpr int kLookEveryMs = 100; // one PRAGMA read: cheap, and well inside a second

private:
    void look();
    void print(const Rebuild &rebuild);

    bool m_json = false;
    qint64 m_lastRebuild = 0;
    qint64 m_dataVersion = -1;
    std::unique_ptr<NoticeOutbox> m_outbox;
    QTimer m_timer;
};

} // namespace RebuildRadar
