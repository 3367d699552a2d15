#include "export/Exporter.h"

#include "export/CsvWriter.h"
#include "export/HtmlWriter.h"
#include "export/JsonWriter.h"
#include "export/MarkdownWriter.h"
#include "export/PdfReportWriter.h"
#include "store/HistoryStore.h"

#include <QFile>
#include <QSaveFile>

#include <memory>

#ifdef Q_OS_UNIX
#include <sys/stat.h>
#endif

namespace RebuildRadar {

QStringList Exporter::formats()
{
    QStringList names;
    for (ExportFormat format : allExportFormats())
        names.append(toString(format));
    return names;
}

namespace {
std::unique_ptr<ReportWriter> writerFor(ExportFormat format, const ReportOptions &report, QIODevice &out)
{
    switch (format) {
    case ExportFormat::Csv:
        return std::make_unique<CsvWriter>(out);
    case ExportFormat::Json:
        return std::make_unique<JsonWriter>(out, report.rolloutWindowMs);
    case ExportFormat::Markdown:
        return std::make_unique<MarkdownWriter>(out);
    case ExportFormat::Html:
        return std::make_unique<HtmlWriter>(out, report);
    case ExportFormat::Pdf:
        return std::make_unique<PdfReportWriter>(out);
    }
    Q_UNREACHABLE();
    return {};
}
} // namespace

Status Exporter::write(HistoryStore &store, const ExportOptions &options, QIODevice &out, qint64 now)
{
    const ExportFormat format = options.format;
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
    const std::unique_ptr<ReportWriter> writer = writerFor(format, options.report, out);
    writer->begin(ReportHeader{options.report.since, options.report.until, int(ids.size()), now});
    for (qint64 id : ids) {
        auto history = store.history(id, options.report.since, options.report.until);
        if (!history)
            return history.error();
        writer->tag(reportTag(std::move(history).value(), options.report, now));
        if (auto ok = writer->status(); !ok)
            return ok;
    }
    if (options.running)
        writer->running(*options.running, now);
    writer->end();
    return writer->status();
}

namespace {
// Something other than a regular file or a directory already at `path`: a FIFO, a device, a socket.
bool isSpecialFile(const QString &path)
{
#ifdef Q_OS_UNIX
    struct stat st = {};
    if (::stat(QFile::encodeName(path).constData(), &st) != 0)
        return false; // nothing there (or unreadable): the safe write reports what is wrong
    return !S_ISREG(st.st_mode) && !S_ISDIR(st.st_mode);
#else
    Q_UNUSED(path);
    return false;
#endif
}
} // namespace

Status Exporter::writeFile(HistoryStore &store, const ExportOptions &options, const QString &path, qint64 now)
{
    if (isSpecialFile(path)) {
        // Written to in place, as a shell's `>` would: writing beside it and renaming replaced the
        // pipe or device node itself (issue 20). Unbuffered, so a failing write (ENOSPC on
        // /dev/full) fails the export instead of vanishing in a flush at close.
        QFile device(path);
        if (!device.open(QIODevice::WriteOnly | QIODevice::Unbuffered))
            return makeError(ErrorCode::Io,
                             QStringLiteral("cannot write %1: %2").arg(path, device.errorString()));
        return write(store, options, device, now);
    }
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
