#pragma once

// `history REF`: the digests a tag has pointed to and its rebuilds, from the database alone.

#include "cli/CliContext.h"

namespace RebuildRadar {

class HistoryCommand : public Command
{
    Q_DECLARE_TR_FUNCTIONS(RebuildRadar::Cli)
public:
    using Command::Command;
    void run(const ParsedArgs &args) override;
};

} // namespace RebuildRadar
