// Recording checks: one transaction per batch, decided against what is stored when it runs, so any
// number of writers leave one exact history. A moved digest opens a span with its platforms, closes the
// previous one, and records the rebuild the caller's classifier explains from what the store knows.

#include "store/HistoryStore.h"

#include "store/Database.h"
#include "store/StoreSql.h"

namespace RebuildRadar {

using namespace StoreSql;

namespace {
constexpr qsizetype kSeenPerStatement = 250;
} // namespace

Result<QList<Rebuild>> HistoryStore::record(QList<Observation> observations, const ClassifyRebuild &classify,
                                            QList<qint64> *outdated)
{
    QList<Rebuild> rebuilds;
    Status done = m_db.transaction([&]() -> Status {
        // What is stored is read inside the write transaction: another writer (a second poll, the
        // daemon beside the app) may have recorded these tags since our checks began, and each
        // observation is decided against what is stored now, never against what we read before.
        // One read of every tag's name and current digest: specific tags go first (see header), and
        // the common case, an unchanged digest, costs one prepared update instead of a round of queries.
        struct Current
        {
            QString tag;
            qint64 spanId = 0;
            QString digest;
            qint64 seen = 0;                   // the newest sighting of the current digest
            std::optional<qint64> lastChecked; // the newest observation of any kind
        };
        QHash<qint64, Current> current;
        {
            Query q(m_db.sql(),
                    QStringLiteral("SELECT id, tag, current_span_id, current_digest, current_seen,"
                                   " last_checked FROM tags"));
            if (auto ok = q.exec(QStringLiteral("cannot read the watchlist")); !ok)
                return ok;
            while (q.q().next()) {
                Current c{q.q().value(1).toString(), q.q().value(2).toLongLong(), q.q().value(3).toString(),
                          q.q().value(4).toLongLong(), std::nullopt};
                if (!q.q().value(5).isNull())
                    c.lastChecked = q.q().value(5).toLongLong();
                current.insert(q.q().value(0).toLongLong(), c);
            }
        }
        std::stable_sort(
            observations.begin(), observations.end(), [&](const Observation &a, const Observation &b) {
                return specificity(current.value(a.tagId).tag) > specificity(current.value(b.tagId).tag);
            });
        // A failed check says how the tag is now only if nothing newer was stored since.
        Query failed(m_db.sql(),
                     QStringLiteral("UPDATE tags SET status = ?, last_error = ?, last_checked = ?,"
                                    " lease_owner = NULL, lease_until = NULL"
                                    " WHERE id = ? AND (last_checked IS NULL OR last_checked <= ?)"));
        // Unchanged tags, the common case, are written together: one statement per few hundred tags
        // (a round trip each on PostgreSQL). Only the sightings grow, so their order against failed
        // checks does not matter; a new digest reads its tag's sightings, so they are written first.
        QHash<qint64, qint64> seenAt;
        auto writeSeen = [&]() -> Status {
            const QList<qint64> ids = seenAt.keys();
            for (qsizetype from = 0; from < ids.size(); from += kSeenPerStatement) {
                const QList<qint64> chunk = ids.mid(from, kSeenPerStatement);
                QStringList rows;
                for (qsizetype i = 0; i < chunk.size(); ++i)
                    rows.append(QStringLiteral("(CAST(? AS BIGINT), CAST(? AS BIGINT))"));
                Query seen(m_db.sql(),
                           QStringLiteral(
                               "WITH v(id, t) AS (VALUES %1) UPDATE tags SET"
                               " status = CASE WHEN tags.last_checked > v.t THEN tags.status ELSE 'ok' END,"
                               " last_error = CASE WHEN tags.last_checked > v.t THEN tags.last_error"
                               " ELSE NULL END,"
                               " last_checked = CASE WHEN tags.last_checked > v.t THEN tags.last_checked"
                               " ELSE v.t END,"
                               " current_seen = CASE WHEN tags.current_seen > v.t THEN tags.current_seen"
                               " ELSE v.t END, lease_owner = NULL, lease_until = NULL"
                               " FROM v WHERE tags.id = v.id")
                               .arg(rows.join(u',')));
                for (qint64 id : chunk)
                    seen.bind(id).bind(seenAt.value(id));
                if (auto ok = seen.exec(QStringLiteral("cannot record a check")); !ok)
                    return ok;
            }
            seenAt.clear();
            return Ok{};
        };
        for (const Observation &o : observations) {
            const auto known = current.find(o.tagId);
            if (known == current.end())
                return makeError(ErrorCode::Database,
                                 QStringLiteral("tag %1 vanished from the database").arg(o.tagId));
            if (o.status != TagStatus::Ok || !o.state) {
                if (auto ok = failed.bind(tagStatusName(o.status))
                                  .bind(nullable(o.error))
                                  .bind(o.checkedAt)
                                  .bind(o.tagId)
                                  .bind(o.checkedAt)
                                  .exec(QStringLiteral("cannot record a check"));
                    !ok)
                    return ok;
                if (!known->lastChecked || *known->lastChecked <= o.checkedAt)
                    known->lastChecked = o.checkedAt;
                continue;
            }
            if (known->spanId != 0 && known->digest == o.state->digest) {
                // Seen again (perhaps recorded by another writer meanwhile): only the sightings grow.
                seenAt[o.tagId] = std::max(seenAt.value(o.tagId), o.checkedAt);
                known->seen = std::max(known->seen, o.checkedAt);
                if (!known->lastChecked || *known->lastChecked <= o.checkedAt)
                    known->lastChecked = o.checkedAt;
                continue;
            }
            if (known->spanId != 0 && (o.checkedAt < known->seen || !o.state->detailed)) {
                // Older than the stored digest's last sighting: another writer saw the tag later, so
                // this observation cannot move it (it would undo a newer one and invent a rebuild).
                // Or the checker believed the tag still had this digest (no details were read) while
                // another writer moved it: the checker looks again, knowing what is stored.
                if (outdated)
                    outdated->append(o.tagId);
                continue;
            }
            if (auto ok = writeSeen(); !ok)
                return ok;
            auto spanId = recordChange(o, classify, rebuilds);
            if (!spanId)
                return spanId.error();
            known->spanId = *spanId;
            known->digest = o.state->digest;
            known->seen = o.checkedAt;
            known->lastChecked = o.checkedAt;
        }
        return writeSeen();
    });
    if (!done)
        return done.error();
    return rebuilds;
}

Result<HistoryStore::Leases> HistoryStore::leaseDue(const QString &owner, const QList<qint64> &tagIds,
                                                    qint64 leaseMs)
{
    Leases leases;
    if (tagIds.isEmpty())
        return leases;
    const qint64 now = m_now();
    QStringList ids;
    for (qint64 id : tagIds)
        ids.append(QString::number(id));
    Status done = m_db.rowTransaction([&]() -> Status {
        leases = Leases{};
        // Rows another program is leasing or recording right now are skipped (PostgreSQL): that
        // program has them in hand, so they are asked for again an interval later.
        Query rows(m_db.sql(),
                   QStringLiteral("SELECT id, lease_owner, lease_until, last_checked, interval_seconds"
                                  " FROM tags WHERE id IN (%1) AND watched = 1 ORDER BY id%2")
                       .arg(ids.join(u','), m_db.rowLocks()));
        if (auto ok = rows.exec(QStringLiteral("cannot lease tags")); !ok)
            return ok;
        while (rows.q().next()) {
            const qint64 id = rows.q().value(0).toLongLong();
            const QString holder = rows.q().value(1).toString();
            const qint64 until = rows.q().value(2).toLongLong();
            const bool heldElsewhere = !holder.isEmpty() && holder != owner && until >= now;
            const qint64 interval = rows.q().value(4).toLongLong() * 1000;
            // Checked by anyone within the last nine tenths of its interval: not due after all (the
            // tenth leaves room for the ±5% jitter of each program's schedule).
            const bool checkedLately =
                !rows.q().value(3).isNull() && rows.q().value(3).toLongLong() > now - interval * 9 / 10;
            if (!heldElsewhere && !checkedLately) {
                leases.granted.append(id);
                continue;
            }
            qint64 retry = now + 1000;
            if (checkedLately)
                retry = std::max(retry, rows.q().value(3).toLongLong() + interval);
            if (heldElsewhere)
                retry = std::max(retry, until + 1);
            leases.retryAt.insert(id, retry);
        }
        if (leases.granted.isEmpty())
            return Ok{};
        QStringList granted;
        for (qint64 id : leases.granted)
            granted.append(QString::number(id));
        Query take(m_db.sql(),
                   QStringLiteral("UPDATE tags SET lease_owner = ?, lease_until = ? WHERE id IN (%1)")
                       .arg(granted.join(u',')));
        return take.bind(owner).bind(now + leaseMs).exec(QStringLiteral("cannot lease tags"));
    });
    if (!done)
        return done.error();
    return leases;
}

Status HistoryStore::countRebuild(qint64 tagId, qint64 detectedAt, bool versionMove)
{
    Query q(m_db.sql(),
            QStringLiteral("UPDATE tags SET rebuild_count = rebuild_count + 1,"
                           " silent_count = silent_count + ?,"
                           " last_rebuild_at = CASE WHEN last_rebuild_at >= ? THEN last_rebuild_at"
                           " ELSE ? END WHERE id = ?"));
    return q.bind(versionMove ? 0 : 1)
        .bind(detectedAt)
        .bind(detectedAt)
        .bind(tagId)
        .exec(QStringLiteral("cannot count rebuilds"));
}

Result<qint64> HistoryStore::recordChange(const Observation &o, const ClassifyRebuild &classify,
                                          QList<Rebuild> &rebuilds)
{
    const TagState &state = *o.state;
    Query current(
        m_db.sql(),
        QStringLiteral("SELECT current_span_id, current_digest, registry, repository, tag, current_seen"
                       " FROM tags WHERE id = ?"));
    if (auto ok = current.bind(o.tagId).exec(QStringLiteral("cannot read a tag")); !ok)
        return ok.error();
    if (!current.q().next())
        return makeError(ErrorCode::Database,
                         QStringLiteral("tag %1 vanished from the database").arg(o.tagId));
    const bool hasCurrent = !current.q().value(0).isNull();
    const qint64 currentSpan = current.q().value(0).toLongLong();
    const QString currentDigest = current.q().value(1).toString();
    const QString registry = current.q().value(2).toString();
    const QString repository = current.q().value(3).toString();
    const QString tagName = current.q().value(4).toString();
    const qint64 currentSeen = current.q().value(5).toLongLong();

    Snapshot after{state.digest, state.mediaType, state.annotations, state.platforms};
    ClassifierInput input;
    input.after = after;
    if (hasCurrent) {
        // the span ends: its last sighting, kept on the tag while it was current, moves into it
        Query close(m_db.sql(),
                    QStringLiteral("UPDATE spans SET last_seen = ? WHERE id = ? AND last_seen < ?"));
        if (auto ok = close.bind(currentSeen)
                          .bind(currentSpan)
                          .bind(currentSeen)
                          .exec(QStringLiteral("cannot close a span"));
            !ok)
            return ok.error();
        auto before = snapshotOfSpan(currentSpan);
        if (!before)
            return before.error();
        input.before = *before;
        Query revert(m_db.sql(),
                     QStringLiteral("SELECT MIN(first_seen) FROM spans WHERE tag_id = ? AND digest = ?"));
        if (auto ok = revert.bind(o.tagId).bind(state.digest).exec(QStringLiteral("cannot read spans")); !ok)
            return ok.error();
        if (revert.q().next() && !revert.q().value(0).isNull())
            input.revertOfFirstSeen = revert.q().value(0).toLongLong();
        // Siblings that point to the new digest now, and siblings that ever had the old one.
        Query siblings(m_db.sql(),
                       QStringLiteral("SELECT t.tag, t.current_digest,"
                                      " (SELECT COUNT(*) FROM spans o WHERE o.tag_id = t.id AND o.digest = ?)"
                                      " FROM tags t WHERE t.registry = ? AND t.repository = ? AND t.id <> ?"
                                      " AND t.current_digest IS NOT NULL"));
        if (auto ok = siblings.bind(currentDigest)
                          .bind(registry)
                          .bind(repository)
                          .bind(o.tagId)
                          .exec(QStringLiteral("cannot read tags"));
            !ok)
            return ok.error();
        QStringList pointsNow;
        QStringList hadOld;
        while (siblings.q().next()) {
            if (siblings.q().value(1).toString() == state.digest)
                pointsNow.append(siblings.q().value(0).toString());
            if (siblings.q().value(2).toInt() > 0)
                hadOld.append(siblings.q().value(0).toString());
        }
        for (const QString &candidate : pointsNow) {
            if (!hadOld.contains(candidate) && !hadOld.isEmpty()) {
                input.movedToTag = candidate;
                // the most specific tag that had the old digest names the old version
                std::sort(hadOld.begin(), hadOld.end(),
                          [](const QString &a, const QString &b) { return specificity(a) > specificity(b); });
                input.movedFromTag = hadOld.first();
                break;
            }
        }
        Q_UNUSED(tagName);
    }

    Query span(
        m_db.sql(),
        QStringLiteral(
            "INSERT INTO spans (tag_id, digest, media_type, first_seen, last_seen, built_at, annotations,"
            " source) VALUES (?, ?, ?, ?, ?, ?, ?, 'poll') RETURNING id"));
    span.bind(o.tagId)
        .bind(state.digest)
        .bind(nullable(state.mediaType))
        .bind(o.checkedAt)
        .bind(o.checkedAt)
        .bind(nullable(builtAt(after)))
        .bind(nullable(toJson(state.annotations)));
    if (auto ok = span.exec(QStringLiteral("cannot record a new digest")); !ok)
        return ok.error();
    const qint64 spanId = span.insertedId();
    if (!state.platforms.isEmpty()) {
        // one statement for all of them (a round trip on PostgreSQL)
        Query p(
            m_db.sql(),
            QStringLiteral("INSERT INTO span_platforms (span_id, platform, digest, annotations) VALUES %1")
                .arg(QStringList(state.platforms.size(), QStringLiteral("(?, ?, ?, ?)")).join(u',')));
        for (auto it = state.platforms.begin(); it != state.platforms.end(); ++it)
            p.bind(spanId).bind(it.key()).bind(it->digest).bind(nullable(toJson(it->annotations)));
        if (auto ok = p.exec(QStringLiteral("cannot record a platform")); !ok)
            return ok.error();
    }
    Query tag(m_db.sql(),
              QStringLiteral("UPDATE tags SET current_span_id = ?, current_digest = ?,"
                             " current_media_type = ?, current_platforms = ?, status = 'ok',"
                             " last_error = NULL, last_checked = ?, current_seen = ?, current_build = -1,"
                             " lease_owner = NULL, lease_until = NULL WHERE id = ?"));
    const QStringList platformNames = state.platforms.keys();
    if (auto ok = tag.bind(spanId)
                      .bind(state.digest)
                      .bind(nullable(state.mediaType))
                      .bind(nullable(platformNames.join(u',')))
                      .bind(o.checkedAt)
                      .bind(o.checkedAt)
                      .bind(o.tagId)
                      .exec(QStringLiteral("cannot record a check"));
        !ok)
        return ok.error();
    if (auto ok = forgetAttention(o.tagId); !ok)
        return ok.error();
    if (!hasCurrent)
        return spanId; // the first digest is a baseline, not a rebuild

    Rebuild rebuild = classify(input);
    rebuild.tagId = o.tagId;
    rebuild.detectedAt = o.checkedAt;
    Query insert(
        m_db.sql(),
        QStringLiteral(
            "INSERT INTO rebuilds (tag_id, detected_at, from_digest, to_digest, platforms_changed,"
            " platforms_added, platforms_removed, causes, version_move) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)"
            " RETURNING id"));
    insert.bind(o.tagId)
        .bind(o.checkedAt)
        .bind(rebuild.from)
        .bind(rebuild.to)
        .bind(toJson(rebuild.platformsChanged))
        .bind(toJson(rebuild.platformsAdded))
        .bind(toJson(rebuild.platformsRemoved))
        .bind(causesText(rebuild.causes))
        .bind(rebuild.hasCause(CauseKind::Version) ? 1 : 0);
    if (auto ok = insert.exec(QStringLiteral("cannot record a rebuild")); !ok)
        return ok.error();
    rebuild.id = insert.insertedId();
    if (auto ok = countRebuild(o.tagId, o.checkedAt, rebuild.hasCause(CauseKind::Version)); !ok)
        return ok.error();
    rebuilds.append(rebuild);
    return spanId;
}

} // namespace RebuildRadar
