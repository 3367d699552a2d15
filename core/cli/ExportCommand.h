#pragma once

// `export`: writes the history as CSV, JSON, Markdown, HTML or PDF, offline, to a file or stdout. When
// sources of workloads are configured (setting running/sources), they are read first for the running
// section of Markdown and HTML reports.

#include "cli/CliContext.h"
#include "export/Exporter.h"
#include "running/WorkloadReader.h"

namespace RebuildRadar {

class ExportCommand : public Command
{
    Q_DECLARE_TR_FUNCTIONS(RebuildRadar::Cli)
public:
    using Command::Command;
    void run(const ParsedArgs &args) override;

private:
    void write(const ExportOptions &options, const QString &output);

    WorkloadReader m_reader; // the configured sources of workloads, for the report's running section
};

} // namespace RebuildRadar
