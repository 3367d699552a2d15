#include "common/SharedSettings.h"

#include <QSettings>

namespace RebuildRadar {

qint64 SharedSettings::rolloutWindowMs() const
{
    const int hours = rolloutWindowHours >= 1 && rolloutWindowHours <= 720 ? rolloutWindowHours : 72;
    return qint64(hours) * 3600 * 1000;
}

SharedSettings SharedSettings::load()
{
    QSettings s;
    SharedSettings out;
    out.insecureRegistries = s.value(QStringLiteral("registries/insecure")).toStringList();
    out.runningSources = s.value(QStringLiteral("running/sources")).toStringList();
    out.rolloutWindowHours = s.value(QStringLiteral("rollouts/windowHours"), out.rolloutWindowHours).toInt();
    out.notifyIndexOnly = s.value(QStringLiteral("notifications/indexOnly"), out.notifyIndexOnly).toBool();
    out.hookTimeoutSeconds = s.value(QStringLiteral("hooks/timeoutSeconds"), out.hookTimeoutSeconds).toInt();
    if (out.hookTimeoutSeconds < 1)
        out.hookTimeoutSeconds = 300;
    out.checkTimeoutSeconds =
        s.value(QStringLiteral("checks/timeoutSeconds"), out.checkTimeoutSeconds).toInt();
    if (out.checkTimeoutSeconds < 1)
        out.checkTimeoutSeconds = 60;
    return out;
}

} // namespace RebuildRadar
