#include "export/PdfReportWriter.h"

#include "common/Time.h"
#include "export/ReportText.h"
#include "history/Rollouts.h"
#include "reference/ImageReference.h"

#include <QCoreApplication>

#include <algorithm>

namespace RebuildRadar {

void PdfReportWriter::begin(const ReportHeader &h)
{
    m_pdf.beginPage();
    m_pdf.text(PdfWriter::kMargin, 700, QCoreApplication::translate("Report", "Rebuild Radar report"), 26,
               true);
    m_pdf.text(PdfWriter::kMargin, 660, QCoreApplication::translate("Report", "Period: %1").arg(h.period()),
               13);
    m_pdf.text(PdfWriter::kMargin, 640, QCoreApplication::translate("Report", "Tags: %1").arg(h.tagCount),
               13);
    m_pdf.text(PdfWriter::kMargin, 620,
               QCoreApplication::translate("Report", "Generated: %1").arg(isoUtc(h.now)), 13);
    m_pdf.text(PdfWriter::kMargin, 560,
               QCoreApplication::translate(
                   "Report", "Silent rebuilds are new digests behind an unchanged tag; version moves are"),
               10);
    m_pdf.text(PdfWriter::kMargin, 546,
               QCoreApplication::translate("Report", "floating tags moving to a new release. Times are UTC."),
               10);
    footer();
    m_pdf.endPage();
    newPage();
}

void PdfReportWriter::tag(const ReportTag &t)
{
    need(90);
    line(familiarOf(t.history.tag.reference), 14, true);
    line(QCoreApplication::translate(
             "Report",
             "Rollouts: %1 (silent %2, version moves %3) · median gap %4 · longest gap %5 · %6 digest "
             "change(s)")
             .arg(t.rollouts.size())
             .arg(t.silentRebuilds)
             .arg(t.versionMoves)
             .arg(durationOrDash(t.medianGapMs), durationOrDash(t.longestGapMs))
             .arg(t.rebuilds),
         9);
    for (const QString &rollout : rolloutLines(t))
        line(rollout, 8);
    if (!t.currentDigest.isEmpty())
        line(QCoreApplication::translate("Report", "Current digest %1, current for %2")
                 .arg(buildPrefix(t.history, t.currentDigest) + t.currentDigest,
                      durationOrDash(t.currentAgeMs)),
             8);
    if (const QString aliases = aliasesOf(t.history); !aliases.isEmpty())
        line(aliases, 8);
    for (const Span &s : t.history.spans) {
        line(QCoreApplication::translate("Report", "%1  %2 to %3")
                 .arg(buildPrefix(t.history, s.digest) + s.digest, isoUtc(s.firstSeen), isoUtc(s.lastSeen)),
             8);
        for (auto it = s.platforms.begin(); it != s.platforms.end(); ++it)
            line(QStringLiteral("      %1  %2").arg(it.key(), it->digest), 7);
    }
    for (const Rebuild &r : t.history.rebuilds) {
        line(QCoreApplication::translate("Report", "Rebuilt %1: %2 -> %3 [%4]")
                 .arg(isoUtc(r.detectedAt), buildPrefix(t.history, r.from) + shortOrDash(r.from),
                      buildPrefix(t.history, r.to) + shortOrDash(r.to), platformsOf(r)),
             9, true);
        line(QCoreApplication::translate("Report", "    upstream: %1 · lag %2")
                 .arg(upstreamOf(t.history, r), durationOrDash(detectionLagMs(t.history, r))),
             8);
        for (const Cause &c : r.causes)
            line(QStringLiteral("    %1: %2").arg(causeKindName(c.kind), c.detail), 8);
    }
    m_y -= 10;
}

void PdfReportWriter::end()
{
    footer();
    m_pdf.endPage();
    if (!m_pdf.finish())
        m_failed = true;
}

void PdfReportWriter::newPage()
{
    m_pdf.beginPage();
    m_y = PdfWriter::kHeight - PdfWriter::kMargin;
}

void PdfReportWriter::footer()
{
    m_pdf.text(PdfWriter::kWidth / 2 - 20, 25,
               QCoreApplication::translate("Report", "Page %1").arg(m_pdf.pageCount() + 1), 9);
}

void PdfReportWriter::need(double height)
{
    if (m_y - height < PdfWriter::kMargin) {
        footer();
        m_pdf.endPage();
        newPage();
    }
}

void PdfReportWriter::line(const QString &text, double size, bool bold)
{
    // Long lines wrap at the right margin.
    const double room = PdfWriter::kWidth - 2 * PdfWriter::kMargin;
    const int perLine = std::max(20, int(room / (size * 0.54)));
    for (qsizetype i = 0; i < text.size(); i += perLine) {
        need(size + 4);
        m_pdf.text(PdfWriter::kMargin, m_y, text.mid(i, perLine), size, bold);
        m_y -= size + 4;
    }
}

} // namespace RebuildRadar
