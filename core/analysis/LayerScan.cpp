// Whiteouts as the OCI image spec defines them (image-spec layer.md "Whiteouts"): `.wh.NAME` deletes
// NAME from the layers below, `.wh..wh..opq` in a directory hides everything below in it; both apply
// to lower layers only, never to the layer's own files.
#include "analysis/LayerScan.h"

#include "packages/ApkInstalled.h"
#include "packages/Distro.h"
#include "packages/DpkgStatus.h"
#include "packages/RpmDatabase.h"

#include <QDataStream>
#include <QIODevice>

namespace RebuildRadar {

namespace {

const QString kDpkgStatus = QStringLiteral("var/lib/dpkg/status");
const QString kDpkgStatusDir = QStringLiteral("var/lib/dpkg/status.d/");
const QString kApkInstalled = QStringLiteral("lib/apk/db/installed");
// Fedora ≥ 36 and openSUSE keep it under /usr (/var/lib/rpm a symlink there); RHEL 9 and its
// rebuilds under /var.
const QString kRpmSysimage = QStringLiteral("usr/lib/sysimage/rpm/rpmdb.sqlite");
const QString kRpmVar = QStringLiteral("var/lib/rpm/rpmdb.sqlite");
const QString kOsRelease = QStringLiteral("etc/os-release");
const QString kUsrOsRelease = QStringLiteral("usr/lib/os-release");
const QString kWhiteout = QStringLiteral(".wh.");
const QString kOpaque = QStringLiteral(".wh..wh..opq");

const QStringList &databasePaths()
{
    static const QStringList paths{kDpkgStatus, kDpkgStatusDir, kApkInstalled, kRpmSysimage,
                                   kRpmVar,     kOsRelease,     kUsrOsRelease};
    return paths;
}

// A deleted or hidden path matters when it is, holds or lies inside a path read here.
bool touchesDatabase(const QString &path)
{
    for (const QString &wanted : databasePaths()) {
        const QString bare = wanted.endsWith(u'/') ? wanted.chopped(1) : wanted;
        if (bare == path || bare.startsWith(path + u'/') ||
            (wanted.endsWith(u'/') && path.startsWith(wanted)))
            return true;
    }
    return false;
}

bool removes(const QString &deleted, const QString &path)
{
    return path == deleted || path.startsWith(deleted + u'/');
}

} // namespace

bool isPackageDatabasePath(const QString &path)
{
    if (path == kDpkgStatus || path == kApkInstalled || path == kRpmSysimage || path == kRpmVar ||
        path == kOsRelease || path == kUsrOsRelease)
        return true;
    return path.startsWith(kDpkgStatusDir) && path.size() > kDpkgStatusDir.size() &&
           !path.mid(kDpkgStatusDir.size()).contains(u'/');
}

LayerScanner::LayerScanner(const QString &mediaType, qint64 maxUnpacked)
    : m_mediaType(mediaType)
    , m_maxUnpacked(maxUnpacked)
{
    reset();
}

void LayerScanner::reset()
{
    m_contents = {};
    m_tar = std::make_unique<TarReader>();
    m_tar->onEntry = [this](const TarReader::Entry &entry) {
        const qsizetype slash = entry.path.lastIndexOf(u'/');
        const QString dir = slash >= 0 ? entry.path.left(slash) : QString();
        const QString name = entry.path.mid(slash + 1);
        if (name == kOpaque) {
            if (touchesDatabase(dir.isEmpty() ? QStringLiteral(".") : dir) || dir.isEmpty())
                m_contents.opaqueDirs.append(dir);
            return false;
        }
        if (name.startsWith(kWhiteout)) {
            const QString deleted = (dir.isEmpty() ? QString() : dir + u'/') + name.mid(kWhiteout.size());
            if (touchesDatabase(deleted))
                m_contents.whiteouts.append(deleted);
            return false;
        }
        return isPackageDatabasePath(entry.path);
    };
    m_tar->onFile = [this](const TarReader::Entry &entry, const QByteArray &data) {
        m_contents.files.insert(entry.path, data);
    };
    m_stream = std::make_unique<LayerStream>(m_mediaType, m_maxUnpacked,
                                             [this](QByteArrayView data) { return m_tar->feed(data); });
}

Status LayerScanner::feed(QByteArrayView compressed)
{
    // Once the tar's end marker is read, the rest (padding) needs no unpacking.
    if (m_tar->ended())
        return Ok{};
    return m_stream->feed(compressed);
}

void LayerScanner::restart()
{
    reset();
}

Result<LayerContents> LayerScanner::finish()
{
    if (!m_tar->ended()) {
        if (Status s = m_stream->finish(); !s)
            return s.error();
        if (Status s = m_tar->finish(); !s)
            return s.error();
    }
    return m_contents;
}

Result<LayerContents> scanLayer(QByteArrayView blob, const QString &mediaType, qint64 maxUnpacked)
{
    LayerScanner scanner(mediaType, maxUnpacked);
    // In pieces, as the network would hand it over.
    constexpr qsizetype kPiece = 16 * 1024;
    for (qsizetype at = 0; at < blob.size(); at += kPiece) {
        if (Status s = scanner.feed(blob.sliced(at, std::min(kPiece, blob.size() - at))); !s)
            return s.error();
    }
    return scanner.finish();
}

Result<ImagePackages> packagesOfLayers(const QList<LayerContents> &layers)
{
    QMap<QString, QByteArray> tree;
    for (const LayerContents &layer : layers) {
        for (const QString &dir : layer.opaqueDirs) {
            for (auto it = tree.begin(); it != tree.end();)
                it = (dir.isEmpty() || it.key().startsWith(dir + u'/')) ? tree.erase(it) : std::next(it);
        }
        for (const QString &deleted : layer.whiteouts) {
            for (auto it = tree.begin(); it != tree.end();)
                it = removes(deleted, it.key()) ? tree.erase(it) : std::next(it);
        }
        for (auto it = layer.files.begin(); it != layer.files.end(); ++it)
            tree.insert(it.key(), it.value());
    }
    ImagePackages image;
    bool found = false;
    if (tree.contains(kDpkgStatus)) {
        found = true;
        mergePackages(image.packages, parseDpkgStatus(tree.value(kDpkgStatus)));
    }
    for (auto it = tree.begin(); it != tree.end(); ++it) {
        if (it.key().startsWith(kDpkgStatusDir)) {
            found = true;
            mergePackages(image.packages, parseDpkgStatus(it.value()));
        }
    }
    if (tree.contains(kApkInstalled)) {
        found = true;
        mergePackages(image.packages, parseApkInstalled(tree.value(kApkInstalled)));
    }
    // One rpm database an image: the /usr one when both are there as files.
    const QString rpmdb = tree.contains(kRpmSysimage) ? kRpmSysimage : kRpmVar;
    if (tree.contains(rpmdb)) {
        found = true;
        auto rpm = parseRpmDatabase(tree.value(rpmdb));
        if (!rpm)
            return makeError(rpm.error().code, QStringLiteral("%1: %2").arg(rpmdb, rpm.error().message));
        mergePackages(image.packages, *rpm);
    }
    if (!found)
        return makeError(ErrorCode::NotFound, QStringLiteral("no package database in the layers"));
    // /etc/os-release wins over /usr/lib/os-release, as os-release(5) says.
    image.distro = parseOsRelease(tree.value(kOsRelease, tree.value(kUsrOsRelease)));
    return image;
}

namespace {
constexpr quint32 kCacheMagic = 0x52524c43; // "RRLC"
// 2: rpm databases are kept; a layer cached at 1 was read without them and is read again.
constexpr quint32 kCacheVersion = 2;
} // namespace

QByteArray serializeLayerContents(const LayerContents &contents)
{
    QByteArray out;
    QDataStream stream(&out, QIODevice::WriteOnly);
    stream.setVersion(QDataStream::Qt_6_4);
    stream << kCacheMagic << kCacheVersion << contents.files << contents.whiteouts << contents.opaqueDirs;
    return out;
}

std::optional<LayerContents> deserializeLayerContents(const QByteArray &data)
{
    QDataStream stream(data);
    stream.setVersion(QDataStream::Qt_6_4);
    quint32 magic = 0;
    quint32 version = 0;
    LayerContents contents;
    stream >> magic >> version;
    if (magic != kCacheMagic || version != kCacheVersion)
        return std::nullopt;
    stream >> contents.files >> contents.whiteouts >> contents.opaqueDirs;
    if (stream.status() != QDataStream::Ok)
        return std::nullopt;
    return contents;
}

} // namespace RebuildRadar
