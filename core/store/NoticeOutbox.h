#pragma once

// The durable outbox of notices (schema 7). Every program that announces rebuilds is a consumer with a
// name ("desktop", "daemon"): it turns the rebuilds recorded since it last looked, by whichever program
// recorded them, into notices queued under its name, and marks each delivered once its channel took it.
// So each consumer announces every rebuild once, and a notice in hand when a program dies is delivered
// after it restarts. What a rebuild means (which notice, if any) is the caller's to decide; this class
// only persists it. It also tells the others when the watchlist changed (its generation) and when any
// other connection wrote (SQLite's data_version).

#include "common/Result.h"
#include "domain/History.h"

#include <QList>
#include <QString>

#include <functional>

namespace RebuildRadar {

class Database;

struct QueuedNotice
{
    qint64 id = 0; // 0 until queued
    qint64 tagId = 0;
    qint64 rebuildId = 0;
    QString kind; // the caller's name for what the notice says
    int attempts = 0;
    qint64 createdAt = 0; // when it was queued (read back by pending())
};

class NoticeOutbox
{
public:
    NoticeOutbox(Database &database, std::function<qint64()> now);

    // Starts the consumer's cursor after the newest rebuild if it has none: call before recording.
    Status registerConsumer(const QString &consumer);

    // In one transaction: the rebuilds recorded after the consumer's cursor (oldest first), the notices
    // `decide` makes of them queued, and the cursor moved past them. A consumer seen for the first time
    // starts after the newest rebuild: the past is history, not news. Returns the rebuilds taken.
    using Decide = std::function<QList<QueuedNotice>(const QList<Rebuild> &)>;
    Result<QList<Rebuild>> takeNewRebuilds(const QString &consumer, const Decide &decide);
    // A notice that does not come from a new rebuild (a rollout that closed).
    Result<qint64> enqueue(const QString &consumer, const QueuedNotice &notice);
    // Queued and not delivered yet, oldest first.
    Result<QList<QueuedNotice>> pending(const QString &consumer);
    Status markDelivered(qint64 noticeId);
    // Delivery failed this time; `giveUp` marks it delivered all the same (with the error kept).
    Status markFailed(qint64 noticeId, const QString &error, bool giveUp);

    // The newest rebuild's id (0: none): a read, so a consumer can skip the write transaction of
    // takeNewRebuilds when nothing was recorded since it last looked.
    Result<qint64> newestRebuildId();
    // Moves whenever a tag is added, removed or its watch settings change, by any connection.
    Result<qint64> watchlistGeneration();
    // Changes when another connection committed a write (PRAGMA data_version).
    Result<qint64> dataVersion();

private:
    Database &m_db;
    std::function<qint64()> m_now;
};

} // namespace RebuildRadar
