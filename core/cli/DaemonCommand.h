#pragma once

// `daemon [--on-rebuild CMD]`: polls each watched reference on its own interval and re-lists tag
// families until SIGTERM/SIGINT, then finishes the write in hand and exits 0; CMD runs through the
// shell once per recorded rebuild that touches the tag's platforms.

#include "cli/CliContext.h"

namespace RebuildRadar {

struct RebuildEvent;

class DaemonCommand : public Command
{
    Q_DECLARE_TR_FUNCTIONS(RebuildRadar::Cli)
public:
    using Command::Command;
    void run(const ParsedArgs &args) override;

private:
    void runHook(const QString &command, const RebuildEvent &event);
};

} // namespace RebuildRadar
