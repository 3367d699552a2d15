#include "store/HistoryStore.h"

#include "domain/Image.h"
#include "store/Database.h"

#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QSqlError>
#include <QSqlQuery>

namespace RebuildRadar {

namespace {

QString toJson(const QStringList &list)
{
    return QString::fromUtf8(QJsonDocument(QJsonArray::fromStringList(list)).toJson(QJsonDocument::Compact));
}

QStringList listFromJson(const QString &text)
{
    QStringList out;
    for (const QJsonValue &v : QJsonDocument::fromJson(text.toUtf8()).array())
        out.append(v.toString());
    return out;
}

QString toJson(const QMap<QString, QString> &map)
{
    if (map.isEmpty())
        return {};
    QJsonObject object;
    for (auto it = map.begin(); it != map.end(); ++it)
        object.insert(it.key(), it.value());
    return QString::fromUtf8(QJsonDocument(object).toJson(QJsonDocument::Compact));
}

QMap<QString, QString> mapFromJson(const QString &text)
{
    QMap<QString, QString> out;
    const QJsonObject object = QJsonDocument::fromJson(text.toUtf8()).object();
    for (auto it = object.begin(); it != object.end(); ++it)
        out.insert(it.key(), it.value().toString());
    return out;
}

QString causesToJson(const QList<Cause> &causes)
{
    QJsonArray array;
    for (const Cause &c : causes)
        array.append(QJsonObject{{QStringLiteral("kind"), c.kind}, {QStringLiteral("detail"), c.detail}});
    return QString::fromUtf8(QJsonDocument(array).toJson(QJsonDocument::Compact));
}

QList<Cause> causesFromJson(const QString &text)
{
    QList<Cause> out;
    for (const QJsonValue &v : QJsonDocument::fromJson(text.toUtf8()).array())
        out.append({v[QStringLiteral("kind")].toString(), v[QStringLiteral("detail")].toString()});
    return out;
}

QVariant nullable(const QString &s)
{
    return s.isEmpty() ? QVariant(QMetaType::fromType<QString>()) : QVariant(s);
}

template <typename T> QVariant nullable(const std::optional<T> &v)
{
    return v ? QVariant::fromValue(*v) : QVariant(QMetaType::fromType<T>());
}

// Prepared statement helper: binds positionally, reports errors with the SQL's purpose.
class Query
{
public:
    Query(QSqlDatabase &db, const QString &sql)
        : m_q(db)
    {
        m_q.setForwardOnly(true); // rows are read once, in order: no cache of every row's values
        m_ok = m_q.prepare(sql);
    }
    Query &bind(const QVariant &v)
    {
        m_q.addBindValue(v);
        return *this;
    }
    Status exec(const QString &what)
    {
        if (!m_ok || !m_q.exec())
            return sqlError(what, m_q.lastError());
        return Ok{};
    }
    QSqlQuery &q() { return m_q; }

private:
    QSqlQuery m_q;
    bool m_ok = false;
};

// Everything a watchlist row shows is on the tag row (see schema step 6).
const QString kTagColumns = QStringLiteral(
    "t.id, t.reference, t.registry, t.repository, t.tag, t.watched, t.interval_seconds, t.pinned_digest, "
    "t.status, t.last_error, t.last_checked, t.current_digest, t.current_media_type, t.platforms, t.muted,"
    " t.family_id, f.pattern, t.rebuild_count, t.last_rebuild_at, t.silent_count, t.current_platforms"
    " FROM tags t LEFT JOIN families f ON f.id = t.family_id");

WatchedTag tagFromRow(const QSqlQuery &q)
{
    WatchedTag t;
    t.id = q.value(0).toLongLong();
    t.reference = q.value(1).toString();
    t.registry = q.value(2).toString();
    t.repository = q.value(3).toString();
    t.tag = q.value(4).toString();
    t.watched = q.value(5).toBool();
    t.intervalSeconds = q.value(6).toInt();
    t.pinnedDigest = q.value(7).toString();
    t.status = q.value(8).toString();
    t.lastError = q.value(9).toString();
    if (!q.value(10).isNull())
        t.lastChecked = q.value(10).toLongLong();
    t.currentDigest = q.value(11).toString();
    t.currentMediaType = q.value(12).toString();
    const QString platforms = q.value(13).toString();
    if (!platforms.isEmpty())
        t.platforms = platforms.split(u',');
    t.muted = q.value(14).toBool();
    t.familyId = q.value(15).toLongLong();
    t.familyPattern = q.value(16).toString();
    t.rebuildCount = q.value(17).toInt();
    if (!q.value(18).isNull())
        t.lastRebuild = q.value(18).toLongLong();
    // all-time counts; a period's are counted by listTags
    t.rebuildsInPeriod = t.rebuildCount;
    t.silentInPeriod = q.value(19).toInt();
    const QString current = q.value(20).toString();
    if (!current.isEmpty()) {
        t.currentPlatforms = current.split(u',');
        t.currentPlatforms.sort();
    }
    return t;
}

Rebuild rebuildFromRow(const QSqlQuery &q)
{
    Rebuild r;
    r.id = q.value(0).toLongLong();
    r.tagId = q.value(1).toLongLong();
    r.detectedAt = q.value(2).toLongLong();
    r.from = q.value(3).toString();
    r.to = q.value(4).toString();
    r.platformsChanged = listFromJson(q.value(5).toString());
    r.platformsAdded = listFromJson(q.value(6).toString());
    r.platformsRemoved = listFromJson(q.value(7).toString());
    r.causes = causesFromJson(q.value(8).toString());
    r.acknowledged = q.value(9).toBool();
    return r;
}

// Fewer dots and dashes first would put "3" before "3.13.8"; we want the most specific first.
int specificity(const QString &tag)
{
    return int(tag.count(u'.') + tag.count(u'-')) * 1000 + int(tag.size());
}

} // namespace

HistoryStore::HistoryStore(Database &database, const std::function<qint64()> &now)
    : m_db(database)
    , m_now(now)
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
                Query update(m_db.sql(), QStringLiteral("UPDATE tags SET watched = 1,"
                                                        " interval_seconds = COALESCE(?, interval_seconds),"
                                                        " pinned_digest = COALESCE(?, pinned_digest),"
                                                        " platforms = CASE WHEN ? THEN ? ELSE platforms END,"
                                                        " family_id = COALESCE(?, family_id) WHERE id = ?"));
                update.bind(nullable(request.intervalSeconds))
                    .bind(nullable(ref.digest()))
                    .bind(request.platforms.has_value() ? 1 : 0)
                    .bind(platforms)
                    .bind(request.familyId ? QVariant(request.familyId)
                                           : QVariant(QMetaType::fromType<qint64>()))
                    .bind(id);
                if (auto ok = update.exec(QStringLiteral("cannot update %1").arg(ref.familiar())); !ok)
                    return ok;
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
    if (auto ok = q.exec(QStringLiteral("cannot read the watchlist")); !ok)
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
    return tags;
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
               : QStringLiteral(" GROUP BY +r.tag_id");
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
    Query q(m_db.sql(),
            QStringLiteral("SELECT ") + kTagColumns + QStringLiteral(" WHERE t.reference = :reference"));
    q.q().bindValue(QStringLiteral(":reference"), reference);
    if (auto ok = q.exec(QStringLiteral("cannot read the history")); !ok)
        return ok.error();
    if (!q.q().next())
        return std::optional<WatchedTag>();
    return std::optional<WatchedTag>(tagFromRow(q.q()));
}

