#pragma once

// The engine's side of "what runs where": reads the configured sources of workloads (WorkloadReader,
// never blocking the engine's thread) on an interval and soon after a rebuild is recorded, matches
// them against the history, publishes them, and says which workloads a rebuild has just left behind:
// stale now, not stale (or behind an older build) at the last reading. The first reading only sets
// the baseline, so starting the program never announces what was already behind, and a workload that
// was updated is never announced again.

#include "running/RunningMatch.h"
#include "running/WorkloadReader.h"

#include <memory>
#include <vector>

#include <QHash>
#include <QObject>
#include <QTimer>

namespace RebuildRadar {

class HistoryStore;

// The workloads of `now` that a rebuild left behind since `before` (keyed by workloadKey): stale now,
// and at the last reading either not stale or stale behind another current digest. Workloads new
// since then are not announced (started on an old build by someone who chose it). Pure.
QList<RunningStatus> leftBehind(const QHash<QString, RunningStatus> &before, const QList<RunningStatus> &now);
QString workloadKey(const Workload &workload);

class RunningWatch : public QObject
{
    Q_OBJECT
public:
    RunningWatch(HistoryStore &store, QList<WorkloadSource> sources, int refreshMs,
                 QObject *parent = nullptr);
    ~RunningWatch() override;

    void setSources(const QList<WorkloadSource> &sources);
    const QList<WorkloadSource> &sources() const { return m_sources; }
    // Reads now (or right after the reading in hand).
    void refresh();
    // A rebuild was recorded: read again shortly (a burst of rebuilds makes one reading).
    void refreshSoon();
    void stop();
    const QList<RunningStatus> &workloads() const { return m_workloads; }

signals:
    void workloadsChanged(const QList<RebuildRadar::RunningStatus> &workloads);
    void workloadsLeftBehind(const QList<RebuildRadar::RunningStatus> &workloads);
    // Docker's or Podman's event stream of a source is open: containers that change from now on are
    // read again at once (after a reconnection too).
    void eventsListening();
    // A source that could not be read, with why (the others are still published).
    void sourceFailed(const QString &source, const QString &error);

private:
    void onRead(const QList<SourceReading> &readings);

    HistoryStore &m_store;
    QList<WorkloadSource> m_sources;
    WorkloadReader m_reader;
    QTimer m_interval;
    QTimer m_soon;
    bool m_again = false;   // a refresh was asked while reading
    bool m_baseline = true; // the next reading only sets what is known
    QHash<QString, RunningStatus> m_known;
    // Docker's and Podman's event streams: a container created, started or stopped is read at once.
    std::vector<std::unique_ptr<class EngineEvents>> m_events;
    void listenForEvents();
    QList<RunningStatus> m_workloads;
};

} // namespace RebuildRadar
