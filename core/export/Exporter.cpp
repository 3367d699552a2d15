#include "export/Exporter.h"

#include "export/CsvWriter.h"
#include "export/HtmlWriter.h"
#include "export/JsonWriter.h"
#include "export/MarkdownWriter.h"
#include "export/PdfReportWriter.h"
#include "store/HistoryStore.h"

#include <QSaveFile>

#include <memory>

namespace RebuildRadar {

QStringList Exporter::formats()
{
    return {QStringLiteral("csv"), QStringLiteral("json"), QStringLiteral("md"), QStringLiteral("html"),
            QStringLiteral("pdf")};
}

Status Exporter::write(HistoryStore &store, const ExportOptions &options, QIODevice &out, qint64 now)
{
    if (!formats().contains(options.format))
        return makeError(ErrorCode::InvalidInput,
                         QStringLiteral("unknown format %1 (one of %2)")
                             .arg(options.format, formats().join(QStringLiteral(", "))));
    QList<qint64> ids;
    if (options.references.isEmpty()) {
        auto all = store.watchlist(true);
        if (!all)
            return all.error();
        for (const WatchedTag &t : *all)
            ids.append(t.id);
    } else {
        for (const QString &reference : options.references) {
            auto tag = store.tag(reference);
            if (!tag)
                return tag.error();
            if (!tag->has_value())
                return makeError(ErrorCode::InvalidInput,
                                 QStringLiteral("%1 is neither watched nor in the history").arg(reference));
            ids.append((*tag)->id);
        }
    }
    std::unique_ptr<ReportWriter> writer;
    if (options.format == u"csv")
        writer = std::make_unique<CsvWriter>(out);
    else if (options.format == u"json")
        writer = std::make_unique<JsonWriter>(out, options.report.rolloutWindowMs);
    else if (options.format == u"md")
        writer = std::make_unique<MarkdownWriter>(out);
    else if (options.format == u"html")
        writer = std::make_unique<HtmlWriter>(out, options.report);
    else
        writer = std::make_unique<PdfReportWriter>(out);

    writer->begin(ReportHeader{options.report.since, options.report.until, int(ids.size()), now});
    for (qint64 id : ids) {
        auto history = store.history(id, options.report.since, options.report.until);
        if (!history)
            return history.error();
        writer->tag(reportTag(std::move(history).value(), options.report, now));
        if (auto ok = writer->status(); !ok)
            return ok;
    }
    writer->end();
    return writer->status();
}

Status Exporter::writeFile(HistoryStore &store, const ExportOptions &options, const QString &path, qint64 now)
{
    QSaveFile file(path);
    if (!file.open(QIODevice::WriteOnly))
        return makeError(ErrorCode::Io, QStringLiteral("cannot write %1: %2").arg(path, file.errorString()));
    if (Status written = write(store, options, file, now); !written) {
        file.cancelWriting();
        return written;
    }
    if (!file.commit())
        return makeError(ErrorCode::Io, QStringLiteral("cannot write %1: %2").arg(path, file.errorString()));
    return Ok{};
}

} // namespace RebuildRadar