Result<std::optional<WatchedTag>> HistoryStore::tagById(qint64 id)
{
    Query q(m_db.sql(), QStringLiteral("SELECT ") + kTagColumns + QStringLiteral(" WHERE t.id = :id"));
    q.q().bindValue(QStringLiteral(":id"), id);
    if (auto ok = q.exec(QStringLiteral("cannot read the history")); !ok)
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
                     QStringLiteral("UPDATE tags SET status = ?, last_error = ?, last_checked = ?"
                                    " WHERE id = ? AND (last_checked IS NULL OR last_checked <= ?)"));
        Query seen(m_db.sql(),
                   QStringLiteral("UPDATE tags SET"
                                  " status = CASE WHEN last_checked > ? THEN status ELSE 'ok' END,"
                                  " last_error = CASE WHEN last_checked > ? THEN last_error ELSE NULL END,"
                                  " last_checked = CASE WHEN last_checked > ? THEN last_checked ELSE ? END,"
                                  " current_seen = CASE WHEN current_seen > ? THEN current_seen"
                                  " ELSE ? END WHERE id = ?"));
        for (const Observation &o : observations) {
            const auto known = current.find(o.tagId);
            if (known == current.end())
                return makeError(ErrorCode::Database,
                                 QStringLiteral("tag %1 vanished from the database").arg(o.tagId));
            if (o.status != TagStatus::Ok || !o.state) {
                if (auto ok = failed.bind(o.status)
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
                const qint64 t = o.checkedAt;
                if (auto ok = seen.bind(t).bind(t).bind(t).bind(t).bind(t).bind(t).bind(o.tagId).exec(
                        QStringLiteral("cannot record a check"));
                    !ok)
                    return ok;
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
            auto spanId = recordChange(o, classify, rebuilds);
            if (!spanId)
                return spanId.error();
            known->spanId = *spanId;
            known->digest = o.state->digest;
            known->seen = o.checkedAt;
            known->lastChecked = o.checkedAt;
        }
        return Ok{};
    });
    if (!done)
        return done.error();
    return rebuilds;
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
            " source) VALUES (?, ?, ?, ?, ?, ?, ?, 'poll')"));
    span.bind(o.tagId)
        .bind(state.digest)
        .bind(nullable(state.mediaType))
        .bind(o.checkedAt)
        .bind(o.checkedAt)
        .bind(nullable(builtAt(after)))
        .bind(nullable(toJson(state.annotations)));
    if (auto ok = span.exec(QStringLiteral("cannot record a new digest")); !ok)
        return ok.error();
    const qint64 spanId = span.q().lastInsertId().toLongLong();
    for (auto it = state.platforms.begin(); it != state.platforms.end(); ++it) {
        Query p(
            m_db.sql(),
            QStringLiteral(
                "INSERT INTO span_platforms (span_id, platform, digest, annotations) VALUES (?, ?, ?, ?)"));
        if (auto ok = p.bind(spanId)
                          .bind(it.key())
                          .bind(it->digest)
                          .bind(nullable(toJson(it->annotations)))
                          .exec(QStringLiteral("cannot record a platform"));
            !ok)
            return ok.error();
    }
    Query tag(m_db.sql(),
              QStringLiteral("UPDATE tags SET current_span_id = ?, current_digest = ?,"
                             " current_media_type = ?, current_platforms = ?, status = 'ok',"
                             " last_error = NULL, last_checked = ?, current_seen = ? WHERE id = ?"));
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
    if (!hasCurrent)
        return spanId; // the first digest is a baseline, not a rebuild

    Rebuild rebuild = classify(input);
    rebuild.tagId = o.tagId;
    rebuild.detectedAt = o.checkedAt;
    Query insert(
        m_db.sql(),
        QStringLiteral(
            "INSERT INTO rebuilds (tag_id, detected_at, from_digest, to_digest, platforms_changed,"
            " platforms_added, platforms_removed, causes, version_move) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)"));
    insert.bind(o.tagId)
        .bind(o.checkedAt)
        .bind(rebuild.from)
        .bind(rebuild.to)
        .bind(toJson(rebuild.platformsChanged))
        .bind(toJson(rebuild.platformsAdded))
        .bind(toJson(rebuild.platformsRemoved))
        .bind(causesToJson(rebuild.causes))
        .bind(rebuild.hasCause(CauseKind::Version) ? 1 : 0);
    if (auto ok = insert.exec(QStringLiteral("cannot record a rebuild")); !ok)
        return ok.error();
    if (auto ok = countRebuild(o.tagId, o.checkedAt, rebuild.hasCause(CauseKind::Version)); !ok)
        return ok.error();
    rebuild.id = insert.q().lastInsertId().toLongLong();
    rebuilds.append(rebuild);
    return spanId;
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
    auto s = spans(tagId, since, until);
    if (!s)
        return s.error();
    h.spans = *s;
    Query q(m_db.sql(),
            QStringLiteral(
                "SELECT id, tag_id, detected_at, from_digest, to_digest, platforms_changed, platforms_added,"
                " platforms_removed, causes, acknowledged FROM rebuilds WHERE tag_id = ? AND detected_at >= ?"
                " AND detected_at <= ? ORDER BY detected_at, id"));
    q.bind(tagId)
        .bind(since.value_or(std::numeric_limits<qint64>::min()))
        .bind(until.value_or(std::numeric_limits<qint64>::max()));
    if (auto ok = q.exec(QStringLiteral("cannot read rebuilds")); !ok)
        return ok.error();
    while (q.q().next())
        h.rebuilds.append(rebuildFromRow(q.q()));
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

