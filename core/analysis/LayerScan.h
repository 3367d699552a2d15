#pragma once

// What one image layer holds that tells which packages are installed: the package databases
// (dpkg's status and status.d/, apk's installed, rpm's rpmdb.sqlite) and os-release, and the whiteouts that
// delete such files of the layers below. Read from a streamed layer (LayerScanner), kept per layer digest
// (LayerCache), and stacked bottom to top into the image's packages (packagesOfLayers).

#include "analysis/LayerStream.h"
#include "analysis/TarReader.h"
#include "common/Result.h"
#include "packages/PackageAnalysis.h"

#include <QByteArray>
#include <QMap>
#include <QStringList>

#include <optional>

namespace RebuildRadar {

struct LayerContents
{
    QMap<QString, QByteArray> files; // path (no leading "/") → contents
    QStringList whiteouts;           // paths this layer deletes from the layers below
    QStringList opaqueDirs;          // directories whose lower contents this layer hides

    bool isEmpty() const { return files.isEmpty() && whiteouts.isEmpty() && opaqueDirs.isEmpty(); }
    friend bool operator==(const LayerContents &, const LayerContents &) = default;
};

// The paths read from layers: var/lib/dpkg/status, var/lib/dpkg/status.d/*, lib/apk/db/installed,
// var/lib/rpm/rpmdb.sqlite, usr/lib/sysimage/rpm/rpmdb.sqlite, etc/os-release, usr/lib/os-release.
bool isPackageDatabasePath(const QString &path);

// Reads one layer as its blob streams in: decompresses and walks the tar, keeping the files above
// and the whiteouts that touch them.
class LayerScanner
{
public:
    LayerScanner(const QString &mediaType, qint64 maxUnpacked);
    Status feed(QByteArrayView compressed);
    Result<LayerContents> finish();
    // The blob starts again from its first byte (a retry).
    void restart();

private:
    void reset();
    QString m_mediaType;
    qint64 m_maxUnpacked;
    std::unique_ptr<TarReader> m_tar;
    std::unique_ptr<LayerStream> m_stream;
    LayerContents m_contents;
};

// A whole layer at once (tests, fuzzing).
Result<LayerContents> scanLayer(QByteArrayView blob, const QString &mediaType, qint64 maxUnpacked);

// The packages of an image whose layers (bottom first) hold these contents: each layer's whiteouts
// remove what lies below, then its files replace the same paths; dpkg's status and every remaining
// status.d file, apk's database and rpm's SQLite database are read. NotFound when no layer holds a
// package database; InvalidInput when an rpm database cannot be read.
Result<ImagePackages> packagesOfLayers(const QList<LayerContents> &layers);

// The cache's form of a layer's contents.
QByteArray serializeLayerContents(const LayerContents &contents);
std::optional<LayerContents> deserializeLayerContents(const QByteArray &data);

} // namespace RebuildRadar
