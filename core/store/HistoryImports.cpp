// What comes into the history from elsewhere than a check: tag families and the tags their listings
// add, registries' published tag histories (backfills) and push times.

#include "store/HistoryStore.h"

#include "store/Database.h"
#include "store/StoreSql.h"

namespace RebuildRadar {

using namespace StoreSql;

Status HistoryStore::setPushTimes(qint64 tagId, const QString &digest, const PushTimes &times)
{
    return m_db.transaction([&]() -> Status {
        // the newest span with that digest: a revert's earlier span keeps its own time
        Query span(m_db.sql(), QStringLiteral("SELECT MAX(id) FROM spans WHERE tag_id = ? AND digest = ?"));
        if (auto ok = span.bind(tagId).bind(digest).exec(QStringLiteral("cannot read spans")); !ok)
            return ok;
        if (!span.q().next() || span.q().value(0).isNull())
            return Ok{};
        const qint64 spanId = span.q().value(0).toLongLong();
        if (times.pushedAt) {
            Query q(m_db.sql(), QStringLiteral("UPDATE spans SET pushed_at = ? WHERE id = ?"));
            if (auto ok =
                    q.bind(*times.pushedAt).bind(spanId).exec(QStringLiteral("cannot record a push time"));
                !ok)
                return ok;
        }
        Query platform(
            m_db.sql(),
            QStringLiteral("UPDATE span_platforms SET pushed_at = ? WHERE span_id = ? AND digest = ?"));
        for (auto it = times.platformPushedAt.cbegin(); it != times.platformPushedAt.cend(); ++it) {
            if (auto ok = platform.bind(*it).bind(spanId).bind(it.key()).exec(
                    QStringLiteral("cannot record a push time"));
                !ok)
                return ok;
        }
        return Ok{};
    });
}

Result<qint64> HistoryStore::addFamily(const QString &registry, const QString &repository,
                                       const QString &pattern, int intervalSeconds)
{
    qint64 id = 0;
    Status done = m_db.transaction([&]() -> Status {
        Query find(
            m_db.sql(),
            QStringLiteral("SELECT id FROM families WHERE registry = ? AND repository = ? AND pattern = ?"));
        if (auto ok = find.bind(registry)
                          .bind(repository)
                          .bind(pattern)
                          .exec(QStringLiteral("cannot read families"));
            !ok)
            return ok;
        if (find.q().next()) {
            id = find.q().value(0).toLongLong();
            Query update(m_db.sql(), QStringLiteral("UPDATE families SET interval_seconds = ? WHERE id = ?"));
            return update.bind(intervalSeconds).bind(id).exec(QStringLiteral("cannot update a family"));
        }
        Query insert(m_db.sql(), QStringLiteral("INSERT INTO families (registry, repository, pattern, "
                                                "interval_seconds) VALUES (?, ?, ?, ?) RETURNING id"));
        if (auto ok = insert.bind(registry)
                          .bind(repository)
                          .bind(pattern)
                          .bind(intervalSeconds)
                          .exec(QStringLiteral("cannot add a family"));
            !ok)
            return ok;
        id = insert.insertedId();
        return Ok{};
    });
    if (!done)
        return done.error();
    return id;
}

Result<QList<HistoryStore::Family>> HistoryStore::families()
{
    Query q(m_db.sql(), QStringLiteral("SELECT id, registry, repository, pattern, interval_seconds, "
                                       "last_listed FROM families ORDER BY id"));
    if (auto ok = q.exec(QStringLiteral("cannot read families")); !ok)
        return ok.error();
    QList<Family> out;
    while (q.q().next()) {
        Family f{q.q().value(0).toLongLong(), q.q().value(1).toString(), q.q().value(2).toString(),
                 q.q().value(3).toString(),   q.q().value(4).toInt(),    std::nullopt};
        if (!q.q().value(5).isNull())
            f.lastListed = q.q().value(5).toLongLong();
        out.append(f);
    }
    return out;
}

Result<QStringList> HistoryStore::syncFamily(qint64 familyId, const QStringList &matchingTags,
                                             int tagIntervalSeconds, qint64 listedAt)
{
    QStringList added;
    Status done = m_db.transaction([&]() -> Status {
        Query family(m_db.sql(), QStringLiteral("SELECT registry, repository FROM families WHERE id = ?"));
        if (auto ok = family.bind(familyId).exec(QStringLiteral("cannot read a family")); !ok)
            return ok;
        if (!family.q().next())
            return makeError(ErrorCode::InvalidInput, QStringLiteral("no family %1").arg(familyId));
        const QString registry = family.q().value(0).toString();
        const QString repository = family.q().value(1).toString();
        Query members(
            m_db.sql(),
            QStringLiteral("SELECT id, tag, watched FROM tags WHERE registry = ? AND repository = ?"));
        if (auto ok = members.bind(registry).bind(repository).exec(QStringLiteral("cannot read tags")); !ok)
            return ok;
        QHash<QString, std::pair<qint64, bool>> known;
        while (members.q().next())
            known.insert(members.q().value(1).toString(),
                         {members.q().value(0).toLongLong(), members.q().value(2).toBool()});
        for (const QString &tag : matchingTags) {
            const auto it = known.constFind(tag);
            if (it != known.constEnd() && it->second)
                continue; // watched already (maybe by hand: it stays as it is)
            const QString reference = registry + u'/' + repository + u':' + tag;
            if (it != known.constEnd()) {
                Query rewatch(m_db.sql(),
                              QStringLiteral("UPDATE tags SET watched = 1, family_id = ? WHERE id = ?"));
                if (auto ok =
                        rewatch.bind(familyId).bind(it->first).exec(QStringLiteral("cannot watch a tag"));
                    !ok)
                    return ok;
            } else {
                Query insert(
                    m_db.sql(),
                    QStringLiteral(
                        "INSERT INTO tags (reference, registry, repository, tag, interval_seconds, family_id,"
                        " added_at) VALUES (?, ?, ?, ?, ?, ?, ?)"));
                if (auto ok = insert.bind(reference)
                                  .bind(registry)
                                  .bind(repository)
                                  .bind(tag)
                                  .bind(tagIntervalSeconds)
                                  .bind(familyId)
                                  .bind(listedAt)
                                  .exec(QStringLiteral("cannot watch a tag"));
                    !ok)
                    return ok;
            }
            added.append(reference);
        }
        // Members the registry stopped listing: not found now, history kept.
        Query vanished(m_db.sql(),
                       QStringLiteral("SELECT id, tag FROM tags WHERE family_id = ? AND watched = 1"));
        if (auto ok = vanished.bind(familyId).exec(QStringLiteral("cannot read tags")); !ok)
            return ok;
        QList<qint64> gone;
        while (vanished.q().next()) {
            if (!matchingTags.contains(vanished.q().value(1).toString()))
                gone.append(vanished.q().value(0).toLongLong());
        }
        for (qint64 id : gone) {
            Query mark(m_db.sql(), QStringLiteral("UPDATE tags SET status = 'not-found', last_error = 'no "
                                                  "longer in the registry''s tag list'"
                                                  " WHERE id = ?"));
            if (auto ok = mark.bind(id).exec(QStringLiteral("cannot mark a tag")); !ok)
                return ok;
        }
        Query listed(m_db.sql(), QStringLiteral("UPDATE families SET last_listed = ? WHERE id = ?"));
        return listed.bind(listedAt).bind(familyId).exec(QStringLiteral("cannot update a family"));
    });
    if (!done)
        return done.error();
    return added;
}

Result<int> HistoryStore::backfill(qint64 tagId, const QString &source, const QList<PastDigest> &past)
{
    int added = 0;
    Status done = m_db.transaction([&]() -> Status {
        Query already(m_db.sql(),
                      QStringLiteral("SELECT COUNT(*) FROM spans WHERE tag_id = ? AND source <> 'poll'"));
        if (auto ok = already.bind(tagId).exec(QStringLiteral("cannot read spans")); !ok)
            return ok;
        if (already.q().next() && already.q().value(0).toInt() > 0)
            return Ok{}; // backfilled before
        Query first(
            m_db.sql(),
            QStringLiteral("SELECT digest, first_seen, id FROM spans WHERE tag_id = ? AND source = 'poll'"
                           " ORDER BY first_seen, id LIMIT 1"));
        if (auto ok = first.bind(tagId).exec(QStringLiteral("cannot read spans")); !ok)
            return ok;
        std::optional<qint64> boundary;
        QString polledDigest;
        qint64 polledSpan = 0;
        if (first.q().next()) {
            polledDigest = first.q().value(0).toString();
            boundary = first.q().value(1).toLongLong();
            polledSpan = first.q().value(2).toLongLong();
        }
        QList<PastDigest> kept;
        for (const PastDigest &p : past) {
            if (boundary && p.from >= *boundary)
                break;
            kept.append(p);
        }
        // The digest we polled first continues the registry's last one: that span is ours already.
        // Its entry tells when upstream pushed it.
        if (!kept.isEmpty() && kept.last().digest == polledDigest) {
            Query pushed(m_db.sql(),
                         QStringLiteral("UPDATE spans SET pushed_at = ? WHERE id = ? AND pushed_at IS NULL"));
            if (auto ok = pushed.bind(kept.last().from)
                              .bind(polledSpan)
                              .exec(QStringLiteral("cannot record a push time"));
                !ok)
                return ok;
            kept.removeLast();
        }
        // Past changes become rebuilds whose cause says where they come from.
        const QString causes =
            QStringLiteral("[{\"kind\":\"unknown\",\"detail\":\"from the %1 tag history\"}]").arg(source);
        auto rebuild = [&](const QString &a, const QString &b, qint64 at) -> Status {
            Query insert(
                m_db.sql(),
                QStringLiteral(
                    "INSERT INTO rebuilds (tag_id, detected_at, from_digest, to_digest, platforms_changed,"
                    " platforms_added, platforms_removed, causes) VALUES (?, ?, ?, ?, '[]', '[]', '[]', ?)"));
            if (auto ok = insert.bind(tagId).bind(at).bind(a).bind(b).bind(causes).exec(
                    QStringLiteral("cannot record past rebuilds"));
                !ok)
                return ok;
            return countRebuild(tagId, at, false);
        };
        QString previous;
        for (const PastDigest &p : std::as_const(kept)) {
            qint64 until = p.until.value_or(boundary.value_or(p.from));
            if (boundary)
                until = std::min(until, *boundary);
            Query span(m_db.sql(), QStringLiteral("INSERT INTO spans (tag_id, digest, first_seen, last_seen, "
                                                  "source) VALUES (?, ?, ?, ?, ?)"));
            if (auto ok = span.bind(tagId)
                              .bind(p.digest)
                              .bind(p.from)
                              .bind(std::max(p.from, until))
                              .bind(source)
                              .exec(QStringLiteral("cannot record past digests"));
                !ok)
                return ok;
            ++added;
            if (!previous.isEmpty() && previous != p.digest) {
                if (auto ok = rebuild(previous, p.digest, p.from); !ok)
                    return ok;
            }
            previous = p.digest;
        }
        // digests before the polled ones take the first build numbers: the tag's are worked out again
        Query stale(m_db.sql(), QStringLiteral("UPDATE tags SET current_build = -1 WHERE id = ?"));
        if (auto ok = stale.bind(tagId).exec(QStringLiteral("cannot record past digests")); !ok)
            return ok;
        if (auto ok = forgetAttention(tagId); !ok)
            return ok;
        if (!previous.isEmpty() && boundary && previous != polledDigest)
            return rebuild(previous, polledDigest, *boundary);
        return Ok{};
    });
    if (!done)
        return done.error();
    return added;
}

} // namespace RebuildRadar
