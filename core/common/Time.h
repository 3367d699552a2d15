#pragma once

#include <QDateTime>
#include <QString>

#include <optional>

namespace RebuildRadar {

// UTC ISO 8601 with a Z and seconds precision, as the CLI contract fixes.
inline QString isoUtc(qint64 msecsSinceEpoch)
{
    return QDateTime::fromMSecsSinceEpoch(msecsSinceEpoch, Qt::UTC).toString(Qt::ISODate);
}

// Accepts ISO 8601 dates or date-times (with Z or an offset); a date alone means midnight UTC.
inline std::optional<qint64> parseIsoUtc(const QString &text)
{
    QDateTime dt = QDateTime::fromString(text, Qt::ISODateWithMs);
    if (!dt.isValid())
        dt = QDateTime::fromString(text, Qt::ISODate);
    if (!dt.isValid()) {
        const QDate date = QDate::fromString(text, Qt::ISODate);
        if (!date.isValid())
            return std::nullopt;
        dt = QDateTime(date, QTime(0, 0), Qt::UTC);
    }
    if (dt.timeSpec() == Qt::LocalTime)
        dt.setTimeSpec(Qt::UTC);
    return dt.toMSecsSinceEpoch();
}

} // namespace RebuildRadar
