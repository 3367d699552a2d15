// The proxy choice the registry client gives its network manager: the system's proxy settings, looked
// up once a minute per scheme, host and port, with "direct" plain-HTTP connections read in blocks.
#pragma once

#include "common/Clock.h"

#include <QHash>
#include <QNetworkProxyFactory>

namespace RebuildRadar {

// Qt reads an HTTP/1.1 answer's status line and headers one byte per read(), and on a socket it opens
// unbuffered (a plain-HTTP connection without a proxy) each byte is a system call: ~400 per HEAD, which
// more than doubles the CPU of an unchanged tag. Qt buffers the socket whenever the connection has a
// transparent proxy, and a DefaultProxy is one that the socket resolves itself through the
// application's proxy settings. So where those settings say "direct" for both the request and the
// socket's own query, the request gets a DefaultProxy: the same direct connection, read in blocks.
// Asking the system settings (libproxy) costs 0.06-0.1 ms, more with a PAC script, and Qt asks for
// every request: answers are kept a minute per scheme, host and port.
class BufferedDirectProxyFactory : public QNetworkProxyFactory
{
public:
    explicit BufferedDirectProxyFactory(const Clock &clock)
        : m_clock(clock)
    {}

    QList<QNetworkProxy> queryProxy(const QNetworkProxyQuery &query) override;

private:
    static constexpr qint64 kKeepMs = 60 * 1000;
    static constexpr qsizetype kMaxKnown = 256;

    static QList<QNetworkProxy> choose(const QNetworkProxyQuery &query);
    static bool isDirect(const QList<QNetworkProxy> &proxies);

    struct Known
    {
        qint64 until = 0;
        QList<QNetworkProxy> proxies;
    };
    const Clock &m_clock; // the client's, which outlives every request
    QHash<QString, Known> m_known;
};

} // namespace RebuildRadar
