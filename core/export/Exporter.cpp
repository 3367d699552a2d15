#include "export/Exporter.h"

#include "common/Duration.h"
#include "common/Time.h"
#include "export/JsonShapes.h"
#include "export/PdfWriter.h"
#include "history/Rollouts.h"
#include "store/HistoryStore.h"

#include <QCoreApplication>
#include <QJsonDocument>
#include <QSaveFile>

namespace RebuildRadar {

QStringList Exporter::formats()
{
    return {QStringLiteral("csv"), QStringLiteral("json"), QStringLiteral("md"), QStringLiteral("html"),
            QStringLiteral("pdf")};
}

QString csvField(const QString &value)
{
    if (!value.contains(u',') && !value.contains(u'"') && !value.contains(u'\n') && !value.contains(u'\r'))
        return value;
    QString quoted = value;
    quoted.replace(QStringLiteral("\""), QStringLiteral("\"\""));
    return u'"' + quoted + u'"';
}

namespace {

QString shortOrDash(const QString &digest)
{
    return digest.isEmpty() ? QStringLiteral("-") : shortDigest(digest);
}

QString maybe(const std::optional<qint64> &ms)
{
    return ms ? humanDuration(*ms) : QStringLiteral("-");
}

// When upstream made the rebuild's digest available, as far as the registry or the image says.
QString upstreamOf(const TagHistory &history, const Rebuild &r)
{
    const Span *span = spanOfRebuild(history, r);
    if (span && span->pushedAt)
        return QCoreApplication::translate("Report", "pushed %1").arg(isoUtc(*span->pushedAt));
    if (span && span->builtAt)
        return QCoreApplication::translate("Report", "built %1").arg(isoUtc(*span->builtAt));
    return QStringLiteral("-");
}

QString aliasesOf(const TagHistory &history)
{
    return history.tag.aliases.isEmpty() ? QString()
                                         : QCoreApplication::translate("Report", "Same digest as: %1")
                                               .arg(history.tag.aliases.join(QStringLiteral(", ")));
}

QString causesOf(const Rebuild &r, bool details)
{
    QStringList parts;
    for (const Cause &c : r.causes)
        parts.append(details ? c.kind + QStringLiteral(": ") + c.detail : c.kind);
    return parts.join(details ? QStringLiteral("; ") : QStringLiteral(", "));
}

QString platformsOf(const Rebuild &r)
{
    const QStringList all = r.platformsChanged + r.platformsAdded + r.platformsRemoved;
    return all.isEmpty() ? QCoreApplication::translate("Report", "index only")
                         : all.join(QStringLiteral(", "));
}

// One line per rollout: when it started, how long it took, which platform came last.
QStringList rolloutLines(const ReportTag &t)
{
    QStringList lines;
    for (const Rollout &r : t.rollouts) {
        const QString kind = r.versionMove ? QCoreApplication::translate("Report", "version move")
                                           : QCoreApplication::translate("Report", "silent rebuild");
        const int total = int(r.platformsDone.size() + r.platformsPending.size());
        if (r.complete())
            lines.append(QCoreApplication::translate(
                             "Report",
                             "Rollout %1 (%2): started %3, on all %4 platforms after %5, %6 came last, %7 "
                             "digest change(s)")
                             .arg(r.id)
                             .arg(kind, isoUtc(r.startedAt))
                             .arg(total)
                             .arg(humanDuration(*r.completedAt - r.startedAt),
                                  r.lastPlatform.isEmpty() ? QStringLiteral("-") : r.lastPlatform)
                             .arg(r.steps.size()));
        else if (r.inProgress())
            lines.append(
                QCoreApplication::translate(
                    "Report", "Rollout %1 (%2): started %3, in progress: %4 of %5 platforms, pending %6")
                    .arg(r.id)
                    .arg(kind, isoUtc(r.startedAt))
                    .arg(r.platformsDone.size())
                    .arg(total)
                    .arg(r.platformsPending.join(QStringLiteral(", "))));
        else
            lines.append(QCoreApplication::translate("Report",
                                                     "Rollout %1 (%2): started %3, closed %4 on %5 of "
                                                     "%6 platforms, not rebuilt: %7")
                             .arg(r.id)
                             .arg(kind, isoUtc(r.startedAt), isoUtc(*r.closedAt))
                             .arg(r.platformsDone.size())
                             .arg(total)
                             .arg(r.platformsPending.join(QStringLiteral(", "))));
    }
    return lines;
}

struct Header
{
    std::optional<qint64> since;
    std::optional<qint64> until;
    int tagCount = 0;
    qint64 now = 0;
    QString period() const
    {
        return QStringLiteral("%1 – %2").arg(since ? isoUtc(*since).left(10)
                                                   : QCoreApplication::translate("Report", "the beginning"),
                                             until ? isoUtc(*until).left(10) : isoUtc(now).left(10));
    }
};

class ReportWriter
{
public:
    explicit ReportWriter(QIODevice &out)
        : m_out(out)
    {}
    virtual ~ReportWriter() = default;
    virtual void begin(const Header &) {}
    virtual void tag(const ReportTag &tag) = 0;
    virtual void end() {}
    Status status() const
    {
        if (m_failed)
            return makeError(ErrorCode::Io,
                             QStringLiteral("cannot write the export: %1").arg(m_out.errorString()));
        return Ok{};
    }

protected:
    void put(const QString &text) { put(text.toUtf8()); }
    void put(const QByteArray &bytes)
    {
        if (m_out.write(bytes) != bytes.size())
            m_failed = true;
    }
    QIODevice &m_out;
    bool m_failed = false;
};

class CsvWriter final : public ReportWriter
{
public:
    using ReportWriter::ReportWriter;
    void begin(const Header &) override
    {
        put(QByteArray("reference,digest,first_seen,last_seen,platforms,causes\r\n"));
    }
    void tag(const ReportTag &t) override
    {
        for (const Span &span : t.history.spans) {
            QStringList platforms;
            for (auto it = span.platforms.begin(); it != span.platforms.end(); ++it)
                platforms.append(it.key() + u'=' + it->digest);
            QStringList causes;
            for (const Rebuild &r : t.history.rebuilds) {
                if (r.to == span.digest && r.detectedAt == span.firstSeen) {
                    for (const Cause &c : r.causes)
                        causes.append(c.kind);
                }
            }
            const QStringList row{t.history.tag.reference, span.digest,          isoUtc(span.firstSeen),
                                  isoUtc(span.lastSeen),   platforms.join(u';'), causes.join(u';')};
            QStringList fields;
            for (const QString &f : row)
                fields.append(csvField(f));
            put(fields.join(u',') + QStringLiteral("\r\n"));
        }
    }
};

class JsonWriter final : public ReportWriter
{
public:
    JsonWriter(QIODevice &out, qint64 rolloutWindowMs)
        : ReportWriter(out)
        , m_rolloutWindowMs(rolloutWindowMs)
    {}
    void begin(const Header &) override { put(QByteArray("[")); }
    void tag(const ReportTag &t) override
    {
        put((m_first ? QByteArray("\n") : QByteArray(",\n")) +
            QJsonDocument(historyJson(t.history, m_rolloutWindowMs)).toJson(QJsonDocument::Compact));
        m_first = false;
    }
    void end() override { put(QByteArray("\n]\n")); }

private:
    qint64 m_rolloutWindowMs;
    bool m_first = true;
};

class MarkdownWriter final : public ReportWriter
{
public:
    using ReportWriter::ReportWriter;
    void begin(const Header &h) override
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
    void tag(const ReportTag &t) override
    {
        // The summary row goes out now; the tag's section is kept until the end (one tag's worth each).
        put(QStringLiteral("| %1 | %2 | %3 | %4 | %5 | %6 | %7 |\n")
                .arg(familiarOf(t.history.tag.reference))
                .arg(t.rollouts.size())
                .arg(t.silentRebuilds)
                .arg(t.versionMoves)
                .arg(maybe(t.medianGapMs), maybe(t.longestGapMs), maybe(t.currentAgeMs)));
        QString section = QStringLiteral("\n## %1\n\n").arg(familiarOf(t.history.tag.reference));
        if (!t.currentDigest.isEmpty())
            section += QStringLiteral("%1 `%2`, %3 %4.\n\n")
                           .arg(QCoreApplication::translate("Report", "Current digest"), t.currentDigest,
                                QCoreApplication::translate("Report", "current for"), maybe(t.currentAgeMs));
        if (const QString aliases = aliasesOf(t.history); !aliases.isEmpty())
            section += aliases + QStringLiteral("\n\n");
        for (const QString &line : rolloutLines(t))
            section += QStringLiteral("- ") + line + u'\n';
        if (!t.rollouts.isEmpty())
            section += u'\n';
        if (t.history.rebuilds.isEmpty()) {
            section +=
                QCoreApplication::translate("Report", "No rebuilds in the period.") + QStringLiteral("\n");
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
                                    maybe(detectionLagMs(t.history, r)), shortOrDash(r.from),
                                    shortOrDash(r.to), platformsOf(r), causesOf(r, true));
        }
        m_sections.append(section);
        if (m_sections.size() >= 64)
            flushSections();
    }
    void end() override { flushSections(); }

private:
    // Sections follow the summary table; a long report gets several tables, each followed by its sections.
    void flushSections()
    {
        for (const QString &s : std::as_const(m_sections))
            put(s);
        if (!m_sections.isEmpty())
            put(QStringLiteral("\n"));
        m_sections.clear();
    }
    QStringList m_sections;
};

class HtmlWriter final : public ReportWriter
{
public:
    HtmlWriter(QIODevice &out, const ReportOptions &options)
        : ReportWriter(out)
        , m_options(options)
    {}
    void begin(const Header &h) override
    {
        m_header = h;
        put(QStringLiteral(
                "<!DOCTYPE html>\n<html lang=\"en\"><head><meta charset=\"utf-8\"/><title>%1</title>\n"
                "<style>body{font-family:sans-serif;margin:2em;color:#1d3557}table{border-collapse:collapse;"
                "margin:1em 0}"
                "td,th{border:1px solid #ccc;padding:4px 8px;text-align:left}th{background:#eef}"
                "code{font-size:90%}.silent{color:#c1121f}.version{color:#1d4ed8}</style></head><body>\n")
                .arg(QCoreApplication::translate("Report", "Rebuild Radar report")));
        put(QStringLiteral("<h1>%1</h1>\n<p>%2: %3 · %4: %5 · %6 %7</p>\n")
                .arg(QCoreApplication::translate("Report", "Rebuild Radar report"),
                     QCoreApplication::translate("Report", "Period"), escape(h.period()),
                     QCoreApplication::translate("Report", "Tags"))
                .arg(h.tagCount)
                .arg(QCoreApplication::translate("Report", "generated"), isoUtc(h.now)));
        put(QStringLiteral("<table "
                           "class=\"summary\"><tr><th>%1</th><th>%2</th><th>%3</th><th>%4</th><th>%5</"
                           "th><th>%6</th><th>%7</th></tr>\n")
                .arg(QCoreApplication::translate("Report", "Image"),
                     QCoreApplication::translate("Report", "Rollouts"),
                     QCoreApplication::translate("Report", "Silent"),
                     QCoreApplication::translate("Report", "Version moves"),
                     QCoreApplication::translate("Report", "Median gap"),
                     QCoreApplication::translate("Report", "Longest gap"),
                     QCoreApplication::translate("Report", "Current digest age")));
    }
    void tag(const ReportTag &t) override
    {
        const QString name = escape(familiarOf(t.history.tag.reference));
        put(QStringLiteral("<tr><td><a "
                           "href=\"#t%8\">%1</a></td><td>%2</td><td>%3</td><td>%4</td><td>%5</td><td>%6</"
                           "td><td>%7</td></tr>\n")
                .arg(name)
                .arg(t.rollouts.size())
                .arg(t.silentRebuilds)
                .arg(t.versionMoves)
                .arg(maybe(t.medianGapMs), maybe(t.longestGapMs), maybe(t.currentAgeMs))
                .arg(t.history.tag.id));
        QString s = QStringLiteral("<h2 id=\"t%1\">%2</h2>\n").arg(t.history.tag.id).arg(name);
        s += svg(t);
        if (!t.currentDigest.isEmpty())
            s += QStringLiteral("<p>%1 <code>%2</code>, %3 %4.</p>\n")
                     .arg(QCoreApplication::translate("Report", "Current digest"), t.currentDigest,
                          QCoreApplication::translate("Report", "current for"), maybe(t.currentAgeMs));
        if (const QString aliases = aliasesOf(t.history); !aliases.isEmpty())
            s += QStringLiteral("<p class=\"aliases\">%1</p>\n").arg(escape(aliases));
        if (!t.history.rebuilds.isEmpty()) {
            s += QStringLiteral("<table><tr><th>%1</th><th>%2</th><th>%3</th><th>%4</th><th>%5</th><th>%6</"
                                "th><th>%7</th></tr>\n")
                     .arg(QCoreApplication::translate("Report", "Upstream"),
                          QCoreApplication::translate("Report", "Detected"),
                          QCoreApplication::translate("Report", "Lag"),
                          QCoreApplication::translate("Report", "From"),
                          QCoreApplication::translate("Report", "To"),
                          QCoreApplication::translate("Report", "Platforms"),
                          QCoreApplication::translate("Report", "Causes"));
            for (const Rebuild &r : t.history.rebuilds)
                s += QStringLiteral(
                         "<tr class=\"%8\"><td>%1</td><td>%2</td><td>%3</td><td><code>%4</code></td>"
                         "<td><code>%5</code></td><td>%6</td><td>%7</td></tr>\n")
                         .arg(escape(upstreamOf(t.history, r)), isoUtc(r.detectedAt),
                              maybe(detectionLagMs(t.history, r)), shortOrDash(r.from), shortOrDash(r.to),
                              escape(platformsOf(r)), escape(causesOf(r, true)),
                              r.hasCause(CauseKind::Version) ? QStringLiteral("version")
                                                             : QStringLiteral("silent"));
            s += QStringLiteral("</table>\n");
        } else {
            s += QStringLiteral("<p>%1</p>\n")
                     .arg(QCoreApplication::translate("Report", "No rebuilds in the period."));
        }
        if (m_options.includePlatforms && !t.history.spans.isEmpty()) {
            const Span &last = t.history.spans.last();
            s += QStringLiteral("<ul class=\"platforms\">");
            for (auto it = last.platforms.begin(); it != last.platforms.end(); ++it)
                s += QStringLiteral("<li>%1 <code>%2</code></li>").arg(escape(it.key()), it->digest);
            s += QStringLiteral("</ul>\n");
        }
        m_sections.append(s);
        if (m_sections.size() >= 64)
            flushSections();
    }
    void end() override
    {
        m_ended = true;
        flushSections();
        put(QStringLiteral("</body></html>\n"));
    }

private:
    void flushSections()
    {
        put(QStringLiteral("</table>\n"));
        for (const QString &s : std::as_const(m_sections))
            put(s);
        m_sections.clear();
        if (!m_ended)
            put(QStringLiteral("<table class=\"summary\">\n"));
    }
    static QString escape(const QString &text) { return text.toHtmlEscaped(); }
    QString svg(const ReportTag &t) const
    {
        const auto &spans = t.history.spans;
        if (spans.isEmpty())
            return {};
        const qint64 start = m_header.since.value_or(spans.first().firstSeen);
        const qint64 end = std::max(m_header.until.value_or(m_header.now), start + 1);
        const double width = 760;
        auto x = [&](qint64 ms) {
            return 20 + width * double(std::clamp(ms, start, end) - start) / double(end - start);
        };
        QString out = QStringLiteral(
            "<svg xmlns=\"http://www.w3.org/2000/svg\" width=\"800\" height=\"56\" role=\"img\">"
            "<rect x=\"20\" y=\"16\" width=\"760\" height=\"16\" fill=\"#eee\"/>");
        for (qsizetype i = 0; i < spans.size(); ++i) {
            const qint64 spanEnd =
                i + 1 < spans.size() ? spans[i + 1].firstSeen : std::max(spans[i].lastSeen, end);
            const uint hash = qHash(spans[i].digest);
            out += QStringLiteral("<rect x=\"%1\" y=\"16\" width=\"%2\" height=\"16\" "
                                  "fill=\"hsl(%3,55%,60%)\"><title>%4 %5 – %6</title></rect>")
                       .arg(x(spans[i].firstSeen), 0, 'f', 1)
                       .arg(std::max(1.0, x(spanEnd) - x(spans[i].firstSeen)), 0, 'f', 1)
                       .arg(hash % 360)
                       .arg(spans[i].digest, isoUtc(spans[i].firstSeen), isoUtc(spanEnd));
        }
        // upstream's push (or build) of each new digest, joined to when we detected it
        for (const Rebuild &r : t.history.rebuilds) {
            const Span *span = spanOfRebuild(t.history, r);
            if (!span || !span->upstreamAt() || *span->upstreamAt() < start)
                continue;
            out += QStringLiteral(
                       "<line x1=\"%1\" y1=\"10\" x2=\"%2\" y2=\"24\" stroke=\"#555\" "
                       "stroke-dasharray=\"2 2\"/><path d=\"M%1 4 l4 6 h-8 z\" fill=\"#555\"><title>%3, "
                       "%4 %5</title></path>")
                       .arg(x(*span->upstreamAt()), 0, 'f', 1)
                       .arg(x(r.detectedAt), 0, 'f', 1)
                       .arg(escape(upstreamOf(t.history, r)), QCoreApplication::translate("Report", "lag"),
                            maybe(detectionLagMs(t.history, r)));
        }
        for (const Rebuild &r : t.history.rebuilds)
            out += QStringLiteral(
                       "<circle cx=\"%1\" cy=\"24\" r=\"5\" fill=\"%2\"><title>%3 %4</title></circle>")
                       .arg(x(r.detectedAt), 0, 'f', 1)
                       .arg(r.hasCause(CauseKind::Version) ? QStringLiteral("#1d4ed8")
                                                           : QStringLiteral("#c1121f"))
                       .arg(isoUtc(r.detectedAt), escape(causesOf(r, false)));
        out += QStringLiteral("<text x=\"20\" y=\"50\" font-size=\"11\">%1</text><text x=\"780\" y=\"50\" "
                              "font-size=\"11\" text-anchor=\"end\">%2</text></svg>\n")
                   .arg(isoUtc(start).left(10), isoUtc(end).left(10));
        return out;
    }
    ReportOptions m_options;
    Header m_header;
    QStringList m_sections;
    bool m_ended = false;
};

class PdfReportWriter final : public ReportWriter
{
public:
    explicit PdfReportWriter(QIODevice &out)
        : ReportWriter(out)
        , m_pdf(out)
    {}
    void begin(const Header &h) override
    {
        m_pdf.beginPage();
        m_pdf.text(PdfWriter::kMargin, 700, QCoreApplication::translate("Report", "Rebuild Radar report"), 26,
                   true);
        m_pdf.text(PdfWriter::kMargin, 660,
                   QCoreApplication::translate("Report", "Period: %1").arg(h.period()), 13);
        m_pdf.text(PdfWriter::kMargin, 640, QCoreApplication::translate("Report", "Tags: %1").arg(h.tagCount),
                   13);
        m_pdf.text(PdfWriter::kMargin, 620,
                   QCoreApplication::translate("Report", "Generated: %1").arg(isoUtc(h.now)), 13);
        m_pdf.text(
            PdfWriter::kMargin, 560,
            QCoreApplication::translate(
                "Report", "Silent rebuilds are new digests behind an unchanged tag; version moves are"),
            10);
        m_pdf.text(
            PdfWriter::kMargin, 546,
            QCoreApplication::translate("Report", "floating tags moving to a new release. Times are UTC."),
            10);
        footer();
        m_pdf.endPage();
        newPage();
    }
    void tag(const ReportTag &t) override
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
                 .arg(maybe(t.medianGapMs), maybe(t.longestGapMs))
                 .arg(t.rebuilds),
             9);
        for (const QString &rollout : rolloutLines(t))
            line(rollout, 8);
        if (!t.currentDigest.isEmpty())
            line(QCoreApplication::translate("Report", "Current digest %1, current for %2")
                     .arg(t.currentDigest, maybe(t.currentAgeMs)),
                 8);
        if (const QString aliases = aliasesOf(t.history); !aliases.isEmpty())
            line(aliases, 8);
        for (const Span &s : t.history.spans) {
            line(QCoreApplication::translate("Report", "%1  %2 to %3")
                     .arg(s.digest, isoUtc(s.firstSeen), isoUtc(s.lastSeen)),
                 8);
            for (auto it = s.platforms.begin(); it != s.platforms.end(); ++it)
                line(QStringLiteral("      %1  %2").arg(it.key(), it->digest), 7);
        }
        for (const Rebuild &r : t.history.rebuilds) {
            line(QCoreApplication::translate("Report", "Rebuilt %1: %2 -> %3 [%4]")
                     .arg(isoUtc(r.detectedAt), shortOrDash(r.from), shortOrDash(r.to), platformsOf(r)),
                 9, true);
            line(QCoreApplication::translate("Report", "    upstream: %1 · lag %2")
                     .arg(upstreamOf(t.history, r), maybe(detectionLagMs(t.history, r))),
                 8);
            for (const Cause &c : r.causes)
                line(QStringLiteral("    %1: %2").arg(c.kind, c.detail), 8);
        }
        m_y -= 10;
    }
    void end() override
    {
        footer();
        m_pdf.endPage();
        if (!m_pdf.finish())
            m_failed = true;
    }

