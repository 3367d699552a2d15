// The history's reads and the watchlist's small writes: watches added and removed, the watchlist and
// the rows around tags, one tag, its spans and history, the platform details of its current digest,
// mute and acknowledge. Recording checks lives in HistoryRecording.cpp; imports (families, backfills,
// push times) in HistoryImports.cpp.

#include "store/HistoryStore.h"

#include "store/Database.h"
#include "store/PackageResults.h"
#include "store/StoreSql.h"

namespace RebuildRadar {

using namespace StoreSql;

HistoryStore::HistoryStore(Database &database, const std::function<qint64()> &now, const QString &user)
    : m_db(database)
    , m_now(now)
    , m_user(user.isEmpty() ? Database::userName() : user)
{}

Status HistoryStore::addWatches(const QList<WatchRequest> &requests)
{
    return m_db.transaction([&]() -> Status {
        for (const WatchRequest &request : requests) {
            const ImageReference &ref = request.reference;
            if (!ref.hasTag())
                return makeError(ErrorCode::InvalidInput,
                                 QStringLiteral("%1 names a digest only; a digest never changes, watch a tag")
                                     .arg(ref.familiar()));
            const QString key = ref.tagReference();
            Query find(m_db.sql(), QStringLiteral("SELECT id FROM tags WHERE reference = ?"));
            if (auto ok = find.bind(key).exec(QStringLiteral("cannot read the watchlist")); !ok)
                return ok;
            const QVariant platforms =
                request.platforms ? nullable(request.platforms->join(u',')) : QVariant();
            if (find.q().next()) {
                const qint64 id = find.q().value(0).toLongLong();
                if (request.keepExisting) {
                    Query rewatch(m_db.sql(),
                                  QStringLiteral("UPDATE tags SET watched = 1 WHERE id = ? AND watched = 0"));
                    if (auto ok =
                            rewatch.bind(id).exec(QStringLiteral("cannot update %1").arg(ref.familiar()));
                        !ok)
                        return ok;
                    continue;
                }
                Query update(m_db.sql(), QStringLiteral("UPDATE tags SET watched = 1,"
                                                        " interval_seconds = COALESCE(?, interval_seconds),"
                                                        " pinned_digest = COALESCE(?, pinned_digest),"
                                                        " family_id = COALESCE(?, family_id) WHERE id = ?"));
                update.bind(nullable(request.intervalSeconds))
                    .bind(nullable(ref.digest()))
                    .bind(request.familyId ? QVariant(request.familyId)
                                           : QVariant(QMetaType::fromType<qint64>()))
                    .bind(id);
                if (auto ok = update.exec(QStringLiteral("cannot update %1").arg(ref.familiar())); !ok)
                    return ok;
                // platforms chosen for a tag someone already watches are this user's own
                if (request.platforms) {
                    if (auto ok = setOwnPlatforms(id, *request.platforms); !ok)
                        return ok;
                }
                continue;
            }
            Query insert(
                m_db.sql(),
                QStringLiteral(
                    "INSERT INTO tags (reference, registry, repository, tag, interval_seconds, pinned_digest,"
                    " platforms, family_id, added_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)"));
            insert.bind(key)
                .bind(ref.registry())
                .bind(ref.repository())
                .bind(ref.tag())
                .bind(request.intervalSeconds.value_or(kDefaultIntervalSeconds))
                .bind(nullable(ref.digest()))
                .bind(platforms.isValid() ? platforms : QVariant(QMetaType::fromType<QString>()))
                .bind(request.familyId ? QVariant(request.familyId) : QVariant(QMetaType::fromType<qint64>()))
                .bind(m_now());
            if (auto ok = insert.exec(QStringLiteral("cannot add %1").arg(ref.familiar())); !ok)
                return ok;
        }
        return Ok{};
    });
}

Status HistoryStore::removeWatches(const QStringList &references)
{
    return m_db.transaction([&]() -> Status {
        for (const QString &reference : references) {
            Query update(m_db.sql(),
                         QStringLiteral("UPDATE tags SET watched = 0 WHERE reference = ? AND watched = 1"));
            if (auto ok = update.bind(reference).exec(QStringLiteral("cannot update the watchlist")); !ok)
                return ok;
            if (update.q().numRowsAffected() != 1)
                return makeError(ErrorCode::InvalidInput, QStringLiteral("%1 is not watched").arg(reference));
        }
        return Ok{};
    });
}

Result<QList<WatchedTag>> HistoryStore::watchlist(bool includeUnwatched, std::optional<qint64> rebuildsSince)
{
    return listTags(includeUnwatched ? QString() : QStringLiteral(" WHERE t.watched = 1"), rebuildsSince,
                    false);
}

Result<QList<WatchedTag>> HistoryStore::watchlistAround(const QList<qint64> &tagIds,
                                                        std::optional<qint64> rebuildsSince)
{
    QStringList ids;
    for (qint64 id : tagIds)
        ids.append(QString::number(id)); // numbers only: safe to write into the statement
    if (ids.isEmpty())
        return QList<WatchedTag>();
    // a row-value IN drives the scan from the repositories' index (EXISTS here scanned every tag)
    return listTags(QStringLiteral(" WHERE t.watched = 1 AND (t.registry, t.repository) IN"
                                   " (SELECT c.registry, c.repository FROM tags c WHERE c.id IN (%1))")
                        .arg(ids.join(u',')),
                    rebuildsSince, true);
}

Result<QList<WatchedTag>> HistoryStore::listTags(const QString &where, std::optional<qint64> rebuildsSince,
                                                 bool few)
{
    Query q(m_db.sql(),
            QStringLiteral("SELECT ") + kTagColumns + where + QStringLiteral(" ORDER BY t.reference"));
    if (auto ok = q.bind(m_user).exec(QStringLiteral("cannot read the watchlist")); !ok)
        return ok.error();
    QList<WatchedTag> tags;
    QHash<QString, QList<int>> byDigest; // registry/repository@digest → indexes
    while (q.q().next()) {
        tags.append(tagFromRow(q.q()));
        const WatchedTag &t = tags.last();
        if (!t.currentDigest.isEmpty() && t.watched)
            byDigest[t.registry + u'/' + t.repository + u'@' + t.currentDigest].append(int(tags.size() - 1));
    }
    for (const QList<int> &group : byDigest) {
        if (group.size() < 2)
            continue;
        for (int i : group) {
            for (int j : group) {
                if (i != j)
                    tags[i].aliases.append(tags[j].tag);
            }
        }
    }
    if (rebuildsSince && !tags.isEmpty()) {
        if (auto counted = countPeriod(tags, *rebuildsSince, few); !counted)
            return counted.error();
    }
    if (!tags.isEmpty()) {
        if (auto added = addBuildsAndAttention(tags, few); !added)
            return added.error();
    }
    return tags;
}

Status HistoryStore::addBuildsAndAttention(QList<WatchedTag> &tags, bool few)
{
    // Kept on the tag rows (the build) and the user's rows (the attention); one marked -1 (a write
    // changed the tag's digest or history, or the user's acknowledgements) or missing is worked out
    // now from its spans and rebuilds, and kept when this connection may write.
    QHash<qint64, int> index;
    QStringList ids;
    for (qsizetype i = 0; i < tags.size(); ++i) {
        index.insert(tags[i].id, int(i));
        ids.append(QString::number(tags[i].id)); // numbers only: safe to write into the statement
    }
    Query stored(m_db.sql(),
                 QStringLiteral("SELECT t.id, t.current_build, COALESCE(u.unacknowledged, -1) FROM tags t"
                                " LEFT JOIN user_tags u ON u.tag_id = t.id AND u.user_name = ?%1")
                     .arg(few ? QStringLiteral(" WHERE t.id IN (%1)").arg(ids.join(u',')) : QString()));
    if (auto ok = stored.bind(m_user).exec(QStringLiteral("cannot read the watchlist")); !ok)
        return ok;
    QList<WatchedTag> stale;
    while (stored.q().next()) {
        const auto it = index.constFind(stored.q().value(0).toLongLong());
        if (it == index.constEnd())
            continue;
        WatchedTag &t = tags[*it];
        t.currentBuild = stored.q().value(1).toInt();
        t.unacknowledged = stored.q().value(2).toInt();
        if (t.currentBuild < 0 || t.unacknowledged < 0)
            stale.append(t);
    }
    for (qsizetype from = 0; from < stale.size(); from += 500) {
        QList<WatchedTag> batch = stale.mid(from, 500);
        auto workOut = [&]() -> Status {
            if (auto ok = workOutBuildsAndAttention(batch); !ok)
                return ok;
            // two statements for the whole batch (a round trip each on PostgreSQL), not two a tag
            QStringList builds;
            QStringList attention;
            for (qsizetype i = 0; i < batch.size(); ++i) {
                builds.append(QStringLiteral("(CAST(? AS BIGINT), CAST(? AS BIGINT))"));
                attention.append(QStringLiteral("(?, ?, ?)"));
            }
            Query keepBuilds(m_db.sql(),
                             QStringLiteral("WITH v(id, b) AS (VALUES %1) UPDATE tags"
                                            " SET current_build = v.b FROM v WHERE tags.id = v.id")
                                 .arg(builds.join(u',')));
            Query keepAttention(m_db.sql(),
                                QStringLiteral("INSERT INTO user_tags (user_name, tag_id, unacknowledged)"
                                               " VALUES %1 ON CONFLICT (user_name, tag_id) DO UPDATE"
                                               " SET unacknowledged = excluded.unacknowledged")
                                    .arg(attention.join(u',')));
            for (const WatchedTag &t : std::as_const(batch)) {
                keepBuilds.bind(t.id).bind(t.currentBuild);
                keepAttention.bind(m_user).bind(t.id).bind(t.unacknowledged);
            }
            if (auto ok = keepBuilds.exec(QStringLiteral("cannot keep the watchlist's numbers")); !ok)
                return ok;
            return keepAttention.exec(QStringLiteral("cannot keep the watchlist's numbers"));
        };
        // worked out and kept in one transaction, so no write of another program falls between; a few
        // rows (a history, rows around a check) are read inside others' transactions: worked out only.
        // Keeping them is a cache: where the file cannot be written now, reading still works.
        const bool kept = !m_db.isReadOnly() && !few && m_db.transaction(workOut).ok();
        if (!kept) {
            if (auto ok = workOutBuildsAndAttention(batch); !ok)
                return ok;
        }
        for (const WatchedTag &t : std::as_const(batch)) {
            tags[index.value(t.id)].currentBuild = t.currentBuild;
            tags[index.value(t.id)].unacknowledged = t.unacknowledged;
        }
    }
    return Ok{};
}

Status HistoryStore::workOutBuildsAndAttention(QList<WatchedTag> &tags)
{
    QHash<qint64, int> index;
    QStringList ids;
    for (qsizetype i = 0; i < tags.size(); ++i) {
        index.insert(tags[i].id, int(i));
        ids.append(QString::number(tags[i].id)); // numbers only: safe to write into the statement
        tags[i].currentBuild = 0;                // no span yet: no build
        tags[i].unacknowledged = 0;
    }
    const QString onlySpans = QStringLiteral(" WHERE tag_id IN (%1)").arg(ids.join(u','));
    // The current digest's number as history() counts: distinct digests by their first sighting.
    Query builds(
        m_db.sql(),
        QStringLiteral("WITH firsts AS (SELECT tag_id, digest, MIN(first_seen) AS f, MIN(id) AS i"
                       " FROM spans%1 GROUP BY tag_id, digest)"
                       " SELECT c.tag_id, COUNT(*) FROM firsts c"
                       " JOIN tags t ON t.id = c.tag_id AND t.current_digest = c.digest"
                       " JOIN firsts o ON o.tag_id = c.tag_id AND (o.f < c.f OR (o.f = c.f AND o.i <= c.i))"
                       " GROUP BY c.tag_id")
            .arg(onlySpans));
    if (auto ok = builds.exec(QStringLiteral("cannot number builds")); !ok)
        return ok;
    while (builds.q().next()) {
        if (const auto it = index.constFind(builds.q().value(0).toLongLong()); it != index.constEnd())
            tags[*it].currentBuild = builds.q().value(1).toInt();
    }
    // Rebuilds after the last one the user acknowledged, recorded by checking: an imported past (a
    // backfill) is dated before the tag's first checked sighting and asks for no attention.
    Query attention(
        m_db.sql(),
        QStringLiteral("SELECT r.tag_id, COUNT(*) FROM rebuilds r WHERE r.tag_id IN (%1)"
                       " AND r.id > COALESCE((SELECT MAX(a.rebuild_id) FROM user_acknowledgements a"
                       "  WHERE a.user_name = ? AND a.tag_id = r.tag_id), 0)"
                       " AND r.detected_at > (SELECT MIN(s.first_seen) FROM spans s"
                       "  WHERE s.tag_id = r.tag_id AND s.source = 'poll')"
                       " GROUP BY r.tag_id")
            .arg(ids.join(u',')));
    if (auto ok = attention.bind(m_user).exec(QStringLiteral("cannot read acknowledgements")); !ok)
        return ok;
    while (attention.q().next()) {
        if (const auto it = index.constFind(attention.q().value(0).toLongLong()); it != index.constEnd())
            tags[*it].unacknowledged = attention.q().value(1).toInt();
    }
    return Ok{};
}

Status HistoryStore::countPeriod(QList<WatchedTag> &tags, qint64 since, bool few)
{
    // A few tags: each one's range of the (tag, time) index. A whole watchlist: one range of the time
    // index, the period's rebuilds of every tag, read in order from the file.
    QString sql =
        QStringLiteral("SELECT r.tag_id, COUNT(*), SUM(CASE WHEN r.version_move = 0 THEN 1 ELSE 0 END)"
                       " FROM rebuilds r WHERE r.detected_at >= ?");
    QHash<qint64, int> index;
    QStringList ids;
    for (qsizetype i = 0; i < tags.size(); ++i) {
        index.insert(tags[i].id, int(i));
        if (few)
            ids.append(QString::number(tags[i].id)); // numbers only: safe to write into the statement
        tags[i].rebuildsInPeriod = 0;
        tags[i].silentInPeriod = 0;
    }
    // Grouping by +tag_id (an expression, not the column) keeps the planner from walking the whole
    // (tag, time) index for its order instead of the period's range.
    sql += few ? QStringLiteral(" AND r.tag_id IN (%1) GROUP BY r.tag_id").arg(ids.join(u','))
               : QStringLiteral(" GROUP BY ") + m_db.unindexed(QStringLiteral("r.tag_id"));
    Query q(m_db.sql(), sql);
    if (auto ok = q.bind(since).exec(QStringLiteral("cannot count rebuilds")); !ok)
        return ok;
    while (q.q().next()) {
        const auto it = index.constFind(q.q().value(0).toLongLong());
        if (it == index.constEnd())
            continue;
        tags[*it].rebuildsInPeriod = q.q().value(1).toInt();
        tags[*it].silentInPeriod = q.q().value(2).toInt();
    }
    return Ok{};
}

Result<std::optional<WatchedTag>> HistoryStore::tag(const QString &reference)
{
    Query q(m_db.sql(), QStringLiteral("SELECT ") + kTagColumns + QStringLiteral(" WHERE t.reference = ?"));
    if (auto ok = q.bind(m_user).bind(reference).exec(QStringLiteral("cannot read the history")); !ok)
        return ok.error();
    if (!q.q().next())
        return std::optional<WatchedTag>();
    return std::optional<WatchedTag>(tagFromRow(q.q()));
}

Result<std::optional<WatchedTag>> HistoryStore::tagById(qint64 id)
{
    Query q(m_db.sql(), QStringLiteral("SELECT ") + kTagColumns + QStringLiteral(" WHERE t.id = ?"));
    if (auto ok = q.bind(m_user).bind(id).exec(QStringLiteral("cannot read the history")); !ok)
        return ok.error();
    if (!q.q().next())
        return std::optional<WatchedTag>();
    return std::optional<WatchedTag>(tagFromRow(q.q()));
}

Result<Snapshot> HistoryStore::snapshotOfSpan(qint64 spanId)
{
    Snapshot s;
    Query span(m_db.sql(), QStringLiteral("SELECT digest, media_type, annotations FROM spans WHERE id = ?"));
    if (auto ok = span.bind(spanId).exec(QStringLiteral("cannot read a span")); !ok)
        return ok.error();
    if (span.q().next()) {
        s.digest = span.q().value(0).toString();
        s.mediaType = span.q().value(1).toString();
        s.annotations = mapFromJson(span.q().value(2).toString());
    }
    Query platforms(
        m_db.sql(),
        QStringLiteral("SELECT platform, digest, annotations FROM span_platforms WHERE span_id = ?"));
    if (auto ok = platforms.bind(spanId).exec(QStringLiteral("cannot read a span")); !ok)
        return ok.error();
    while (platforms.q().next())
        s.platforms.insert(
            platforms.q().value(0).toString(),
            PlatformImage{platforms.q().value(1).toString(), mapFromJson(platforms.q().value(2).toString())});
    return s;
}

Result<QMap<QString, PlatformImage>> HistoryStore::knownManifests(qint64 tagId)
{
    Query q(m_db.sql(), QStringLiteral("SELECT current_span_id FROM tags WHERE id = ?"));
    if (auto ok = q.bind(tagId).exec(QStringLiteral("cannot read a tag")); !ok)
        return ok.error();
    QMap<QString, PlatformImage> known;
    if (!q.q().next() || q.q().value(0).isNull())
        return known;
    auto snapshot = snapshotOfSpan(q.q().value(0).toLongLong());
    if (!snapshot)
        return snapshot.error();
    for (const PlatformImage &p : snapshot->platforms)
        known.insert(p.digest, p);
    return known;
}

Result<QList<Span>> HistoryStore::spans(qint64 tagId, std::optional<qint64> since,
                                        std::optional<qint64> until)
{
    // A span lasts until the next one begins, whatever its last poll said: read the spans that began
    // in the period and the one that began last before it (it may still have been current), then keep
    // those still current at its start.
    Query q(m_db.sql(),
            QStringLiteral(
                "SELECT s.id, s.digest, s.media_type, s.first_seen,"
                " CASE WHEN s.id = t.current_span_id AND t.current_seen > s.last_seen"
                " THEN t.current_seen ELSE s.last_seen END, s.built_at, s.source, s.annotations, s.pushed_at"
                " FROM spans s JOIN tags t ON t.id = s.tag_id"
                " WHERE s.tag_id = ? AND s.first_seen <= ? AND s.first_seen >= COALESCE("
                "(SELECT MAX(b.first_seen) FROM spans b WHERE b.tag_id = ? AND b.first_seen <= ?), ?)"
                " ORDER BY s.first_seen, s.id"));
    const qint64 from = since.value_or(std::numeric_limits<qint64>::min());
    q.bind(tagId).bind(until.value_or(std::numeric_limits<qint64>::max())).bind(tagId).bind(from).bind(from);
    if (auto ok = q.exec(QStringLiteral("cannot read spans")); !ok)
        return ok.error();
    QList<Span> all;
    while (q.q().next()) {
        Span s;
        s.id = q.q().value(0).toLongLong();
        s.digest = q.q().value(1).toString();
        s.mediaType = q.q().value(2).toString();
        s.firstSeen = q.q().value(3).toLongLong();
        s.lastSeen = q.q().value(4).toLongLong();
        if (!q.q().value(5).isNull())
            s.builtAt = q.q().value(5).toLongLong();
        s.source = q.q().value(6).toString();
        s.annotations = mapFromJson(q.q().value(7).toString());
        if (!q.q().value(8).isNull())
            s.pushedAt = q.q().value(8).toLongLong();
        all.append(s);
    }
    QList<Span> out;
    QHash<qint64, int> index;
    for (qsizetype i = 0; i < all.size(); ++i) {
        const qint64 end = i + 1 < all.size() ? std::max(all[i].lastSeen, all[i + 1].firstSeen)
                                              : std::numeric_limits<qint64>::max();
        if (since && end < *since)
            continue;
        index.insert(all[i].id, int(out.size()));
        out.append(all[i]);
    }
    if (out.isEmpty())
        return out;
    Query p(m_db.sql(),
            QStringLiteral(
                "SELECT p.span_id, p.platform, p.digest, p.annotations, p.pushed_at FROM span_platforms p"
                " JOIN spans s ON s.id = p.span_id WHERE s.tag_id = ? AND s.first_seen >= ?"
                " AND s.first_seen <= ?"));
    p.bind(tagId).bind(out.first().firstSeen).bind(until.value_or(std::numeric_limits<qint64>::max()));
    if (auto ok = p.exec(QStringLiteral("cannot read platforms")); !ok)
        return ok.error();
    while (p.q().next()) {
        const auto it = index.find(p.q().value(0).toLongLong());
        if (it == index.end())
            continue;
        PlatformImage image{p.q().value(2).toString(), mapFromJson(p.q().value(3).toString()), std::nullopt};
        if (!p.q().value(4).isNull())
            image.pushedAt = p.q().value(4).toLongLong();
        out[*it].platforms.insert(p.q().value(1).toString(), image);
    }
    return out;
}

Result<TagHistory> HistoryStore::history(qint64 tagId, std::optional<qint64> since,
                                         std::optional<qint64> until)
{
    auto tag = tagById(tagId);
    if (!tag)
        return tag.error();
    if (!tag->has_value())
        return makeError(ErrorCode::InvalidInput, QStringLiteral("no tag with id %1").arg(tagId));
    TagHistory h;
    h.tag = **tag;
    QList<WatchedTag> one{h.tag};
    if (auto added = addBuildsAndAttention(one, true); !added)
        return added.error();
    h.tag = one.first();
    auto s = spans(tagId, since, until);
    if (!s)
        return s.error();
    h.spans = *s;
    // Build numbers come from every span of the tag, whatever period was asked for.
    Query builds(m_db.sql(), QStringLiteral("SELECT digest FROM spans WHERE tag_id = ? GROUP BY digest"
                                            " ORDER BY MIN(first_seen), MIN(id)"));
    if (auto ok = builds.bind(tagId).exec(QStringLiteral("cannot read spans")); !ok)
        return ok.error();
    QHash<QString, int> buildOf;
    while (builds.q().next())
        buildOf.insert(builds.q().value(0).toString(), int(buildOf.size()) + 1);
    for (Span &span : h.spans)
        span.build = buildOf.value(span.digest);
    Query q(m_db.sql(), QStringLiteral("SELECT ") + kRebuildColumns +
                            QStringLiteral(" WHERE r.tag_id = ? AND r.detected_at >= ? AND r.detected_at <= ?"
                                           " ORDER BY r.detected_at, r.id"));
    q.bind(m_user)
        .bind(tagId)
        .bind(since.value_or(std::numeric_limits<qint64>::min()))
        .bind(until.value_or(std::numeric_limits<qint64>::max()));
    if (auto ok = q.exec(QStringLiteral("cannot read rebuilds")); !ok)
        return ok.error();
    while (q.q().next())
        h.rebuilds.append(rebuildFromRow(q.q()));
    if (auto ok = PackageResults(m_db, m_now).load(h.rebuilds); !ok)
        return ok.error();
    // Aliases: the repository's other watched tags on the same digest now.
    Query aliases(m_db.sql(),
                  QStringLiteral("SELECT o.tag FROM tags t"
                                 " JOIN tags o ON o.registry = t.registry AND o.repository = t.repository"
                                 " AND o.id <> t.id AND o.watched = 1 AND o.current_digest = t.current_digest"
                                 " WHERE t.id = ? ORDER BY o.tag"));
    if (auto ok = aliases.bind(tagId).exec(QStringLiteral("cannot read aliases")); !ok)
        return ok.error();
    h.tag.aliases.clear();
    while (aliases.q().next())
        h.tag.aliases.append(aliases.q().value(0).toString());
    return h;
}

Result<QList<Rebuild>> HistoryStore::rebuildsAfter(qint64 afterId, int limit)
{
    Query q(m_db.sql(), QStringLiteral("SELECT ") + kRebuildColumns +
                            QStringLiteral(" WHERE r.id > ? ORDER BY r.id LIMIT ?"));
    if (auto ok = q.bind(m_user).bind(afterId).bind(limit).exec(QStringLiteral("cannot read rebuilds")); !ok)
        return ok.error();
    QList<Rebuild> out;
    while (q.q().next())
        out.append(rebuildFromRow(q.q()));
    if (auto ok = PackageResults(m_db, m_now).load(out); !ok)
        return ok.error();
    return out;
}

Status HistoryStore::setOwn(const char *column, qint64 tagId, const QVariant &value, const QString &what)
{
    // `column`: one of user_tags' own (a literal of this file, never input)
    Query own(m_db.sql(), QStringLiteral("INSERT INTO user_tags (user_name, tag_id, %1) VALUES (?, ?, ?)"
                                         " ON CONFLICT (user_name, tag_id) DO UPDATE SET %1 = excluded.%1")
                              .arg(QLatin1String(column)));
    return own.bind(m_user).bind(tagId).bind(value).exec(what);
}

Status HistoryStore::setOwnPlatforms(qint64 tagId, const QStringList &platforms)
{
    // '' (all platforms) differs from NULL (the tag's platforms, as it was watched)
    return setOwn("platforms", tagId, platforms.isEmpty() ? QStringLiteral("") : platforms.join(u','),
                  QStringLiteral("cannot keep your platforms"));
}

Status HistoryStore::forgetAttention(qint64 tagId)
{
    Query stale(m_db.sql(), QStringLiteral("UPDATE user_tags SET unacknowledged = -1 WHERE tag_id = ?"));
    return stale.bind(tagId).exec(QStringLiteral("cannot mark the watchlist's numbers"));
}

Status HistoryStore::setMuted(const QList<qint64> &tagIds, bool muted)
{
    return m_db.transaction([&]() -> Status {
        for (const qint64 id : tagIds) {
            if (auto ok = setOwn("muted", id, muted ? 1 : 0, QStringLiteral("cannot mute")); !ok)
                return ok;
        }
        return Ok{};
    });
}

Status HistoryStore::acknowledge(const QList<qint64> &rebuildIds)
{
    return m_db.transaction([&]() -> Status {
        Query q(m_db.sql(), QStringLiteral("INSERT INTO user_acknowledgements (user_name, tag_id, rebuild_id)"
                                           " SELECT ?, tag_id, id FROM rebuilds WHERE id = ?"
                                           " ON CONFLICT (user_name, rebuild_id) DO NOTHING"));
        Query stale(m_db.sql(), QStringLiteral("UPDATE user_tags SET unacknowledged = -1 WHERE user_name = ?"
                                               " AND tag_id = (SELECT tag_id FROM rebuilds WHERE id = ?)"));
        for (const qint64 id : rebuildIds) {
            if (auto ok = q.bind(m_user).bind(id).exec(QStringLiteral("cannot acknowledge")); !ok)
                return ok;
            if (auto ok = stale.bind(m_user).bind(id).exec(QStringLiteral("cannot acknowledge")); !ok)
                return ok;
        }
        return Ok{};
    });
}

Status HistoryStore::acknowledgeTag(qint64 tagId)
{
    return m_db.transaction([&]() -> Status {
        Query q(m_db.sql(), QStringLiteral("INSERT INTO user_acknowledgements (user_name, tag_id, rebuild_id)"
                                           " SELECT ?, tag_id, id FROM rebuilds WHERE tag_id = ?"
                                           " ON CONFLICT (user_name, rebuild_id) DO NOTHING"));
        if (auto ok = q.bind(m_user).bind(tagId).exec(QStringLiteral("cannot acknowledge")); !ok)
            return ok;
        Query stale(
            m_db.sql(),
            QStringLiteral("UPDATE user_tags SET unacknowledged = -1 WHERE user_name = ? AND tag_id = ?"));
        return stale.bind(m_user).bind(tagId).exec(QStringLiteral("cannot acknowledge"));
    });
}

} // namespace RebuildRadar
