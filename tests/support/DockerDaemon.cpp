#include "DockerDaemon.h"

#include "running/DockerApi.h"
#include "running/EngineClient.h"

#include <QDeadlineTimer>
#include <QDir>
#include <QFile>
#include <QStandardPaths>
#include <QThread>

#include <gtest/gtest.h>

#include <unistd.h>

namespace RebuildRadar::Test {

namespace {

DockerDaemon *g_daemon = nullptr;
PodmanService *g_podman = nullptr;

// Stops the shared daemon when the tests end, while the application object still exists.
class DockerEnvironment : public testing::Environment
{
public:
    void TearDown() override
    {
        if (g_daemon)
            g_daemon->stop();
        if (g_podman)
            g_podman->stop();
    }
};

void addEnvironmentOnce()
{
    static bool added = false;
    if (!added)
        testing::AddGlobalTestEnvironment(new DockerEnvironment);
    added = true;
}

DockerDaemon::Run runProcess(const QString &program, const QStringList &args, int timeoutMs,
                             const QProcessEnvironment &env = QProcessEnvironment::systemEnvironment())
{
    QProcess p;
    p.setProcessEnvironment(env);
    p.start(program, args);
    DockerDaemon::Run run;
    if (!p.waitForFinished(timeoutMs)) {
        p.kill();
        p.waitForFinished();
        run.err = QStringLiteral("timed out");
        return run;
    }
    run.exitCode = p.exitStatus() == QProcess::NormalExit ? p.exitCode() : -1;
    run.out = QString::fromUtf8(p.readAllStandardOutput()).trimmed();
    run.err = QString::fromUtf8(p.readAllStandardError()).trimmed();
    return run;
}

} // namespace

DockerDaemon &DockerDaemon::shared()
{
    if (!g_daemon) {
        addEnvironmentOnce();
        g_daemon = new DockerDaemon; // lives until the process ends; stopped by the environment
    }
    return *g_daemon;
}

DockerDaemon::DockerDaemon()
{
    const QString dockerd = QStandardPaths::findExecutable(QStringLiteral("dockerd"));
    if (dockerd.isEmpty()) {
        m_error = QStringLiteral("dockerd is not installed (Debian's docker.io; scripts/install-deps.sh)");
        return;
    }
    if (QStandardPaths::findExecutable(QStringLiteral("docker")).isEmpty()) {
        m_error = QStringLiteral("the docker CLI is not installed");
        return;
    }
    if (geteuid() != 0) {
        m_error = QStringLiteral("dockerd needs root (these tests run as uid %1)").arg(geteuid());
        return;
    }
    // A Unix socket path must stay under 108 bytes: a short folder in /tmp.
    m_dir.setAutoRemove(true);
    const QString root = m_dir.path();
    m_process.setStandardOutputFile(QProcess::nullDevice());
    m_process.setStandardErrorFile(m_dir.filePath(QStringLiteral("dockerd.log")));
    m_process.start(dockerd, {QStringLiteral("--data-root"), root + QStringLiteral("/data"),
                              QStringLiteral("--host"), address(), QStringLiteral("--pidfile"),
                              root + QStringLiteral("/docker.pid"), QStringLiteral("--exec-root"),
                              root + QStringLiteral("/exec"), QStringLiteral("--storage-driver"),
                              QStringLiteral("vfs"), QStringLiteral("--iptables=false"),
                              QStringLiteral("--ip6tables=false"), QStringLiteral("--bridge=none"),
                              QStringLiteral("--shutdown-timeout"), QStringLiteral("2")});
    if (!m_process.waitForStarted(10000)) {
        m_error = QStringLiteral("dockerd did not start: %1").arg(m_process.errorString());
        return;
    }
    auto address = parseEngineAddress(this->address());
    const QDeadlineTimer deadline(60000);
    while (!deadline.hasExpired() && m_process.state() == QProcess::Running) {
        if (address && engineGet(*address, QStringLiteral("/_ping"), 2000)) {
            m_running = true;
            return;
        }
        m_process.waitForFinished(200); // returns early only if the daemon exits
    }
    QFile log(m_dir.filePath(QStringLiteral("dockerd.log")));
    log.open(QIODevice::ReadOnly);
    const QList<QByteArray> lines = log.readAll().trimmed().split('\n');
    m_error = QStringLiteral("dockerd did not come up: %1")
                  .arg(QString::fromUtf8(lines.mid(std::max<qsizetype>(0, lines.size() - 3)).join(" | ")));
    stop();
}

DockerDaemon::~DockerDaemon()
{
    stop();
}

void DockerDaemon::stop()
{
    if (m_process.state() != QProcess::NotRunning) {
        m_process.terminate(); // dockerd stops its containers and its containerd
        if (!m_process.waitForFinished(30000)) {
            m_process.kill();
            m_process.waitForFinished(5000);
        }
    }
    m_running = false;
    // The daemon object lives until the process ends (and is never destroyed): its data goes now.
    m_dir.remove();
}

DockerDaemon::Run DockerDaemon::docker(const QStringList &args, int timeoutMs) const
{
    QProcessEnvironment env = QProcessEnvironment::systemEnvironment();
    env.remove(QStringLiteral("DOCKER_HOST"));
    env.insert(QStringLiteral("DOCKER_CONFIG"), m_dir.filePath(QStringLiteral("client")));
    return runProcess(QStandardPaths::findExecutable(QStringLiteral("docker")),
                      QStringList{QStringLiteral("-H"), address()} + args, timeoutMs, env);
}

PodmanService &PodmanService::shared()
{
    if (!g_podman) {
        addEnvironmentOnce();
        g_podman = new PodmanService; // lives until the process ends; stopped by the environment
    }
    return *g_podman;
}

QStringList PodmanService::storageArgs() const
{
    return {QStringLiteral("--root"),           m_dir.filePath(QStringLiteral("root")),
            QStringLiteral("--runroot"),        m_dir.filePath(QStringLiteral("run")),
            QStringLiteral("--storage-driver"), QStringLiteral("vfs")};
}

PodmanService::PodmanService()
{
    const QString podman = QStandardPaths::findExecutable(QStringLiteral("podman"));
    if (podman.isEmpty()) {
        m_error = QStringLiteral("podman is not installed (scripts/install-deps.sh)");
        return;
    }
    m_process.setStandardOutputFile(QProcess::nullDevice());
    m_process.setStandardErrorFile(m_dir.filePath(QStringLiteral("podman.log")));
    m_process.start(podman, storageArgs() + QStringList{QStringLiteral("system"), QStringLiteral("service"),
                                                        QStringLiteral("--time=0"), address()});
    if (!m_process.waitForStarted(10000)) {
        m_error = QStringLiteral("podman did not start: %1").arg(m_process.errorString());
        return;
    }
    auto engine = parseEngineAddress(address());
    const QDeadlineTimer deadline(30000);
    while (!deadline.hasExpired() && m_process.state() == QProcess::Running) {
        if (engine && engineGet(*engine, QStringLiteral("/_ping"), 2000)) {
            m_running = true;
            return;
        }
        m_process.waitForFinished(200);
    }
    QFile log(m_dir.filePath(QStringLiteral("podman.log")));
    log.open(QIODevice::ReadOnly);
    m_error = QStringLiteral("podman system service did not come up: %1")
                  .arg(QString::fromUtf8(log.readAll().trimmed().right(300)));
    stop();
}

PodmanService::~PodmanService()
{
    stop();
}

void PodmanService::stop()
{
    if (m_process.state() != QProcess::NotRunning) {
        m_process.terminate();
        if (!m_process.waitForFinished(20000)) {
            m_process.kill();
            m_process.waitForFinished(5000);
        }
    }
    if (m_running) // containers and images in the vfs storage, then the folder
        podman({QStringLiteral("system"), QStringLiteral("reset"), QStringLiteral("--force")}, 60000);
    m_running = false;
    m_dir.remove();
}

DockerDaemon::Run PodmanService::podman(const QStringList &args, int timeoutMs) const
{
    return runProcess(QStandardPaths::findExecutable(QStringLiteral("podman")), storageArgs() + args,
                      timeoutMs);
}

QByteArray busyboxLayer(const QMap<QString, QByteArray> &extra)
{
    const QString busybox = QFile::exists(QStringLiteral("/bin/busybox"))
                                ? QStringLiteral("/bin/busybox")
                                : QStringLiteral("/usr/bin/busybox");
    QTemporaryDir dir;
    if (!QFile::exists(busybox) || !QDir(dir.path()).mkpath(QStringLiteral("root/bin")) ||
        !QFile::copy(busybox, dir.filePath(QStringLiteral("root/bin/busybox"))))
        return {};
    for (auto it = extra.begin(); it != extra.end(); ++it) {
        const QString path = dir.filePath(QStringLiteral("root/") + it.key());
        QDir().mkpath(QFileInfo(path).path());
        QFile file(path);
        if (!file.open(QIODevice::WriteOnly) || file.write(*it) != it->size())
            return {};
    }
    // Fixed owners and times: the same files make the same layer digest.
    QProcess tar;
    tar.start(QStringLiteral("tar"),
              {QStringLiteral("-C"), dir.filePath(QStringLiteral("root")), QStringLiteral("--owner=0"),
               QStringLiteral("--group=0"), QStringLiteral("--mtime=@0"), QStringLiteral("--sort=name"),
               QStringLiteral("-cf"), QStringLiteral("-"), QStringLiteral(".")});
    if (!tar.waitForFinished(60000) || tar.exitCode() != 0)
        return {};
    return tar.readAllStandardOutput();
}

} // namespace RebuildRadar::Test
