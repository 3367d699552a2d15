#include "export/Exporter.h"

#include "common/Time.h"
#include "export/JsonShapes.h"
#include "store/HistoryStore.h"

#include <QJsonDocument>

namespace RebuildRadar {

QStringList Exporter::formats()
{
    return {QStringLiteral("csv"), QStringLiteral("json")};
}

QString csvField(const QString &value)
{
    if (!value.contains(u',') && !value.contains(u'"') && !value.contains(u'\n') && !value.contains(u'\r'))
        return value;
    QString quoted = value;
    quoted.replace(QStringLiteral("\""), QStringLiteral("\"\""));
    return u'"' + quoted + u'"';
}

namespace {

Status writeBytes(QIODevice &out, const QByteArray &bytes)
{
    if (out.write(bytes) != bytes.size())
        return makeError(ErrorCode::Io, QStringLiteral("cannot write the export: %1").arg(out.errorString()));
    return Ok{};
}

void writeCsvRows(const TagHistory &history, QByteArray &buffer)
{
    for (const Span &span : history.spans) {
        QStringList platforms;
        for (auto it = span.platforms.begin(); it != span.platforms.end(); ++it)
            platforms.append(it.key() + u'=' + it->digest);
        QStringList causes;
        for (const Rebuild &r : history.rebuilds) {
            if (r.to == span.digest && r.detectedAt == span.firstSeen) {
                for (const Cause &c : r.causes)
                    causes.append(c.kind);
            }
        }
        const QStringList row{history.tag.reference, span.digest,          isoUtc(span.firstSeen),
                              isoUtc(span.lastSeen), platforms.join(u';'), causes.join(u';')};
        QStringList fields;
        for (const QString &f : row)
            fields.append(csvField(f));
        buffer += fields.join(u',').toUtf8() + "\r\n";
    }
}

} // namespace

Status Exporter::write(HistoryStore &store, const ExportOptions &options, QIODevice &out)
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

    const bool csv = options.format == u"csv";
    if (auto ok =
            writeBytes(out, csv ? QByteArray("reference,digest,first_seen,last_seen,platforms,causes\r\n")
                                : QByteArray("["));
        !ok)
        return ok;
    bool first = true;
    for (qint64 id : ids) {
        auto history = store.history(id, options.since, options.until);
        if (!history)
            return history.error();
        QByteArray chunk;
        if (csv) {
            writeCsvRows(*history, chunk);
        } else {
            chunk = (first ? QByteArray("\n") : QByteArray(",\n")) +
                    QJsonDocument(historyJson(*history)).toJson(QJsonDocument::Compact);
            first = false;
        }
        if (auto ok = writeBytes(out, chunk); !ok)
            return ok;
    }
    if (!csv) {
        if (auto ok = writeBytes(out, "\n]\n"); !ok)
            return ok;
    }
    return Ok{};
}

} // namespace RebuildRadar
