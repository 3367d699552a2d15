#pragma once

// What runs where: a container or pod container found on a Docker Engine, a Podman service or a
// Kubernetes context, with the image reference it was started from and the digests it runs; and how
// one source answered. Plain values with no I/O: the source readers fill them, the matcher
// (RunningMatch) places them in a tag's history, the CLI, the engine and reports show them.

#include <QList>
#include <QString>
#include <QStringList>

namespace RebuildRadar {

enum class WorkloadSourceKind
{
    Docker,
    Podman,
    Kubernetes,
};
// "docker", "podman", "kubernetes": the contract's words.
QString workloadSourceName(WorkloadSourceKind kind);

// One source the user configured: an engine's API address, or a kubeconfig context.
struct WorkloadSource
{
    WorkloadSourceKind kind = WorkloadSourceKind::Docker;
    // Docker and Podman: "unix:///path" or "tcp://host:port". Kubernetes: the context (empty: the
    // kubeconfig's current context).
    QString address;
    QStringList namespaces; // Kubernetes only; empty: the context's namespace; "*": all of them
    bool includeStopped = false;
    friend bool operator==(const WorkloadSource &, const WorkloadSource &) = default;
};

struct Workload
{
    WorkloadSourceKind source = WorkloadSourceKind::Docker;
    QString host;       // Docker/Podman: the address read; Kubernetes: the context
    QString name;       // container name, or "pod/container"
    QString namespace_; // Kubernetes only
    QString image;      // the reference as the workload names it (may be an image id or digest-only)
    QString state;      // "running", "exited", "Waiting: ImagePullBackOff" …
    bool init = false;  // a Kubernetes init container
    // The repo digests of the workload's own repository (an image may have several: an index and a
    // platform's manifest); empty when the image was built locally or is not pulled yet.
    QStringList repoDigests;
    // Built locally: the engine knows no registry digest of it (or only an image id).
    bool localOnly = false;
    friend bool operator==(const Workload &, const Workload &) = default;
};

// The sources saved in settings ("docker", "docker=unix:///PATH", "podman", "podman=URL",
// "kubernetes", "kubernetes=CONTEXT"); entries of another kind are skipped.
QList<WorkloadSource> workloadSourcesFromSettings(const QStringList &entries);

// What one source said: its workloads, or why it could not be read.
struct SourceReading
{
    WorkloadSource source;
    QString host;  // what was read, for messages and "host"/"context"
    QString error; // empty: read
    QList<Workload> workloads;
};

} // namespace RebuildRadar
