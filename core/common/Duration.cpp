#include "common/Duration.h"

#include <QCoreApplication>
#include <QRegularExpression>

namespace RebuildRadar {

Result<int> parseDuration(const QString &text)
{
    static const QRegularExpression whole(QStringLiteral("^(?:[0-9]+[smhd])+$"));
    static const QRegularExpression part(QStringLiteral("([0-9]+)([smhd])"));
    if (!whole.match(text).hasMatch())
        return makeError(ErrorCode::InvalidInput,
                         QStringLiteral("invalid duration \"%1\" (use e.g. 30s, 15m, 6h, 1d)").arg(text));
    qint64 seconds = 0;
    for (auto it = part.globalMatch(text); it.hasNext();) {
        const auto m = it.next();
        const qint64 n = m.captured(1).toLongLong();
        const QChar unit = m.captured(2).at(0);
        const qint64 factor = unit == u's' ? 1 : unit == u'm' ? 60 : unit == u'h' ? 3600 : 86400;
        seconds += n * factor;
        if (m.captured(1).size() > 9 || seconds > 366LL * 86400)
            return makeError(ErrorCode::InvalidInput,
                             QStringLiteral("duration \"%1\" is longer than a year").arg(text));
    }
    if (seconds < 1)
        return makeError(ErrorCode::InvalidInput,
                         QStringLiteral("duration \"%1\" is shorter than one second").arg(text));
    return int(seconds);
}

QString formatDuration(int seconds)
{
    if (seconds % 86400 == 0)
        return QStringLiteral("%1d").arg(seconds / 86400);
    if (seconds % 3600 == 0)
        return QStringLiteral("%1h").arg(seconds / 3600);
    if (seconds % 60 == 0)
        return QStringLiteral("%1m").arg(seconds / 60);
    return QStringLiteral("%1s").arg(seconds);
}

QString humanDuration(qint64 ms)
{
    // The "Report" context predates this file; keeping it keeps the existing catalogue entries.
    const qint64 minutes = ms / 60000;
    const qint64 hours = minutes / 60;
    const qint64 days = hours / 24;
    if (days > 0)
        return QCoreApplication::translate("Report", "%1 d %2 h").arg(days).arg(hours % 24);
    if (hours > 0)
        return QCoreApplication::translate("Report", "%1 h %2 min").arg(hours).arg(minutes % 60);
    return QCoreApplication::translate("Report", "%1 min").arg(minutes);
}

} // namespace RebuildRadar
