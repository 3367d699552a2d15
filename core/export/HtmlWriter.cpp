#include "export/HtmlWriter.h"

#include "common/Time.h"
#include "export/ReportText.h"
#include "history/Rollouts.h"
#include "reference/ImageReference.h"

#include <QCoreApplication>

#include <algorithm>

namespace RebuildRadar {

namespace {
// Our own wording is escaped too: a translation may hold a `<` or an `&`. The NOOP marks at the call
// sites are what lupdate reads.
QString report(const char *text)
{
    return htmlText(QCoreApplication::translate("Report", text));
}
} // namespace

// Every value goes in through htmlText: names, platforms, causes and digests come from registries
// (issue 20); numbers and our own ISO times are the only things inserted as they are.

void HtmlWriter::begin(const ReportHeader &h)
{
    m_header = h;
    put(QStringLiteral(
            "<!DOCTYPE html>\n<html lang=\"en\"><head><meta charset=\"utf-8\"/><title>%1</title>\n"
            "<style>body{font-family:sans-serif;margin:2em;color:#1d3557}table{border-collapse:collapse;"
            "margin:1em 0}"
            "td,th{border:1px solid #ccc;padding:4px 8px;text-align:left}th{background:#eef}"
            "code{font-size:90%}.silent{color:#c1121f}.version{color:#1d4ed8}</style></head><body>\n")
            .arg(report(QT_TRANSLATE_NOOP("Report", "Rebuild Radar report"))));
    put(QStringLiteral("<h1>%1</h1>\n<p>%2: %3 · %4: %5 · %6 %7</p>\n")
            .arg(report(QT_TRANSLATE_NOOP("Report", "Rebuild Radar report")),
                 report(QT_TRANSLATE_NOOP("Report", "Period")), htmlText(h.period()),
                 report(QT_TRANSLATE_NOOP("Report", "Tags")))
            .arg(h.tagCount)
            .arg(report(QT_TRANSLATE_NOOP("Report", "generated")), isoUtc(h.now)));
    put(QStringLiteral("<table "
                       "class=\"summary\"><tr><th>%1</th><th>%2</th><th>%3</th><th>%4</th><th>%5</"
                       "th><th>%6</th><th>%7</th></tr>\n")
            .arg(report(QT_TRANSLATE_NOOP("Report", "Image")),
                 report(QT_TRANSLATE_NOOP("Report", "Rollouts")),
                 report(QT_TRANSLATE_NOOP("Report", "Silent")),
                 report(QT_TRANSLATE_NOOP("Report", "Version moves")),
                 report(QT_TRANSLATE_NOOP("Report", "Median gap")),
                 report(QT_TRANSLATE_NOOP("Report", "Longest gap")),
                 report(QT_TRANSLATE_NOOP("Report", "Current digest age"))));
}

void HtmlWriter::tag(const ReportTag &t)
{
    const QString name = htmlText(familiarOf(t.history.tag.reference));
    put(QStringLiteral("<tr><td><a "
                       "href=\"#t%8\">%1</a></td><td>%2</td><td>%3</td><td>%4</td><td>%5</td><td>%6</"
                       "td><td>%7</td></tr>\n")
            .arg(name)
            .arg(t.rollouts.size())
            .arg(t.silentRebuilds)
            .arg(t.versionMoves)
            .arg(htmlText(durationOrDash(t.medianGapMs)), htmlText(durationOrDash(t.longestGapMs)),
                 htmlText(durationOrDash(t.currentAgeMs)))
            .arg(t.history.tag.id));
    QString s = QStringLiteral("<h2 id=\"t%1\">%2</h2>\n").arg(t.history.tag.id).arg(name);
    s += svg(t);
    if (!t.currentDigest.isEmpty())
        s += QStringLiteral("<p>%1 %2<code>%3</code>, %4 %5.</p>\n")
                 .arg(report(QT_TRANSLATE_NOOP("Report", "Current digest")),
                      htmlText(buildPrefix(t.history, t.currentDigest)), htmlText(t.currentDigest),
                      report(QT_TRANSLATE_NOOP("Report", "current for")),
                      htmlText(durationOrDash(t.currentAgeMs)));
    if (const QString aliases = aliasesOf(t.history); !aliases.isEmpty())
        s += QStringLiteral("<p class=\"aliases\">%1</p>\n").arg(htmlText(aliases));
    if (!t.history.rebuilds.isEmpty()) {
        s += QStringLiteral("<table><tr><th>%1</th><th>%2</th><th>%3</th><th>%4</th><th>%5</th><th>%6</"
                            "th><th>%7</th></tr>\n")
                 .arg(report(QT_TRANSLATE_NOOP("Report", "Upstream")),
                      report(QT_TRANSLATE_NOOP("Report", "Detected")),
                      report(QT_TRANSLATE_NOOP("Report", "Lag")), report(QT_TRANSLATE_NOOP("Report", "From")),
                      report(QT_TRANSLATE_NOOP("Report", "To")),
                      report(QT_TRANSLATE_NOOP("Report", "Platforms")),
                      report(QT_TRANSLATE_NOOP("Report", "Causes")));
        for (const Rebuild &r : t.history.rebuilds)
            s += QStringLiteral("<tr class=\"%8\"><td>%1</td><td>%2</td><td>%3</td><td>%4</td>"
                                "<td>%5</td><td>%6</td><td>%7</td></tr>\n")
                     .arg(htmlText(upstreamOf(t.history, r)), isoUtc(r.detectedAt),
                          htmlText(durationOrDash(detectionLagMs(t.history, r))),
                          htmlText(buildPrefix(t.history, r.from)) + QStringLiteral("<code>") +
                              htmlText(shortOrDash(r.from)) + QStringLiteral("</code>"),
                          htmlText(buildPrefix(t.history, r.to)) + QStringLiteral("<code>") +
                              htmlText(shortOrDash(r.to)) + QStringLiteral("</code>"),
                          htmlText(platformsOf(r)), htmlText(causesOf(r, true)),
                          r.hasCause(CauseKind::Version) ? QStringLiteral("version")
                                                         : QStringLiteral("silent"));
        s += QStringLiteral("</table>\n");
        if (const QStringList changed = whatChangedLines(t); !changed.isEmpty()) {
            s += QStringLiteral("<p>%1</p>\n<ul class=\"changed\">\n")
                     .arg(report(QT_TRANSLATE_NOOP("Report", "What changed inside:")));
            for (const QString &line : changed)
                s += QStringLiteral("<li>%1</li>\n").arg(htmlText(line));
            s += QStringLiteral("</ul>\n");
        }
    } else {
        s += QStringLiteral("<p>%1</p>\n")
                 .arg(report(QT_TRANSLATE_NOOP("Report", "No rebuilds in the period.")));
    }
    if (m_options.includePlatforms && !t.history.spans.isEmpty()) {
        const Span &last = t.history.spans.last();
        s += QStringLiteral("<ul class=\"platforms\">");
        for (auto it = last.platforms.begin(); it != last.platforms.end(); ++it)
            s += QStringLiteral("<li>%1 <code>%2</code></li>").arg(htmlText(it.key()), htmlText(it->digest));
        s += QStringLiteral("</ul>\n");
    }
    m_sections.append(s);
    if (m_sections.size() >= 64)
        flushSections();
}

void HtmlWriter::running(const QList<RunningStatus> &workloads, qint64 now)
{
    m_running = QStringLiteral("<h2>%1</h2>\n<table class=\"running\">\n<tr>")
                    .arg(report(QT_TRANSLATE_NOOP("Report", "Running")));
    for (const QString &cell : runningHeader())
        m_running += QStringLiteral("<th>%1</th>").arg(htmlText(cell));
    m_running += QStringLiteral("</tr>\n");
    for (const RunningStatus &status : workloads) {
        m_running += status.stale ? QStringLiteral("<tr class=\"stale\">") : QStringLiteral("<tr>");
        for (const QString &cell : runningCells(status, now))
            m_running += QStringLiteral("<td>%1</td>").arg(htmlText(cell));
        m_running += QStringLiteral("</tr>\n");
    }
    m_running += QStringLiteral("</table>\n");
}

void HtmlWriter::end()
{
    m_ended = true;
    flushSections();
    put(m_running);
    put(QStringLiteral("</body></html>\n"));
}

void HtmlWriter::flushSections()
{
    put(QStringLiteral("</table>\n"));
    for (const QString &s : std::as_const(m_sections))
        put(s);
    m_sections.clear();
    if (!m_ended)
        put(QStringLiteral("<table class=\"summary\">\n"));
}

QString HtmlWriter::svg(const ReportTag &t) const
{
    const auto &spans = t.history.spans;
    if (spans.isEmpty())
        return {};
    // Scaled to the data: from a little before the first sighting (never before the period), so a
    // short history fills the line instead of a sliver at its right end.
    const qint64 end = std::max(m_header.until.value_or(m_header.now), spans.first().firstSeen + 1);
    const qint64 pad = std::max<qint64>(60 * 1000, (end - spans.first().firstSeen) / 20);
    const qint64 start =
        std::max(m_header.since.value_or(spans.first().firstSeen - pad), spans.first().firstSeen - pad);
    const double width = 760;
    auto x = [&](qint64 ms) {
        return 20 + width * double(std::clamp(ms, start, end) - start) / double(end - start);
    };
    QString out =
        QStringLiteral("<svg xmlns=\"http://www.w3.org/2000/svg\" width=\"800\" height=\"56\" role=\"img\">"
                       "<rect x=\"20\" y=\"16\" width=\"760\" height=\"16\" fill=\"#eee\"/>");
    for (qsizetype i = 0; i < spans.size(); ++i) {
        const qint64 until = spanEnd(spans, i, end);
        const uint hash = qHash(spans[i].digest);
        out += QStringLiteral("<rect x=\"%1\" y=\"16\" width=\"%2\" height=\"16\" "
                              "fill=\"hsl(%3,55%,60%)\"><title>%4 %5 – %6</title></rect>")
                   .arg(x(spans[i].firstSeen), 0, 'f', 1)
                   .arg(std::max(1.0, x(until) - x(spans[i].firstSeen)), 0, 'f', 1)
                   .arg(hash % 360)
                   .arg(htmlText(spans[i].digest), isoUtc(spans[i].firstSeen), isoUtc(until));
    }
    // upstream's push (or build) of each new digest, joined to when we detected it
    for (const Rebuild &r : t.history.rebuilds) {
        const Span *span = spanOfRebuild(t.history, r);
        if (!span || !span->upstreamAt() || *span->upstreamAt() < start)
            continue;
        out +=
            QStringLiteral("<line x1=\"%1\" y1=\"10\" x2=\"%2\" y2=\"24\" stroke=\"#555\" "
                           "stroke-dasharray=\"2 2\"/><path d=\"M%1 4 l4 6 h-8 z\" fill=\"#555\"><title>%3, "
                           "%4 %5</title></path>")
                .arg(x(*span->upstreamAt()), 0, 'f', 1)
                .arg(x(r.detectedAt), 0, 'f', 1)
                .arg(htmlText(upstreamOf(t.history, r)), report(QT_TRANSLATE_NOOP("Report", "lag")),
                     htmlText(durationOrDash(detectionLagMs(t.history, r))));
    }
    for (const Rebuild &r : t.history.rebuilds)
        out +=
            QStringLiteral("<circle cx=\"%1\" cy=\"24\" r=\"5\" fill=\"%2\"><title>%3 %4</title></circle>")
                .arg(x(r.detectedAt), 0, 'f', 1)
                .arg(r.hasCause(CauseKind::Version) ? QStringLiteral("#1d4ed8") : QStringLiteral("#c1121f"))
                .arg(isoUtc(r.detectedAt), htmlText(causesOf(r, false)));
    out += QStringLiteral("<text x=\"20\" y=\"50\" font-size=\"11\">%1</text><text x=\"780\" y=\"50\" "
                          "font-size=\"11\" text-anchor=\"end\">%2</text></svg>\n")
               .arg(end - start < 2LL * 86400 * 1000 ? isoUtc(start) : isoUtc(start).left(10),
                    end - start < 2LL * 86400 * 1000 ? isoUtc(end) : isoUtc(end).left(10));
    return out;
}

} // namespace RebuildRadar
