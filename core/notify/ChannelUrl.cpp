#include "notify/ChannelUrl.h"

#include <QHostAddress>
#include <QUrlQuery>

namespace RebuildRadar {

namespace {

const QString kMask = QStringLiteral("****");

bool hostIs(const QString &host, std::initializer_list<const char *> domains)
{
    for (const char *domain : domains) {
        const QString d = QString::fromLatin1(domain);
        if (host == d || host.endsWith(u'.' + d))
            return true;
    }
    return false;
}

// A URL shown with its password, its secret path (webhook URLs that are their own credential) and the
// values of its query masked, except the ones known to be harmless.
QString maskUrl(const QUrl &url, bool maskPath, const QStringList &openKeys)
{
    QUrl shown = url;
    if (!shown.password().isEmpty())
        shown.setPassword(kMask);
    if (maskPath && shown.path().size() > 1) {
        shown.setPath(QStringLiteral("/") + kMask);
    } else {
        // A long path segment is most likely a token (…/hooks/3f9a…): masked too.
        QStringList segments = shown.path().split(u'/');
        for (QString &segment : segments) {
            if (segment.size() >= 16)
                segment = kMask;
        }
        shown.setPath(segments.join(u'/'));
    }
    if (shown.hasQuery()) {
        QUrlQuery query(shown);
        QUrlQuery out;
        for (const auto &[key, value] : query.queryItems(QUrl::FullyDecoded))
            out.addQueryItem(key, openKeys.contains(key) ? value : kMask);
        shown.setQuery(out);
    }
    shown.setFragment({});
    return shown.toString(QUrl::PrettyDecoded);
}

Error invalid(const QString &message)
{
    return makeError(ErrorCode::InvalidInput, message);
}

} // namespace

QString channelKindName(ChannelKind kind)
{
    switch (kind) {
    case ChannelKind::Webhook:
        return QStringLiteral("webhook");
    case ChannelKind::Slack:
        return QStringLiteral("slack");
    case ChannelKind::Teams:
        return QStringLiteral("teams");
    case ChannelKind::Discord:
        return QStringLiteral("discord");
    case ChannelKind::Ntfy:
        return QStringLiteral("ntfy");
    case ChannelKind::Gotify:
        return QStringLiteral("gotify");
    case ChannelKind::Matrix:
        return QStringLiteral("matrix");
    case ChannelKind::Email:
        return QStringLiteral("email");
    }
    return {};
}

std::optional<ChannelKind> channelKindFromName(const QString &name)
{
    for (auto kind : {ChannelKind::Webhook, ChannelKind::Slack, ChannelKind::Teams, ChannelKind::Discord,
                      ChannelKind::Ntfy, ChannelKind::Gotify, ChannelKind::Matrix, ChannelKind::Email}) {
        if (channelKindName(kind) == name)
            return kind;
    }
    return std::nullopt;
}

bool isLoopbackHost(const QString &host)
{
    if (host.compare(QStringLiteral("localhost"), Qt::CaseInsensitive) == 0)
        return true;
    QHostAddress address;
    return address.setAddress(host) && address.isLoopback();
}

Result<ChannelTarget> parseChannelUrl(const QString &text, bool insecure)
{
    const QUrl url(text.trimmed(), QUrl::StrictMode);
    if (text.trimmed().isEmpty() || !url.isValid() || url.host().isEmpty())
        return invalid(QStringLiteral("not a channel URL (expected e.g. https://…, ntfys://host/topic, "
                                      "smtps://user:password@host?from=…&to=…)"));
    const QString scheme = url.scheme().toLower();
    const QString host = url.host().toLower();
    const bool secureScheme = scheme.endsWith(u's');
    const bool plainAllowed = insecure || isLoopbackHost(host);
    ChannelTarget t;
    t.url = url;
    t.tls = secureScheme;
    const QString path = url.path();
    auto needsTls = [&](const QString &secureName) -> std::optional<Error> {
        if (secureScheme || plainAllowed)
            return std::nullopt;
        return invalid(QStringLiteral("%1 sends in plain text: use %2:// (or mark the host with --insecure)")
                           .arg(host, secureName));
    };
    if (scheme == u"http" || scheme == u"https") {
        if (auto refused = needsTls(QStringLiteral("https")))
            return *refused;
        if (hostIs(host, {"hooks.slack.com"}) && path.startsWith(QStringLiteral("/services/"))) {
            t.kind = ChannelKind::Slack;
            t.defaultName = QStringLiteral("slack");
            t.masked = maskUrl(url, true, {});
        } else if (hostIs(host, {"discord.com", "discordapp.com"}) &&
                   path.startsWith(QStringLiteral("/api/webhooks/"))) {
            t.kind = ChannelKind::Discord;
            t.defaultName = QStringLiteral("discord");
            t.masked = maskUrl(url, true, {});
        } else if (hostIs(host, {"logic.azure.com", "powerautomate.com", "powerplatform.com",
                                 "webhook.office.com"})) {
            if (hostIs(host, {"webhook.office.com"}))
                return invalid(
                    QStringLiteral("Office 365 connector webhooks (MessageCard) are retired: create "
                                   "a Teams workflow (\"Post to a channel when a webhook request is "
                                   "received\") and use its URL"));
            t.kind = ChannelKind::Teams;
            t.defaultName = QStringLiteral("teams");
            t.masked = maskUrl(url, true, {QStringLiteral("api-version")});
        } else {
            t.kind = ChannelKind::Webhook;
            t.defaultName = host;
            t.masked = maskUrl(url, false, {});
        }
        return t;
    }
    if (scheme == u"ntfy" || scheme == u"ntfys") {
        if (auto refused = needsTls(QStringLiteral("ntfys")))
            return *refused;
        const QString topic = path.mid(1);
        if (topic.isEmpty() || topic.contains(u'/'))
            return invalid(QStringLiteral("an ntfy URL names one topic: ntfys://[user:password@]host/topic"));
        t.kind = ChannelKind::Ntfy;
        t.defaultName = QStringLiteral("ntfy-") + topic;
        t.masked = maskUrl(url, false, {QStringLiteral("priority"), QStringLiteral("tags")});
        return t;
    }
    if (scheme == u"gotify" || scheme == u"gotifys") {
        if (auto refused = needsTls(QStringLiteral("gotifys")))
            return *refused;
        const QStringList parts = path.split(u'/', Qt::SkipEmptyParts);
        if (parts.isEmpty())
            return invalid(
                QStringLiteral("a Gotify URL ends with the application's token: gotifys://host/TOKEN"));
        t.kind = ChannelKind::Gotify;
        t.defaultName = QStringLiteral("gotify");
        QUrl shown = url;
        QStringList maskedParts = parts;
        maskedParts.last() = kMask;
        shown.setPath(u'/' + maskedParts.join(u'/'));
        t.masked = maskUrl(shown, false, {QStringLiteral("priority")});
        return t;
    }
    if (scheme == u"matrix" || scheme == u"matrixs") {
        if (auto refused = needsTls(QStringLiteral("matrixs")))
            return *refused;
        const QString token = url.password().isEmpty() ? url.userName() : url.password();
        const QString room = QUrl::fromPercentEncoding(path.mid(1).toUtf8());
        if (token.isEmpty())
            return invalid(
                QStringLiteral("a Matrix URL carries the access token: matrixs://TOKEN@host/!room:server"));
        if (!room.startsWith(u'!') || !room.contains(u':'))
            return invalid(QStringLiteral("a Matrix URL names the room by its id (!…:server), e.g. "
                                          "matrixs://TOKEN@matrix.example.org/!abc:example.org"));
        t.kind = ChannelKind::Matrix;
        t.defaultName = QStringLiteral("matrix");
        QUrl shown = url;
        shown.setUserInfo(url.password().isEmpty() ? kMask : url.userName() + u':' + kMask);
        t.masked = maskUrl(shown, false, {});
        return t;
    }
    if (scheme == u"smtp" || scheme == u"smtps") {
        const QUrlQuery query(url);
        const QString starttls = query.queryItemValue(QStringLiteral("starttls")).toLower();
        if (!starttls.isEmpty() && starttls != u"yes" && starttls != u"no")
            return invalid(QStringLiteral("starttls is yes or no"));
        // smtp:// always asks for STARTTLS and requires it, except to loopback or an insecure host
        // (where it is tried, or skipped with starttls=no).
        t.tls = secureScheme || starttls == u"yes" || !plainAllowed;
        if (starttls == u"no" && !plainAllowed)
            return invalid(QStringLiteral("%1: mail without TLS only to loopback or a host marked --insecure")
                               .arg(host));
        const QString from = query.queryItemValue(QStringLiteral("from"), QUrl::FullyDecoded);
        const QString to = query.queryItemValue(QStringLiteral("to"), QUrl::FullyDecoded);
        if (from.isEmpty() || !from.contains(u'@') || to.isEmpty() || !to.contains(u'@'))
            return invalid(QStringLiteral("an e-mail URL needs ?from=ADDRESS&to=ADDRESS[,ADDRESS…]"));
        for (const QChar c : from + to) {
            if (c == u'\r' || c == u'\n' || c == u'<' || c == u'>')
                return invalid(
                    QStringLiteral("an e-mail address may not hold line breaks or angle brackets"));
        }
        t.kind = ChannelKind::Email;
        t.defaultName = QStringLiteral("mail-") + to.section(u',', 0, 0);
        t.masked = maskUrl(url, false,
                           {QStringLiteral("from"), QStringLiteral("to"), QStringLiteral("starttls"),
                            QStringLiteral("cafile")});
        return t;
    }
    return invalid(QStringLiteral("unknown channel kind \"%1\" (http, https, ntfy, ntfys, gotify, gotifys, "
                                  "matrix, matrixs, smtp, smtps)")
                       .arg(scheme));
}

} // namespace RebuildRadar
