#pragma once

// `running [--docker [URL]] [--podman [URL]] [--kubernetes [CONTEXT]] [--namespace NS] [--all] [--watch]
// [--json] [--exit-code]`: the containers and pods that run a tag, the build of it they run and how far
// behind it is. Sources are read by WorkloadReader (off the event loop's thread for engines) and
// matched by RunningMatch; an unreachable source is reported on stderr without hiding the others.

#include "cli/CliContext.h"
#include "running/RunningMatch.h"
#include "running/WorkloadReader.h"

namespace RebuildRadar {

class RunningCommand : public Command
{
    Q_DECLARE_TR_FUNCTIONS(RebuildRadar::Cli)
public:
    using Command::Command;
    void run(const ParsedArgs &args) override;

    // What a workload's line says of its build: "build 1 of 2, 1 rebuild behind, newer since …".
    static QString describe(const RunningStatus &status);

private:
    void onRead(const QList<SourceReading> &readings);
    // Watches the tags the workloads run that are not watched yet; false when that failed (reported).
    bool watchUnwatched(const QList<Workload> &workloads);

    WorkloadReader m_reader;
    bool m_json = false;
    bool m_exitCode = false;
    bool m_watch = false;
};

} // namespace RebuildRadar
