#pragma once

// Kubernetes pods as workloads, without I/O: what `kubectl get pods -o json` (a v1 PodList) says of
// each container and init container: the image its spec names and the digest its status reports
// (`imageID` as `docker-pullable://repo@sha256:…`, bare `repo@sha256:…`, or only an image id), and
// the kubectl command line that asks for it. kubectl is used, not the API directly, so every
// authentication method of the user's kubeconfig (exec plugins, client certificates, tokens) works.

#include "common/Result.h"
#include "running/Workload.h"

#include <QByteArray>
#include <QStringList>

namespace RebuildRadar {

Result<QList<Workload>> parsePodList(const QByteArray &json, const QString &context);

// The digest an `imageID` names ("sha256:…"), or empty when it names none of a registry (no imageID
// yet, or an image id of a locally built image).
QString digestOfImageId(const QString &imageId);

// kubectl's arguments for the pods of `context` (empty: the current one) in `ns` (empty: the
// context's namespace; "*": all namespaces).
QStringList kubectlPodArguments(const QString &context, const QString &ns);

} // namespace RebuildRadar
