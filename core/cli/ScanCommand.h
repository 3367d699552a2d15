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

    // How old a stale pin is, in whole days: "first seen today", "first seen 1 day ago", "… 3 days ago".
    static QString pinAgeText(qint64 ageMs);
};

} // namespace RebuildRadar
