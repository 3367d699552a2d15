#pragma once

// The report formats as core knows them. Text ("csv", "md", …) is only for the edges: the CLI's
// --format argument, the export dialog's choices and file suffixes.

#include "common/Result.h"

#include <QList>
#include <QString>

namespace RebuildRadar {

enum class ExportFormat
{
    Csv,
    Json,
    Markdown,
    Html,
    Pdf,
};

// Every format, in the order the CLI lists them.
QList<ExportFormat> allExportFormats();
// "csv", "json", "md", "html", "pdf": the --format value and the usual file suffix.
QString toString(ExportFormat format);
// The format `text` names; an InvalidInput error listing the valid names otherwise.
Result<ExportFormat> exportFormatFromString(const QString &text);
// Whether the format can go to a terminal (everything but PDF).
inline bool isTextFormat(ExportFormat format)
{
    return format != ExportFormat::Pdf;
}

} // namespace RebuildRadar
