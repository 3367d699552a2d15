#pragma once

// `daemon [--on-rebuild CMD] [--hook-timeout DURATION]`: runs the same engine as the desktop app (polls,
// families, backfills, the notification rules) on this thread until SIGTERM/SIGINT, then finishes the
// write in hand and exits 0. It announces what the app announces: CMD runs once per rollout notice
// (started, complete, closed), never for muted tags or acknowledged rollouts, from the durable outbox.

#include "cli/CliContext.h"

namespace RebuildRadar {

class DaemonCommand : public Command
{
    Q_DECLARE_TR_FUNCTIONS(RebuildRadar::Cli)
public:
    using Command::Command;
    void run(const ParsedArgs &args) override;
};

} // namespace RebuildRadar
