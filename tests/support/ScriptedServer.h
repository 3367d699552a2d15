#pragma once

#include <QByteArray>
#include <QList>
#include <QMap>
#include <QObject>
#include <QTcpServer>
#include <QUrl>

#include <functional>

class QTcpSocket;

namespace RebuildRadar::Test {

struct ScriptedRequest
{
    QByteArray method;
    QByteArray target;                    // path and query
    QMap<QByteArray, QByteArray> headers; // names lowercased
    QByteArray body;
    QByteArray path() const { return target.split('?').value(0); }
    QByteArray header(const QByteArray &name) const { return headers.value(name.toLower()); }
};

struct ScriptedResponse
{
    enum class Behaviour
    {
        Normal,
        Stall,          // headers and part of the body, then silence
        Drip,           // the body one byte every `dripMs`
        Reset,          // close the connection without answering
        Endless,        // an endless body
        EndlessHeaders, // header lines that never end
        Silent,         // read the request, never answer, keep the connection open
    };
    int status = 200;
    QList<QPair<QByteArray, QByteArray>> headers;
    QByteArray body;
    Behaviour behaviour = Behaviour::Normal;
    int dripMs = 50;
    int delayMs = 0;           // answer after this long (the connection stays open meanwhile)
    qint64 contentLength = -1; // -1: the body's size
    ScriptedResponse &header(const QByteArray &name, const QByteArray &value)
    {
        headers.append({name, value});
        return *this;
    }
};

// A tiny HTTP/1.1 server for what a real registry will not do on demand: token flows, faults, lies.
// Every request is recorded; the handler decides each answer.
class ScriptedServer : public QObject
{
    Q_OBJECT
public:
    using Handler = std::function<ScriptedResponse(const ScriptedRequest &)>;
    explicit ScriptedServer(Handler handler = {}, QObject *parent = nullptr);
    ~ScriptedServer() override;
    void setHandler(Handler handler) { m_handler = std::move(handler); }

    quint16 port() const { return m_server.serverPort(); }
    QString host() const { return QStringLiteral("127.0.0.1:%1").arg(port()); }
    QString url(const QString &path = {}) const { return QStringLiteral("http://") + host() + path; }

    const QList<ScriptedRequest> &requests() const { return m_requests; }
    int count(const QByteArray &method, const QByteArray &pathPart = {}) const;
    int maxConcurrentConnections() const { return m_maxConnections; }
    int openConnections() const { return m_connections; }
    qint64 endlessBytesSent() const { return m_endlessBytes; }
    void clear() { m_requests.clear(); }

private:
    void onConnection();
    void onReadable(QTcpSocket *socket);
    void respond(QTcpSocket *socket, const ScriptedResponse &response);

    QTcpServer m_server;
    Handler m_handler;
    QList<ScriptedRequest> m_requests;
    QMap<QTcpSocket *, QByteArray> m_buffers;
    int m_connections = 0;
    int m_maxConnections = 0;
    qint64 m_endlessBytes = 0;
};

} // namespace RebuildRadar::Test
