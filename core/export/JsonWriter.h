#pragma once

// The JSON export: an array with one history object per tag, in the shape of the CLI contract's
// `history --json` (see JsonShapes), written one element at a time.

#include "export/ReportWriter.h"

namespace RebuildRadar {

class JsonWriter final : public ReportWriter
{
public:
    JsonWriter(QIODevice &out, qint64 rolloutWindowMs)
        : ReportWriter(out)
        , m_rolloutWindowMs(rolloutWindowMs)
    {}
    void begin(const ReportHeader &) override;
    void tag(const ReportTag &t) override;
    void end() override;

private:
    qint64 m_rolloutWindowMs;
    bool m_first = true;
};

} // namespace RebuildRadar
