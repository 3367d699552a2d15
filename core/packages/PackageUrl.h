#pragma once

// Package URLs (purl, github.com/package-url/purl-spec): how SBOMs name a package, its version and
// its distribution, e.g. `pkg:deb/debian/libc6@2.36-9+deb12u7?arch=amd64&distro=debian-12`.

#include "common/Result.h"

#include <QMap>
#include <QString>
#include <QStringView>

namespace RebuildRadar {

struct PackageUrl
{
    QString type;       // lowercased: "deb", "apk", "pypi", …
    QString namespace_; // "debian", "alpine"; may be empty
    QString name;
    QString version;                   // may be empty
    QMap<QString, QString> qualifiers; // keys lowercased, values percent-decoded
    QString subpath;
};

// Splits and percent-decodes a purl; refuses text that is not `pkg:type/…name`.
Result<PackageUrl> parsePackageUrl(QStringView text);

} // namespace RebuildRadar
