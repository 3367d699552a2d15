// The few rules that follow from the history's values alone: which platforms a rebuild touched, and
// when upstream built a digest. Pure; shared by the store, the classifier, exports and the UI.

#include "domain/History.h"

#include "common/Time.h"

#include <algorithm>

namespace RebuildRadar {

bool Rebuild::touches(const QStringList &platforms) const
{
    if (platforms.isEmpty())
        return true;
    const QStringList touched = platformsTouched();
    return std::any_of(platforms.begin(), platforms.end(),
                       [&](const QString &p) { return touched.contains(p); });
}

std::optional<qint64> builtAt(const Snapshot &snapshot)
{
    std::optional<qint64> newest;
    auto consider = [&newest](const QMap<QString, QString> &annotations) {
        QString created = annotations.value(Annotation::Created);
        if (created.isEmpty())
            created = annotations.value(Annotation::ConfigCreated);
        if (created.isEmpty())
            return;
        if (const auto t = parseIsoUtc(created); t && *t > 0 && (!newest || *t > *newest))
            newest = t;
    };
    consider(snapshot.annotations);
    for (const PlatformImage &p : snapshot.platforms)
        consider(p.annotations);
    return newest;
}

} // namespace RebuildRadar
