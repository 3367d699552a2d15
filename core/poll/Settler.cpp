#include "poll/Settler.h"

namespace RebuildRadar {

QStringList SettledRebuild::platforms() const
{
    QStringList out;
    for (const Rebuild &r : rebuilds) {
        for (const QString &p : r.platformsChanged + r.platformsAdded + r.platformsRemoved) {
            if (!out.contains(p))
                out.append(p);
        }
    }
    return out;
}

QList<Cause> SettledRebuild::causes() const
{
    QList<Cause> out;
    for (const Rebuild &r : rebuilds) {
        for (const Cause &c : r.causes) {
            if (!out.contains(c))
                out.append(c);
        }
    }
    return out;
}

Settler::Settler(const Clock &clock, QObject *parent)
    : QObject(parent)
    , m_clock(clock)
{
    m_timer.setSingleShot(true);
    connect(&m_timer, &QTimer::timeout, this, &Settler::process);
}

void Settler::add(const RebuildEvent &event)
{
    const Rebuild &r = event.rebuild;
    if (event.tag.muted || !event.relevant || r.acknowledged)
        return;
    const bool indexOnly =
        r.platformsChanged.isEmpty() && r.platformsAdded.isEmpty() && r.platformsRemoved.isEmpty();
    if (indexOnly && !m_indexOnly)
        return;
    Group &group = m_groups[event.tag.id];
    group.value.tag = event.tag;
    group.value.rebuilds.append(r);
    group.lastAt = m_clock.nowMs();
    arm();
}

void Settler::process()
{
    const qint64 now = m_clock.nowMs();
    QList<SettledRebuild> ready;
    for (auto it = m_groups.begin(); it != m_groups.end();) {
        if (now - it->lastAt >= m_windowMs) {
            ready.append(it->value);
            it = m_groups.erase(it);
        } else {
            ++it;
        }
    }
    for (const SettledRebuild &group : ready)
        emit settled(group);
    arm();
}

void Settler::arm()
{
    if (m_groups.isEmpty()) {
        m_timer.stop();
        return;
    }
    qint64 earliest = std::numeric_limits<qint64>::max();
    for (const Group &g : std::as_const(m_groups))
        earliest = std::min(earliest, g.lastAt + m_windowMs);
    m_timer.start(int(std::clamp<qint64>(earliest - m_clock.nowMs(), 0, 24LL * 3600 * 1000)));
}

} // namespace RebuildRadar
