// Reading secdb documents and matching their fixes against upgrades, by apk's version order.
#include "security/Secdb.h"

#include "packages/ApkVersion.h"

#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QRegularExpression>
#include <QSet>

#include <algorithm>

namespace RebuildRadar {

namespace {

// A vulnerability id: a prefix of letters and digits, a dash, then the rest (CVE-2024-1234,
// GHSA-xxxx-xxxx-xxxx, XSA-252, CGA-2h2p-73q2-…). Anything else in the first word is a remark.
bool looksLikeId(const QString &word)
{
    static const QRegularExpression id(QStringLiteral("^[A-Za-z][A-Za-z0-9]*-[A-Za-z0-9][A-Za-z0-9._:-]*$"));
    return word.size() <= 128 && id.match(word).hasMatch();
}

QString entryId(const QString &entry)
{
    const QString first = entry.trimmed().section(QLatin1Char(' '), 0, 0, QString::SectionSkipEmpty);
    QString word = first.section(QLatin1Char('\t'), 0, 0, QString::SectionSkipEmpty);
    while (!word.isEmpty() && (word.endsWith(QLatin1Char(',')) || word.endsWith(QLatin1Char(';'))))
        word.chop(1);
    return looksLikeId(word) ? word : QString();
}

// The literal "0", as Alpine and Wolfi write it, keys the not-affected list.
bool isNotAffectedMarker(const QString &version)
{
    return version == u"0";
}

} // namespace

std::optional<Secdb> parseSecdb(const QByteArray &json)
{
    QJsonParseError error{};
    const QJsonDocument doc = QJsonDocument::fromJson(json, &error);
    if (error.error != QJsonParseError::NoError || !doc.isObject())
        return std::nullopt;
    const QJsonValue packages = doc.object().value(QLatin1String("packages"));
    if (!packages.isArray())
        return std::nullopt;

    Secdb db;
    for (const QJsonValue &entry : packages.toArray()) {
        const QJsonObject pkg = entry.toObject().value(QLatin1String("pkg")).toObject();
        const QString name = pkg.value(QLatin1String("name")).toString();
        const QJsonObject secfixes = pkg.value(QLatin1String("secfixes")).toObject();
        if (name.isEmpty() || secfixes.isEmpty())
            continue;
        QList<SecfixVersion> &versions = db[name];
        for (auto it = secfixes.begin(); it != secfixes.end(); ++it) {
            const QString version = it.key().trimmed();
            if (version.isEmpty() || isNotAffectedMarker(version))
                continue;
            SecfixVersion fix{version, {}};
            for (const QJsonValue &raw : it.value().toArray()) {
                const QString id = entryId(raw.toString());
                if (!id.isEmpty() && !fix.ids.contains(id))
                    fix.ids.append(id);
            }
            if (!fix.ids.isEmpty())
                versions.append(fix);
        }
        if (versions.isEmpty())
            db.remove(name);
    }
    return db;
}

QList<SecurityFix> secdbFixes(const Secdb &db, const PackageDiff &diff)
{
    QSet<QPair<QString, QString>> seen; // (package, id)
    QList<SecurityFix> fixes;
    for (const PackageChange &change : diff.changed) {
        if (change.direction != VersionDirection::Upgrade)
            continue;
        // Secdbs file fixes under the origin package (libcrypto3 and libssl3 under openssl).
        const QString key = change.sourcePackage.isEmpty() ? change.name : change.sourcePackage;
        const auto found = db.constFind(key);
        if (found == db.constEnd())
            continue;
        for (const SecfixVersion &fix : *found) {
            // old < v <= new: the old version lacked the fix and the new one has it.
            if (compareApkVersions(change.from, fix.version) >= 0 ||
                compareApkVersions(fix.version, change.to) > 0)
                continue;
            for (const QString &id : fix.ids) {
                if (seen.contains({key, id}))
                    continue;
                seen.insert({key, id});
                fixes.append(SecurityFix{id, key});
            }
        }
    }
    std::sort(fixes.begin(), fixes.end(), [](const SecurityFix &a, const SecurityFix &b) {
        return a.package != b.package ? a.package < b.package : a.id < b.id;
    });
    return fixes;
}

} // namespace RebuildRadar
