// zlib's inflate with windowBits 15+32 reads gzip (and zlib) headers itself; a gzip file may hold
// several members one after another (RFC 1952 2.2), so inflate starts again after each. zstd's
// streaming API (ZSTD_decompressStream) likewise reads concatenated frames.
#include "analysis/LayerStream.h"

#include <zlib.h>
#include <zstd.h>

namespace RebuildRadar {

namespace {
constexpr qsizetype kOutChunk = 64 * 1024;
} // namespace

struct LayerStream::Zlib
{
    z_stream z{};
    bool open = false;
    bool ended = true; // at a member boundary
    ~Zlib()
    {
        if (open)
            inflateEnd(&z);
    }
};

struct LayerStream::Zstd
{
    ZSTD_DStream *stream = ZSTD_createDStream();
    size_t lastHint = 0; // 0 once a frame is complete
    bool any = false;
    ~Zstd() { ZSTD_freeDStream(stream); }
};

LayerStream::Compression LayerStream::compressionOf(const QString &mediaType)
{
    const QString type = mediaType.toLower();
    if (type.endsWith(u"+zstd") || type.endsWith(u".zstd"))
        return Compression::Zstd;
    if (type.endsWith(u"+gzip") || type.endsWith(u".gzip") || type.endsWith(u".gz"))
        return Compression::Gzip;
    // Anything else, plain tar included, is told by its first bytes: a tar starts with a file name,
    // never with gzip's or zstd's magic, and mislabelled layers exist.
    return Compression::Sniff;
}

LayerStream::LayerStream(const QString &mediaType, qint64 maxUnpacked, Output output)
    : m_compression(compressionOf(mediaType))
    , m_maxUnpacked(maxUnpacked)
    , m_output(std::move(output))
{
    if (m_compression != Compression::Sniff)
        (void)start(m_compression);
}

LayerStream::~LayerStream() = default;

Status LayerStream::start(Compression compression)
{
    m_compression = compression;
    if (compression == Compression::Gzip) {
        m_zlib = std::make_unique<Zlib>();
        if (inflateInit2(&m_zlib->z, 15 + 32) != Z_OK)
            return makeError(ErrorCode::Io, QStringLiteral("zlib could not start"));
        m_zlib->open = true;
    } else if (compression == Compression::Zstd) {
        m_zstd = std::make_unique<Zstd>();
        if (!m_zstd->stream)
            return makeError(ErrorCode::Io, QStringLiteral("zstd could not start"));
    }
    return Ok{};
}

Status LayerStream::emit_(QByteArrayView data)
{
    if (data.isEmpty())
        return Ok{};
    m_unpacked += data.size();
    if (m_unpacked > m_maxUnpacked)
        return makeError(ErrorCode::TooLarge,
                         QStringLiteral("layer unpacks to more than %1 bytes").arg(m_maxUnpacked));
    return m_output(data);
}

Status LayerStream::feed(QByteArrayView compressed)
{
    if (m_compression == Compression::Sniff) {
        m_sniffed.append(compressed);
        if (m_sniffed.size() < 4)
            return Ok{};
        const auto *b = reinterpret_cast<const unsigned char *>(m_sniffed.constData());
        const Compression found = (b[0] == 0x1f && b[1] == 0x8b) ? Compression::Gzip
                                  : (b[0] == 0x28 && b[1] == 0xb5 && b[2] == 0x2f && b[3] == 0xfd)
                                      ? Compression::Zstd
                                      : Compression::None;
        if (Status s = start(found); !s)
            return s;
        const QByteArray first = std::exchange(m_sniffed, {});
        return feed(first);
    }
    switch (m_compression) {
    case Compression::None:
        return emit_(compressed);
    case Compression::Gzip:
        return inflate(compressed);
    case Compression::Zstd:
        return unzstd(compressed);
    case Compression::Sniff:
        break;
    }
    return Ok{};
}

Status LayerStream::inflate(QByteArrayView data)
{
    Zlib &zl = *m_zlib;
    zl.z.next_in = reinterpret_cast<Bytef *>(const_cast<char *>(data.data()));
    zl.z.avail_in = uInt(data.size());
    QByteArray out(kOutChunk, Qt::Uninitialized);
    while (zl.z.avail_in > 0) {
        if (zl.ended) {
            // Padding zeros after the last member are tolerated, as gzip does.
            if (*zl.z.next_in == 0 && zl.z.total_out > 0) {
                ++zl.z.next_in, --zl.z.avail_in;
                continue;
            }
            if (inflateReset(&zl.z) != Z_OK)
                return makeError(ErrorCode::Io, QStringLiteral("zlib could not restart"));
            zl.ended = false;
        }
        zl.z.next_out = reinterpret_cast<Bytef *>(out.data());
        zl.z.avail_out = uInt(out.size());
        const int rc = ::inflate(&zl.z, Z_NO_FLUSH);
        if (rc != Z_OK && rc != Z_STREAM_END && rc != Z_BUF_ERROR)
            return makeError(ErrorCode::Protocol,
                             QStringLiteral("layer is not valid gzip: %1")
                                 .arg(QString::fromLatin1(zl.z.msg ? zl.z.msg : "inflate failed")));
        if (Status s = emit_(QByteArrayView(out.constData(), out.size() - zl.z.avail_out)); !s)
            return s;
        if (rc == Z_STREAM_END)
            zl.ended = true;
        else if (rc == Z_BUF_ERROR && zl.z.avail_out > 0)
            break;
    }
    // Output may still be pending inside zlib when the input is used up.
    while (!zl.ended) {
        zl.z.next_out = reinterpret_cast<Bytef *>(out.data());
        zl.z.avail_out = uInt(out.size());
        const int rc = ::inflate(&zl.z, Z_NO_FLUSH);
        const qsizetype produced = out.size() - zl.z.avail_out;
        if (Status s = emit_(QByteArrayView(out.constData(), produced)); !s)
            return s;
        if (rc == Z_STREAM_END)
            zl.ended = true;
        if (produced == 0 || (rc != Z_OK && rc != Z_STREAM_END))
            break;
    }
    return Ok{};
}

Status LayerStream::unzstd(QByteArrayView data)
{
    Zstd &zs = *m_zstd;
    ZSTD_inBuffer in{data.data(), size_t(data.size()), 0};
    QByteArray out(qsizetype(ZSTD_DStreamOutSize()), Qt::Uninitialized);
    while (in.pos < in.size) {
        ZSTD_outBuffer o{out.data(), size_t(out.size()), 0};
        const size_t rc = ZSTD_decompressStream(zs.stream, &o, &in);
        if (ZSTD_isError(rc))
            return makeError(ErrorCode::Protocol, QStringLiteral("layer is not valid zstd: %1")
                                                      .arg(QString::fromLatin1(ZSTD_getErrorName(rc))));
        zs.lastHint = rc;
        zs.any = true;
        if (Status s = emit_(QByteArrayView(out.constData(), qsizetype(o.pos))); !s)
            return s;
    }
    // Flush what zstd holds back once the input is used up.
    for (;;) {
        ZSTD_outBuffer o{out.data(), size_t(out.size()), 0};
        const size_t rc = ZSTD_decompressStream(zs.stream, &o, &in);
        if (ZSTD_isError(rc))
            return makeError(ErrorCode::Protocol, QStringLiteral("layer is not valid zstd: %1")
                                                      .arg(QString::fromLatin1(ZSTD_getErrorName(rc))));
        zs.lastHint = rc;
        if (Status s = emit_(QByteArrayView(out.constData(), qsizetype(o.pos))); !s)
            return s;
        if (o.pos < o.size)
            break;
    }
    return Ok{};
}

Status LayerStream::finish()
{
    if (m_compression == Compression::Sniff) {
        // Fewer than four bytes: whatever they are, they are not compressed.
        if (Status s = start(Compression::None); !s)
            return s;
        const QByteArray first = std::exchange(m_sniffed, {});
        if (Status s = emit_(first); !s)
            return s;
    }
    if (m_compression == Compression::Gzip && (!m_zlib->ended || m_zlib->z.total_in == 0))
        return makeError(ErrorCode::Protocol, QStringLiteral("gzip layer ends early"));
    if (m_compression == Compression::Zstd && (!m_zstd->any || m_zstd->lastHint != 0))
        return makeError(ErrorCode::Protocol, QStringLiteral("zstd layer ends early"));
    return Ok{};
}

} // namespace RebuildRadar
