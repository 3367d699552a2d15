#pragma once

// Moving a personal history (SQLite) into a team history (PostgreSQL), both at the current schema:
// every table copied with its ids, in one transaction on the team database, in foreign-key order, the
// identity sequences set past the copied ids, and the copy verified table by table before it commits.
// Running it again changes nothing: a team database that already holds this history (as copied, or
// grown since) is said to, and one holding another history is refused. `migrate` (core/cli) runs it.

#include "common/Result.h"

#include <QList>
#include <QString>
#include <QStringList>

namespace RebuildRadar {

class Database;

struct HistoryCopy
{
    enum class Outcome
    {
        Copied,       // the team database held no history; it now holds this one
        AlreadyThere, // it held exactly this history already: nothing was written
        AlreadyGrown, // it held every tag and rebuild of this history and more since: nothing written
    };
    struct TableCount
    {
        QString table;
        qint64 source = 0;
        qint64 target = 0;
    };
    Outcome outcome = Outcome::Copied;
    QList<TableCount> counts; // every copied table, in copying order, as they are after the run

    // The tables copied, in the order their foreign keys need (rebuildradar_schema is each database's
    // own; watchlist_generation is moved forward, not copied).
    static const QStringList &tables();

    // Refuses (ErrorCode::InvalidInput, nothing written) a team database holding another history, or a
    // channel of the same name defined otherwise; a failure during the copy rolls everything back.
    static Result<HistoryCopy> run(Database &source, Database &target);

    // The schema of the SQLite file at `path` if it is a Rebuild Radar history (0 if it is not), read
    // without writing or upgrading anything; an error for a file SQLite cannot read.
    static Result<int> historySchema(const QString &path);
};

} // namespace RebuildRadar
