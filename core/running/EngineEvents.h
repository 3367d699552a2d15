#pragma once

// Docker's (and Podman's) live event stream, GET /events filtered to containers: each container that
// is created, started, stopped or removed says so at once, so the workloads are read again then rather
// than at the next interval. The stream is one long libcurl transfer on a thread of its own, ended
// promptly when the object goes (a progress callback checks a flag) and reopened after a pause when
// the engine goes away or restarts.

#include "running/DockerApi.h"

#include <QObject>
#include <QThreadPool>

#include <atomic>

namespace RebuildRadar {

class EngineEvents : public QObject
{
    Q_OBJECT
public:
    explicit EngineEvents(EngineAddress address, QObject *parent = nullptr);
    ~EngineEvents() override;

    void start();

signals:
    // A container changed (on the object's thread).
    void containersChanged();
    // The engine answered the stream's request (200, headers read): what changes from now on is heard.
    // Again after each reconnection.
    void listening();

private:
    void stream();

    EngineAddress m_address;
    QThreadPool m_pool;
    std::atomic<bool> m_stop{false};
    bool m_started = false;
};

} // namespace RebuildRadar