Status HistoryStore::setMuted(qint64 tagId, bool muted)
{
    return m_db.transaction([&]() -> Status {
        Query q(m_db.sql(), QStringLiteral("UPDATE tags SET muted = ? WHERE id = ?"));
        return q.bind(muted ? 1 : 0).bind(tagId).exec(QStringLiteral("cannot mute"));
    });
}

Status HistoryStore::acknowledge(qint64 rebuildId)
{
    return m_db.transaction([&]() -> Status {
        Query q(m_db.sql(), QStringLiteral("UPDATE rebuilds SET acknowledged = 1 WHERE id = ?"));
        return q.bind(rebuildId).exec(QStringLiteral("cannot acknowledge"));
    });
}

} // namespace RebuildRadar

namespace RebuildRadar {

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
                                                "interval_seconds) VALUES (?, ?, ?, ?)"));
        if (auto ok = insert.bind(registry)
                          .bind(repository)
                          .bind(pattern)
                          .bind(intervalSeconds)
                          .exec(QStringLiteral("cannot add a family"));
            !ok)
            return ok;
        id = insert.q().lastInsertId().toLongLong();
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

} // namespace RebuildRadar

namespace RebuildRadar {

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
        if (!previous.isEmpty() && boundary && previous != polledDigest)
            return rebuild(previous, polledDigest, *boundary);
        return Ok{};
    });
    if (!done)
        return done.error();
    return added;
}

} // namespace RebuildRadar
