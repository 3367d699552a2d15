#pragma once

// Each HTTP service's request for a message, as its documentation gives it: Slack incoming webhooks
// (Block Kit), Teams workflow webhooks (an Adaptive Card in a message's attachments), Discord webhooks
// (an embed; ?wait=true so the answer confirms the message), Matrix (PUT of an m.room.message with a
// transaction id per notice, so a retry is never a second message), ntfy (JSON publishing), Gotify
// (POST /message), and the generic webhook (our JSON, with custom headers and an HMAC-SHA256 signature
// when the URL names a secret). Pure: the sender sends what this builds.

#include "common/Result.h"
#include "notify/ChannelMessage.h"
#include "notify/ChannelUrl.h"

#include <QByteArray>
#include <QList>
#include <QPair>
#include <QUrl>

namespace RebuildRadar {

struct HttpRequestSpec
{
    QByteArray method;
    QUrl url;
    QList<QPair<QByteArray, QByteArray>> headers;
    QByteArray body;
};

// The generic webhook's signature header: "sha256=" and the hex HMAC-SHA256 of the body.
inline constexpr char kSignatureHeader[] = "X-RebuildRadar-Signature-256";
QByteArray webhookSignature(const QByteArray &secret, const QByteArray &body);

Result<HttpRequestSpec> buildRequest(ChannelKind kind, const QUrl &channelUrl, const ChannelMessage &message);

} // namespace RebuildRadar
