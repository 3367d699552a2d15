// os-release lines are KEY=value with shell-style quoting; purl distro qualifiers are
// "<id>-<version>" (syft, trivy), or a codename in os_distro beside os_name/os_version (docker
// scout). Debian and Ubuntu codenames are mapped to their release numbers, which is what security
// data (OSV's "Debian:12") is keyed by.
#include "packages/Distro.h"

#include <QHash>
#include <QRegularExpression>

namespace RebuildRadar {

namespace {

QString unquote(QString value)
{
    value = value.trimmed();
    if (value.size() >= 2 && (value.front() == u'"' || value.front() == u'\'') &&
        value.back() == value.front())
        value = value.mid(1, value.size() - 2);
    value.replace(QStringLiteral("\\\""), QStringLiteral("\""));
    return value;
}

QString versionOfCodename(const QString &codename)
{
    static const QHash<QString, QString> known{
        {QStringLiteral("buster"), QStringLiteral("10")},
        {QStringLiteral("bullseye"), QStringLiteral("11")},
        {QStringLiteral("bookworm"), QStringLiteral("12")},
        {QStringLiteral("trixie"), QStringLiteral("13")},
        {QStringLiteral("forky"), QStringLiteral("14")},
        {QStringLiteral("focal"), QStringLiteral("20.04")},
        {QStringLiteral("jammy"), QStringLiteral("22.04")},
        {QStringLiteral("noble"), QStringLiteral("24.04")},
    };
    return known.value(codename);
}

QString codenameOfVersion(const QString &id, const QString &version)
{
    static const QHash<QString, QString> debian{
        {QStringLiteral("10"), QStringLiteral("buster")},
        {QStringLiteral("11"), QStringLiteral("bullseye")},
        {QStringLiteral("12"), QStringLiteral("bookworm")},
        {QStringLiteral("13"), QStringLiteral("trixie")},
    };
    return id == u"debian" ? debian.value(version.section(u'.', 0, 0)) : QString();
}

} // namespace

Distro parseOsRelease(const QByteArray &data)
{
    Distro d;
    for (const QByteArray &raw : data.split('\n')) {
        const QString line = QString::fromUtf8(raw).trimmed();
        const qsizetype eq = line.indexOf(u'=');
        if (line.startsWith(u'#') || eq <= 0)
            continue;
        const QString key = line.left(eq);
        const QString value = unquote(line.mid(eq + 1));
        if (key == u"ID")
            d.id = value.toLower();
        else if (key == u"VERSION_ID")
            d.versionId = value;
        else if (key == u"VERSION_CODENAME")
            d.codename = value;
    }
    return d;
}

bool isRpmDistro(const QString &id)
{
    static const QStringList ids{
        QStringLiteral("rhel"),  QStringLiteral("fedora"),    QStringLiteral("centos"),
        QStringLiteral("rocky"), QStringLiteral("almalinux"), QStringLiteral("amzn"),
        QStringLiteral("ol"),    QStringLiteral("sles"),      QStringLiteral("opensuse")};
    return ids.contains(id) || id.startsWith(u"opensuse-");
}

Distro distroOfPackageUrl(const PackageUrl &purl)
{
    Distro d;
    const QString distro = purl.qualifiers.value(QStringLiteral("distro")).toLower();
    if (!distro.isEmpty()) {
        // The version starts at the first dash before a digit: "opensuse-leap-15.5", "rhel-9.4";
        // without one, the first dash ("debian-bookworm").
        static const QRegularExpression versionDash(QStringLiteral("-(?=[0-9])"));
        const qsizetype numbered = distro.indexOf(versionDash);
        const qsizetype dash = numbered > 0 ? numbered : distro.indexOf(u'-');
        d.id = dash > 0 ? distro.left(dash) : distro;
        const QString rest = dash > 0 ? distro.mid(dash + 1) : QString();
        if (!rest.isEmpty() && rest.front().isDigit())
            d.versionId = rest;
        else if (!rest.isEmpty())
            d.codename = rest; // "debian-bookworm"
    }
    if (d.id.isEmpty())
        d.id = purl.qualifiers.value(QStringLiteral("os_name")).toLower();
    if (d.versionId.isEmpty())
        d.versionId = purl.qualifiers.value(QStringLiteral("os_version"));
    if (d.codename.isEmpty())
        d.codename = purl.qualifiers.value(QStringLiteral("os_distro")).toLower();
    if (d.id.isEmpty() && (purl.type == u"deb" || purl.type == u"apk" || purl.type == u"rpm"))
        d.id = purl.namespace_.toLower();
    if (d.id.isEmpty())
        return {};
    if (d.versionId.isEmpty() && !d.codename.isEmpty())
        d.versionId = versionOfCodename(d.codename);
    if (d.codename.isEmpty())
        d.codename = codenameOfVersion(d.id, d.versionId);
    return d;
}

} // namespace RebuildRadar
