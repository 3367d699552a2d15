#pragma once

// The CSV export: one row per digest a tag pointed to (reference, digest, first and last seen, each
// platform's digest, the causes of the rebuild that brought it), RFC 4180 quoted, for spreadsheets.

#include "export/ReportWriter.h"

namespace RebuildRadar {

class CsvWriter final : public ReportWriter
{
public:
    using ReportWriter::ReportWriter;
    void begin(const ReportHeader &) override;
    void tag(const ReportTag &t) override;
};

// RFC 4180 field quoting.
QString csvField(const QString &value);

} // namespace RebuildRadar