private:
    void newPage()
    {
        m_pdf.beginPage();
        m_y = PdfWriter::kHeight - PdfWriter::kMargin;
    }
    void footer()
    {
        m_pdf.text(PdfWriter::kWidth / 2 - 20, 25,
                   QCoreApplication::translate("Report", "Page %1").arg(m_pdf.pageCount() + 1), 9);
    }
    void need(double height)
    {
        if (m_y - height < PdfWriter::kMargin) {
            footer();
            m_pdf.endPage();
            newPage();
        }
    }
    void line(const QString &text, double size, bool bold = false)
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
    PdfWriter m_pdf;
    double m_y = 0;
};

} // namespace

Status Exporter::write(HistoryStore &store, const ExportOptions &options, QIODevice &out, qint64 now)
{
    if (!formats().contains(options.format))
        return makeError(ErrorCode::InvalidInput,
                         QStringLiteral("unknown format %1 (one of %2)")
                             .arg(options.format, formats().join(QStringLiteral(", "))));
    QList<qint64> ids;
    if (options.references.isEmpty()) {
        auto all = store.watchlist(true);
        if (!all)
            return all.error();
        for (const WatchedTag &t : *all)
            ids.append(t.id);
    } else {
        for (const QString &reference : options.references) {
            auto tag = store.tag(reference);
            if (!tag)
                return tag.error();
            if (!tag->has_value())
                return makeError(ErrorCode::InvalidInput,
                                 QStringLiteral("%1 is neither watched nor in the history").arg(reference));
            ids.append((*tag)->id);
        }
    }
    std::unique_ptr<ReportWriter> writer;
    if (options.format == u"csv")
        writer = std::make_unique<CsvWriter>(out);
    else if (options.format == u"json")
        writer = std::make_unique<JsonWriter>(out, options.report.rolloutWindowMs);
    else if (options.format == u"md")
        writer = std::make_unique<MarkdownWriter>(out);
    else if (options.format == u"html")
        writer = std::make_unique<HtmlWriter>(out, options.report);
    else
        writer = std::make_unique<PdfReportWriter>(out);

    writer->begin(Header{options.report.since, options.report.until, int(ids.size()), now});
    for (qint64 id : ids) {
        auto history = store.history(id, options.report.since, options.report.until);
        if (!history)
            return history.error();
        writer->tag(reportTag(std::move(history).value(), options.report, now));
        if (auto ok = writer->status(); !ok)
            return ok;
    }
    writer->end();
    return writer->status();
}

} // namespace RebuildRadar

namespace RebuildRadar {

Status Exporter::writeFile(HistoryStore &store, const ExportOptions &options, const QString &path, qint64 now)
{
    QSaveFile file(path);
    if (!file.open(QIODevice::WriteOnly))
        return makeError(ErrorCode::Io, QStringLiteral("cannot write %1: %2").arg(path, file.errorString()));
    if (Status written = write(store, options, file, now); !written) {
        file.cancelWriting();
        return written;
    }
    if (!file.commit())
        return makeError(ErrorCode::Io, QStringLiteral("cannot write %1: %2").arg(path, file.errorString()));
    return Ok{};
}

} // namespace RebuildRadar
