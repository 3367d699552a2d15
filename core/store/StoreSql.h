#pragma once

// What the store's files share: a prepared-statement helper that reports errors with the statement's
// purpose, the JSON columns' encoding (lists, maps, causes), and rows turned into values. Internal to
// store/; nothing outside it includes this.

#include "domain/History.h"
#include "store/Database.h"

#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QSqlDriver>
#include <QSqlError>
#include <QSqlQuery>

namespace RebuildRadar::StoreSql {

inline QString toJson(const QStringList &list)
{
    return QString::fromUtf8(QJsonDocument(QJsonArray::fromStringList(list)).toJson(QJsonDocument::Compact));
}

inline QStringList listFromJson(const QString &text)
{
    QStringList out;
    for (const QJsonValue &v : QJsonDocument::fromJson(text.toUtf8()).array())
        out.append(v.toString());
    return out;
}

inline QString toJson(const QMap<QString, QString> &map)
{
    if (map.isEmpty())
        return {};
    QJsonObject object;
    for (auto it = map.begin(); it != map.end(); ++it)
        object.insert(it.key(), it.value());
    return QString::fromUtf8(QJsonDocument(object).toJson(QJsonDocument::Compact));
}

inline QMap<QString, QString> mapFromJson(const QString &text)
{
    QMap<QString, QString> out;
    const QJsonObject object = QJsonDocument::fromJson(text.toUtf8()).object();
    for (auto it = object.begin(); it != object.end(); ++it)
        out.insert(it.key(), it.value().toString());
    return out;
}

// The causes column holds causesJson (domain/History.h) as compact text.
inline QString causesText(const QList<Cause> &causes)
{
    return QString::fromUtf8(QJsonDocument(causesJson(causes)).toJson(QJsonDocument::Compact));
}

inline QList<Cause> causesFromText(const QString &text)
{
    return causesFromJson(QJsonDocument::fromJson(text.toUtf8()).array());
}

inline QVariant nullable(const QString &s)
{
    return s.isEmpty() ? QVariant(QMetaType::fromType<QString>()) : QVariant(s);
}

template <typename T> inline QVariant nullable(const std::optional<T> &v)
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
        // Rows are read once, in order: SQLite then keeps no copy of every row's values. PostgreSQL's
        // driver would stream them instead, and lose them when the next statement runs (queries nest).
        m_q.setForwardOnly(db.driver()->dbmsType() != QSqlDriver::PostgreSQL);
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
    // The id an "INSERT … RETURNING id" made (both backends say it so).
    qint64 insertedId()
    {
        const qint64 id = m_q.next() ? m_q.value(0).toLongLong() : 0;
        m_q.finish();
        return id;
    }

private:
    QSqlQuery m_q;
    bool m_ok = false;
};

// Everything a watchlist row shows is on the tag row (see schema step 6), and the user's own platforms
// and mute on theirs (schema 12): bind the user's name first.
inline const QString kTagColumns = QStringLiteral(
    "t.id, t.reference, t.registry, t.repository, t.tag, t.watched, t.interval_seconds, t.pinned_digest, "
    "t.status, t.last_error, t.last_checked, t.current_digest, t.current_media_type,"
    " COALESCE(u.platforms, t.platforms), COALESCE(u.muted, 0),"
    " t.family_id, f.pattern, t.rebuild_count, t.last_rebuild_at, t.silent_count, t.current_platforms"
    " FROM tags t LEFT JOIN families f ON f.id = t.family_id"
    " LEFT JOIN user_tags u ON u.tag_id = t.id AND u.user_name = ?");

// A rebuild, acknowledged or not by the user: bind the user's name first.
inline const QString kRebuildColumns = QStringLiteral(
    "r.id, r.tag_id, r.detected_at, r.from_digest, r.to_digest, r.platforms_changed, r.platforms_added,"
    " r.platforms_removed, r.causes, CASE WHEN k.rebuild_id IS NULL THEN 0 ELSE 1 END FROM rebuilds r"
    " LEFT JOIN user_acknowledgements k ON k.rebuild_id = r.id AND k.user_name = ?");

inline WatchedTag tagFromRow(const QSqlQuery &q)
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
    t.status = tagStatusFromName(q.value(8).toString());
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

inline Rebuild rebuildFromRow(const QSqlQuery &q)
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
    r.causes = causesFromText(q.value(8).toString());
    r.acknowledged = q.value(9).toBool();
    return r;
}

// Fewer dots and dashes first would put "3" before "3.13.8"; we want the most specific first.
inline int specificity(const QString &tag)
{
    return int(tag.count(u'.') + tag.count(u'-')) * 1000 + int(tag.size());
}

} // namespace RebuildRadar::StoreSql
