#pragma once

// Alpine-style security databases (issue 21): Alpine's secdb (secdb.alpinelinux.org/vX.Y/main.json,
// community.json), Wolfi's and Chainguard's security.json. Reads the document into the fixes each
// package version brought, and finds the fixes a package diff's upgrades bring. No I/O.
//
// The format: {"packages": [{"pkg": {"name": N, "secfixes": {VERSION: [ENTRY, …]}}}]}. N is the
// origin (source) package the fix was published under: APKBUILDs and melange files carry secfixes. An ENTRY
// names one vulnerability, sometimes followed by its aliases or a remark
// ("CVE-2018-7540 XSA-252"); the first word is its id. VERSION "0" lists vulnerabilities the
// package was never affected by (Alpine's and Wolfi's "not affected" convention): never a fix.

#include "packages/PackageAnalysis.h"

#include <QByteArray>
#include <QHash>
#include <QList>
#include <QString>
#include <QStringList>

#include <optional>

namespace RebuildRadar {

struct SecfixVersion
{
    QString version; // the apk version that fixed `ids`
    QStringList ids; // CVE-…, GHSA-…, XSA-…, CGA-…
};

// Package name → the versions that fixed something, in the document's order.
using Secdb = QHash<QString, QList<SecfixVersion>>;

// Nothing when the document is not JSON or has no "packages" array; malformed entries inside are
// skipped (one bad package does not hide the others).
std::optional<Secdb> parseSecdb(const QByteArray &json);

// The fixes brought by the upgrades in `diff`: each id whose fix version v has old < v <= new by
// apk's rules, looked up under the package's origin (source) package, as Alpine, Wolfi and
// Chainguard file them (the name itself when there is no origin). Reported under the origin, once
// per (id, package), sorted by package then id.
QList<SecurityFix> secdbFixes(const Secdb &db, const PackageDiff &diff);

} // namespace RebuildRadar
