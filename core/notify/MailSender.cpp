#include "notify/MailSender.h"

#include "notify/ChannelUrl.h"

#include <QDateTime>
#include <QLocale>
#include <QThread>
#include <QUrlQuery>
#include <QUuid>

#include <curl/curl.h>

#include <memory>
#include <mutex>

namespace RebuildRadar {

namespace {

QByteArray base64Lines(const QByteArray &data)
{
    const QByteArray encoded = data.toBase64();
    QByteArray out;
    for (qsizetype i = 0; i < encoded.size(); i += 76)
        out += encoded.mid(i, 76) + "\r\n";
    return out;
}

// RFC 2047: an encoded word per chunk of whole UTF-8 characters.
QByteArray encodedWords(const QString &text)
{
    bool ascii = true;
    for (const QChar c : text)
        ascii = ascii && c.unicode() >= 0x20 && c.unicode() < 0x7f;
    if (ascii)
        return text.toUtf8();
    QByteArrayList words;
    QString chunk;
    for (const QChar c : text) {
        chunk += c;
        if (chunk.toUtf8().size() >= 40 && !c.isHighSurrogate()) {
            words.append("=?UTF-8?B?" + chunk.toUtf8().toBase64() + "?=");
            chunk.clear();
        }
    }
    if (!chunk.isEmpty())
        words.append("=?UTF-8?B?" + chunk.toUtf8().toBase64() + "?=");
    return words.join("\r\n ");
}

struct Upload
{
    QByteArray data;
    qsizetype offset = 0;
};

size_t readUpload(char *buffer, size_t size, size_t count, void *user)
{
    auto *upload = static_cast<Upload *>(user);
    const size_t room = size * count;
    const size_t left = size_t(upload->data.size() - upload->offset);
    const size_t n = std::min(room, left);
    memcpy(buffer, upload->data.constData() + upload->offset, n);
    upload->offset += qsizetype(n);
    return n;
}

struct MailJob
{
    QByteArray url;
    QByteArray username;
    QByteArray password;
    QByteArray from;
    QList<QByteArray> to;
    QByteArray caFile;
    curl_usessl useSsl = CURLUSESSL_ALL;
    QByteArray message;
    long timeoutMs = 30000;
};

AttemptOutcome runMail(const MailJob &job)
{
    static std::once_flag init;
    std::call_once(init, [] { curl_global_init(CURL_GLOBAL_DEFAULT); });
    std::unique_ptr<CURL, decltype(&curl_easy_cleanup)> curl(curl_easy_init(), curl_easy_cleanup);
    if (!curl)
        return AttemptOutcome{false, true, std::nullopt, QStringLiteral("libcurl could not start")};
    curl_slist *recipients = nullptr;
    for (const QByteArray &address : job.to)
        recipients = curl_slist_append(recipients, ("<" + address + ">").constData());
    Upload upload{job.message, 0};
    char errors[CURL_ERROR_SIZE] = {};
    CURL *c = curl.get();
    curl_easy_setopt(c, CURLOPT_URL, job.url.constData());
    if (!job.username.isEmpty()) {
        curl_easy_setopt(c, CURLOPT_USERNAME, job.username.constData());
        curl_easy_setopt(c, CURLOPT_PASSWORD, job.password.constData());
    }
    curl_easy_setopt(c, CURLOPT_USE_SSL, long(job.useSsl));
    if (!job.caFile.isEmpty())
        curl_easy_setopt(c, CURLOPT_CAINFO, job.caFile.constData());
    curl_easy_setopt(c, CURLOPT_MAIL_FROM, ("<" + job.from + ">").constData());
    curl_easy_setopt(c, CURLOPT_MAIL_RCPT, recipients);
    curl_easy_setopt(c, CURLOPT_READFUNCTION, readUpload);
    curl_easy_setopt(c, CURLOPT_READDATA, &upload);
    curl_easy_setopt(c, CURLOPT_UPLOAD, 1L);
    curl_easy_setopt(c, CURLOPT_NOSIGNAL, 1L);
    curl_easy_setopt(c, CURLOPT_TIMEOUT_MS, job.timeoutMs);
    curl_easy_setopt(c, CURLOPT_CONNECTTIMEOUT_MS, std::min(job.timeoutMs, 15000L));
    curl_easy_setopt(c, CURLOPT_ERRORBUFFER, errors);
    const CURLcode code = curl_easy_perform(c);
    long reply = 0;
    curl_easy_getinfo(c, CURLINFO_RESPONSE_CODE, &reply);
    curl_slist_free_all(recipients);
    if (code == CURLE_OK)
        return AttemptOutcome{true, false, std::nullopt, {}};
    QString error = QStringLiteral("mail not sent: %1").arg(QString::fromUtf8(curl_easy_strerror(code)));
    if (errors[0] != 0)
        error += QStringLiteral(" (%1)").arg(QString::fromUtf8(errors).trimmed());
    if (reply > 0)
        error += QStringLiteral(", server said %1").arg(reply);
    // A refused login, a certificate that does not verify, a permanent SMTP refusal: trying again
    // will not help. Connection trouble and temporary refusals (4xx) may pass.
    const bool permanent = code == CURLE_LOGIN_DENIED || code == CURLE_PEER_FAILED_VERIFICATION ||
                           code == CURLE_USE_SSL_FAILED || code == CURLE_URL_MALFORMAT ||
                           (reply >= 500 && reply < 600);
    return AttemptOutcome{false, !permanent, std::nullopt, error};
}

} // namespace

QByteArray mimeMessage(const MailHeaders &headers, const ChannelMessage &message)
{
    const QByteArray boundary = "rebuildradar-" + QUuid::createUuid().toByteArray(QUuid::Id128);
    QByteArray out;
    out += "From: Rebuild Radar <" + headers.from.toUtf8() + ">\r\n";
    QByteArrayList to;
    for (const QString &address : headers.to)
        to.append("<" + address.toUtf8() + ">");
    out += "To: " + to.join(", ") + "\r\n";
    out += "Subject: " + encodedWords(message.title) + "\r\n";
    // RFC 5322's date, in English whatever the locale
    out += "Date: " +
           QLocale::c()
               .toString(QDateTime::fromMSecsSinceEpoch(headers.date, Qt::UTC),
                         QStringLiteral("ddd, dd MMM yyyy hh:mm:ss +0000"))
               .toLatin1() +
           "\r\n";
    out += "Message-ID: <" + headers.messageId.toUtf8() + ">\r\n";
    out += "MIME-Version: 1.0\r\n";
    out += "Auto-Submitted: auto-generated\r\n";
    out += "X-RebuildRadar-Event: " + message.event.toUtf8() + "\r\n";
    out += "Content-Type: multipart/alternative; boundary=\"" + boundary + "\"\r\n\r\n";
    out += "--" + boundary + "\r\n";
    out += "Content-Type: text/plain; charset=utf-8\r\nContent-Transfer-Encoding: base64\r\n\r\n";
    out += base64Lines((message.title + QStringLiteral("\n\n") + message.text + u'\n').toUtf8());
    out += "--" + boundary + "\r\n";
    out += "Content-Type: text/html; charset=utf-8\r\nContent-Transfer-Encoding: base64\r\n\r\n";
    out += base64Lines(
        (QStringLiteral("<!DOCTYPE html><html><body>") + message.html + QStringLiteral("</body></html>\n"))
            .toUtf8());
    out += "--" + boundary + "--\r\n";
    return out;
}

void sendMail(const QUrl &channelUrl, bool insecure, const ChannelMessage &message, qint64 now, int timeoutMs,
              QObject *context, std::function<void(AttemptOutcome)> done)
{
    const QUrlQuery query(channelUrl);
    const bool smtps = channelUrl.scheme() == u"smtps";
    const QString starttls = query.queryItemValue(QStringLiteral("starttls")).toLower();
    const bool plainAllowed = insecure || isLoopbackHost(channelUrl.host());
    MailJob job;
    QUrl server;
    server.setScheme(smtps ? QStringLiteral("smtps") : QStringLiteral("smtp"));
    server.setHost(channelUrl.host());
    server.setPort(channelUrl.port(smtps ? 465 : 587));
    job.url = server.toEncoded();
    job.username = channelUrl.userName(QUrl::FullyDecoded).toUtf8();
    job.password = channelUrl.password(QUrl::FullyDecoded).toUtf8();
    job.from = query.queryItemValue(QStringLiteral("from"), QUrl::FullyDecoded).toUtf8();
    QStringList to;
    for (const QString &address :
         query.queryItemValue(QStringLiteral("to"), QUrl::FullyDecoded).split(u',', Qt::SkipEmptyParts)) {
        to.append(address.trimmed());
        job.to.append(address.trimmed().toUtf8());
    }
    job.caFile = query.queryItemValue(QStringLiteral("cafile"), QUrl::FullyDecoded).toUtf8();
    if (smtps || starttls == u"yes" || !plainAllowed)
        job.useSsl = CURLUSESSL_ALL;
    else
        job.useSsl = starttls == u"no" ? CURLUSESSL_NONE : CURLUSESSL_TRY;
    job.timeoutMs = timeoutMs;
    const QString domain = QString::fromUtf8(job.from).section(u'@', 1);
    job.message = mimeMessage(
        MailHeaders{QString::fromUtf8(job.from), to, now,
                    QStringLiteral("rebuildradar.%1.%2@%3").arg(message.event).arg(message.key).arg(domain)},
        message);
    auto outcome = std::make_shared<AttemptOutcome>();
    QThread *thread = QThread::create([job, outcome] { *outcome = runMail(job); });
    QObject::connect(thread, &QThread::finished, context, [outcome, done] { done(*outcome); });
    QObject::connect(thread, &QThread::finished, thread, &QObject::deleteLater);
    thread->start();
}

} // namespace RebuildRadar
