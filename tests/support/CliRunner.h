#pragma once

#include <QDir>
#include <QFile>
#include <QFileInfo>
#include <QProcess>
#include <QProcessEnvironment>
#include <QTemporaryDir>
#include <QTest>

namespace RebuildRadar::Test {

struct CliRun
{
    int exitCode = -1;
    QByteArray out;
    QByteArray err;
};

// Runs the real rebuildradar-cli binary with a private home, config folder and database.
class CliRunner
{
public:
    CliRunner()
    {
        m_env = QProcessEnvironment::systemEnvironment();
        m_env.insert(QStringLiteral("HOME"), m_home.path());
        m_env.insert(QStringLiteral("XDG_CONFIG_HOME"), m_home.filePath(QStringLiteral("config")));
        m_env.insert(QStringLiteral("XDG_DATA_HOME"), m_home.filePath(QStringLiteral("data")));
        m_env.insert(QStringLiteral("DOCKER_CONFIG"), m_home.filePath(QStringLiteral("docker")));
        m_env.insert(QStringLiteral("REGISTRY_AUTH_FILE"), m_home.filePath(QStringLiteral("auth.json")));
        m_env.insert(QStringLiteral("REBUILDRADAR_DB"), dbPath());
        // No test reaches the public security data sources: a test that wants fixes writes its own
        // sources into this file (settingsPath()).
        QDir().mkpath(QFileInfo(settingsPath()).path());
        QFile settings(settingsPath());
        if (settings.open(QIODevice::WriteOnly))
            settings.write("[security]\nenabled=false\n");
    }
    // The CLI's shared settings (QSettings' INI file under the private config folder).
    QString settingsPath() const
    {
        return m_home.filePath(QStringLiteral("config/RebuildRadar/rebuildradar.conf"));
    }
    QString dbPath() const { return m_home.filePath(QStringLiteral("history.sqlite")); }
    QString home() const { return m_home.path(); }
    QProcessEnvironment &env() { return m_env; }
    // A command the CLI runs under (e.g. setpriv to run it as another user), and the CLI binary to run.
    void setWrapper(const QStringList &wrapper,
                    const QString &program = QStringLiteral(REBUILDRADAR_CLI_PATH))
    {
        m_wrapper = wrapper;
        m_program = program;
    }

    // Where the CLI runs (default: the test's own working directory).
    void setWorkingDirectory(const QString &dir) { m_workingDirectory = dir; }

    CliRun run(const QStringList &args, int timeoutMs = 60000) const
    {
        QProcess p;
        p.setProcessEnvironment(m_env);
        p.setWorkingDirectory(m_workingDirectory);
        if (m_wrapper.isEmpty())
            p.start(QStringLiteral(REBUILDRADAR_CLI_PATH), args);
        else
            p.start(m_wrapper.first(), m_wrapper.mid(1) + QStringList{m_program} + args);
        CliRun r;
        // The event loop keeps running: scripted servers in this process must be able to answer.
        if (!QTest::qWaitFor([&p] { return p.state() == QProcess::NotRunning; }, timeoutMs)) {
            p.kill();
            p.waitForFinished();
        }
        r.exitCode = p.exitStatus() == QProcess::NormalExit ? p.exitCode() : -1;
        r.out = p.readAllStandardOutput();
        r.err = p.readAllStandardError();
        return r;
    }
    std::unique_ptr<QProcess> start(const QStringList &args) const
    {
        auto p = std::make_unique<QProcess>();
        p->setProcessEnvironment(m_env);
        p->start(QStringLiteral(REBUILDRADAR_CLI_PATH), args);
        return p;
    }

private:
    QTemporaryDir m_home;
    QProcessEnvironment m_env;
    QStringList m_wrapper;
    QString m_program;
    QString m_workingDirectory;
};

} // namespace RebuildRadar::Test
