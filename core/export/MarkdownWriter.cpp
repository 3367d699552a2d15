#include "export/MarkdownWriter.h"

#include "common/Time.h"
#include "export/ReportText.h"
#include "history/Rollouts.h"
#include "reference/ImageReference.h"

#include <QCoreApplication>

namespace RebuildRadar {

void MarkdownWriter::begin(const ReportHeader &h)
{
    put(QStringLiteral("# %1\n\n").arg(QCoreApplication::translate("Report", "Rebuild Radar report")));
    put(QStringLiteral("%1: %2 · %3: %4 · %5 %6\n\n")
            .arg(QCoreApplication::translate("Report", "Period"), h.period(),
                 QCoreApplication::translate("Report", "Tags"))
            .arg(h.tagCount)
            .arg(QCoreApplication::translate("Report", "generated"), isoUtc(h.now)));
    put(QStringLiteral("| %1 | %2 | %3 | %4 | %5 | %6 | %7 |\n|---|---:|---:|---:|---|---|---|\n")
            .arg(QCoreApplication::translate("Report", "Image"),
                 QCoreApplication::translate("Report", "Rollouts"),
                 QCoreApplication::translate("Report", "Silent"),
                 QCoreApplication::translate("Report", "Version moves"),
                 QCoreApplication::translate("Report", "Median gap"),
                 QCoreApplication::translate("Report", "Longest gap"),
                 QCoreApplication::translate("Report", "Current digest age")));
}

void MarkdownWriter::tag(const ReportTag &t)
{
    // The summary row goes out now; the tag's section is kept until the end (one tag's worth each).
    put(QStringLiteral("| %1 | %2 | %3 | %4 | %5 | %6 | %7 |\n")
            .arg(familiarOf(t.history.tag.reference))
            .arg(t.rollouts.size())
            .arg(t.silentRebuilds)
            .arg(t.versionMoves)
            .arg(durationOrDash(t.medianGapMs), durationOrDash(t.longestGapMs),
                 durationOrDash(t.currentAgeMs)));
    QString section = QStringLiteral("\n## %1\n\n").arg(familiarOf(t.history.tag.reference));
    if (!t.currentDigest.isEmpty())
        section +=
            QStringLiteral("%1 `%2`, %3 %4.\n\n")
                .arg(QCoreApplication::translate("Report", "Current digest"), t.currentDigest,
                     QCoreApplication::translate("Report", "current for"), durationOrDash(t.currentAgeMs));
    if (const QString aliases = aliasesOf(t.history); !aliases.isEmpty())
        section += aliases + QStringLiteral("\n\n");
    for (const QString &line : rolloutLines(t))
        section += QStringLiteral("- ") + line + u'\n';
    if (!t.rollouts.isEmpty())
        section += u'\n';
    if (t.history.rebuilds.isEmpty()) {
        section += QCoreApplication::translate("Report", "No rebuilds in the period.") + QStringLiteral("\n");
    } else {
        section += QStringLiteral("| %1 | %2 | %3 | %4 | %5 | %6 | %7 |\n|---|---|---|---|---|---|---|\n")
                       .arg(QCoreApplication::translate("Report", "Upstream"),
                            QCoreApplication::translate("Report", "Detected"),
                            QCoreApplication::translate("Report", "Lag"),
                            QCoreApplication::translate("Report", "From"),
                            QCoreApplication::translate("Report", "To"),
                            QCoreApplication::translate("Report", "Platforms"),
                            QCoreApplication::translate("Report", "Causes"));
        for (const Rebuild &r : t.history.rebuilds)
            section += QStringLiteral("| %1 | %2 | %3 | `%4` | `%5` | %6 | %7 |\n")
                           .arg(upstreamOf(t.history, r), isoUtc(r.detectedAt),
                                durationOrDash(detectionLagMs(t.history, r)), shortOrDash(r.from),
                                shortOrDash(r.to), platformsOf(r), causesOf(r, true));
    }
    m_sections.append(section);
    if (m_sections.size() >= 64)
        flushSections();
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
