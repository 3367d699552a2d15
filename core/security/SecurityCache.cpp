// Each key's copy is "<hash>.data" with "<hash>.meta" ({"key", "fetched"}) written after it: a
// meta file always describes a complete data file, and a meta naming another key (a hash collision,
// a hand-edited folder) is no copy at all.
#include "security/SecurityCache.h"

#include <QCryptographicHash>
#include <QDir>
#include <QFile>
#include <QJsonDocument>
#include <QJsonObject>
#include <QSaveFile>

namespace RebuildRadar {

SecurityCache::SecurityCache(QString dir)
    : m_dir(std::move(dir))
{}

QString SecurityCache::pathFor(const QString &key, const char *suffix) const
{
    const QByteArray hash =
        QCryptographicHash::hash(key.toUtf8(), QCryptographicHash::Sha256).toHex().left(32);
    return m_dir + QLatin1Char('/') + QString::fromLatin1(hash) + QLatin1Char('.') + QLatin1String(suffix);
}

std::optional<SecurityCache::Entry> SecurityCache::read(const QString &key) const
{
    QFile meta(pathFor(key, "meta"));
    if (!meta.open(QIODevice::ReadOnly))
        return std::nullopt;
    const QJsonObject about = QJsonDocument::fromJson(meta.read(64 * 1024)).object();
    if (about.value(QLatin1String("key")).toString() != key)
        return std::nullopt;
    const QDateTime fetched =
        QDateTime::fromString(about.value(QLatin1String("fetched")).toString(), Qt::ISODateWithMs);
    if (!fetched.isValid())
        return std::nullopt;
    QFile data(pathFor(key, "data"));
    if (!data.open(QIODevice::ReadOnly))
        return std::nullopt;
    return Entry{data.readAll(), fetched};
}

bool SecurityCache::write(const QString &key, const QByteArray &body, const QDateTime &fetched) const
{
    if (m_dir.isEmpty() || !QDir().mkpath(m_dir))
        return false;
    QSaveFile data(pathFor(key, "data"));
    if (!data.open(QIODevice::WriteOnly) || data.write(body) != body.size() || !data.commit())
        return false;
    const QJsonObject about{{QStringLiteral("key"), key},
                            {QStringLiteral("fetched"), fetched.toUTC().toString(Qt::ISODateWithMs)}};
    QSaveFile meta(pathFor(key, "meta"));
    const QByteArray text = QJsonDocument(about).toJson(QJsonDocument::Compact);
    return meta.open(QIODevice::WriteOnly) && meta.write(text) == text.size() && meta.commit();
}

} // namespace RebuildRadar
