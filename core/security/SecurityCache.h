#pragma once

// The on-disk copies of downloaded security data (issue 21): one file per source URL and, beside
// it, when it was fetched, so a copy is refreshed at most daily and an older copy still answers when
// a refresh fails. Files are replaced atomically; another program reading at the same time sees the
// old copy or the new one.

#include <QByteArray>
#include <QDateTime>
#include <QString>

#include <optional>

namespace RebuildRadar {

class SecurityCache
{
public:
    explicit SecurityCache(QString dir);

    struct Entry
    {
        QByteArray body;
        QDateTime fetched;
    };

    // The copy kept for `key` (a URL), or nothing when there is none or it cannot be read.
    std::optional<Entry> read(const QString &key) const;
    // False when the folder or file cannot be written (the data is then only kept in memory).
    bool write(const QString &key, const QByteArray &body, const QDateTime &fetched) const;

    const QString &dir() const { return m_dir; }

private:
    QString pathFor(const QString &key, const char *suffix) const;

    QString m_dir;
};

} // namespace RebuildRadar
