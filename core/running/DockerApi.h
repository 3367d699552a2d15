#pragma once

// The Docker Engine API as Docker and Podman serve it, without I/O: where the engine listens
// (DOCKER_HOST's unix:// and tcp:// forms, the default sockets), and what GET /containers/json,
// GET /containers/{id}/json and GET /images/{id}/json answer, read into Workload values. The transport
// is EngineClient; these parsers are tested on their own.

#include "common/Result.h"
#include "running/Workload.h"

#include <QByteArray>
#include <QString>
#include <QStringList>

namespace RebuildRadar {

// Where to send the engine's HTTP requests: a Unix socket (socketPath set; the URL's host is a
// placeholder) or plain TCP.
struct EngineAddress
{
    QString socketPath;
    QString baseUrl; // "http://localhost" for a socket, "http://host:port" for tcp://
    QString display; // as the user gave it: "unix:///var/run/docker.sock"
};

// `given` ("unix:///path", "/path", "tcp://host[:port]"); empty: $DOCKER_HOST, else
// unix:///var/run/docker.sock. An address of another scheme is refused, naming it.
Result<EngineAddress> dockerAddress(const QString &given);
// `given`; empty: $CONTAINER_HOST, else the first of /run/podman/podman.sock and
// $XDG_RUNTIME_DIR/podman/podman.sock that exists (the rootful one when neither does).
Result<EngineAddress> podmanAddress(const QString &given);
Result<EngineAddress> parseEngineAddress(const QString &text);

// One entry of GET /containers/json.
struct EngineContainer
{
    QString id;
    QString name;    // without Docker's leading "/"
    QString image;   // what the container was started from, or its image id once the tag moved on
    QString imageId; // "sha256:…"
    QString state;   // "running", "exited", …
};
Result<QList<EngineContainer>> parseContainerList(const QByteArray &json);

// Config.Image of GET /containers/{id}/json: the reference as given at creation, which the list
// replaces by the image id once the local tag points to another image.
Result<QString> parseContainerConfigImage(const QByteArray &json);

// RepoDigests of GET /images/{id}/json that belong to the repository of `reference` (normalised, so
// "python" and "docker.io/library/python" agree): "sha256:…" digests, in the engine's order. An image
// pulled from several repositories carries one entry per repository; the first may be another's.
Result<QStringList> parseRepoDigests(const QByteArray &imageJson, const QString &reference);
// All RepoDigests entries ("repo@sha256:…"), for a container whose reference is only an image id.
Result<QStringList> parseAllRepoDigests(const QByteArray &imageJson);

// True for "sha256:<64 hex>" or a bare 64-hex image id: not a reference to a registry.
bool isImageId(const QString &image);

} // namespace RebuildRadar
