#include "export/ReportText.h"

#include "common/Duration.h"
#include "common/Time.h"
#include "history/PackageText.h"
#include "history/Rollouts.h"
#include "reference/ImageReference.h"

#include <QCoreApplication>
#include <QHash>

namespace RebuildRadar {

QString shortOrDash(const QString &digest)
{
    return digest.isEmpty() ? QStringLiteral("-") : shortDigest(digest);
}

QString buildPrefix(const TagHistory &history, const QString &digest)
{
    for (const Span &span : history.spans) {
        if (span.digest == digest && span.build > 0)
            return QCoreApplication::translate("Report", "build %1").arg(span.build) + u' ';
    }
    return {};
}

QString durationOrDash(const std::optional<qint64> &ms)
{
    return ms ? humanDuration(*ms) : QStringLiteral("-");
}

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
        parts.append(details ? causeKindName(c.kind) + QStringLiteral(": ") + c.detail
                             : causeKindName(c.kind));
    return parts.join(details ? QStringLiteral("; ") : QStringLiteral(", "));
}

QString platformsOf(const Rebuild &r)
{
    const QStringList all = r.platformsTouched();
    return all.isEmpty() ? QCoreApplication::translate("Report", "index only")
                         : all.join(QStringLiteral(", "));
}

QStringList whatChangedLines(const ReportTag &t)
{
    QHash<QString, int> buildOf;
    for (const Span &s : t.history.spans)
        buildOf.insert(s.digest, s.build);
    QStringList lines;
    for (const Rebuild &r : t.history.rebuilds) {
        const QString summary = rebuildPackageSummary(r);
        if (summary.isEmpty())
            continue;
        const int from = buildOf.value(r.from);
        const int to = buildOf.value(r.to);
        lines.append(
            from && to ? QCoreApplication::translate("Report", "%1, build %2 → %3: %4")
                             .arg(isoUtc(r.detectedAt))
                             .arg(from)
                             .arg(to)
                             .arg(summary)
                       : QCoreApplication::translate("Report", "%1: %2").arg(isoUtc(r.detectedAt), summary));
    }
    return lines;
}

QStringList rolloutLines(const ReportTag &t)
{
    QStringList lines;
    for (const Rollout &r : t.rollouts) {
        const QString kind = r.versionMove ? QCoreApplication::translate("Report", "version move")
                                           : QCoreApplication::translate("Report", "silent rebuild");
        const int total = int(r.platformsDone.size() + r.platformsPending.size());
        if (r.complete()) {
            // in pieces, each with its own plural form; "came last" only when a platform did lag
            QString line = QCoreApplication::translate("Report", "Rollout %1 (%2): started %3")
                               .arg(r.id)
                               .arg(kind, isoUtc(r.startedAt));
            line += QStringLiteral(", ") +
                    QCoreApplication::translate("Report", "on all %n platform(s) after %1", nullptr, total)
                        .arg(humanDuration(*r.completedAt - r.startedAt));
            if (!r.lastPlatform.isEmpty())
                line += QStringLiteral(", ") +
                        QCoreApplication::translate("Report", "%1 came last").arg(r.lastPlatform);
            line += QStringLiteral(", ") + QCoreApplication::translate("Report", "%n digest change(s)",
                                                                       nullptr, int(r.steps.size()));
            lines.append(line);
        } else if (r.inProgress())
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

QString withoutControls(const QString &text)
{
    QString out;
    out.reserve(text.size());
    for (const QChar c : text) {
        const char16_t u = c.unicode();
        if (u == u'\n' || u == u'\r' || u == u'\t')
            out += u' ';
        else if (u < 0x20 || (u >= 0x7f && u <= 0x9f))
            out += QChar(QChar::ReplacementCharacter);
        else
            out += c;
    }
    return out;
}

QString markdownText(const QString &text)
{
    // CommonMark lets any ASCII punctuation be backslash-escaped; these are the ones that start markup
    // mid-line (or end a table cell). `#`, `+`, `-` and `.` only matter at a line's start, where no
    // inserted value goes except after our own "## " (and `#` is escaped for that heading).
    static const QString special = QStringLiteral("\\`*_[]<>|#~&");
    QString out;
    for (const QChar c : withoutControls(text)) {
        if (special.contains(c))
            out += u'\\';
        out += c;
    }
    return out;
}

QString markdownCode(const QString &text)
{
    if (text.contains(u'`'))
        return markdownText(text);
    // GitHub splits table rows at `|` even inside code spans, unless escaped.
    return u'`' + withoutControls(text).replace(QStringLiteral("|"), QStringLiteral("\\|")) + u'`';
}

QString htmlText(const QString &text)
{
    return withoutControls(text).toHtmlEscaped();
}

namespace {
QString say(const char *text)
{
    return QCoreApplication::translate("Report", text);
}
} // namespace

QStringList runningHeader()
{
    return {say(QT_TRANSLATE_NOOP("Report", "Workload")), say(QT_TRANSLATE_NOOP("Report", "Where")),
            say(QT_TRANSLATE_NOOP("Report", "Tag")),      say(QT_TRANSLATE_NOOP("Report", "Build")),
            say(QT_TRANSLATE_NOOP("Report", "Missing")),  say(QT_TRANSLATE_NOOP("Report", "Build age"))};
}

QStringList runningCells(const RunningStatus &s, qint64 now)
{
    const Workload &w = s.workload;
    QString build;
    switch (s.match) {
    case RunningMatchKind::Build:
        build = say(QT_TRANSLATE_NOOP("Report", "%1 of %2")).arg(s.build).arg(s.builds);
        break;
    case RunningMatchKind::OlderThanHistory:
        build = say(QT_TRANSLATE_NOOP("Report", "older than the recorded history"));
        break;
    case RunningMatchKind::Local:
        build = say(QT_TRANSLATE_NOOP("Report", "built locally"));
        break;
    default:
        build = QStringLiteral("-");
        break;
    }
    QString missing = QStringLiteral("-");
    if (s.stale && s.rebuildsBehind && s.newerSince)
        missing = say(QT_TRANSLATE_NOOP("Report", "%1 rebuild(s) since %2"))
                      .arg(*s.rebuildsBehind)
                      .arg(isoUtc(*s.newerSince).left(10));
    else if (s.stale)
        missing = say(QT_TRANSLATE_NOOP("Report", "a newer build"));
    const QString where = workloadSourceName(w.source) + u' ' + w.host +
                          (w.namespace_.isEmpty() ? QString() : u'/' + w.namespace_);
    return {w.name,
            where,
            familiarOf(s.reference),
            build,
            missing,
            durationOrDash(s.runningSince ? std::optional<qint64>(now - *s.runningSince) : std::nullopt)};
}

} // namespace RebuildRadar
