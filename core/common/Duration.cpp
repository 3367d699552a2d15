#include "common/Duration.h"

#include <QCoreApplication>

namespace RebuildRadar {

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
