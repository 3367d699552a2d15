// One file per layer digest ("sha256-<hex>"), written atomically (QSaveFile) so a reader never sees
// half a file; an unreadable or foreign file counts as absent and is overwritten by the next scan. A
// file's modification time is when it was last used (written or read), which orders the pruning.
#include "analysis/LayerCache.h"

#include <QDir>
#include <QFile>
#include <QFileInfo>
#include <QLoggingCategory>
#include <QRegularExpression>
#include <QSaveFile>
#include <QStandardPaths>

namespace RebuildRadar {

Q_LOGGING_CATEGORY(lcLayerCache, "rebuildradar.analysis.cache")

namespace {
const SystemClock kSystemClock;
} // namespace

LayerCache::LayerCache(QString folder, qint64 maxBytes, const Clock *clock)
    : m_folder(std::move(folder))
    , m_maxBytes(maxBytes)
    , m_clock(clock ? clock : &kSystemClock)
{}

QString LayerCache::defaultFolder()
{
    return QStandardPaths::writableLocation(QStandardPaths::CacheLocation) + QStringLiteral("/layers");
}

QString LayerCache::fileOf(const QString &digest) const
{
    static const QRegularExpression valid(QStringLiteral("^sha(256|512):[0-9a-f]{64,128}$"));
    if (m_folder.isEmpty() || !valid.match(digest).hasMatch())
        return {};
    return m_folder + u'/' + QString(digest).replace(u':', u'-');
}

std::optional<LayerContents> LayerCache::find(const QString &digest)
{
    const QString path = fileOf(digest);
    if (const auto it = m_memory.constFind(digest); it != m_memory.constEnd()) {
        touch(path);
        return *it;
    }
    if (path.isEmpty())
        return std::nullopt;
    QFile file(path);
    if (!file.open(QIODevice::ReadOnly))
        return std::nullopt;
    auto contents = deserializeLayerContents(file.readAll());
    file.close();
    if (contents) {
        m_memory.insert(digest, *contents);
        touch(path);
    }
    return contents;
}

void LayerCache::touch(const QString &path) const
{
    if (path.isEmpty())
        return;
    QFile file(path);
    if (file.open(QIODevice::ReadWrite))
        file.setFileTime(m_clock->now(), QFileDevice::FileModificationTime);
}

void LayerCache::prune(const QString &keep) const
{
    const QFileInfoList files =
        QDir(m_folder).entryInfoList({QStringLiteral("sha*-*")}, QDir::Files, QDir::Time | QDir::Reversed);
    qint64 total = 0;
    for (const QFileInfo &f : files)
        total += f.size();
    for (const QFileInfo &f : files) { // oldest first
        if (total <= m_maxBytes)
            break;
        if (f.absoluteFilePath() == QFileInfo(keep).absoluteFilePath())
            continue;
        if (QFile::remove(f.absoluteFilePath()))
            total -= f.size();
    }
}

void LayerCache::store(const QString &digest, const LayerContents &contents)
{
    if (m_memory.size() >= 512) // a daemon analyses for months: memory holds recent layers only
        m_memory.clear();
    m_memory.insert(digest, contents);
    const QString path = fileOf(digest);
    if (path.isEmpty())
        return;
    if (!QDir().mkpath(m_folder)) {
        qCWarning(lcLayerCache) << "cannot create" << m_folder;
        return;
    }
    QSaveFile file(path);
    if (!file.open(QIODevice::WriteOnly) || file.write(serializeLayerContents(contents)) < 0 ||
        !file.commit()) {
        qCWarning(lcLayerCache) << "cannot write" << path << file.errorString();
        return;
    }
    touch(path);
    prune(path);
}

} // namespace RebuildRadar
