#include "export/ReportWriter.h"

#include "common/Time.h"

#include <QCoreApplication>

namespace RebuildRadar {

QString ReportHeader::period() const
{
    return QStringLiteral("%1 – %2").arg(since ? isoUtc(*since).left(10)
                                               : QCoreApplication::translate("Report", "the beginning"),
                                         until ? isoUtc(*until).left(10) : isoUtc(now).left(10));
}

Status ReportWriter::status() const
{
    if (m_failed)
        return makeError(ErrorCode::Io,
                         QStringLiteral("cannot write the export: %1").arg(m_out.errorString()));
    return Ok{};
}

} // namespace RebuildRadar
