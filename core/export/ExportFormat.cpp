#include "export/ExportFormat.h"

#include <QStringList>

namespace RebuildRadar {

QList<ExportFormat> allExportFormats()
{
    return {ExportFormat::Csv, ExportFormat::Json, ExportFormat::Markdown, ExportFormat::Html,
            ExportFormat::Pdf};
}

QString toString(ExportFormat format)
{
    switch (format) {
    case ExportFormat::Csv:
        return QStringLiteral("csv");
    case ExportFormat::Json:
        return QStringLiteral("json");
    case ExportFormat::Markdown:
        return QStringLiteral("md");
    case ExportFormat::Html:
        return QStringLiteral("html");
    case ExportFormat::Pdf:
        return QStringLiteral("pdf");
    }
    Q_UNREACHABLE();
    return {};
}

Result<ExportFormat> exportFormatFromString(const QString &text)
{
    QStringList names;
    for (ExportFormat format : allExportFormats()) {
        if (toString(format) == text)
            return format;
        names.append(toString(format));
    }
    return makeError(
        ErrorCode::InvalidInput,
        QStringLiteral("unknown format %1 (one of %2)").arg(text, names.join(QStringLiteral(", "))));
}

} // namespace RebuildRadar
