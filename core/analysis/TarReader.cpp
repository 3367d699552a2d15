// The tar format as GNU tar and POSIX pax write it (pubs.opengroup.org pax "ustar Interchange
// Format" and "pax Interchange Format"; GNU tar's 'L' long-name records): 512-byte headers with octal
// (or GNU base-256) numbers, data padded to 512 bytes, two zero blocks at the end.
#include "analysis/TarReader.h"

#include <QStringList>

#include <algorithm>
#include <cstring>
#include <limits>

namespace RebuildRadar {

namespace {

constexpr qint64 kBlock = 512;
constexpr qint64 kMaxMetaSize = 1024 * 1024; // long names and pax records

// Octal, space/NUL-terminated, or GNU base-256 when the high bit of the first byte is set.
qint64 number(const char *field, int length)
{
    const auto *bytes = reinterpret_cast<const unsigned char *>(field);
    if (bytes[0] & 0x80) {
        qint64 value = bytes[0] & 0x3f;
        for (int i = 1; i < length; ++i) {
            if (value > (std::numeric_limits<qint64>::max() >> 8))
                return -1;
            value = (value << 8) | bytes[i];
        }
        return value;
    }
    qint64 value = 0;
    int i = 0;
    while (i < length && (field[i] == ' ' || field[i] == '\0'))
        ++i;
    for (; i < length && field[i] >= '0' && field[i] <= '7'; ++i) {
        if (value > (std::numeric_limits<qint64>::max() >> 3))
            return -1;
        value = value * 8 + (field[i] - '0');
    }
    return value;
}

QString text(const char *field, int length)
{
    return QString::fromUtf8(field, qsizetype(strnlen(field, size_t(length))));
}

bool checksumOk(const char *block)
{
    const qint64 stored = number(block + 148, 8);
    qint64 unsignedSum = 0;
    qint64 signedSum = 0;
    for (int i = 0; i < kBlock; ++i) {
        const char c = (i >= 148 && i < 156) ? ' ' : block[i];
        unsignedSum += static_cast<unsigned char>(c);
        signedSum += static_cast<signed char>(c);
    }
    return stored == unsignedSum || stored == signedSum; // old writers summed signed chars
}

} // namespace

QString normalizeTarPath(QString path)
{
    QStringList parts;
    for (const QString &part : path.split(u'/', Qt::SkipEmptyParts)) {
        if (part == u".")
            continue;
        parts.append(part);
    }
    return parts.join(u'/');
}

Status TarReader::feed(QByteArrayView data)
{
    while (!data.isEmpty() && !m_ended) {
        if (m_remaining > 0) {
            const qint64 n = std::min<qint64>(m_remaining, data.size());
            if (m_keep != Keep::Skip)
                m_data.append(data.first(n));
            m_remaining -= n;
            data = data.sliced(n);
            if (m_remaining == 0 && m_padding == 0)
                endEntry();
            continue;
        }
        if (m_padding > 0) {
            const qint64 n = std::min<qint64>(m_padding, data.size());
            m_padding -= n;
            data = data.sliced(n);
            if (m_padding == 0)
                endEntry();
            continue;
        }
        const qint64 n = std::min<qint64>(kBlock - m_block.size(), data.size());
        m_block.append(data.first(n));
        data = data.sliced(n);
        if (m_block.size() < kBlock)
            continue;
        const QByteArray block = std::exchange(m_block, {});
        if (Status s = header(block.constData()); !s)
            return s;
    }
    return Ok{};
}

Status TarReader::header(const char *block)
{
    if (std::all_of(block, block + kBlock, [](char c) { return c == 0; })) {
        if (++m_zeroBlocks >= 2)
            m_ended = true;
        return Ok{};
    }
    m_zeroBlocks = 0;
    if (!checksumOk(block))
        return makeError(ErrorCode::Protocol, QStringLiteral("not a tar archive (bad header checksum)"));
    Entry entry;
    entry.type = block[156];
    entry.size = number(block + 124, 12);
    if (entry.size < 0)
        return makeError(ErrorCode::Protocol, QStringLiteral("tar entry with an impossible size"));
    QString path = text(block, 100);
    if (std::memcmp(block + 257, "ustar\0", 6) == 0) { // POSIX: a prefix; GNU uses the field otherwise
        const QString prefix = text(block + 345, 155);
        if (!prefix.isEmpty())
            path = prefix + u'/' + path;
    }
    if (!m_nextPath.isEmpty())
        path = std::exchange(m_nextPath, {});
    if (m_nextSize >= 0)
        entry.size = std::exchange(m_nextSize, -1);
    entry.path = normalizeTarPath(path);

    m_keep = Keep::Skip;
    m_data.clear();
    switch (entry.type) {
    case 'L':
    case 'x':
        if (entry.size > kMaxMetaSize)
            return makeError(ErrorCode::Protocol, QStringLiteral("tar metadata record too large"));
        m_keep = entry.type == 'L' ? Keep::LongName : Keep::Pax;
        break;
    case 'g':
    case 'K':
        break; // global pax records and long link names change nothing read here
    default:
        if (onEntry && onEntry(entry) && entry.isRegularFile()) {
            if (entry.size > maxFileSize)
                return makeError(
                    ErrorCode::TooLarge,
                    QStringLiteral("%1 is larger than %2 bytes").arg(entry.path).arg(maxFileSize));
            m_keep = Keep::File;
        }
        break;
    }
    // Links, directories and devices carry no data whatever their size field says.
    const bool hasData = entry.type != '1' && entry.type != '2' && entry.type != '3' && entry.type != '4' &&
                         entry.type != '5' && entry.type != '6';
    m_remaining = hasData ? entry.size : 0;
    m_padding = hasData ? (kBlock - entry.size % kBlock) % kBlock : 0;
    m_entry = std::move(entry);
    if (m_remaining == 0 && m_padding == 0)
        endEntry();
    return Ok{};
}

void TarReader::endEntry()
{
    switch (m_keep) {
    case Keep::File:
        if (onFile)
            onFile(m_entry, m_data);
        break;
    case Keep::LongName:
        m_nextPath = QString::fromUtf8(m_data.constData(),
                                       qsizetype(strnlen(m_data.constData(), size_t(m_data.size()))));
        break;
    case Keep::Pax: {
        // Records: "LEN key=value\n", LEN counting the whole record.
        qsizetype at = 0;
        while (at < m_data.size()) {
            const qsizetype space = m_data.indexOf(' ', at);
            if (space < 0)
                break;
            bool ok = false;
            const qsizetype length = m_data.mid(at, space - at).toLongLong(&ok);
            if (!ok || length <= space - at + 1 || at + length > m_data.size())
                break;
            const QByteArray record = m_data.mid(space + 1, length - (space - at) - 2); // without "\n"
            const qsizetype eq = record.indexOf('=');
            if (eq > 0) {
                const QByteArray key = record.left(eq);
                if (key == "path")
                    m_nextPath = QString::fromUtf8(record.mid(eq + 1));
                else if (key == "size")
                    m_nextSize = record.mid(eq + 1).toLongLong(&ok), m_nextSize = ok ? m_nextSize : -1;
            }
            at += length;
        }
        break;
    }
    case Keep::Skip:
        break;
    }
    m_keep = Keep::Skip;
    m_data.clear();
}

Status TarReader::finish() const
{
    if (m_remaining > 0 || !m_block.isEmpty())
        return makeError(ErrorCode::Protocol, QStringLiteral("tar archive ends inside an entry"));
    return Ok{};
}

} // namespace RebuildRadar
