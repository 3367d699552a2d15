#include "cli/RunningCommand.h"

#include "cli/ArgParser.h"
#include "common/Time.h"
#include "reference/ImageReference.h"
#include "running/DockerApi.h"
#include "store/HistoryStore.h"

#include <QJsonArray>
#include <QJsonDocument>

#include <algorithm>

namespace RebuildRadar {

namespace {

QList<WorkloadSource> sourcesOf(const ParsedArgs &args, const QString &option, WorkloadSourceKind kind)
{
    QList<WorkloadSource> out;
    for (const QString &address : args.all(option))
        out.append(WorkloadSource{kind, address, {}, false});
    return out;
}

} // namespace

void RunningCommand::run(const ParsedArgs &args)
{
    if (!args.positionals.isEmpty()) {
        m_cli.usageError(
            tr("running takes no references (give sources with --docker, --podman or --kubernetes)"));
        return;
    }
    m_json = args.has(QStringLiteral("--json"));
    m_exitCode = args.has(QStringLiteral("--exit-code"));
    m_watch = args.has(QStringLiteral("--watch"));
    QList<WorkloadSource> sources =
        sourcesOf(args, QStringLiteral("--docker"), WorkloadSourceKind::Docker) +
        sourcesOf(args, QStringLiteral("--podman"), WorkloadSourceKind::Podman) +
        sourcesOf(args, QStringLiteral("--kubernetes"), WorkloadSourceKind::Kubernetes);
    if (sources.isEmpty())
        sources = workloadSourcesFromSettings(m_cli.settings().runningSources);
    if (sources.isEmpty())
        sources.append(WorkloadSource{}); // the local Docker Engine ($DOCKER_HOST or its socket)
    const QStringList namespaces = args.all(QStringLiteral("--namespace"));
    const bool anyKubernetes = std::any_of(sources.begin(), sources.end(), [](const WorkloadSource &s) {
        return s.kind == WorkloadSourceKind::Kubernetes;
    });
    if (!namespaces.isEmpty() && !anyKubernetes) {
        m_cli.usageError(tr("--namespace selects Kubernetes namespaces: give --kubernetes [CONTEXT] too"));
        return;
    }
    for (WorkloadSource &source : sources) {
        source.includeStopped = args.has(QStringLiteral("--all"));
        if (source.kind == WorkloadSourceKind::Kubernetes) {
            if (!namespaces.isEmpty())
                source.namespaces = namespaces;
            continue;
        }
        // A malformed address is bad usage (exit 2), not an unreachable engine.
        auto address = source.kind == WorkloadSourceKind::Podman ? podmanAddress(source.address)
                                                                 : dockerAddress(source.address);
        if (!address) {
            m_cli.usageError(address.error().message);
            return;
        }
    }
    if (!m_cli.openStore(m_watch ? CliContext::StoreUse::Write : CliContext::StoreUse::Read))
        return;
    QObject::connect(&m_reader, &WorkloadReader::finished, &m_cli,
                     [this](const QList<SourceReading> &readings) { onRead(readings); });
    m_reader.read(sources);
}

void RunningCommand::onRead(const QList<SourceReading> &readings)
{
    QList<Workload> workloads;
    int read = 0;
    for (const SourceReading &reading : readings) {
        if (!reading.error.isEmpty()) {
            m_cli.printError(
                tr("could not read %1 at %2: %3")
                    .arg(workloadSourceName(reading.source.kind),
                         reading.host.isEmpty() ? QStringLiteral("its default address") : reading.host,
                         reading.error));
            continue;
        }
        ++read;
        workloads += reading.workloads;
    }
    if (m_watch && !watchUnwatched(workloads))
        return;
    auto matched = matchWorkloads(*m_cli.store(), workloads);
    if (!matched) {
        m_cli.printError(matched.error().message);
        m_cli.finish(ExitCode::Partial);
        return;
    }
    QList<RunningStatus> statuses = *matched;
    // Stale first, then by where and what runs.
    std::stable_sort(statuses.begin(), statuses.end(), [](const RunningStatus &a, const RunningStatus &b) {
        if (a.stale != b.stale)
            return a.stale;
        return std::tuple(int(a.workload.source), a.workload.host, a.workload.namespace_, a.workload.name) <
               std::tuple(int(b.workload.source), b.workload.host, b.workload.namespace_, b.workload.name);
    });
    if (m_json) {
        QJsonArray array;
        for (const RunningStatus &status : statuses)
            array.append(runningJson(status));
        m_cli.out() << QJsonDocument(array).toJson(QJsonDocument::Indented);
    } else {
        for (const RunningStatus &status : statuses) {
            const Workload &w = status.workload;
            const QString where =
                w.source == WorkloadSourceKind::Kubernetes
                    ? QStringLiteral("%1 %2 %3/%4")
                          .arg(workloadSourceName(w.source), w.host, w.namespace_, w.name)
                    : QStringLiteral("%1 %2 %3").arg(workloadSourceName(w.source), w.host, w.name);
            QString line =
                QStringLiteral("%1  %2  %3").arg(where, familiarOf(status.reference), describe(status));
            if (!status.newerChanges.isEmpty())
                line += QStringLiteral("  ") + tr("newer: %1").arg(status.newerChanges);
            m_cli.printLine(line);
        }
        if (statuses.isEmpty() && read > 0)
            m_cli.printLine(tr("no workloads found"));
    }
    const bool anyStale =
        std::any_of(statuses.begin(), statuses.end(), [](const RunningStatus &s) { return s.stale; });
    if (read == 0 && !readings.isEmpty())
        m_cli.finish(ExitCode::Partial);
    else
        m_cli.finish(m_exitCode && anyStale ? ExitCode::Found : ExitCode::Done);
}

bool RunningCommand::watchUnwatched(const QList<Workload> &workloads)
{
    QList<WatchRequest> requests;
    QStringList added;
    for (const Workload &w : workloads) {
        auto ref = ImageReference::parse(w.image);
        if (w.localOnly || !ref || !ref->hasTag() || added.contains(ref->tagReference()))
            continue;
        auto tag = m_cli.store()->tag(ref->tagReference());
        if (!tag) {
            m_cli.printError(tag.error().message);
            m_cli.finish(ExitCode::Partial);
            return false;
        }
        if (tag->has_value() && (*tag)->watched)
            continue;
        requests.append(WatchRequest{ref->withoutDigest(), std::nullopt, std::nullopt, 0, true});
        added.append(ref->tagReference());
    }
    if (requests.isEmpty())
        return true;
    if (auto ok = m_cli.store()->addWatches(requests); !ok) {
        m_cli.printError(ok.error().message);
        m_cli.finish(ExitCode::Partial);
        return false;
    }
    // On stderr, so --json output stays one document.
    for (const QString &reference : added)
        m_cli.err() << tr("now watching %1").arg(reference) << Qt::endl;
    return true;
}

QString RunningCommand::describe(const RunningStatus &status)
{
    switch (status.match) {
    case RunningMatchKind::Build:
        if (!status.stale)
            return tr("build %1 of %2, current").arg(status.build).arg(status.builds);
        return (*status.rebuildsBehind == 1
                    ? tr("build %1 of %2, 1 rebuild behind, a newer build since %3")
                    : tr("build %1 of %2, %4 rebuilds behind, a newer build since %3"))
                   .arg(status.build)
                   .arg(status.builds)
                   .arg(isoUtc(*status.newerSince))
                   .arg(*status.rebuildsBehind) +
               QStringLiteral("  ") + tr("STALE");
    case RunningMatchKind::OlderThanHistory:
        return tr("%1: older than the recorded history (%2 builds recorded)")
                   .arg(CliText::digest(status.runningDigest))
                   .arg(status.builds) +
               QStringLiteral("  ") + tr("STALE");
    case RunningMatchKind::NotRecorded:
        return status.watched ? tr("watched, not resolved yet (poll it)")
                              : tr("not watched (running --watch adds it)");
    case RunningMatchKind::Local:
        return tr("built locally (no registry digest)");
    case RunningMatchKind::NoDigest:
        return tr("no image digest yet (%1)").arg(status.workload.state);
    case RunningMatchKind::Unparsed:
        return tr("not an image reference Rebuild Radar understands");
    }
    return {};
}

} // namespace RebuildRadar
