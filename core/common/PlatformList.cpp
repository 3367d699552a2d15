#include "common/PlatformList.h"

#include <QRegularExpression>

namespace RebuildRadar {

Result<QStringList> parsePlatforms(const QString &text)
{
    static const QRegularExpression platform(QStringLiteral("^[a-z0-9._-]+/[a-z0-9._-]+(/[a-z0-9._-]+)?$"));
    QStringList out;
    for (const QString &item : text.split(u',')) {
        const QString p = item.trimmed();
        if (!platform.match(p).hasMatch())
            return makeError(
                ErrorCode::InvalidInput,
                QStringLiteral("invalid platform \"%1\" (use os/architecture[/variant], e.g. linux/arm64)")
                    .arg(p));
        if (!out.contains(p))
            out.append(p);
    }
    return out;
}

} // namespace RebuildRadar
