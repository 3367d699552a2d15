#include "LocalPostgres.h"

#include "credentials/DatabasePasswords.h"

#include <QDeadlineTimer>
#include <QDir>
#include <QFile>
#include <QStandardPaths>
#include <QTcpServer>
#include <QTest>

#include <gtest/gtest.h>

#include <grp.h>
#include <pwd.h>
#include <unistd.h>

#include <optional>

namespace RebuildRadar::Test {

namespace {

LocalPostgres *g_postgres = nullptr;

class PostgresEnvironment : public testing::Environment
{
public:
    void TearDown() override
    {
        if (g_postgres)
            g_postgres->stop();
    }
};

int freePort()
{
    QTcpServer probe;
    probe.listen(QHostAddress::LocalHost, 0);
    return probe.serverPort();
}

QString findBin()
{
    for (const QString &version : {QStringLiteral("15"), QStringLiteral("16"), QStringLiteral("17")}) {
        const QString bin = QStringLiteral("/usr/lib/postgresql/%1/bin").arg(version);
        if (QFile::exists(bin + QStringLiteral("/postgres")))
            return bin;
    }
    return {};
}

} // namespace

LocalPostgres &LocalPostgres::shared()
{
    if (!g_postgres) {
        testing::AddGlobalTestEnvironment(new PostgresEnvironment);
        g_postgres = new LocalPostgres; // lives until the process ends; stopped by the environment
    }
    return *g_postgres;
}

void LocalPostgres::runAsPostgres(QProcess &process) const
{
    if (geteuid() != 0)
        return; // an ordinary user runs the server as itself
    const passwd *user = getpwnam("postgres");
    if (!user)
        return;
    const uid_t uid = user->pw_uid;
    const gid_t gid = user->pw_gid;
    process.setChildProcessModifier([uid, gid] {
        // in the child, before exec: drop root for good
        if (setgroups(0, nullptr) != 0 || setgid(gid) != 0 || setuid(uid) != 0)
            _exit(126);
    });
}

LocalPostgres::LocalPostgres()
{
    m_bin = findBin();
    if (m_bin.isEmpty()) {
        m_error =
            QStringLiteral("PostgreSQL is not installed (Debian's postgresql-15; scripts/install-deps.sh)");
        return;
    }
    if (geteuid() == 0 && !getpwnam("postgres")) {
        m_error = QStringLiteral("there is no postgres user to run the server as (it refuses root)");
        return;
    }
    // A short folder: it holds the server's Unix socket, whose path must stay under 108 bytes.
    m_dir.setAutoRemove(true);
    if (geteuid() == 0) {
        const passwd *user = getpwnam("postgres");
        if (chown(QFile::encodeName(m_dir.path()).constData(), user->pw_uid, user->pw_gid) != 0) {
            m_error = QStringLiteral("cannot give %1 to the postgres user").arg(m_dir.path());
            return;
        }
    }
    const QString data = m_dir.filePath(QStringLiteral("data"));
    QProcess initdb;
    runAsPostgres(initdb);
    initdb.start(m_bin + QStringLiteral("/initdb"),
                 {QStringLiteral("-D"), data, QStringLiteral("-U"), QStringLiteral("postgres"),
                  QStringLiteral("-A"), QStringLiteral("trust"), QStringLiteral("-E"), QStringLiteral("UTF8"),
                  QStringLiteral("--no-sync"), QStringLiteral("--locale=C")});
    if (!initdb.waitForFinished(120000) || initdb.exitCode() != 0) {
        m_error = QStringLiteral("initdb failed: %1")
                      .arg(QString::fromUtf8(initdb.readAllStandardError()).trimmed().right(300));
        return;
    }
    m_port = freePort();
    m_server.setStandardOutputFile(QProcess::nullDevice());
    m_server.setStandardErrorFile(m_dir.filePath(QStringLiteral("postgres.log")));
    runAsPostgres(m_server);
    // fsync off: a test server's data may be lost with the machine, never its behaviour
    m_server.start(m_bin + QStringLiteral("/postgres"),
                   {QStringLiteral("-D"), data, QStringLiteral("-p"), QString::number(m_port),
                    QStringLiteral("-k"), m_dir.path(), QStringLiteral("-c"),
                    QStringLiteral("listen_addresses=127.0.0.1"), QStringLiteral("-c"),
                    QStringLiteral("fsync=off"), QStringLiteral("-c"),
                    QStringLiteral("synchronous_commit=off"), QStringLiteral("-c"),
                    QStringLiteral("full_page_writes=off"), QStringLiteral("-c"),
                    QStringLiteral("max_connections=200")});
    if (!m_server.waitForStarted(10000)) {
        m_error = QStringLiteral("postgres did not start: %1").arg(m_server.errorString());
        return;
    }
    const QDeadlineTimer deadline(60000);
    while (!deadline.hasExpired() && m_server.state() == QProcess::Running) {
        bool ok = false;
        psql(QStringLiteral("postgres"), QStringLiteral("SELECT 1"), &ok);
        if (ok) {
            m_running = true;
            return;
        }
        m_server.waitForFinished(200); // returns early only if the server exits
    }
    QFile log(m_dir.filePath(QStringLiteral("postgres.log")));
    log.open(QIODevice::ReadOnly);
    m_error = QStringLiteral("postgres did not come up: %1").arg(QString::fromUtf8(log.readAll()).right(400));
    stop();
}

LocalPostgres::~LocalPostgres()
{
    stop();
}

void LocalPostgres::stop()
{
    if (m_server.state() != QProcess::NotRunning) {
        ::kill(pid_t(m_server.processId()), SIGINT); // fast shutdown: ends every session
        if (!m_server.waitForFinished(30000)) {
            m_server.kill();
            m_server.waitForFinished(5000);
        }
    }
    m_running = false;
    m_dir.remove();
}

QString LocalPostgres::psql(const QString &database, const QString &sql, bool *ok) const
{
    QProcess p;
    p.start(m_bin + QStringLiteral("/psql"),
            {QStringLiteral("-X"), QStringLiteral("-q"), QStringLiteral("-A"), QStringLiteral("-t"),
             QStringLiteral("-v"), QStringLiteral("ON_ERROR_STOP=1"), QStringLiteral("-h"),
             QStringLiteral("127.0.0.1"), QStringLiteral("-p"), QString::number(m_port), QStringLiteral("-U"),
             QStringLiteral("postgres"), QStringLiteral("-d"), database, QStringLiteral("-c"), sql});
    const bool finished = p.waitForFinished(60000);
    const bool good = finished && p.exitStatus() == QProcess::NormalExit && p.exitCode() == 0;
    if (ok)
        *ok = good;
    return good ? QString::fromUtf8(p.readAllStandardOutput()).trimmed()
                : QString::fromUtf8(p.readAllStandardError()).trimmed();
}

QString LocalPostgres::createDatabase()
{
    const QString name = QStringLiteral("history_%1").arg(++m_databases);
    bool ok = false;
    const QString out = psql(QStringLiteral("postgres"), QStringLiteral("CREATE DATABASE %1").arg(name), &ok);
    if (!ok)
        ADD_FAILURE() << "cannot create a database: " << out.toStdString();
    return QStringLiteral("postgresql://postgres@127.0.0.1:%1/%2").arg(m_port).arg(name);
}

} // namespace RebuildRadar::Test

