#pragma once

// A team history's address: a postgresql:// (or postgres://) URI as libpq writes them, turned into the
// connection settings QtSql's QPSQL driver takes. Passwords never travel in it: a URI with one is
// refused (it would end up in settings, autostart entries and logs); libpq finds them itself in
// ~/.pgpass, PGPASSFILE or PGPASSWORD.

#include "common/Result.h"

#include <QString>
#include <QStringList>

namespace RebuildRadar {

struct PostgresLocation
{
    QString host;  // a name, an address, or a folder holding the server's socket; empty: libpq's default
    int port = -1; // -1: libpq's default (PGPORT or 5432)
    QString user;  // empty: libpq's default (PGUSER or the login name)
    QString database;
    QStringList options; // the URI's other libpq parameters, as key=value
    QString display;     // the URI as given (it has no password)

    // The login it names, as libpq's password file tells logins apart: host, port, user, database (and
    // service). Spellings that name these alike share it (postgres:// or postgresql://, the host's case,
    // user and port in the query, sslmode and the like); a port or user left to libpq's default is
    // not the same as one written out.
    QString identity() const;

    static bool isUri(const QString &location);
    static Result<PostgresLocation> parse(const QString &uri);
};

} // namespace RebuildRadar
