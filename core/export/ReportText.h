#pragma once

// The wording the readable reports (Markdown, HTML, PDF) share: digests, durations, upstream times,
// causes, platforms and rollouts as one line of text each. Plain text: each writer escapes it for
// its own format.

#include "export/ReportData.h"

#include <QStringList>

#include <optional>

namespace RebuildRadar {

// The short digest, or "-" when there is none (a tag's first digest has no "from").
QString shortOrDash(const QString &digest);
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

} // namespace RebuildRadar