namespace RebuildRadar::Test {

QString LocalPostgres::createPasswordRole(const QString &user, const QString &password)
{
    bool ok = false;
    // two statements, two runs: CREATE DATABASE cannot share a transaction
    QString out = psql(QStringLiteral("postgres"),
                       QStringLiteral("CREATE ROLE %1 LOGIN PASSWORD '%2'").arg(user, password), &ok);
    if (ok)
        out = psql(QStringLiteral("postgres"), QStringLiteral("CREATE DATABASE %1 OWNER %1").arg(user), &ok);
    if (!ok)
        ADD_FAILURE() << "cannot create the role: " << out.toStdString();
    // before the trust lines initdb wrote: the first matching line decides
    QFile hba(m_dir.filePath(QStringLiteral("data/pg_hba.conf")));
    if (!hba.open(QIODevice::ReadOnly))
        ADD_FAILURE() << "cannot read pg_hba.conf";
    const QByteArray lines = hba.readAll();
    hba.close();
    if (!hba.open(QIODevice::WriteOnly | QIODevice::Truncate))
        ADD_FAILURE() << "cannot write pg_hba.conf";
    hba.write(QStringLiteral("host all %1 127.0.0.1/32 scram-sha-256\n").arg(user).toUtf8() + lines);
    hba.close();
    psql(QStringLiteral("postgres"), QStringLiteral("SELECT pg_reload_conf()"), &ok);
    if (!ok)
        ADD_FAILURE() << "cannot reload the server's configuration";
    return QStringLiteral("postgresql://%1@127.0.0.1:%2/%1").arg(user).arg(m_port);
}

} // namespace RebuildRadar::Test

namespace RebuildRadar::Test {

QString LocalPostgres::log() const
{
    QFile file(m_dir.filePath(QStringLiteral("postgres.log")));
    return file.open(QIODevice::ReadOnly) ? QString::fromUtf8(file.readAll()) : QString();
}

NoLibpqPassword::NoLibpqPassword()
    : m_oldPassword(qgetenv("PGPASSWORD"))
    , m_oldPassfile(qgetenv("PGPASSFILE"))
    , m_hadPassword(qEnvironmentVariableIsSet("PGPASSWORD"))
    , m_hadPassfile(qEnvironmentVariableIsSet("PGPASSFILE"))
{
    qunsetenv("PGPASSWORD");
    qputenv("PGPASSFILE", m_dir.filePath(QStringLiteral("none")).toUtf8());
}

NoLibpqPassword::~NoLibpqPassword()
{
    m_hadPassword ? qputenv("PGPASSWORD", m_oldPassword) : qunsetenv("PGPASSWORD");
    m_hadPassfile ? qputenv("PGPASSFILE", m_oldPassfile) : qunsetenv("PGPASSFILE");
}

LocalPostgres &runningPostgres()
{
    LocalPostgres &s = LocalPostgres::shared();
    EXPECT_TRUE(s.isRunning()) << s.error().toStdString();
    return s;
}

bool saveDatabasePassword(const QString &uri, const QString &password)
{
    QObject context;
    std::optional<Status> saved;
    DatabasePasswords::save(uri, password, &context, [&](Status s) { saved = s; });
    return QTest::qWaitFor([&] { return saved.has_value(); }, 10000) && saved->ok();
}

} // namespace RebuildRadar::Test
