#pragma once

#include "common/Clock.h"
#include "poll/Poller.h"

#include <QHash>
#include <QObject>
#include <QTimer>

namespace RebuildRadar {

// A tag's rebuilds that landed close together (multi-arch images are often pushed one platform at a
// time), told as one notification.
struct SettledRebuild
{
    WatchedTag tag;
    QList<Rebuild> rebuilds;
    QStringList platforms() const;
    QList<Cause> causes() const;
};

// Groups notification-worthy rebuilds per tag until none has arrived for the settle window. Every
// rebuild is recorded regardless; this only decides what is announced, and when.
class Settler : public QObject
{
    Q_OBJECT
public:
    explicit Settler(const Clock &clock, QObject *parent = nullptr);

    void setWindowMs(qint64 ms) { m_windowMs = ms; }
    qint64 windowMs() const { return m_windowMs; }
    void setAnnounceIndexOnly(bool on) { m_indexOnly = on; }

    // Muted tags, rebuilds outside the user's platforms, acknowledged ones and (unless asked)
    // index-only changes are not announced.
    void add(const RebuildEvent &event);
    // Announces every group whose window has passed at the clock's now.
    void process();
    int pendingGroups() const { return int(m_groups.size()); }

signals:
    void settled(const RebuildRadar::SettledRebuild &group);

private:
    struct Group
    {
        SettledRebuild value;
        qint64 lastAt = 0;
    };
    void arm();

    const Clock &m_clock;
    qint64 m_windowMs = 30 * 60 * 1000;
    bool m_indexOnly = false;
    QHash<qint64, Group> m_groups;
    QTimer m_timer;
};

} // namespace RebuildRadar
