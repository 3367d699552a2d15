#pragma once

// OSV's batch query (POST /v1/querybatch, https://google.github.io/osv.dev/post-v1-querybatch/) for
// Debian images (issue 21): the request body, the answer, and the fixes an upgrade brings (the
// vulnerabilities OSV lists for the old version and not for the new). No I/O.

#include "packages/PackageAnalysis.h"

#include <QByteArray>
#include <QList>
#include <QString>
#include <QStringList>

#include <optional>

namespace RebuildRadar {

// OSV takes at most this many queries in one batch (a larger one is refused with 400).
inline constexpr qsizetype kOsvMaxQueriesPerBatch = 1000;

struct OsvQuery
{
    QString ecosystem; // "Debian:12"
    QString name;      // the source package
    QString version;
    QString pageToken; // set when asking for the next page of an earlier answer

    // Identifies the question (not the page), for the cache and for deduplication.
    QString key() const { return ecosystem + QLatin1Char('|') + name + QLatin1Char('|') + version; }
};

struct OsvResult
{
    QStringList ids;       // the vulnerabilities affecting the queried version, as OSV names them
    QString nextPageToken; // set when OSV has more for this query
};

// The OSV ecosystem of a Debian release ("Debian:12" for VERSION_ID 12 or 12.5); nothing for
// another distribution or a release without a version number (testing, sid).
std::optional<QString> osvEcosystem(const Distro &distro);

QByteArray osvBatchRequest(const QList<OsvQuery> &queries);

// One result per query, in the queries' order; nothing when the answer is not a querybatch answer
// for `expected` queries.
std::optional<QList<OsvResult>> parseOsvBatchResponse(const QByteArray &json, qsizetype expected);

// One upgrade OSV is asked about: the source package and its old and new versions.
struct OsvUpgrade
{
    QString sourcePackage;
    QString from;
    QString to;
    friend bool operator==(const OsvUpgrade &, const OsvUpgrade &) = default;
};

// The upgrades of `diff`, by source package (binaries of one source moving together count once).
QList<OsvUpgrade> osvUpgrades(const PackageDiff &diff);

} // namespace RebuildRadar
