#pragma once

#include "common/Result.h"

#include <QIODevice>
#include <QStringList>

#include <optional>

namespace RebuildRadar {

class HistoryStore;

struct ExportOptions
{
    QString format;         // csv|json
    QStringList references; // canonical tag references; empty: every tag in the history
    std::optional<qint64> since;
    std::optional<qint64> until;
};

// Writes reports from the database alone, one tag at a time, so large histories stream.
class Exporter
{
public:
    static QStringList formats();
    static Status write(HistoryStore &store, const ExportOptions &options, QIODevice &out);
};

// RFC 4180 field quoting.
QString csvField(const QString &value);

} // namespace RebuildRadar
