#pragma once

// Reads a Docker Engine or Podman service over its HTTP API with libcurl (Qt's network manager cannot
// speak HTTP over a Unix socket): the containers, and for each image the repo digests of the
// container's own repository. Blocking calls with deadlines, so they run off the caller's thread:
// WorkloadReader runs them on a thread pool.

#include "common/Result.h"
#include "running/DockerApi.h"
#include "running/Workload.h"

namespace RebuildRadar {

// One GET; the body of a 2xx answer, else an Error with the engine's own message.
Result<QByteArray> engineGet(const EngineAddress &address, const QString &path, int timeoutMs);

// The containers of one engine (stopped ones too with `all`), as workloads.
Result<QList<Workload>> readEngineWorkloads(const EngineAddress &address, WorkloadSourceKind kind, bool all,
                                            int timeoutMs);

} // namespace RebuildRadar
