// Field names are the contract's (/work/shared/CLI-CONTRACT.md, "diff"): written as named, never
// renamed; the direction of a change is left out until the contract names it.
#include "packages/PackageDiffJson.h"

#include <QJsonArray>

namespace RebuildRadar {

namespace {

QString ecosystemName(Ecosystem ecosystem)
{
    switch (ecosystem) {
    case Ecosystem::Debian:
        return QStringLiteral("deb");
    case Ecosystem::Alpine:
        return QStringLiteral("apk");
    case Ecosystem::Rpm:
        return QStringLiteral("rpm");
    case Ecosystem::Unknown:
        break;
    }
    return {};
}

Ecosystem ecosystemFromName(const QString &name)
{
    if (name == u"deb")
        return Ecosystem::Debian;
    if (name == u"apk")
        return Ecosystem::Alpine;
    if (name == u"rpm")
        return Ecosystem::Rpm;
    return Ecosystem::Unknown;
}

std::optional<QList<PackageVersion>> versionsFromJson(const QJsonValue &value)
{
    if (!value.isArray())
        return std::nullopt;
    QList<PackageVersion> out;
    for (const QJsonValue &v : value.toArray()) {
        const QJsonObject o = v.toObject();
        if (!o.value(QStringLiteral("name")).isString())
            return std::nullopt;
        out.append(
            {o.value(QStringLiteral("name")).toString(), o.value(QStringLiteral("version")).toString()});
    }
    return out;
}

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

QJsonObject packageAnalysisRecord(const PackageAnalysis &analysis)
{
    QJsonObject out = packageAnalysisJson(analysis);
    QJsonArray changed = out.value(QStringLiteral("changed")).toArray();
    for (qsizetype i = 0; i < changed.size(); ++i) {
        QJsonObject c = changed.at(i).toObject();
        c.insert(QStringLiteral("ecosystem"), ecosystemName(analysis.diff.changed.at(i).ecosystem));
        changed.replace(i, c);
    }
    out.insert(QStringLiteral("changed"), changed);
    out.insert(QStringLiteral("platform"), analysis.platform);
    out.insert(QStringLiteral("distro"),
               QJsonObject{{QStringLiteral("id"), analysis.distro.id},
                           {QStringLiteral("version_id"), analysis.distro.versionId},
                           {QStringLiteral("codename"), analysis.distro.codename}});
    out.insert(QStringLiteral("bytes_fetched"), analysis.bytesFetched);
    return out;
}

std::optional<PackageAnalysis> packageAnalysisFromRecord(const QJsonObject &record)
{
    const auto source = packageSourceFromName(record.value(QStringLiteral("source")).toString());
    const auto added = versionsFromJson(record.value(QStringLiteral("added")));
    const auto removed = versionsFromJson(record.value(QStringLiteral("removed")));
    const QJsonValue changed = record.value(QStringLiteral("changed"));
    if (!source || !added || !removed || !changed.isArray())
        return std::nullopt;
    PackageAnalysis a;
    a.platform = record.value(QStringLiteral("platform")).toString();
    a.source = *source;
    a.diff.added = *added;
    a.diff.removed = *removed;
    for (const QJsonValue &v : changed.toArray()) {
        const QJsonObject o = v.toObject();
        PackageChange c{o.value(QStringLiteral("name")).toString(),
                        o.value(QStringLiteral("from")).toString(),
                        o.value(QStringLiteral("to")).toString(),
                        o.value(QStringLiteral("source_package")).toString(),
                        ecosystemFromName(o.value(QStringLiteral("ecosystem")).toString()),
                        VersionDirection::Unknown};
        if (c.name.isEmpty())
            return std::nullopt;
        if (const auto order = compareVersions(c.ecosystem, c.from, c.to))
            c.direction = *order < 0 ? VersionDirection::Upgrade : VersionDirection::Downgrade;
        a.diff.changed.append(c);
    }
    const QJsonValue fixes = record.value(QStringLiteral("fixes"));
    if (fixes.isArray()) {
        QList<SecurityFix> list;
        for (const QJsonValue &v : fixes.toArray())
            list.append({v.toObject().value(QStringLiteral("id")).toString(),
                         v.toObject().value(QStringLiteral("package")).toString()});
        a.fixes = list;
    }
    const QJsonObject distro = record.value(QStringLiteral("distro")).toObject();
    a.distro = {distro.value(QStringLiteral("id")).toString(),
                distro.value(QStringLiteral("version_id")).toString(),
                distro.value(QStringLiteral("codename")).toString()};
    a.bytesFetched = record.value(QStringLiteral("bytes_fetched")).toInteger();
    return a;
}

} // namespace RebuildRadar
