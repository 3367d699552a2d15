#pragma once

// The watchlist commands: `watch add REF...` (syntax only, all or nothing), `watch add REPOSITORY --tags
// REGEX` (a tag family, listed once now), `watch remove`, `watch mute`/`unmute` and `watch list`.

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

// `watch mute REF...` / `watch unmute REF...`: a muted tag is still checked and recorded, never announced
// (tray, --on-rebuild, channels), as the app's menu does.
class WatchMuteCommand : public Command
{
    Q_DECLARE_TR_FUNCTIONS(RebuildRadar::Cli)
public:
    WatchMuteCommand(CliContext &context, bool mute)
        : Command(context)
        , m_mute(mute)
    {}
    void run(const ParsedArgs &args) override;

private:
    bool m_mute;
};

class WatchListCommand : public Command
{
    Q_DECLARE_TR_FUNCTIONS(RebuildRadar::Cli)
public:
    using Command::Command;
    void run(const ParsedArgs &args) override;
};

} // namespace RebuildRadar
