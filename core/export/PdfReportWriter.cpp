#include "export/PdfReportWriter.h"

#include "common/Time.h"
#include "export/ReportText.h"
#include "history/Rollouts.h"
#include "reference/ImageReference.h"

#include <QCoreApplication>

#include <algorithm>

namespace RebuildRadar {

namespace {
QString report(const char *text)
{
    return QCoreApplication::translate("Report", text);
}
constexpr double kRoom = PdfWriter::kWidth - 2 * PdfWriter::kMargin;
} // namespace

QStringList PdfReportWriter::wrap(const QString &text, double width, double size)
{
    QStringList lines;
    QString current;
    for (const QString &word : text.split(u' ', Qt::SkipEmptyParts)) {
        const QString candidate = current.isEmpty() ? word : current + u' ' + word;
        if (PdfWriter::textWidth(candidate, size) <= width) {
            current = candidate;
            continue;
        }
        if (!current.isEmpty())
            lines.append(current);
        current = word;
        // a word wider than the column on its own: cut it, the one case a value breaks
        while (PdfWriter::textWidth(current, size) > width && current.size() > 1) {
            qsizetype fits = current.size() - 1;
            while (fits > 1 && PdfWriter::textWidth(current.left(fits), size) > width)
                --fits;
            lines.append(current.left(fits));
            current = current.mid(fits);
        }
    }
    if (!current.isEmpty() || lines.isEmpty())
        lines.append(current);
    return lines;
}

void PdfReportWriter::begin(const ReportHeader &h)
{
    newPage();
    line(report(QT_TRANSLATE_NOOP("Report", "Rebuild Radar report")), 22, true);
    m_y -= 6;
    line(QCoreApplication::translate("Report", "Period: %1").arg(h.period()), 11);
    line(QCoreApplication::translate("Report", "Tags: %1").arg(h.tagCount), 11);
    line(QCoreApplication::translate("Report", "Generated: %1").arg(isoUtc(h.now)), 11);
    line(report(QT_TRANSLATE_NOOP(
             "Report", "Silent rebuilds are new digests behind an unchanged tag; version moves are")) +
             u' ' +
             report(QT_TRANSLATE_NOOP("Report", "floating tags moving to a new release. Times are UTC.")),
         9);
    m_y -= 8;
}

void PdfReportWriter::tag(const ReportTag &t)
{
    m_pending.append(t);
    if (m_pending.size() >= 64)
        flush();
}

void PdfReportWriter::running(const QList<RunningStatus> &workloads, qint64 now)
{
    flush(); // after the last tag's section, as Markdown and HTML put it
    need(60);
    line(report(QT_TRANSLATE_NOOP("Report", "Running")), 13, true);
    if (workloads.isEmpty()) {
        line(report(QT_TRANSLATE_NOOP("Report", "No workloads found.")), 9);
        m_y -= 10;
        return;
    }
    const double size = 8;
    // workload, where, tag, build, missing, build age
    const QList<double> widths{80, 120, 100, 60, 85, kRoom - 445};
    auto cells = [&](const QStringList &texts) {
        QList<Cell> out;
        for (qsizetype i = 0; i < texts.size(); ++i)
            out.append(Cell{texts[i], widths.value(i, 40), false});
        return out;
    };
    need(3 * (size + 4));
    row(cells(runningHeader()), size, true);
    m_pdf.line(PdfWriter::kMargin, m_y + size, PdfWriter::kWidth - PdfWriter::kMargin, m_y + size);
    for (const RunningStatus &status : workloads)
        row(cells(runningCells(status, now)), size, status.stale);
    m_y -= 10;
}

void PdfReportWriter::end()
{
    flush();
    appendix();
    footer();
    m_pdf.endPage();
    if (!m_pdf.finish())
        m_failed = true;
}

void PdfReportWriter::flush()
{
    if (m_pending.isEmpty())
        return;
    summary(m_pending);
    for (const ReportTag &t : std::as_const(m_pending))
        section(t);
    m_pending.clear();
}

void PdfReportWriter::summary(const QList<ReportTag> &tags)
{
    const double size = 8.5;
    const QList<double> widths{165, 45, 40, 50, 65, 65, kRoom - 430};
    auto cells = [&](const QStringList &texts) {
        QList<Cell> out;
        for (qsizetype i = 0; i < texts.size(); ++i)
            out.append(Cell{texts[i], widths[i], i >= 1 && i <= 3});
        return out;
    };
    need(3 * (size + 4));
    row(cells({report(QT_TRANSLATE_NOOP("Report", "Image")), report(QT_TRANSLATE_NOOP("Report", "Rollouts")),
               report(QT_TRANSLATE_NOOP("Report", "Silent")),
               report(QT_TRANSLATE_NOOP("Report", "Version moves")),
               report(QT_TRANSLATE_NOOP("Report", "Median gap")),
               report(QT_TRANSLATE_NOOP("Report", "Longest gap")),
               report(QT_TRANSLATE_NOOP("Report", "Current digest age"))}),
        size, true);
    m_pdf.line(PdfWriter::kMargin, m_y + size, PdfWriter::kWidth - PdfWriter::kMargin, m_y + size);
    for (const ReportTag &t : tags)
        row(cells({familiarOf(t.history.tag.reference), QString::number(t.rollouts.size()),
                   QString::number(t.silentRebuilds), QString::number(t.versionMoves),
                   durationOrDash(t.medianGapMs), durationOrDash(t.longestGapMs),
                   durationOrDash(t.currentAgeMs)}),
            size);
    m_y -= 10;
}

void PdfReportWriter::section(const ReportTag &t)
{
    need(90);
    line(familiarOf(t.history.tag.reference), 13, true);
    for (const QString &rollout : rolloutLines(t))
        line(rollout, 8);
    if (!t.currentDigest.isEmpty())
        line(QCoreApplication::translate("Report", "Current digest %1, current for %2")
                 .arg(buildPrefix(t.history, t.currentDigest) + shortDigest(t.currentDigest),
                      durationOrDash(t.currentAgeMs)),
             8);
    if (const QString aliases = aliasesOf(t.history); !aliases.isEmpty())
        line(aliases, 8);
    if (t.history.rebuilds.isEmpty()) {
        line(report(QT_TRANSLATE_NOOP("Report", "No rebuilds in the period.")), 8);
    } else {
        const double size = 7.5;
        // an ISO time is about 80 points wide at this size: its columns hold one whole
        const QList<double> widths{88, 116, 45, 82, kRoom - 331};
        auto cells = [&](const QStringList &texts) {
            QList<Cell> out;
            for (qsizetype i = 0; i < texts.size(); ++i)
                out.append(Cell{texts[i], widths[i], false});
            return out;
        };
        m_y -= 2;
        row(cells({report(QT_TRANSLATE_NOOP("Report", "Detected")),
                   report(QT_TRANSLATE_NOOP("Report", "Upstream")),
                   report(QT_TRANSLATE_NOOP("Report", "Lag")),
                   report(QT_TRANSLATE_NOOP("Report", "From → to")),
                   report(QT_TRANSLATE_NOOP("Report", "Causes"))}),
            size, true);
        for (const Rebuild &r : t.history.rebuilds) {
            QStringList causes;
            for (const Cause &c : r.causes)
                causes.append(c.detail.isEmpty() ? causeKindName(c.kind)
                                                 : causeKindName(c.kind) + QStringLiteral(": ") + c.detail);
            // build numbers where known (the digests are in the appendix), else the short digests
            const QString from = buildPrefix(t.history, r.from).trimmed();
            const QString to = buildPrefix(t.history, r.to).trimmed();
            const QString builds = (from.isEmpty() ? shortOrDash(r.from) : from) + QStringLiteral(" → ") +
                                   (to.isEmpty() ? shortOrDash(r.to) : to);
            row(cells({isoUtc(r.detectedAt), upstreamOf(t.history, r),
                       durationOrDash(detectionLagMs(t.history, r)), builds,
                       platformsOf(r) + QStringLiteral(" · ") + causes.join(QStringLiteral("; "))}),
                size);
        }
        if (const QStringList changed = whatChangedLines(t); !changed.isEmpty()) {
            m_y -= 4;
            line(report(QT_TRANSLATE_NOOP("Report", "What changed inside:")), 8, true);
            for (const QString &text : changed)
                line(text, 7.5);
        }
    }
    m_y -= 10;
    // the digests wait for the appendix
    QStringList digests{familiarOf(t.history.tag.reference)};
    for (const Span &s : t.history.spans) {
        digests.append(
            QCoreApplication::translate("Report", "%1  %2 to %3")
                .arg(buildPrefix(t.history, s.digest) + s.digest, isoUtc(s.firstSeen), isoUtc(s.lastSeen)));
        for (auto it = s.platforms.begin(); it != s.platforms.end(); ++it)
            digests.append(QStringLiteral("      %1  %2").arg(it.key(), it->digest));
    }
    m_digests.append(digests);
}

void PdfReportWriter::appendix()
{
    if (m_digests.isEmpty())
        return;
    footer();
    m_pdf.endPage();
    newPage();
    line(report(QT_TRANSLATE_NOOP("Report", "Appendix: digests")), 14, true);
    m_y -= 4;
    for (const QStringList &tag : std::as_const(m_digests)) {
        need(40);
        line(tag.first(), 10, true);
        for (qsizetype i = 1; i < tag.size(); ++i)
            line(tag[i], tag[i].startsWith(u' ') ? 6.5 : 7);
        m_y -= 6;
    }
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
    for (const QString &part : wrap(text, kRoom, size)) {
        need(size + 4);
        m_pdf.text(PdfWriter::kMargin, m_y, part, size, bold);
        m_y -= size + 4;
    }
}

void PdfReportWriter::row(const QList<Cell> &cells, double size, bool bold)
{
    QList<QStringList> wrapped;
    qsizetype height = 1;
    for (const Cell &cell : cells) {
        wrapped.append(wrap(cell.text, cell.width - 4, size));
        height = std::max(height, wrapped.last().size());
    }
    need(double(height) * (size + 3) + 2);
    double x = PdfWriter::kMargin;
    for (qsizetype i = 0; i < cells.size(); ++i) {
        double y = m_y;
        for (const QString &part : std::as_const(wrapped[i])) {
            const double at =
                cells[i].rightAligned ? x + cells[i].width - 6 - PdfWriter::textWidth(part, size) : x;
            m_pdf.text(at, y, part, size, bold);
            y -= size + 3;
        }
        x += cells[i].width;
    }
    m_y -= double(height) * (size + 3) + 2;
}

} // namespace RebuildRadar
