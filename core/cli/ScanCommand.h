#pragma once

// `scan PATH`: finds image references in a project's files, tells which pins are stale, and with
// `--update` / `--pin` rewrites them in place.

#include "cli/CliContext.h"

namespace RebuildRadar {

class ScanCommand : public Command
{
    Q_DECLARE_TR_FUNCTIONS(RebuildRadar::Cli)
public:
    using Command::Command;
    void run(const ParsedArgs &args) override;
};

} // namespace RebuildRadar
