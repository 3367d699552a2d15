#pragma once

// `export`: writes the history as CSV, JSON, Markdown, HTML or PDF, offline, to a file or stdout.

#include "cli/CliContext.h"

namespace RebuildRadar {

class ExportCommand : public Command
{
    Q_DECLARE_TR_FUNCTIONS(RebuildRadar::Cli)
public:
    using Command::Command;
    void run(const ParsedArgs &args) override;
};

} // namespace RebuildRadar
