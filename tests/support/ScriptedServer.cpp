#include "ScriptedServer.h"

#include <QTcpSocket>
#include <QTimer>

namespace RebuildRadar::Test {

ScriptedServer::ScriptedServer(Handler handler, QObject *parent)
    : QObject(parent)
    , m_handler(std::move(handler))
{
    m_server.listen(QHostAddress::LocalHost, 0);
    connect(&m_server, &QTcpServer::newConnection, this, &ScriptedServer::onConnection);
}

ScriptedServer::~ScriptedServer()
{
    // Sockets outlive m_buffers otherwise, and say "disconnected" into it.
    for (QTcpSocket *socket : m_server.findChildren<QTcpSocket *>())
        socket->disconnect(this);
}

int ScriptedServer::count(const QByteArray &method, const QByteArray &pathPart) const
{
    return int(std::count_if(m_requests.begin(), m_requests.end(), [&](const ScriptedRequest &r) {
        return r.method == method && (pathPart.isEmpty() || r.target.contains(pathPart));
    }));
}

void ScriptedServer::onConnection()
{
    while (QTcpSocket *socket = m_server.nextPendingConnection()) {
        m_maxConnections = std::max(m_maxConnections, ++m_connections);
        connect(socket, &QTcpSocket::readyRead, this, [this, socket] { onReadable(socket); });
        connect(socket, &QTcpSocket::disconnected, this, [this, socket] {
            --m_connections;
            m_buffers.remove(socket);
            socket->deleteLater();
        });
    }
}

void ScriptedServer::onReadable(QTcpSocket *socket)
{
    m_buffers[socket] += socket->readAll();
    // Answering may close the socket (and drop its buffer), so the buffer is looked up each time.
    while (m_buffers.contains(socket)) {
        QByteArray &buffer = m_buffers[socket];
        const qsizetype end = buffer.indexOf("\r\n\r\n");
        if (end < 0)
            return;
        ScriptedRequest request;
        const QList<QByteArray> lines = buffer.left(end).split('\n');
        const QList<QByteArray> requestLine = lines.value(0).trimmed().split(' ');
        request.method = requestLine.value(0);
        request.target = requestLine.value(1);
        for (const QByteArray &line : lines.mid(1)) {
            const qsizetype colon = line.indexOf(':');
            if (colon > 0)
                request.headers.insert(line.left(colon).trimmed().toLower(), line.mid(colon + 1).trimmed());
        }
        const qsizetype length = request.header("content-length").toLongLong();
        if (buffer.size() < end + 4 + length)
            return;
        request.body = buffer.mid(end + 4, length);
        buffer.remove(0, end + 4 + length);
        m_requests.append(request);
        const ScriptedResponse response = m_handler ? m_handler(request) : ScriptedResponse{404, {}, {}};
        if (response.delayMs > 0)
            QTimer::singleShot(response.delayMs, socket,
                               [this, socket, response] { respond(socket, response); });
        else
            respond(socket, response);
    }
}

void ScriptedServer::respond(QTcpSocket *socket, const ScriptedResponse &response)
{
    using B = ScriptedResponse::Behaviour;
    if (response.behaviour == B::Reset) {
        socket->abort();
        return;
    }
    if (response.behaviour == B::Silent)
        return;
    QByteArray head = "HTTP/1.1 " + QByteArray::number(response.status) + " Scripted\r\n";
    bool hasLength = false;
    for (const auto &[name, value] : response.headers) {
        head += name + ": " + value + "\r\n";
        hasLength = hasLength || name.compare("content-length", Qt::CaseInsensitive) == 0;
    }
    const bool isHead = m_requests.last().method == "HEAD";
    if (response.behaviour == B::Endless || response.behaviour == B::EndlessHeaders) {
        const bool body = response.behaviour == B::Endless;
        if (body)
            head += "Content-Type: application/json\r\nConnection: close\r\n\r\n";
        const QByteArray chunk = body ? QByteArray(64 * 1024, '[')
                                      : ("X-Filler: " + QByteArray(1000, 'a') + "\r\n").repeated(1024);
        socket->write(head);
        auto *timer = new QTimer(socket);
        connect(timer, &QTimer::timeout, socket, [this, socket, chunk] {
            if (socket->bytesToWrite() < 1024 * 1024) {
                socket->write(chunk);
                m_endlessBytes += chunk.size();
            }
        });
        timer->start(1);
        return;
    }
    if (!hasLength) {
        const qint64 length = response.contentLength >= 0 ? response.contentLength : response.body.size();
        head += "Content-Length: " + QByteArray::number(length) + "\r\n";
    }
    head += "Connection: close\r\n\r\n";
    socket->write(head);
    if (isHead) {
        socket->disconnectFromHost();
        return;
    }
    if (response.behaviour == B::Stall) {
        socket->write(response.body.left(response.body.size() / 2));
        return; // and never another byte
    }
    if (response.behaviour == B::Drip) {
        auto *timer = new QTimer(socket);
        auto position = std::make_shared<qsizetype>(0);
        connect(timer, &QTimer::timeout, socket, [socket, timer, position, body = response.body] {
            if (*position >= body.size()) {
                timer->stop();
                socket->disconnectFromHost();
                return;
            }
            socket->write(body.mid((*position)++, 1));
        });
        timer->start(response.dripMs);
        return;
    }
    socket->write(response.body);
    socket->disconnectFromHost();
}

} // namespace RebuildRadar::Test
