#pragma once

// What each layer digest holds (LayerContents, or nothing relevant), kept on disk in a cache folder
// and in memory, so a rebuild that shares lower layers with an image analysed before downloads only
// its new layers. A layer's contents never change: its digest names its bytes. The folder stays
// within a size: past it, the layers used least recently go first (a daemon analyses for months).

#include "analysis/LayerScan.h"
#include "common/Clock.h"

#include <QHash>
#include <QString>

#include <optional>

namespace RebuildRadar {

class LayerCache
{
public:
    // Empty `folder`: memory only. `clock` (not owned; null: the system's) dates each use.
    LayerCache(QString folder, qint64 maxBytes, const Clock *clock = nullptr);
    std::optional<LayerContents> find(const QString &digest);
    void store(const QString &digest, const LayerContents &contents);
    const QString &folder() const { return m_folder; }

    // QStandardPaths::CacheLocation + "/layers"
    static QString defaultFolder();

private:
    QString fileOf(const QString &digest) const;
    // The file was used now: it is the last to go.
    void touch(const QString &path) const;
    // Removes the files used least recently until the folder is within m_maxBytes; never `keep`.
    void prune(const QString &keep) const;
    QString m_folder;
    qint64 m_maxBytes;
    const Clock *m_clock;
    QHash<QString, LayerContents> m_memory;
};

} // namespace RebuildRadar
