#pragma once

// The Markdown export: a summary table with a row per tag, then a section per tag with its current
// digest, rollouts and a table of rebuilds. Sections are held back (64 at most) so they follow the
// summary rows they belong to.

#include "export/ReportWriter.h"

namespace RebuildRadar {

class MarkdownWriter final : public ReportWriter
{
public:
    using ReportWriter::ReportWriter;
    void begin(const ReportHeader &h) override;
    void tag(const ReportTag &t) override;
    void running(const QList<RunningStatus> &workloads, qint64 now) override;
    void end() override;

private:
    void flushSections();
    QStringList m_sections;
};

} // namespace RebuildRadar
