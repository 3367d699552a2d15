#include "export/MarkdownWriter.h"

#include "common/Time.h"
#include "export/ReportText.h"
#include "history/Rollouts.h"
#include "reference/ImageReference.h"

#include <QCoreApplication>

namespace RebuildRadar {

namespace {
// Our own wording, escaped like everything else: a translation may hold a `*` or a `|` too. The
// NOOP marks at the call sites are what lupdate reads.
QString report(const char *text)
{
    return markdownText(QCoreApplication::translate("Report", text));
}
} // namespace

// Every value goes in through markdownText or markdownCode: names, platforms and causes come from
// registries and could otherwise add markup, break the tables or carry terminal escapes (issue 20).
void MarkdownWriter::begin(const ReportHeader &h)
{
    put(QStringLiteral("# %1\n\n").arg(report(QT_TRANSLATE_NOOP("Report", "Rebuild Radar report"))));
    put(QStringLiteral("%1: %2 · %3: %4 · %5 %6\n\n")
            .arg(report(QT_TRANSLATE_NOOP("Report", "Period")), markdownText(h.period()),
                 report(QT_TRANSLATE_NOOP("Report", "Tags")))
            .arg(h.tagCount)
            .arg(report(QT_TRANSLATE_NOOP("Report", "generated")), isoUtc(h.now)));
    put(QStringLiteral("| %1 | %2 | %3 | %4 | %5 | %6 | %7 |\n|---|---:|---:|---:|---|---|---|\n")
            .arg(report(QT_TRANSLATE_NOOP("Report", "Image")),
                 report(QT_TRANSLATE_NOOP("Report", "Rollouts")),
                 report(QT_TRANSLATE_NOOP("Report", "Silent")),
                 report(QT_TRANSLATE_NOOP("Report", "Version moves")),
                 report(QT_TRANSLATE_NOOP("Report", "Median gap")),
                 report(QT_TRANSLATE_NOOP("Report", "Longest gap")),
                 report(QT_TRANSLATE_NOOP("Report", "Current digest age"))));
}

void MarkdownWriter::tag(const ReportTag &t)
{
    const QString name = markdownText(familiarOf(t.history.tag.reference));
    // The summary row goes out now; the tag's section is kept until the end (one tag's worth each).
    put(QStringLiteral("| %1 | %2 | %3 | %4 | %5 | %6 | %7 |\n")
            .arg(name)
            .arg(t.rollouts.size())
            .arg(t.silentRebuilds)
            .arg(t.versionMoves)
            .arg(markdownText(durationOrDash(t.medianGapMs)), markdownText(durationOrDash(t.longestGapMs)),
                 markdownText(durationOrDash(t.currentAgeMs))));
    QString section = QStringLiteral("\n## %1\n\n").arg(name);
    if (!t.currentDigest.isEmpty())
        section +=
            QStringLiteral("%1 %2, %3 %4.\n\n")
                .arg(report(QT_TRANSLATE_NOOP("Report", "Current digest")),
                     markdownText(buildPrefix(t.history, t.currentDigest)) + markdownCode(t.currentDigest),
                     report(QT_TRANSLATE_NOOP("Report", "current for")),
                     markdownText(durationOrDash(t.currentAgeMs)));
    if (const QString aliases = aliasesOf(t.history); !aliases.isEmpty())
        section += markdownText(aliases) + QStringLiteral("\n\n");
    for (const QString &line : rolloutLines(t))
        section += QStringLiteral("- ") + markdownText(line) + u'\n';
    if (!t.rollouts.isEmpty())
        section += u'\n';
    if (t.history.rebuilds.isEmpty()) {
        section += report(QT_TRANSLATE_NOOP("Report", "No rebuilds in the period.")) + QStringLiteral("\n");
    } else {
        section +=
            QStringLiteral("| %1 | %2 | %3 | %4 | %5 | %6 | %7 |\n|---|---|---|---|---|---|---|\n")
                .arg(report(QT_TRANSLATE_NOOP("Report", "Upstream")),
                     report(QT_TRANSLATE_NOOP("Report", "Detected")),
                     report(QT_TRANSLATE_NOOP("Report", "Lag")), report(QT_TRANSLATE_NOOP("Report", "From")),
                     report(QT_TRANSLATE_NOOP("Report", "To")),
                     report(QT_TRANSLATE_NOOP("Report", "Platforms")),
                     report(QT_TRANSLATE_NOOP("Report", "Causes")));
        for (const Rebuild &r : t.history.rebuilds)
            section +=
                QStringLiteral("| %1 | %2 | %3 | %4 | %5 | %6 | %7 |\n")
                    .arg(markdownText(upstreamOf(t.history, r)), isoUtc(r.detectedAt),
                         markdownText(durationOrDash(detectionLagMs(t.history, r))),
                         markdownText(buildPrefix(t.history, r.from)) + markdownCode(shortOrDash(r.from)),
                         markdownText(buildPrefix(t.history, r.to)) + markdownCode(shortOrDash(r.to)),
                         markdownText(platformsOf(r)), markdownText(causesOf(r, true)));
    }
    if (const QStringList changed = whatChangedLines(t); !changed.isEmpty()) {
        section += u'\n' + report(QT_TRANSLATE_NOOP("Report", "What changed inside:")) + u'\n';
        for (const QString &line : changed)
            section += QStringLiteral("- ") + markdownText(line) + u'\n';
    }
    m_sections.append(section);
    if (m_sections.size() >= 64)
        flushSections();
}

void MarkdownWriter::running(const QList<RunningStatus> &workloads, qint64 now)
{
    flushSections();
    put(QStringLiteral("## %1\n\n").arg(report(QT_TRANSLATE_NOOP("Report", "Running"))));
    if (workloads.isEmpty()) {
        put(report(QT_TRANSLATE_NOOP("Report", "No workloads found.")) + QStringLiteral("\n\n"));
        return;
    }
    QStringList header;
    for (const QString &cell : runningHeader())
        header.append(markdownText(cell));
    put(QStringLiteral("| %1 |\n|%2\n")
            .arg(header.join(QStringLiteral(" | ")), QStringLiteral("---|").repeated(header.size())));
    for (const RunningStatus &status : workloads) {
        QStringList cells;
        for (const QString &cell : runningCells(status, now))
            cells.append(markdownText(cell));
        put(QStringLiteral("| %1 |\n").arg(cells.join(QStringLiteral(" | "))));
    }
    put(QStringLiteral("\n"));
}

void MarkdownWriter::end()
{
    flushSections();
}

// Sections follow the summary table; a long report gets several tables, each followed by its sections.
void MarkdownWriter::flushSections()
{
    for (const QString &s : std::as_const(m_sections))
        put(s);
    if (!m_sections.isEmpty())
        put(QStringLiteral("\n"));
    m_sections.clear();
}

} // namespace RebuildRadar
