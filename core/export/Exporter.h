#pragma once

// The export entry points: which tags go into a report, which format writes it, and where the bytes
// go (a device, or a file written safely). Each format's writer lives in its own file.

#include "common/Result.h"
#include "export/ExportFormat.h"
#include "export/ReportData.h"
#include "running/RunningMatch.h"

#include <QIODevice>
#include <QStringList>

namespace RebuildRadar {

class HistoryStore;

struct ExportOptions
{
    ExportFormat format = ExportFormat::Markdown;
    QStringList references; // canonical tag references; empty: every tag in the history
    ReportOptions report;
    // What runs where, for the report's "running" section (Markdown, HTML, PDF); unset: no section.
    std::optional<QList<RunningStatus>> running = {};
};

// Writes reports from the database alone, one tag at a time, so large histories stream.
class Exporter
{
public:
    // The names of allExportFormats(), for the CLI's usage text.
    static QStringList formats();
    static Status write(HistoryStore &store, const ExportOptions &options, QIODevice &out, qint64 now);
    // A regular file (or a new one) is written beside `path` and renamed at the end, so a failed export
    // leaves no partial file. A FIFO or a device already at `path` is written to directly and stays.
    static Status writeFile(HistoryStore &store, const ExportOptions &options, const QString &path,
                            qint64 now);
};

} // namespace RebuildRadar
