#pragma once

// What each layer digest holds (LayerContents, or nothing relevant), kept on disk in a cache folder
// and in memory, so a rebuild that shares lower layers with an image analysed before downloads only
// its new layers. A layer's contents never change: its digest names its bytes.

#include "analysis/LayerScan.h"

#include <QHash>
#include <QString>

#include <optional>

namespace RebuildRadar {

class LayerCache
{
public:
    // Empty `folder`: memory only.
    explicit LayerCache(QString folder);
    std::optional<LayerContents> find(const QString &digest);
    void store(const QString &digest, const LayerContents &contents);
    const QString &folder() const { return m_folder; }

    // QStandardPaths::CacheLocation + "/layers"
    static QString defaultFolder();

private:
    QString fileOf(const QString &digest) const;
    QString m_folder;
    QHash<QString, LayerContents> m_memory;
};

} // namespace RebuildRadar
