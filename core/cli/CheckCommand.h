#pragma once

// `check REF`: resolves a reference's current digest and per-platform digests now, storing nothing.

#include "cli/CliContext.h"

namespace RebuildRadar {

class CheckCommand : public Command
{
    Q_DECLARE_TR_FUNCTIONS(RebuildRadar::Cli)
public:
    using Command::Command;
    void run(const ParsedArgs &args) override;
};

} // namespace RebuildRadar
