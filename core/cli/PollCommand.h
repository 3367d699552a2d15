#pragma once

// `poll [REF...]`: checks the watchlist (or the given watched tags) once, records what changed and prints
// one line per rebuild, or how many tags were checked when nothing was rebuilt.

#include "cli/CliContext.h"

namespace RebuildRadar {

class PollCommand : public Command
{
    Q_DECLARE_TR_FUNCTIONS(RebuildRadar::Cli)
public:
    using Command::Command;
    void run(const ParsedArgs &args) override;

    // What a text-mode poll says when nothing was rebuilt: "3 tags checked, no rebuilds".
    static QString noRebuildsText(int checked);
};

} // namespace RebuildRadar
