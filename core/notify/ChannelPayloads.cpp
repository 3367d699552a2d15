#include "notify/ChannelPayloads.h"

#include <QJsonArray>
#include <QJsonDocument>
#include <QMessageAuthenticationCode>
#include <QUrlQuery>

namespace RebuildRadar {

namespace {

QByteArray json(const QJsonObject &object)
{
    return QJsonDocument(object).toJson(QJsonDocument::Compact);
}

QString truncated(const QString &text, int max)
{
    return text.size() <= max ? text : text.left(max - 1) + QChar(0x2026);
}

// A rollout that ended short of the platforms, or workloads left on an old build: more than news.
bool needsAttention(const ChannelMessage &m)
{
    return m.event == u"closed" || m.event == u"stale";
}

QPair<QByteArray, QByteArray> jsonType()
{
    return {"Content-Type", "application/json"};
}

HttpRequestSpec slack(const QUrl &url, const ChannelMessage &m)
{
    // Block Kit: a header (plain text, at most 150 characters), a mrkdwn section, the link as context;
    // "text" is the notification's fallback.
    QString body = m.text;
    body.replace(u'&', QStringLiteral("&amp;"))
        .replace(u'<', QStringLiteral("&lt;"))
        .replace(u'>', QStringLiteral("&gt;"));
    QJsonArray blocks{
        QJsonObject{
            {QStringLiteral("type"), QStringLiteral("header")},
            {QStringLiteral("text"), QJsonObject{{QStringLiteral("type"), QStringLiteral("plain_text")},
                                                 {QStringLiteral("text"), truncated(m.title, 150)}}}},
        QJsonObject{{QStringLiteral("type"), QStringLiteral("section")},
                    {QStringLiteral("text"), QJsonObject{{QStringLiteral("type"), QStringLiteral("mrkdwn")},
                                                         {QStringLiteral("text"), truncated(body, 3000)}}}}};
    if (!m.link.isEmpty())
        blocks.append(
            QJsonObject{{QStringLiteral("type"), QStringLiteral("context")},
                        {QStringLiteral("elements"),
                         QJsonArray{QJsonObject{
                             {QStringLiteral("type"), QStringLiteral("mrkdwn")},
                             {QStringLiteral("text"), QStringLiteral("<%1|Registry page>").arg(m.link)}}}}});
    return {"POST",
            url,
            {jsonType()},
            json(QJsonObject{{QStringLiteral("text"), m.title}, {QStringLiteral("blocks"), blocks}})};
}

HttpRequestSpec teams(const QUrl &url, const ChannelMessage &m)
{
    QJsonArray facts;
    for (const QString &line : m.text.split(u'\n')) {
        const qsizetype colon = line.indexOf(QStringLiteral(": "));
        if (colon > 0)
            facts.append(QJsonObject{{QStringLiteral("title"), line.left(colon)},
                                     {QStringLiteral("value"), line.mid(colon + 2)}});
    }
    QJsonArray body{QJsonObject{{QStringLiteral("type"), QStringLiteral("TextBlock")},
                                {QStringLiteral("text"), m.title},
                                {QStringLiteral("weight"), QStringLiteral("Bolder")},
                                {QStringLiteral("size"), QStringLiteral("Medium")},
                                {QStringLiteral("wrap"), true}}};
    if (!facts.isEmpty())
        body.append(QJsonObject{{QStringLiteral("type"), QStringLiteral("FactSet")},
                                {QStringLiteral("facts"), facts}});
    else
        body.append(QJsonObject{{QStringLiteral("type"), QStringLiteral("TextBlock")},
                                {QStringLiteral("text"), m.text},
                                {QStringLiteral("wrap"), true}});
    QJsonObject card{
        {QStringLiteral("$schema"), QStringLiteral("http://adaptivecards.io/schemas/adaptive-card.json")},
        {QStringLiteral("type"), QStringLiteral("AdaptiveCard")},
        {QStringLiteral("version"), QStringLiteral("1.4")},
        {QStringLiteral("body"), body}};
    if (!m.link.isEmpty())
        card.insert(QStringLiteral("actions"),
                    QJsonArray{QJsonObject{{QStringLiteral("type"), QStringLiteral("Action.OpenUrl")},
                                           {QStringLiteral("title"), QStringLiteral("Registry page")},
                                           {QStringLiteral("url"), m.link}}});
    const QJsonObject message{
        {QStringLiteral("type"), QStringLiteral("message")},
        {QStringLiteral("attachments"),
         QJsonArray{QJsonObject{
             {QStringLiteral("contentType"), QStringLiteral("application/vnd.microsoft.card.adaptive")},
             {QStringLiteral("contentUrl"), QJsonValue()},
             {QStringLiteral("content"), card}}}}};
    return {"POST", url, {jsonType()}, json(message)};
}

HttpRequestSpec discord(QUrl url, const ChannelMessage &m)
{
    QUrlQuery query(url);
    query.removeAllQueryItems(QStringLiteral("wait"));
    query.addQueryItem(QStringLiteral("wait"), QStringLiteral("true")); // answers 200 with the message
    url.setQuery(query);
    QJsonObject embed{{QStringLiteral("title"), truncated(m.title, 256)},
                      {QStringLiteral("description"), truncated(m.markdown, 4096)},
                      {QStringLiteral("color"), needsAttention(m) ? 0xd97706 : 0x2563eb}};
    if (!m.link.isEmpty())
        embed.insert(QStringLiteral("url"), m.link);
    const QString detected = m.payload.value(QStringLiteral("detected_at")).toString();
    if (!detected.isEmpty())
        embed.insert(QStringLiteral("timestamp"), detected);
    return {"POST",
            url,
            {jsonType()},
            json(QJsonObject{{QStringLiteral("username"), QStringLiteral("Rebuild Radar")},
                             {QStringLiteral("embeds"), QJsonArray{embed}}})};
}

HttpRequestSpec matrix(const QUrl &channelUrl, const ChannelMessage &m)
{
    const QString token = channelUrl.password().isEmpty() ? channelUrl.userName() : channelUrl.password();
    const QString room = QUrl::fromPercentEncoding(channelUrl.path().mid(1).toUtf8());
    QUrl url;
    url.setScheme(channelUrl.scheme() == u"matrixs" ? QStringLiteral("https") : QStringLiteral("http"));
    url.setHost(channelUrl.host());
    url.setPort(channelUrl.port());
    const QString txn = QStringLiteral("rebuildradar-%1-%2").arg(m.event).arg(m.key);
    url.setPath(QStringLiteral("/_matrix/client/v3/rooms/%1/send/m.room.message/%2")
                    .arg(QString::fromLatin1(QUrl::toPercentEncoding(room)),
                         QString::fromLatin1(QUrl::toPercentEncoding(txn))),
                QUrl::TolerantMode);
    const QJsonObject content{{QStringLiteral("msgtype"), QStringLiteral("m.notice")},
                              {QStringLiteral("body"), m.title + QStringLiteral("\n") + m.text},
                              {QStringLiteral("format"), QStringLiteral("org.matrix.custom.html")},
                              {QStringLiteral("formatted_body"), m.html}};
    return {"PUT", url, {jsonType(), {"Authorization", "Bearer " + token.toUtf8()}}, json(content)};
}

HttpRequestSpec ntfy(const QUrl &channelUrl, const ChannelMessage &m)
{
    // JSON publishing: POST to the server's root with the topic in the body (UTF-8 titles need no
    // header encoding this way).
    QUrl url;
    url.setScheme(channelUrl.scheme() == u"ntfys" ? QStringLiteral("https") : QStringLiteral("http"));
    url.setHost(channelUrl.host());
    url.setPort(channelUrl.port());
    url.setPath(QStringLiteral("/"));
    const QUrlQuery query(channelUrl);
    int priority = needsAttention(m) ? 4 : 3;
    if (query.hasQueryItem(QStringLiteral("priority")))
        priority = std::clamp(query.queryItemValue(QStringLiteral("priority")).toInt(), 1, 5);
    QJsonArray tags{needsAttention(m) ? QStringLiteral("warning") : QStringLiteral("package")};
    for (const QString &tag : query.queryItemValue(QStringLiteral("tags")).split(u',', Qt::SkipEmptyParts))
        tags.append(tag);
    QJsonObject body{{QStringLiteral("topic"), channelUrl.path().mid(1)},
                     {QStringLiteral("title"), m.title},
                     {QStringLiteral("message"), m.markdown},
                     {QStringLiteral("markdown"), true},
                     {QStringLiteral("priority"), priority},
                     {QStringLiteral("tags"), tags}};
    if (!m.link.isEmpty())
        body.insert(QStringLiteral("click"), m.link);
    HttpRequestSpec spec{"POST", url, {jsonType()}, json(body)};
    const QString token = query.queryItemValue(QStringLiteral("token"), QUrl::FullyDecoded);
    if (!token.isEmpty())
        spec.headers.append({"Authorization", "Bearer " + token.toUtf8()});
    else if (!channelUrl.userName().isEmpty())
        spec.headers.append({"Authorization", "Basic " + (channelUrl.userName(QUrl::FullyDecoded) + u':' +
                                                          channelUrl.password(QUrl::FullyDecoded))
                                                             .toUtf8()
                                                             .toBase64()});
    return spec;
}

HttpRequestSpec gotify(const QUrl &channelUrl, const ChannelMessage &m)
{
    QStringList parts = channelUrl.path().split(u'/', Qt::SkipEmptyParts);
    const QString token = parts.takeLast();
    QUrl url;
    url.setScheme(channelUrl.scheme() == u"gotifys" ? QStringLiteral("https") : QStringLiteral("http"));
    url.setHost(channelUrl.host());
    url.setPort(channelUrl.port());
    url.setPath(QStringLiteral("/") + (parts.isEmpty() ? QString() : parts.join(u'/') + u'/') +
                QStringLiteral("message"));
    const QUrlQuery query(channelUrl);
    int priority = needsAttention(m) ? 7 : 5;
    if (query.hasQueryItem(QStringLiteral("priority")))
        priority = std::clamp(query.queryItemValue(QStringLiteral("priority")).toInt(), 0, 10);
    QJsonObject extras{{QStringLiteral("client::display"),
                        QJsonObject{{QStringLiteral("contentType"), QStringLiteral("text/markdown")}}}};
    if (!m.link.isEmpty())
        extras.insert(QStringLiteral("client::notification"),
                      QJsonObject{{QStringLiteral("click"), QJsonObject{{QStringLiteral("url"), m.link}}}});
    const QJsonObject body{{QStringLiteral("title"), m.title},
                           {QStringLiteral("message"), m.markdown},
                           {QStringLiteral("priority"), priority},
                           {QStringLiteral("extras"), extras}};
    return {"POST", url, {jsonType(), {"X-Gotify-Key", token.toUtf8()}}, json(body)};
}

HttpRequestSpec webhook(QUrl url, const ChannelMessage &m)
{
    // The URL's own query stays, except our two conventions: "+Name=value" adds a header (as Apprise
    // does), "hmac_secret=…" signs the body.
    QUrlQuery query(url);
    QUrlQuery sent;
    QList<QPair<QByteArray, QByteArray>> headers{jsonType(), {"User-Agent", "rebuildradar"}};
    QByteArray secret;
    for (const auto &[key, value] : query.queryItems(QUrl::FullyDecoded)) {
        if (key == u"hmac_secret")
            secret = value.toUtf8();
        else if (key.startsWith(u'+') && key.size() > 1)
            headers.append({key.mid(1).toUtf8(), value.toUtf8()});
        else
            sent.addQueryItem(key, value);
    }
    url.setQuery(sent.isEmpty() ? QString() : sent.query(QUrl::FullyEncoded));
    url.setFragment({});
    if (!url.userName().isEmpty()) {
        headers.append({"Authorization", "Basic " + (url.userName(QUrl::FullyDecoded) + u':' +
                                                     url.password(QUrl::FullyDecoded))
                                                        .toUtf8()
                                                        .toBase64()});
        url.setUserInfo({});
    }
    const QByteArray body = json(m.payload);
    headers.append({"X-RebuildRadar-Event", m.event.toUtf8()});
    headers.append({"X-RebuildRadar-Delivery", QByteArray::number(m.key)});
    if (!secret.isEmpty())
        headers.append({kSignatureHeader, webhookSignature(secret, body)});
    return {"POST", url, headers, body};
}

} // namespace

QByteArray webhookSignature(const QByteArray &secret, const QByteArray &body)
{
    return "sha256=" + QMessageAuthenticationCode::hash(body, secret, QCryptographicHash::Sha256).toHex();
}

Result<HttpRequestSpec> buildRequest(ChannelKind kind, const QUrl &channelUrl, const ChannelMessage &message)
{
    switch (kind) {
    case ChannelKind::Slack:
        return slack(channelUrl, message);
    case ChannelKind::Teams:
        return teams(channelUrl, message);
    case ChannelKind::Discord:
        return discord(channelUrl, message);
    case ChannelKind::Matrix:
        return matrix(channelUrl, message);
    case ChannelKind::Ntfy:
        return ntfy(channelUrl, message);
    case ChannelKind::Gotify:
        return gotify(channelUrl, message);
    case ChannelKind::Webhook:
        return webhook(channelUrl, message);
    case ChannelKind::Email:
        break;
    }
    return makeError(ErrorCode::InvalidInput, QStringLiteral("e-mail is not sent over HTTP"));
}

} // namespace RebuildRadar
