#pragma once

// The PDF export: a title page, then per tag its figures, rollouts, digests with their platforms and
// rebuilds with their causes, as wrapped lines on numbered A4 pages (drawn by PdfWriter).

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
    void end() override;

private:
    void newPage();
    void footer();
    // Starts a new page unless `height` points still fit on this one.
    void need(double height);
    void line(const QString &text, double size, bool bold = false);

    PdfWriter m_pdf;
    double m_y = 0;
};

} // namespace RebuildRadar
