#include "common/SharedSettings.h"

#include <QSettings>

namespace RebuildRadar {

qint64 SharedSettings::rolloutWindowMs() const
{
    const int hours = rolloutWindowHours >= 1 && rolloutWindowHours <= 720 ? rolloutWindowHours : 72;
    return qint64(hours) * 3600 * 1000;
}

qint64 SharedSettings::analysisBudgetBytes() const
{
    return qint64(analysisBudgetMegabytes >= 1 ? analysisBudgetMegabytes : 200) * 1024 * 1024;
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
    out.desktopPollsTeamHistory = s.value(QStringLiteral("team/desktopPolls"), false).toBool();
    out.securityEnabled = s.value(QStringLiteral("security/enabled"), out.securityEnabled).toBool();
    out.securityCacheDir = s.value(QStringLiteral("security/cacheDir")).toString();
    out.alpineSecdbUrl = s.value(QStringLiteral("security/alpineSecdbUrl")).toString();
    out.wolfiSecdbUrl = s.value(QStringLiteral("security/wolfiSecdbUrl")).toString();
    out.chainguardSecdbUrl = s.value(QStringLiteral("security/chainguardSecdbUrl")).toString();
    out.osvUrl = s.value(QStringLiteral("security/osvUrl")).toString();
    out.securityTimeoutSeconds =
        s.value(QStringLiteral("security/timeoutSeconds"), out.securityTimeoutSeconds).toInt();
    if (out.securityTimeoutSeconds < 1)
        out.securityTimeoutSeconds = 60;
    out.analysisBudgetMegabytes =
        s.value(QStringLiteral("analysis/budgetMegabytes"), out.analysisBudgetMegabytes).toInt();
    return out;
}

} // namespace RebuildRadar
