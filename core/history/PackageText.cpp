// Groups changes by source package (libssl3 and openssl-bin are one openssl upgrade) so the line names
// what an engineer would name, and puts first what fixed something.
#include "history/PackageText.h"

#include <QCoreApplication>
#include <QMap>
#include <QSet>

#include <algorithm>

namespace RebuildRadar {

namespace {

constexpr int kNamedGroups = 2; // source packages named in the line; the rest are counted
constexpr int kNamedFixes = 3;  // fix ids named per source package

struct Group
{
    QString source;
    const PackageChange *first = nullptr;
    int binaries = 0;
    QStringList fixes;
};

QString groupText(const Group &g)
{
    QString text =
        QCoreApplication::translate("Packages", "%1 %2 → %3").arg(g.source, g.first->from, g.first->to);
    if (g.first->direction == VersionDirection::Downgrade)
        text += u' ' + QCoreApplication::translate("Packages", "(downgraded)");
    if (!g.fixes.isEmpty()) {
        QStringList named = g.fixes.mid(0, kNamedFixes);
        if (g.fixes.size() > kNamedFixes)
            named.append(
                QCoreApplication::translate("Packages", "%1 more").arg(g.fixes.size() - kNamedFixes));
        text += u' ' +
                QCoreApplication::translate("Packages", "(fixes %1)").arg(named.join(QStringLiteral(", ")));
    }
    return text;
}

} // namespace

QString packageSummary(const PackageAnalysis &analysis)
{
    const PackageDiff &diff = analysis.diff;
    if (diff.isEmpty())
        return QCoreApplication::translate("Packages", "no package changed: rebuilt with the same packages");
    QMap<QString, Group> bySource;
    for (const PackageChange &c : diff.changed) {
        const QString source = c.sourcePackage.isEmpty() ? c.name : c.sourcePackage;
        Group &g = bySource[source];
        if (!g.first) {
            g.source = source;
            g.first = &c;
        }
        ++g.binaries;
    }
    if (analysis.fixes) {
        for (const SecurityFix &f : *analysis.fixes) {
            auto it = bySource.find(f.package);
            if (it != bySource.end() && !it->fixes.contains(f.id))
                it->fixes.append(f.id);
        }
    }
    QList<Group> groups = bySource.values();
    std::stable_sort(groups.begin(), groups.end(),
                     [](const Group &a, const Group &b) { return a.fixes.size() > b.fixes.size(); });
    QStringList parts;
    int named = 0;
    int others = 0;
    for (const Group &g : groups) {
        if (named < kNamedGroups) {
            parts.append(groupText(g));
            ++named;
        } else {
            others += g.binaries;
        }
    }
    // binaries of a named source beyond the first are part of its upgrade, not "more"
    if (others > 0)
        parts.append(QCoreApplication::translate("Packages", "%1 more changed").arg(others));
    if (!diff.added.isEmpty())
        parts.append(QCoreApplication::translate("Packages", "%1 added").arg(diff.added.size()));
    if (!diff.removed.isEmpty())
        parts.append(QCoreApplication::translate("Packages", "%1 removed").arg(diff.removed.size()));
    if (!analysis.fixes)
        parts.append(QCoreApplication::translate("Packages", "security data unavailable"));
    return parts.join(QStringLiteral("; "));
}

QString rebuildPackageSummary(const Rebuild &rebuild)
{
    if (rebuild.packages.isEmpty() && rebuild.packagesUnavailable.isEmpty())
        return {};
    QMap<QString, QString> byPlatform;
    for (auto it = rebuild.packages.begin(); it != rebuild.packages.end(); ++it)
        byPlatform.insert(it.key(), packageSummary(*it));
    for (auto it = rebuild.packagesUnavailable.begin(); it != rebuild.packagesUnavailable.end(); ++it)
        byPlatform.insert(it.key(), *it);
    const QSet<QString> distinct(byPlatform.begin(), byPlatform.end());
    if (distinct.size() == 1)
        return byPlatform.first();
    QStringList parts;
    for (auto it = byPlatform.begin(); it != byPlatform.end(); ++it)
        parts.append(QCoreApplication::translate("Packages", "%1: %2").arg(it.key(), *it));
    return parts.join(QStringLiteral("; "));
}

} // namespace RebuildRadar
