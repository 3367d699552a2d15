// One file per layer digest ("sha256-<hex>"), written atomically (QSaveFile) so a reader never sees
// half a file; an unreadable or foreign file counts as absent and is overwritten by the next scan.
#include "analysis/LayerCache.h"

#include <QDir>
#include <QFile>
#include <QLoggingCategory>
#include <QRegularExpression>
#include <QSaveFile>
#include <QStandardPaths>

namespace RebuildRadar {

Q_LOGGING_CATEGORY(lcLayerCache, "rebuildradar.analysis.cache")

LayerCache::LayerCache(QString folder)
    : m_folder(std::move(folder))
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
    if (const auto it = m_memory.constFind(digest); it != m_memory.constEnd())
        return *it;
    const QString path = fileOf(digest);
    if (path.isEmpty())
        return std::nullopt;
    QFile file(path);
    if (!file.open(QIODevice::ReadOnly))
        return std::nullopt;
    auto contents = deserializeLayerContents(file.readAll());
    if (contents)
        m_memory.insert(digest, *contents);
    return contents;
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
        !file.commit())
        qCWarning(lcLayerCache) << "cannot write" << path << file.errorString();
}

} // namespace RebuildRadar
