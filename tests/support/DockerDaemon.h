#pragma once

// A real Docker Engine (Debian's docker.io) for the tests of what runs where: dockerd with its own data
// root, socket, pid file and exec root under a temporary folder, vfs storage, no iptables, no bridge,
// so it never touches the system's daemon or /var/run/docker.sock. Started once per test binary, on
// first use, and stopped when the tests end (a gtest environment). Where it cannot run, `error()` says
// why and the tests skip with that message.

#include <QProcess>
#include <QStringList>
#include <QTemporaryDir>

namespace RebuildRadar::Test {

class DockerDaemon
{
public:
    // The one daemon of this test binary, started on first call.
    static DockerDaemon &shared();
    ~DockerDaemon();

    bool isRunning() const { return m_running; }
    QString error() const { return m_error; }
    QString socketPath() const { return m_dir.filePath(QStringLiteral("docker.sock")); }
    QString address() const { return QStringLiteral("unix://") + socketPath(); }

    struct Run
    {
        int exitCode = -1;
        QString out;
        QString err;
    };
    // The docker CLI against this daemon: `docker -H unix://… ARGS`.
    Run docker(const QStringList &args, int timeoutMs = 120000) const;
    // Stops the daemon (the environment does this once the tests end).
    void stop();

private:
    DockerDaemon();
    QTemporaryDir m_dir;
    QProcess m_process;
    bool m_running = false;
    QString m_error;
};

// Podman's Docker-compatible API: `podman system service` on a temporary socket, with its own storage
// (vfs) and run root, started once per test binary on first use and stopped when the tests end.
class PodmanService
{
public:
    static PodmanService &shared();
    ~PodmanService();

    bool isRunning() const { return m_running; }
    QString error() const { return m_error; }
    QString address() const
    {
        return QStringLiteral("unix://") + m_dir.filePath(QStringLiteral("podman.sock"));
    }
    // The podman CLI on the service's storage: `podman --root … --runroot … ARGS`.
    DockerDaemon::Run podman(const QStringList &args, int timeoutMs = 120000) const;
    void stop();

private:
    PodmanService();
    QStringList storageArgs() const;
    QTemporaryDir m_dir;
    QProcess m_process;
    bool m_running = false;
    QString m_error;
};

// An uncompressed layer (a tar) holding /bin/busybox from busybox-static and `extra` files
// (path → content), so the image it makes runs; empty when busybox or tar is missing.
QByteArray busyboxLayer(const QMap<QString, QByteArray> &extra = {});

} // namespace RebuildRadar::Test
