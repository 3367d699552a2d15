#pragma once

// The wording the readable reports (Markdown, HTML, PDF) share: digests, durations, upstream times,
// causes, platforms and rollouts as one line of text each. Plain text: each writer escapes it for
// its own format.

#include "export/ReportData.h"
#include "running/RunningMatch.h"

#include <QStringList>

#include <optional>

namespace RebuildRadar {

// The short digest, or "-" when there is none (a tag's first digest has no "from").
QString shortOrDash(const QString &digest);
// "build 3 " of a digest of the history (with its space), or empty when its number is not known.
QString buildPrefix(const TagHistory &history, const QString &digest);
// humanDuration, or "-" when unknown.
QString durationOrDash(const std::optional<qint64> &ms);
// When upstream made the rebuild's digest available, as far as the registry or the image says.
QString upstreamOf(const TagHistory &history, const Rebuild &r);
// "Same digest as: …", empty when the tag has no aliases.
QString aliasesOf(const TagHistory &history);
// Cause kinds ("version, base-image"), or with their details ("version: 1 -> 2; …").
QString causesOf(const Rebuild &r, bool details);
// The platforms the rebuild touched, or "index only".
QString platformsOf(const Rebuild &r);
// One line per rollout: when it started, how long it took, which platform came last.
QStringList rolloutLines(const ReportTag &t);
// One line per analysed rebuild: when, which builds, and what changed inside (history/PackageText).
QStringList whatChangedLines(const ReportTag &t);
// The "running" section's header cells and one workload's cells (workload, where, tag, build, what it
// misses, how long its build has been out), in every format's language, not yet escaped.
QStringList runningHeader();
QStringList runningCells(const RunningStatus &status, qint64 now);

// Platform names, annotations and tag names come from registries: before any of it reaches a report,
// C0 and C1 control characters (terminal escape sequences among them) become U+FFFD, and line
// breaks and tabs spaces, so a value stays on its line or table row.
QString withoutControls(const QString &text);
// Text for Markdown, shown as written: controls replaced and every character Markdown or GitHub's
// tables would read as syntax (`|`, `` ` ``, `*`, `_`, `<`, `[`, …) backslash-escaped.
QString markdownText(const QString &text);
// A Markdown code span of `text` (a digest); escaped text instead when it holds a backtick.
QString markdownCode(const QString &text);
// Text for HTML element content and double-quoted attributes.
QString htmlText(const QString &text);

} // namespace RebuildRadar
