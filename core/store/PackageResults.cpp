// The rebuild_packages table: claims, results and failures, each decided inside its transaction.
#include "store/PackageResults.h"

#include "packages/PackageDiffJson.h"
#include "store/Database.h"
#include "store/StoreSql.h"

#include <QHash>
#include <QSet>

namespace RebuildRadar {

using namespace StoreSql;

namespace {
const QString kClaimed = QStringLiteral("claimed");
const QString kDone = QStringLiteral("done");
const QString kUnavailable = QStringLiteral("unavailable"); // for good
const QString kFailed = QStringLiteral("failed");           // for now
} // namespace

PackageResults::PackageResults(Database &database, std::function<qint64()> now)
    : m_db(database)
    , m_now(std::move(now))
{}

Result<QList<PackageWork>> PackageResults::claim(qint64 since, int limit)
{
    QList<PackageWork> claimed;
    const qint64 now = m_now();
    Status done = m_db.transaction([&]() -> Status {
        Query rebuilds(m_db.sql(),
                       QStringLiteral("SELECT r.id, r.tag_id, t.reference, r.from_digest, r.to_digest,"
                                      " r.platforms_changed, t.platforms FROM rebuilds r"
                                      " JOIN tags t ON t.id = r.tag_id WHERE r.detected_at >= ?"
                                      " ORDER BY r.detected_at DESC, r.id DESC"));
        if (auto ok = rebuilds.bind(since).exec(QStringLiteral("cannot read rebuilds to analyse")); !ok)
            return ok;
        Query existing(m_db.sql(), QStringLiteral("SELECT state, attempts, updated_at FROM rebuild_packages"
                                                  " WHERE rebuild_id = ? AND platform = ?"));
        Query mark(
            m_db.sql(),
            QStringLiteral("INSERT INTO rebuild_packages (rebuild_id, platform, state, attempts, updated_at)"
                           " VALUES (?, ?, 'claimed', 1, ?) ON CONFLICT (rebuild_id, platform) DO UPDATE"
                           " SET state = 'claimed', attempts = rebuild_packages.attempts + 1, updated_at = "
                           "excluded.updated_at"));
        QHash<qint64, QStringList> wantedOf;
        while (claimed.size() < limit && rebuilds.q().next()) {
            const QSqlQuery &r = rebuilds.q();
            const qint64 tagId = r.value(1).toLongLong();
            if (!wantedOf.contains(tagId)) {
                auto wanted = wantedPlatforms(tagId, r.value(6).toString());
                if (!wanted)
                    return wanted.error();
                wantedOf.insert(tagId, *wanted);
            }
            const QStringList tagPlatforms = wantedOf.value(tagId);
            for (const QString &platform : listFromJson(r.value(5).toString())) {
                if (claimed.size() >= limit)
                    break;
                if (!tagPlatforms.isEmpty() && !tagPlatforms.contains(platform))
                    continue;
                const qint64 rebuildId = r.value(0).toLongLong();
                if (auto ok =
                        existing.bind(rebuildId).bind(platform).exec(QStringLiteral("cannot read analyses"));
                    !ok)
                    return ok;
                if (existing.q().next()) {
                    const QString state = existing.q().value(0).toString();
                    const int attempts = existing.q().value(1).toInt();
                    const qint64 updatedAt = existing.q().value(2).toLongLong();
                    const bool due = (state == kClaimed && now - updatedAt >= kLeaseMs) ||
                                     (state == kFailed && now - updatedAt >= kRetryAfterMs);
                    if (!due || attempts >= kMaxAttempts)
                        continue;
                }
                if (auto ok =
                        mark.bind(rebuildId).bind(platform).bind(now).exec(QStringLiteral("cannot claim"));
                    !ok)
                    return ok;
                claimed.append({rebuildId, r.value(1).toLongLong(), r.value(2).toString(),
                                r.value(3).toString(), r.value(4).toString(), platform});
            }
        }
        return Ok{};
    });
    if (!done)
        return done.error();
    return claimed;
}

Status PackageResults::saveAnalysis(qint64 rebuildId, const PackageAnalysis &analysis)
{
    const QString record =
        QString::fromUtf8(QJsonDocument(packageAnalysisRecord(analysis)).toJson(QJsonDocument::Compact));
    return m_db.transaction([&]() -> Status {
        Query q(m_db.sql(),
                QStringLiteral("INSERT INTO rebuild_packages (rebuild_id, platform, state, record,"
                               " attempts, updated_at) VALUES (?, ?, 'done', ?, 1, ?)"
                               " ON CONFLICT (rebuild_id, platform) DO UPDATE SET state = 'done',"
                               " record = excluded.record, reason = NULL, updated_at = excluded.updated_at"
                               " WHERE rebuild_packages.state <> 'done'"));
        return q.bind(rebuildId)
            .bind(analysis.platform)
            .bind(record)
            .bind(m_now())
            .exec(QStringLiteral("cannot store the package analysis"));
    });
}

Status PackageResults::saveFailure(qint64 rebuildId, const QString &platform, const QString &reason,
                                   bool permanent)
{
    return m_db.transaction([&]() -> Status {
        Query q(m_db.sql(),
                QStringLiteral("INSERT INTO rebuild_packages (rebuild_id, platform, state, reason,"
                               " attempts, updated_at) VALUES (?, ?, ?, ?, 1, ?)"
                               " ON CONFLICT (rebuild_id, platform) DO UPDATE SET state = excluded.state,"
                               " reason = excluded.reason, updated_at = excluded.updated_at"
                               " WHERE rebuild_packages.state <> 'done'"));
        return q.bind(rebuildId)
            .bind(platform)
            .bind(permanent ? kUnavailable : kFailed)
            .bind(reason)
            .bind(m_now())
            .exec(QStringLiteral("cannot store why the packages were not analysed"));
    });
}

Result<bool> PackageResults::settled(qint64 rebuildId)
{
    Query rebuild(m_db.sql(), QStringLiteral("SELECT r.platforms_changed, t.platforms, t.id FROM rebuilds r"
                                             " JOIN tags t ON t.id = r.tag_id WHERE r.id = ?"));
    if (auto ok = rebuild.bind(rebuildId).exec(QStringLiteral("cannot read a rebuild")); !ok)
        return ok.error();
    if (!rebuild.q().next())
        return true;
    auto wantedByUsers = wantedPlatforms(rebuild.q().value(2).toLongLong(), rebuild.q().value(1).toString());
    if (!wantedByUsers)
        return wantedByUsers.error();
    const QStringList tagPlatforms = *wantedByUsers;
    QSet<QString> wanted;
    for (const QString &platform : listFromJson(rebuild.q().value(0).toString()))
        if (tagPlatforms.isEmpty() || tagPlatforms.contains(platform))
            wanted.insert(platform);
    Query answered(m_db.sql(), QStringLiteral("SELECT platform FROM rebuild_packages WHERE rebuild_id = ?"
                                              " AND state <> 'claimed'"));
    if (auto ok = answered.bind(rebuildId).exec(QStringLiteral("cannot read analyses")); !ok)
        return ok.error();
    while (answered.q().next())
        wanted.remove(answered.q().value(0).toString());
    return wanted.isEmpty();
}

Result<QStringList> PackageResults::wantedPlatforms(qint64 tagId, const QString &tagPlatforms)
{
    // What its users look at (comma-joined; empty: all), whichever program analyses: each user's own
    // platforms, or the tag's for a user who chose none (a row is kept for everyone who has read the
    // watchlist) and when nobody has a row. A platform nobody looks at any more is not analysed.
    Query users(m_db.sql(), QStringLiteral("SELECT platforms FROM user_tags WHERE tag_id = ?"));
    if (auto ok = users.bind(tagId).exec(QStringLiteral("cannot read platforms")); !ok)
        return ok.error();
    QStringList chosen;
    bool all = false; // someone looks at all of them
    const auto lookedAt = [&](const QString &platforms) {
        const QStringList theirs = platforms.split(u',', Qt::SkipEmptyParts);
        all = all || theirs.isEmpty();
        for (const QString &p : theirs) {
            if (!chosen.contains(p))
                chosen.append(p);
        }
    };
    bool anyUser = false;
    bool tagsOwn = false;
    while (users.q().next()) {
        anyUser = true;
        if (users.q().value(0).isNull())
            tagsOwn = true;
        else
            lookedAt(users.q().value(0).toString());
    }
    if (!anyUser || tagsOwn)
        lookedAt(tagPlatforms);
    return all ? QStringList() : chosen;
}

Status PackageResults::load(QList<Rebuild> &rebuilds)
{
    if (rebuilds.isEmpty())
        return Ok{};
    QHash<qint64, qsizetype> index;
    qint64 first = rebuilds.first().id;
    qint64 last = first;
    for (qsizetype i = 0; i < rebuilds.size(); ++i) {
        index.insert(rebuilds[i].id, i);
        first = std::min(first, rebuilds[i].id);
        last = std::max(last, rebuilds[i].id);
    }
    Query q(m_db.sql(), QStringLiteral("SELECT rebuild_id, platform, state, record, reason, attempts"
                                       " FROM rebuild_packages WHERE rebuild_id BETWEEN ? AND ?"));
    if (auto ok = q.bind(first).bind(last).exec(QStringLiteral("cannot read package analyses")); !ok)
        return ok;
    while (q.q().next()) {
        const auto at = index.constFind(q.q().value(0).toLongLong());
        if (at == index.constEnd())
            continue;
        Rebuild &rebuild = rebuilds[*at];
        const QString platform = q.q().value(1).toString();
        const QString state = q.q().value(2).toString();
        if (state == kDone) {
            auto analysis = packageAnalysisFromRecord(
                QJsonDocument::fromJson(q.q().value(3).toString().toUtf8()).object());
            if (analysis) {
                analysis->platform = platform;
                rebuild.packages.insert(platform, *analysis);
            }
        } else if (state == kUnavailable || (state == kFailed && q.q().value(5).toInt() >= kMaxAttempts)) {
            rebuild.packagesUnavailable.insert(platform, q.q().value(4).toString());
        }
    }
    return Ok{};
}

} // namespace RebuildRadar
