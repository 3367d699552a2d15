#pragma once

#include <QDateTime>

namespace RebuildRadar {

// The one source of "now" in core, so tests can move time instead of sleeping.
class Clock
{
public:
    virtual ~Clock() = default;
    virtual QDateTime now() const = 0;
    qint64 nowMs() const { return now().toMSecsSinceEpoch(); }
};

class SystemClock final : public Clock
{
public:
    QDateTime now() const override { return QDateTime::currentDateTimeUtc(); }
};

} // namespace RebuildRadar
