#pragma once

#include <QByteArray>
#include <QList>
#include <QMap>
#include <QNetworkReply>
#include <QUrl>

namespace RebuildRadar::Test {

struct HttpResult
{
    int status = 0;
    QByteArray body;
    QList<QNetworkReply::RawHeaderPair> headers;
    QByteArray header(const QByteArray &name) const;
};

// Blocking HTTP for test set-up only (pushing images, probing servers); waits on the reply's signal.
HttpResult http(const QByteArray &method, const QUrl &url, const QByteArray &body = {},
                const QMap<QByteArray, QByteArray> &headers = {}, int timeoutMs = 15000);

} // namespace RebuildRadar::Test
