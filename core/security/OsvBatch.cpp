// OSV querybatch bodies and answers. OSV answers a query without hits with an empty object, and a
// long list with "next_page_token" for that query only (the client asks again with "page_token").
#include "security/OsvBatch.h"

#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>

namespace RebuildRadar {

std::optional<QString> osvEcosystem(const Distro &distro)
{
    if (distro.id != u"debian")
        return std::nullopt;
    const QString major = distro.versionId.section(QLatin1Char('.'), 0, 0);
    bool ok = false;
    const int number = major.toInt(&ok);
    if (!ok || number <= 0)
        return std::nullopt;
    return QStringLiteral("Debian:%1").arg(number);
}

QByteArray osvBatchRequest(const QList<OsvQuery> &queries)
{
    QJsonArray list;
    for (const OsvQuery &q : queries) {
        QJsonObject query{
            {QStringLiteral("package"),
             QJsonObject{{QStringLiteral("name"), q.name}, {QStringLiteral("ecosystem"), q.ecosystem}}},
            {QStringLiteral("version"), q.version},
        };
        if (!q.pageToken.isEmpty())
            query.insert(QStringLiteral("page_token"), q.pageToken);
        list.append(query);
    }
    return QJsonDocument(QJsonObject{{QStringLiteral("queries"), list}}).toJson(QJsonDocument::Compact);
}

std::optional<QList<OsvResult>> parseOsvBatchResponse(const QByteArray &json, qsizetype expected)
{
    QJsonParseError error{};
    const QJsonDocument doc = QJsonDocument::fromJson(json, &error);
    if (error.error != QJsonParseError::NoError || !doc.isObject())
        return std::nullopt;
    const QJsonValue results = doc.object().value(QLatin1String("results"));
    if (!results.isArray() || results.toArray().size() != expected)
        return std::nullopt;
    QList<OsvResult> out;
    out.reserve(expected);
    for (const QJsonValue &value : results.toArray()) {
        if (!value.isObject())
            return std::nullopt;
        const QJsonObject result = value.toObject();
        const QJsonValue vulns = result.value(QLatin1String("vulns"));
        if (!vulns.isUndefined() && !vulns.isArray())
            return std::nullopt;
        OsvResult r;
        for (const QJsonValue &vuln : vulns.toArray()) {
            const QString id = vuln.toObject().value(QLatin1String("id")).toString();
            if (id.isEmpty())
                return std::nullopt; // an entry we cannot name: the answer is not what we think
            if (!r.ids.contains(id))
                r.ids.append(id);
        }
        r.nextPageToken = result.value(QLatin1String("next_page_token")).toString();
        out.append(r);
    }
    return out;
}

QList<OsvUpgrade> osvUpgrades(const PackageDiff &diff)
{
    QList<OsvUpgrade> out;
    for (const PackageChange &change : diff.changed) {
        if (change.direction != VersionDirection::Upgrade)
            continue;
        const OsvUpgrade upgrade{change.sourcePackage.isEmpty() ? change.name : change.sourcePackage,
                                 change.from, change.to};
        if (!out.contains(upgrade))
            out.append(upgrade);
    }
    return out;
}

} // namespace RebuildRadar
