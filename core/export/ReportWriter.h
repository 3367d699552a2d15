#pragma once

// The interface every export format implements: a header once, then one tag at a time, then an end,
// so a report streams out of the store whatever the size of the history. Write errors are remembered
// and reported once through status().

#include "common/Result.h"
#include "export/ReportData.h"
#include "running/RunningMatch.h"

#include <QIODevice>

#include <optional>

namespace RebuildRadar {

// What a report says about itself before the first tag.
struct ReportHeader
{
    std::optional<qint64> since;
    std::optional<qint64> until;
    int tagCount = 0;
    qint64 now = 0;
    // "2026-03-01 – 2026-04-10", the period as the report's first lines show it.
    QString period() const;
};

class ReportWriter
{
public:
    explicit ReportWriter(QIODevice &out)
        : m_out(out)
    {}
    virtual ~ReportWriter() = default;
    ReportWriter(const ReportWriter &) = delete;
    ReportWriter &operator=(const ReportWriter &) = delete;

    virtual void begin(const ReportHeader &) {}
    virtual void tag(const ReportTag &tag) = 0;
    // What runs where (given when a source of workloads is configured), after the last tag.
    virtual void running(const QList<RunningStatus> &, qint64 /*now*/) {}
    virtual void end() {}
    Status status() const;

protected:
    void put(const QString &text) { put(text.toUtf8()); }
    void put(const QByteArray &bytes)
    {
        if (m_out.write(bytes) != bytes.size())
            m_failed = true;
    }
    QIODevice &m_out;
    bool m_failed = false;
};

} // namespace RebuildRadar
