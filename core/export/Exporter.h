#pragma once

// The export entry points: which tags go into a report, which format writes it, and where the bytes
// go (a device, or a file written safely). Each format's writer lives in its own file.

#include "common/Result.h"
#include "export/ReportData.h"

#include <QIODevice>
#include <QStringList>

namespace RebuildRadar {

class HistoryStore;

struct ExportOptions
{
    QString format;         // csv|json|md|html|pdf
    QStringList references; // canonical tag references; empty: every tag in the history
    ReportOptions report;
};

// Writes reports from the database alone, one tag at a time, so large histories stream.
class Exporter
{
public:
    static QStringList formats();
    static bool isText(const QString &format) { return format != u"pdf"; }
    static Status write(HistoryStore &store, const ExportOptions &options, QIODevice &out, qint64 now);
    // Writes beside `path` and renames at the end: a failed export leaves no partial file.
    static Status writeFile(HistoryStore &store, const ExportOptions &options, const QString &path,
                            qint64 now);
};

} // namespace RebuildRadar
