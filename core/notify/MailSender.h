#pragma once

// E-mail through libcurl's SMTP (a well-kept implementation rather than our own): smtps:// (TLS from
// the start) or smtp:// with STARTTLS (required, except to loopback or a host marked insecure, where it
// is tried unless starttls=no), the login from the URL, ?from=, ?to= (comma-separated), ?cafile= for a
// private CA. The message is multipart/alternative: plain text and HTML, UTF-8. libcurl blocks, so each
// mail is sent on a thread of its own and its outcome comes back on `context`'s thread.

#include "notify/AttemptOutcome.h"
#include "notify/ChannelMessage.h"

#include <QByteArray>
#include <QObject>
#include <QUrl>

#include <functional>

namespace RebuildRadar {

struct MailHeaders
{
    QString from;
    QStringList to;
    qint64 date = 0;
    QString messageId; // without the angle brackets
};

// The RFC 5322 message (CRLF line ends, RFC 2047 subject, base64 parts).
QByteArray mimeMessage(const MailHeaders &headers, const ChannelMessage &message);

void sendMail(const QUrl &channelUrl, bool insecure, const ChannelMessage &message, qint64 now, int timeoutMs,
              QObject *context, std::function<void(AttemptOutcome)> done);

} // namespace RebuildRadar
