#pragma once

// What changed inside each rebuild, as stored (schema 8): per rebuild and platform, the package
// analysis once done, or why it could not be done ("not analysed: over budget"). The rows are also
// claims, so any number of programs on one history analyse each rebuild once: a program claims the
// work inside a transaction, a claim whose program died expires after a lease, and an analysis that
// failed for a passing reason (network) is tried again later, a few times.

#include "common/Result.h"
#include "domain/History.h"

#include <QList>
#include <QString>

#include <functional>

namespace RebuildRadar {

class Database;

struct PackageWork
{
    qint64 rebuildId = 0;
    qint64 tagId = 0;
    QString reference; // the tag's canonical reference
    QString from;      // the tag's digests before and after
    QString to;
    QString platform;
    friend bool operator==(const PackageWork &, const PackageWork &) = default;
};

class PackageResults
{
public:
    static constexpr int kMaxAttempts = 3;
    static constexpr qint64 kLeaseMs = 15 * 60 * 1000;      // a claim's program is presumed dead after
    static constexpr qint64 kRetryAfterMs = 60 * 60 * 1000; // a passing failure is tried again after

    PackageResults(Database &database, std::function<qint64()> now);

    // Claims up to `limit` analyses of rebuilds detected from `since` on, newest first: each platform a
    // rebuild changed among the tag's platforms (all when none are set) that has no result, an expired
    // claim, or a passing failure due again. Decided and marked in one transaction.
    Result<QList<PackageWork>> claim(qint64 since, int limit);
    // The result of claimed work. A result already stored (another program's) is kept.
    Status saveAnalysis(qint64 rebuildId, const PackageAnalysis &analysis);
    // `permanent`: the reason will not pass (over budget, no package data); otherwise it is tried
    // again after kRetryAfterMs, up to kMaxAttempts in all.
    Status saveFailure(qint64 rebuildId, const QString &platform, const QString &reason, bool permanent);

    // Every platform of the rebuild that would be analysed has an answer (a result, or why not, for now
    // or for good): nothing more will come soon. A rebuild unknown here is settled.
    Result<bool> settled(qint64 rebuildId);

    // Fills Rebuild::packages and packagesUnavailable of these rebuilds from what is stored.
    Status load(QList<Rebuild> &rebuilds);

private:
    // Which platforms of a tag's rebuilds are analysed (empty: all).
    Result<QStringList> wantedPlatforms(qint64 tagId, const QString &tagPlatforms);
    Database &m_db;
    std::function<qint64()> m_now;
};

} // namespace RebuildRadar
