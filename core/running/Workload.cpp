#include "running/Workload.h"

namespace RebuildRadar {

QString workloadSourceName(WorkloadSourceKind kind)
{
    switch (kind) {
    case WorkloadSourceKind::Docker:
        return QStringLiteral("docker");
    case WorkloadSourceKind::Podman:
        return QStringLiteral("podman");
    case WorkloadSourceKind::Kubernetes:
        return QStringLiteral("kubernetes");
    }
    return QStringLiteral("docker");
}

QList<WorkloadSource> workloadSourcesFromSettings(const QStringList &entries)
{
    QList<WorkloadSource> out;
    for (const QString &entry : entries) {
        const QString kind = entry.section(u'=', 0, 0).trimmed();
        const QString address = entry.section(u'=', 1).trimmed();
        for (WorkloadSourceKind k :
             {WorkloadSourceKind::Docker, WorkloadSourceKind::Podman, WorkloadSourceKind::Kubernetes}) {
            if (kind == workloadSourceName(k))
                out.append(WorkloadSource{k, address, {}, false});
        }
    }
    return out;
}

} // namespace RebuildRadar
