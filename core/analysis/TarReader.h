#pragma once

// A push-fed reader of tar streams as image layers are written (POSIX ustar, GNU long names, pax
// path and size records): it sees every entry's path and type and keeps the contents of only the
// entries its owner asks for, so a layer of any size is read with little memory.

#include "common/Result.h"

#include <QByteArray>
#include <QByteArrayView>
#include <QString>

#include <functional>

namespace RebuildRadar {

class TarReader
{
public:
    struct Entry
    {
        QString path; // without a leading "./" or "/", without a trailing "/"
        char type = '0';
        qint64 size = 0;
        bool isRegularFile() const { return type == '0' || type == '\0' || type == '7'; }
    };
    // Every entry, in order; returning true keeps a regular file's contents for `onFile`.
    std::function<bool(const Entry &)> onEntry;
    std::function<void(const Entry &, const QByteArray &)> onFile;
    qint64 maxFileSize = 64 * 1024 * 1024; // a kept file larger than this is an error

    // Fails on a header whose checksum is wrong (not a tar) or a kept file over maxFileSize.
    Status feed(QByteArrayView data);
    // The stream ended: fails if it ended inside an entry.
    Status finish() const;
    bool ended() const { return m_ended; }

private:
    Status header(const char *block);
    void endEntry();

    QByteArray m_block;     // a partial 512-byte block
    qint64 m_remaining = 0; // data bytes of the current entry not read yet
    qint64 m_padding = 0;   // zero bytes after it up to the block boundary
    enum class Keep
    {
        Skip,
        File,
        LongName,
        Pax,
    } m_keep = Keep::Skip;
    Entry m_entry;
    QByteArray m_data;
    QString m_nextPath; // from a GNU long name or a pax record, for the next header
    qint64 m_nextSize = -1;
    int m_zeroBlocks = 0;
    bool m_ended = false;
};

// "./a//b/" → "a/b"
QString normalizeTarPath(QString path);

} // namespace RebuildRadar
