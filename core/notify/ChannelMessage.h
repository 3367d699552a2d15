#pragma once

// What a channel says about a rollout notice, before any service's format: a one-line title
// ("python:3.13-slim rebuilt on 8 of 8 platforms — base image changed"), a short body in plain text,
// Markdown and HTML, the tag's page on its registry where there is one, and the full facts as the
// generic webhook's JSON payload (documented in docs/CLI.md). A digest (batch) message sums several up;
// a "stale" message names the running workloads a rebuild left behind on an old build of one tag.
// Pure; the payload builders (ChannelPayloads) and the mail sender put it into each service's shape.

#include "history/Rollouts.h"
#include "running/RunningMatch.h"

#include <QJsonObject>
#include <QString>

#include <optional>

namespace RebuildRadar {

// What the history says beyond the notice: when upstream made the new digest available.
struct NoticeFacts
{
    std::optional<qint64> upstreamAt;
    std::optional<qint64> lagMs; // from upstream to our detection
};

struct ChannelMessage
{
    qint64 key = 0; // the outbox notice (or the first of a digest): stable across retries and restarts
    QString event;  // "started", "complete", "closed", "stale", "digest", "test"
    QString title;  // one line
    QString text;   // plain text body (a few lines)
    QString markdown;
    QString html;
    QString link; // the tag's registry page, or empty
    QString reference;
    QJsonObject payload; // the generic webhook's JSON
};

// The tag's page on Docker Hub, Quay, GHCR or cgr.dev; empty for other registries.
QString registryPage(const QString &registry, const QString &repository, const QString &tag);

ChannelMessage messageFor(const RolloutNotice &notice, const NoticeFacts &facts);
// One message for several (a --batch period): titles listed, each notice's payload in "notices".
ChannelMessage digestMessage(const QList<ChannelMessage> &messages, qint64 periodStart, qint64 periodEnd);
// Workloads of one tag that a rebuild left behind (the "stale" event): title, a line per workload, and
// in the payload each workload as `running --json` gives it. `key` tells the message apart (it is not
// an outbox notice).
ChannelMessage staleMessage(const QList<RunningStatus> &workloads, qint64 key);
// What `notify test` sends.
ChannelMessage testMessage(const QString &channelName, qint64 now);

} // namespace RebuildRadar
