#pragma once

// The PDF export: the title and the summary table (a row per tag) first, then per tag its rollouts
// and a table of its rebuilds (detection, upstream time, lag, builds, causes), and the digests with
// their platforms in an appendix; what runs where (when a source of workloads is configured) before the
// appendix, as in the Markdown and HTML reports; numbered A4 pages drawn by PdfWriter. Cells wrap between
// words, so a timestamp or a digest is never cut in two. Tags are written 64 at a time, each batch summary
// first, so a report of any length streams.

#include "export/PdfWriter.h"
#include "export/ReportWriter.h"

namespace RebuildRadar {

class PdfReportWriter final : public ReportWriter
{
public:
    explicit PdfReportWriter(QIODevice &out)
        : ReportWriter(out)
        , m_pdf(out)
    {}
    void begin(const ReportHeader &h) override;
    void tag(const ReportTag &t) override;
    void running(const QList<RunningStatus> &workloads, qint64 now) override;
    void end() override;

    struct Cell
    {
        QString text;
        double width = 0;
        bool rightAligned = false;
    };
    // `text` in lines no wider than `width` at `size`, broken between words (inside a word only when
    // the word alone is wider).
    static QStringList wrap(const QString &text, double width, double size);

private:
    void newPage();
    void footer();
    // Starts a new page unless `height` points still fit on this one.
    void need(double height);
    void line(const QString &text, double size, bool bold = false);
    // One table row: each cell wrapped in its column; the row is as tall as its tallest cell.
    void row(const QList<Cell> &cells, double size, bool bold = false);
    void flush();
    void summary(const QList<ReportTag> &tags);
    void section(const ReportTag &t);
    void appendix();

    PdfWriter m_pdf;
    double m_y = 0;
    QList<ReportTag> m_pending;
    // Per tag: its name, then the lines of its digests (kept for the appendix).
    QList<QStringList> m_digests;
};

} // namespace RebuildRadar
