// Pure parsers of registry response headers: RateLimit-Limit/-Remaining, Retry-After and Link.
// Nothing here sends a request or keeps state; the transport and the tag listing call them.
#include "registry/RegistryHeaders.h"

#include <QList>
#include <QLocale>

#include <algorithm>

namespace RebuildRadar {

RateLimit parseRateLimit(const QByteArray &limitHeader, const QByteArray &remainingHeader)
{
    auto parse = [](const QByteArray &value, int *window) {
        const QList<QByteArray> parts = value.split(';');
        bool ok = false;
        const int count = parts.value(0).trimmed().toInt(&ok);
        for (const QByteArray &part : parts.mid(1)) {
            const QByteArray p = part.trimmed();
            if (p.startsWith("w=") && window)
                *window = p.mid(2).toInt();
        }
        return ok ? count : -1;
    };
    RateLimit limit;
    limit.limit = parse(limitHeader, &limit.windowSeconds);
    limit.remaining = parse(remainingHeader, limit.windowSeconds ? nullptr : &limit.windowSeconds);
    return limit;
}

std::optional<qint64> parseRetryAfterMs(const QByteArray &value, const QDateTime &now)
{
    const QByteArray trimmed = value.trimmed();
    if (trimmed.isEmpty())
        return std::nullopt;
    bool ok = false;
    const qint64 seconds = trimmed.toLongLong(&ok);
    if (ok)
        return seconds < 0 ? std::nullopt
                           : std::optional<qint64>(std::min<qint64>(seconds, 1LL << 40) * 1000);
    // IMF-fixdate, as HTTP sends it: "Sun, 06 Nov 1994 08:49:37 GMT"
    QDateTime date = QLocale::c().toDateTime(QString::fromLatin1(trimmed),
                                             QStringLiteral("ddd, dd MMM yyyy HH:mm:ss 'GMT'"));
    date.setTimeSpec(Qt::UTC);
    if (!date.isValid())
        return std::nullopt;
    return std::max<qint64>(0, now.msecsTo(date));
}

QUrl nextLink(const QByteArray &linkHeader, const QUrl &base)
{
    for (const QByteArray &part : linkHeader.split(',')) {
        const qsizetype open = part.indexOf('<');
        const qsizetype close = part.indexOf('>', open);
        if (open < 0 || close < 0)
            continue;
        const QByteArray params = part.mid(close + 1).toLower();
        if (params.contains("rel=\"next\"") || params.contains("rel=next"))
            return base.resolved(QUrl::fromEncoded(part.mid(open + 1, close - open - 1)));
    }
    return {};
}

} // namespace RebuildRadar
