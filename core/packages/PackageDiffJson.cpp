// Field names are the contract's (/work/shared/CLI-CONTRACT.md, "diff"): written as named, never
// renamed; the direction of a change is left out until the contract names it.
#include "packages/PackageDiffJson.h"

#include <QJsonArray>

namespace RebuildRadar {

namespace {

QJsonArray versionsJson(const QList<PackageVersion> &list)
{
    QJsonArray out;
    for (const PackageVersion &p : list)
        out.append(QJsonObject{{QStringLiteral("name"), p.name}, {QStringLiteral("version"), p.version}});
    return out;
}

} // namespace

QJsonObject packageDiffJson(const PackageDiff &diff)
{
    QJsonArray changed;
    for (const PackageChange &c : diff.changed)
        changed.append(QJsonObject{{QStringLiteral("name"), c.name},
                                   {QStringLiteral("from"), c.from},
                                   {QStringLiteral("to"), c.to},
                                   {QStringLiteral("source_package"), c.sourcePackage}});
    return QJsonObject{{QStringLiteral("changed"), changed},
                       {QStringLiteral("added"), versionsJson(diff.added)},
                       {QStringLiteral("removed"), versionsJson(diff.removed)}};
}

QJsonValue securityFixesJson(const std::optional<QList<SecurityFix>> &fixes)
{
    if (!fixes)
        return QJsonValue(QJsonValue::Null);
    QJsonArray out;
    for (const SecurityFix &f : *fixes)
        out.append(QJsonObject{{QStringLiteral("id"), f.id}, {QStringLiteral("package"), f.package}});
    return out;
}

QJsonObject packageAnalysisJson(const PackageAnalysis &analysis)
{
    QJsonObject out = packageDiffJson(analysis.diff);
    out.insert(QStringLiteral("source"), packageSourceName(analysis.source));
    out.insert(QStringLiteral("fixes"), securityFixesJson(analysis.fixes));
    return out;
}

} // namespace RebuildRadar
