#pragma once

// `migrate --from PATH --to URI`: copies a personal history (a SQLite file) into a team history on
// PostgreSQL (store/HistoryCopy), then prints each table's rows on both sides. The source must be a
// Rebuild Radar history; one at an older schema is upgraded first where this user may write it (as
// every command does, keeping a copy of the file as it was). Running it again changes nothing.
// English only, as the notify commands (the catalogues do not carry these lines yet).

#include "cli/CliContext.h"

namespace RebuildRadar {

class MigrateCommand : public Command
{
    Q_DECLARE_TR_FUNCTIONS(RebuildRadar::Cli)
public:
    using Command::Command;
    void run(const ParsedArgs &args) override;
};

} // namespace RebuildRadar
