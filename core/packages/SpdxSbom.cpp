// SPDX 2.3 JSON (spdx.github.io/spdx-spec/v2.3): `packages[]` with `name`, `versionInfo` and
// `externalRefs[]` ({referenceCategory, referenceType, referenceLocator}). Syft, which BuildKit and
// docker scout run, writes one `purl` reference per OS package. The wrappers: an in-toto Statement
// (github.com/in-toto/attestation, `predicate` holds the document) and a DSSE envelope
// (github.com/secure-systems-lab/dsse, base64 `payload` holds the statement).
#include "packages/SpdxSbom.h"

#include "packages/Distro.h"
#include "packages/PackageUrl.h"
#include "packages/RpmDatabase.h"

#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>

namespace RebuildRadar {

namespace {

Ecosystem ecosystemOf(const PackageUrl &purl)
{
    if (purl.type == u"deb")
        return Ecosystem::Debian;
    if (purl.type == u"apk")
        return Ecosystem::Alpine;
    if (purl.type == u"rpm")
        return Ecosystem::Rpm;
    // Other types say nothing about OS version rules unless the distro qualifier does
    // ("debian-12", "ubuntu-22.04", "alpine-3.19.1"; os_distro carries a codename only).
    const QString distro = purl.qualifiers.value(QStringLiteral("distro")).toLower();
    if (distro.startsWith(u"debian") || distro.startsWith(u"ubuntu"))
        return Ecosystem::Debian;
    if (distro.startsWith(u"alpine"))
        return Ecosystem::Alpine;
    if (isRpmDistro(distroOfPackageUrl(purl).id))
        return Ecosystem::Rpm;
    return Ecosystem::Unknown;
}

// Syft writes `upstream=gcc-12%4012.2.0-14` when the source version differs from the binary's.
QString sourceOf(const PackageUrl &purl)
{
    QString source = purl.qualifiers.value(QStringLiteral("upstream"));
    if (source.isEmpty())
        source = purl.qualifiers.value(QStringLiteral("origin"));
    const qsizetype at = source.indexOf(u'@');
    if (at >= 0)
        source.truncate(at);
    // Syft names an rpm's source by its file, `upstream=bash-5.1.8-6.el9.src.rpm`.
    if (purl.type == u"rpm")
        return rpmSourcePackageName(source.trimmed());
    return source.trimmed();
}

std::optional<PackageUrl> purlOf(const QJsonObject &package)
{
    const QJsonArray refs = package.value(QLatin1String("externalRefs")).toArray();
    for (const QJsonValue &ref : refs) {
        const QJsonObject o = ref.toObject();
        if (o.value(QLatin1String("referenceType")).toString().compare(u"purl", Qt::CaseInsensitive) != 0)
            continue;
        auto purl = parsePackageUrl(o.value(QLatin1String("referenceLocator")).toString());
        if (purl)
            return std::move(purl).value();
    }
    return std::nullopt;
}

Result<PackageSet> packagesOf(const QJsonObject &document, Distro *distro = nullptr)
{
    QMap<QString, int> distroVotes; // "id|version|codename" → packages naming it
    QMap<QString, Distro> distros;
    if (!document.value(QLatin1String("packages")).isArray() &&
        !document.value(QLatin1String("spdxVersion")).isString())
        return makeError(ErrorCode::InvalidInput, QStringLiteral("not an SPDX document"));
    PackageSet out;
    const QJsonArray packages = document.value(QLatin1String("packages")).toArray();
    for (const QJsonValue &value : packages) {
        const QJsonObject package = value.toObject();
        const std::optional<PackageUrl> purl = purlOf(package);
        if (!purl)
            continue;
        InstalledPackage p;
        p.name = purl->name;
        if (p.name.isEmpty())
            p.name = package.value(QLatin1String("name")).toString();
        p.version = purl->version;
        if (p.version.isEmpty())
            p.version = package.value(QLatin1String("versionInfo")).toString();
        p.sourcePackage = sourceOf(*purl);
        if (p.sourcePackage.isEmpty())
            p.sourcePackage = p.name;
        p.ecosystem = ecosystemOf(*purl);
        if (p.name.isEmpty() || p.version.isEmpty())
            continue;
        // One name, two ecosystems (a deb and a pypi package of the same name): the OS package is the
        // one whose versions can be ordered, and the one the diff is about.
        if (distro && p.ecosystem != Ecosystem::Unknown) {
            const Distro d = distroOfPackageUrl(*purl);
            if (d.isKnown()) {
                const QString key = d.id + u'|' + d.versionId + u'|' + d.codename;
                ++distroVotes[key];
                distros.insert(key, d);
            }
        }
        const auto existing = out.constFind(p.name);
        if (existing == out.constEnd() || existing->ecosystem == Ecosystem::Unknown)
            out.insert(p.name, p);
    }
    if (distro) {
        int best = 0;
        for (auto it = distroVotes.begin(); it != distroVotes.end(); ++it) {
            if (it.value() > best)
                best = it.value(), *distro = distros.value(it.key());
        }
    }
    return out;
}

// The document, or the statement around it, or the envelope around that; `depth` stops an envelope
// whose payload is an envelope again from recursing without end.
Result<PackageSet> parseObject(const QJsonObject &object, int depth, Distro *distro)
{
    if (depth > 2)
        return makeError(ErrorCode::InvalidInput, QStringLiteral("SBOM wrapped too deeply"));
    if (object.contains(QLatin1String("payload"))) {
        const QByteArray payload =
            QByteArray::fromBase64(object.value(QLatin1String("payload")).toString().toLatin1());
        const QJsonDocument inner = QJsonDocument::fromJson(payload);
        if (!inner.isObject())
            return makeError(ErrorCode::InvalidInput, QStringLiteral("DSSE payload is not a JSON object"));
        return parseObject(inner.object(), depth + 1, distro);
    }
    if (object.contains(QLatin1String("predicate"))) {
        const QString predicateType = object.value(QLatin1String("predicateType")).toString();
        // Provenance and other predicates share the statement shape; only SPDX ones hold packages.
        if (!predicateType.isEmpty() && !predicateType.contains(u"spdx", Qt::CaseInsensitive))
            return makeError(ErrorCode::InvalidInput,
                             QStringLiteral("in-toto predicate is not SPDX: ") + predicateType);
        return packagesOf(object.value(QLatin1String("predicate")).toObject(), distro);
    }
    return packagesOf(object, distro);
}

} // namespace

Result<PackageSet> parseSpdxSbom(const QByteArray &data)
{
    QJsonParseError error;
    const QJsonDocument doc = QJsonDocument::fromJson(data, &error);
    if (!doc.isObject())
        return makeError(ErrorCode::InvalidInput,
                         QStringLiteral("SBOM is not a JSON object: ") + error.errorString());
    return parseObject(doc.object(), 0, nullptr);
}

Result<ImagePackages> parseSpdxSbomImage(const QByteArray &data)
{
    QJsonParseError error;
    const QJsonDocument doc = QJsonDocument::fromJson(data, &error);
    if (!doc.isObject())
        return makeError(ErrorCode::InvalidInput,
                         QStringLiteral("SBOM is not a JSON object: ") + error.errorString());
    ImagePackages image;
    auto packages = parseObject(doc.object(), 0, &image.distro);
    if (!packages)
        return packages.error();
    image.packages = std::move(packages).value();
    return image;
}

} // namespace RebuildRadar
