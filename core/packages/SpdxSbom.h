#pragma once

// Reads the packages of an SPDX 2.x JSON SBOM, as BuildKit (`--sbom`) and docker scout attach them to
// images: the bare document, the in-toto statement whose predicate it is, or the DSSE envelope that
// carries that statement.

#include "common/Result.h"
#include "packages/InstalledPackage.h"
#include "packages/PackageAnalysis.h"

#include <QByteArray>

namespace RebuildRadar {

// Packages are those with a purl external reference (entries without one, such as a root package
// describing the scanned directory, are left out). Name, version and source come from the purl —
// `upstream=` or `origin=`, without any "@version" the generator appended — falling back to the
// SPDX `name` and `versionInfo`. Ecosystem from the purl type (deb, apk) or its distro qualifier.
// Fails on text that is not JSON or a JSON document that is none of the three shapes.
Result<PackageSet> parseSpdxSbom(const QByteArray &data);
// The same packages and the distribution the OS packages' purls name (the most common one).
Result<ImagePackages> parseSpdxSbomImage(const QByteArray &data);

} // namespace RebuildRadar
