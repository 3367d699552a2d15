// The registry client's proxy choice: system settings kept a minute per scheme, host and port, and a
// DefaultProxy for plain-HTTP requests those settings send direct (why: BufferedDirectProxyFactory.h).
#include "registry/BufferedDirectProxyFactory.h"

#include <QUrl>

namespace RebuildRadar {

QList<QNetworkProxy> BufferedDirectProxyFactory::queryProxy(const QNetworkProxyQuery &query)
{
    const QUrl url = query.url();
    const QString key = url.scheme() + u'|' + url.host() + u'|' + QString::number(url.port(-1));
    const qint64 now = m_clock.nowMs();
    const auto known = m_known.constFind(key);
    if (known != m_known.constEnd() && now < known->until)
        return known->proxies;
    if (m_known.size() >= kMaxKnown)
        m_known.clear();
    const QList<QNetworkProxy> proxies = choose(query);
    m_known.insert(key, Known{now + kKeepMs, proxies});
    return proxies;
}

QList<QNetworkProxy> BufferedDirectProxyFactory::choose(const QNetworkProxyQuery &query)
{
    QList<QNetworkProxy> proxies = QNetworkProxyFactory::proxyForQuery(query);
    if (query.url().scheme() != QLatin1String("http") || !isDirect(proxies))
        return proxies;
    // the socket asks without a protocol tag, which may pick another proxy (all_proxy)
    const QNetworkProxyQuery socketQuery(query.peerHostName(), query.url().port(80), QString(),
                                         QNetworkProxyQuery::TcpSocket);
    if (!isDirect(QNetworkProxyFactory::proxyForQuery(socketQuery)))
        return proxies;
    return {QNetworkProxy(QNetworkProxy::DefaultProxy)};
}

bool BufferedDirectProxyFactory::isDirect(const QList<QNetworkProxy> &proxies)
{
    return !proxies.isEmpty() && proxies.first().type() == QNetworkProxy::NoProxy;
}

} // namespace RebuildRadar
