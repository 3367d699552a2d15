#include "SmtpServer.h"

#include "LocalRegistry.h"

#include <QDir>
#include <QFile>
#include <QJsonDocument>
#include <QProcess>
#include <QTcpServer>
#include <QTemporaryDir>

namespace RebuildRadar::Test {

namespace {

quint16 freePort()
{
    QTcpServer probe;
    probe.listen(QHostAddress::LocalHost, 0);
    return probe.serverPort();
}

} // namespace

SmtpServer *SmtpServer::instance()
{
    // Lives as long as the test binary; the script ends when its stdin closes with the process.
    static SmtpServer *server = [] {
        auto *s = new SmtpServer;
        if (!s->start()) {
            delete s;
            return static_cast<SmtpServer *>(nullptr);
        }
        return s;
    }();
    return server;
}

bool SmtpServer::start()
{
    auto *dir = new QTemporaryDir; // kept for the binary's life, like the server
    m_dir = dir->path();
    QDir().mkpath(m_dir + QStringLiteral("/mail"));
    if (!makeLoopbackCertificate(m_dir))
        return false;
    m_certificate = m_dir + QStringLiteral("/cert.pem");
    m_plainPort = freePort();
    m_tlsPort = freePort();
    auto *process = new QProcess;
    process->setProcessChannelMode(QProcess::ForwardedErrorChannel);
    process->start(QStringLiteral("/usr/bin/python3"),
                   {QStringLiteral(REBUILDRADAR_TEST_SUPPORT "/smtp_server.py"),
                    m_dir + QStringLiteral("/mail"), QString::number(m_plainPort), QString::number(m_tlsPort),
                    m_certificate, m_dir + QStringLiteral("/key.pem")});
    if (!process->waitForStarted(10000))
        return false;
    // "ready" once both listeners answer
    while (process->waitForReadyRead(20000)) {
        if (process->readAll().contains("ready"))
            return true;
    }
    return false;
}

QList<StoredMail> SmtpServer::messages() const
{
    QList<StoredMail> out;
    QDir dir(m_dir + QStringLiteral("/mail"));
    for (const QString &name : dir.entryList({QStringLiteral("*.json")}, QDir::Files, QDir::Name)) {
        QFile meta(dir.filePath(name));
        QFile raw(dir.filePath(name.chopped(5) + QStringLiteral(".eml")));
        if (!meta.open(QIODevice::ReadOnly) || !raw.open(QIODevice::ReadOnly))
            continue;
        out.append(StoredMail{raw.readAll(), QJsonDocument::fromJson(meta.readAll()).object()});
    }
    return out;
}

void SmtpServer::clear()
{
    QDir dir(m_dir + QStringLiteral("/mail"));
    for (const QString &name : dir.entryList(QDir::Files))
        dir.remove(name);
}

} // namespace RebuildRadar::Test
