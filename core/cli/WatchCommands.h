#pragma once

// The watchlist commands: `watch add REF...` (syntax only, all or nothing), `watch add REPOSITORY --tags
// REGEX` (a tag family, listed once now), `watch remove` and `watch list`.

#include "cli/CliContext.h"

namespace RebuildRadar {

class WatchAddCommand : public Command
{
    Q_DECLARE_TR_FUNCTIONS(RebuildRadar::Cli)
public:
    using Command::Command;
    void run(const ParsedArgs &args) override;

private:
    void runFamily(const ParsedArgs &args);
};

class WatchRemoveCommand : public Command
{
    Q_DECLARE_TR_FUNCTIONS(RebuildRadar::Cli)
public:
    using Command::Command;
    void run(const ParsedArgs &args) override;
};

class WatchListCommand : public Command
{
    Q_DECLARE_TR_FUNCTIONS(RebuildRadar::Cli)
public:
    using Command::Command;
    void run(const ParsedArgs &args) override;
};

} // namespace RebuildRadar
