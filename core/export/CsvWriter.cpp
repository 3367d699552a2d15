#include "export/CsvWriter.h"

#include "common/Time.h"

namespace RebuildRadar {

QString csvField(const QString &value)
{
    if (!value.contains(u',') && !value.contains(u'"') && !value.contains(u'\n') && !value.contains(u'\r'))
        return value;
    QString quoted = value;
    quoted.replace(QStringLiteral("\""), QStringLiteral("\"\""));
    return u'"' + quoted + u'"';
}

void CsvWriter::begin(const ReportHeader &)
{
    put(QByteArray("reference,digest,first_seen,last_seen,platforms,causes\r\n"));
}

void CsvWriter::tag(const ReportTag &t)
{
    for (const Span &span : t.history.spans) {
        QStringList platforms;
        for (auto it = span.platforms.begin(); it != span.platforms.end(); ++it)
            platforms.append(it.key() + u'=' + it->digest);
        QStringList causes;
        for (const Rebuild &r : t.history.rebuilds) {
            if (r.to == span.digest && r.detectedAt == span.firstSeen) {
                for (const Cause &c : r.causes)
                    causes.append(causeKindName(c.kind));
            }
        }
        const QStringList row{t.history.tag.reference, span.digest,          isoUtc(span.firstSeen),
                              isoUtc(span.lastSeen),   platforms.join(u';'), causes.join(u';')};
        QStringList fields;
        for (const QString &f : row)
            fields.append(csvField(f));
        put(fields.join(u',') + QStringLiteral("\r\n"));
    }
}

} // namespace RebuildRadar
