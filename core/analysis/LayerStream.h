#pragma once

// Undoes a layer blob's compression as it streams in: gzip (zlib), zstd (libzstd) or none, chosen by
// the layer's media type (`…tar+gzip`, `…tar+zstd`, Docker's `…tar.gzip`) or, where that says
// nothing, by the stream's magic bytes. Bounds what it unpacks, against compression bombs.

#include "common/Result.h"

#include <QByteArray>
#include <QByteArrayView>
#include <QString>

#include <functional>
#include <memory>

namespace RebuildRadar {

class LayerStream
{
public:
    using Output = std::function<Status(QByteArrayView)>;
    LayerStream(const QString &mediaType, qint64 maxUnpacked, Output output);
    ~LayerStream();
    LayerStream(const LayerStream &) = delete;
    LayerStream &operator=(const LayerStream &) = delete;

    Status feed(QByteArrayView compressed);
    // The blob ended: fails if the compressed stream is incomplete.
    Status finish();
    qint64 unpacked() const { return m_unpacked; }

    enum class Compression
    {
        Sniff,
        None,
        Gzip,
        Zstd,
    };
    static Compression compressionOf(const QString &mediaType);

private:
    Status emit_(QByteArrayView data);
    Status start(Compression compression);
    Status inflate(QByteArrayView data);
    Status unzstd(QByteArrayView data);

    Compression m_compression;
    qint64 m_maxUnpacked;
    qint64 m_unpacked = 0;
    Output m_output;
    QByteArray m_sniffed; // the first bytes, while the compression is not known yet
    struct Zlib;
    struct Zstd;
    std::unique_ptr<Zlib> m_zlib;
    std::unique_ptr<Zstd> m_zstd;
};

} // namespace RebuildRadar
