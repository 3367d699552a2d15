#pragma once

// `history REF`: the digests a tag has pointed to and its rebuilds, from the database alone; with
// `--acknowledge [ROLLOUT_START]`, marks the tag's latest (or given) rollout acknowledged, as the app does.

#include "cli/CliContext.h"
#include "domain/History.h"

#include <optional>

namespace RebuildRadar {

class HistoryCommand : public Command
{
    Q_DECLARE_TR_FUNCTIONS(RebuildRadar::Cli)
public:
    using Command::Command;
    void run(const ParsedArgs &args) override;

private:
    void acknowledgeRollout(const TagHistory &history, std::optional<qint64> startedAt);
};

} // namespace RebuildRadar
