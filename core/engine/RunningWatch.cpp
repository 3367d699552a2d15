#include "engine/RunningWatch.h"

#include "running/DockerApi.h"
#include "running/EngineEvents.h"
#include "store/HistoryStore.h"

namespace RebuildRadar {

QString workloadKey(const Workload &workload)
{
    return QStringList{workloadSourceName(workload.source), workload.host, workload.namespace_, workload.name}
        .join(u'\x1f');
}

QList<RunningStatus> leftBehind(const QHash<QString, RunningStatus> &before, const QList<RunningStatus> &now)
{
    QList<RunningStatus> out;
    for (const RunningStatus &status : now) {
        if (!status.stale)
            continue;
        const auto it = before.constFind(workloadKey(status.workload));
        if (it == before.constEnd())
            continue;
        const bool sameImage = it->runningDigest == status.runningDigest;
        // Not stale before, or behind an older current build: this rebuild is news. A workload that
        // was replaced (another digest) and is stale is someone's choice of an old build, not news.
        if (sameImage && (!it->stale || it->currentDigest != status.currentDigest))
            out.append(status);
    }
    return out;
}

RunningWatch::RunningWatch(HistoryStore &store, QList<WorkloadSource> sources, int refreshMs, QObject *parent)
    : QObject(parent)
    , m_store(store)
    , m_sources(std::move(sources))
    , m_reader(this)
    , m_interval(this)
    , m_soon(this)
{
    m_interval.setInterval(refreshMs);
    connect(&m_interval, &QTimer::timeout, this, &RunningWatch::refresh);
    m_soon.setSingleShot(true);
    m_soon.setInterval(500);
    connect(&m_soon, &QTimer::timeout, this, &RunningWatch::refresh);
    connect(&m_reader, &WorkloadReader::finished, this, &RunningWatch::onRead);
}

RunningWatch::~RunningWatch() = default;

void RunningWatch::listenForEvents()
{
    m_events.clear();
    for (const WorkloadSource &source : std::as_const(m_sources)) {
        if (source.kind == WorkloadSourceKind::Kubernetes)
            continue;
        auto address = source.kind == WorkloadSourceKind::Podman ? podmanAddress(source.address)
                                                                 : dockerAddress(source.address);
        if (!address)
            continue; // the reading says why
        auto events = std::make_unique<EngineEvents>(*address);
        connect(events.get(), &EngineEvents::containersChanged, this, &RunningWatch::refreshSoon);
        connect(events.get(), &EngineEvents::listening, this, &RunningWatch::eventsListening);
        events->start();
        m_events.push_back(std::move(events));
    }
}

void RunningWatch::setSources(const QList<WorkloadSource> &sources)
{
    m_sources = sources;
    m_events.clear();
    m_baseline = true; // other sources: nothing known of them yet
    m_known.clear();
    refresh();
}

void RunningWatch::refresh()
{
    if (!m_interval.isActive())
        m_interval.start();
    if (m_events.empty() && !m_sources.isEmpty())
        listenForEvents();
    if (m_sources.isEmpty())
        return;
    if (!m_reader.read(m_sources))
        m_again = true;
}

void RunningWatch::refreshSoon()
{
    if (!m_soon.isActive())
        m_soon.start();
}

void RunningWatch::stop()
{
    m_interval.stop();
    m_soon.stop();
    m_events.clear();
}

void RunningWatch::onRead(const QList<SourceReading> &readings)
{
    QList<Workload> workloads;
    QSet<QString> unread; // sources that failed keep their workloads' last state, unannounced
    for (const SourceReading &reading : readings) {
        if (!reading.error.isEmpty()) {
            emit sourceFailed(workloadSourceName(reading.source.kind) + u' ' + reading.host, reading.error);
            unread.insert(workloadSourceName(reading.source.kind) + u'\x1f' + reading.host);
            continue;
        }
        workloads += reading.workloads;
    }
    auto matched = matchWorkloads(m_store, workloads);
    if (!matched) {
        emit sourceFailed(QStringLiteral("history"), matched.error().message);
        return;
    }
    if (!m_baseline) {
        const QList<RunningStatus> behind = leftBehind(m_known, *matched);
        if (!behind.isEmpty())
            emit workloadsLeftBehind(behind);
    }
    m_baseline = false;
    QHash<QString, RunningStatus> known;
    for (auto it = m_known.constBegin(); it != m_known.constEnd(); ++it) {
        if (unread.contains(workloadSourceName(it->workload.source) + u'\x1f' + it->workload.host))
            known.insert(it.key(), *it);
    }
    for (const RunningStatus &status : *matched)
        known.insert(workloadKey(status.workload), status);
    m_known = known;
    m_workloads = *matched;
    emit workloadsChanged(m_workloads);
    if (m_again) {
        m_again = false;
        refresh();
    }
}

} // namespace RebuildRadar
