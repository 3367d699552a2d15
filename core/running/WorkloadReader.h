#pragma once

// Reads every configured source of running workloads without blocking the thread it lives on: Docker
// and Podman engines through EngineClient on the reader's own thread pool, Kubernetes through kubectl
// processes. One read at a time; `finished` carries each source's reading (or why it failed), in the
// order the sources were given, so one unreachable source never hides the others.

#include "running/Workload.h"

#include <QList>
#include <QObject>
#include <QThreadPool>

namespace RebuildRadar {

class WorkloadReader : public QObject
{
    Q_OBJECT
public:
    explicit WorkloadReader(QObject *parent = nullptr);
    ~WorkloadReader() override;

    // Starts a read of `sources`; false (and nothing started) while a read is in hand.
    bool read(const QList<WorkloadSource> &sources, int timeoutMs = 30000);
    bool isReading() const { return m_pending > 0; }

signals:
    void finished(const QList<RebuildRadar::SourceReading> &readings);

private:
    void readEngine(int index, int timeoutMs);
    void readKubernetes(int index, int timeoutMs);
    void runKubectl(int index, const QString &context, QStringList namespaces, int timeoutMs);
    void done(int index, SourceReading reading);

    QThreadPool m_pool;
    QList<SourceReading> m_readings;
    int m_pending = 0;
};

} // namespace RebuildRadar
