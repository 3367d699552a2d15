#pragma once

// The HTML export: one self-contained page (inline style, no scripts, no external resources) with a
// summary table, and per tag an SVG timeline of its digests and rebuilds, the rebuilds table and the
// platforms of its last digest.

#include "export/ReportWriter.h"

namespace RebuildRadar {

class HtmlWriter final : public ReportWriter
{
public:
    HtmlWriter(QIODevice &out, const ReportOptions &options)
        : ReportWriter(out)
        , m_options(options)
    {}
    void begin(const ReportHeader &h) override;
    void tag(const ReportTag &t) override;
    void running(const QList<RunningStatus> &workloads, qint64 now) override;
    void end() override;

private:
    void flushSections();
    // The tag's digests as coloured bands over the period, upstream times and detections as marks.
    QString svg(const ReportTag &t) const;

    ReportOptions m_options;
    ReportHeader m_header;
    QStringList m_sections;
    bool m_ended = false;
    QString m_running; // the running section, written after the tags' sections
};

} // namespace RebuildRadar
