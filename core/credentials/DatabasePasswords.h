#pragma once

// The passwords of team histories (PostgreSQL) that a user saved in the OS keychain, by the login the
// history's URI names (PostgresLocation::identity; the URI never holds a password itself). libpq's own places
// (~/.pgpass, PGPASSFILE, PGPASSWORD) come first: the engine (desktop and daemon) and the CLI's commands ask
// the keychain only when the server refused a login without one, and hand the password to Database::open in
// memory.

#include "common/Result.h"

#include <QObject>
#include <QString>

#include <functional>

namespace RebuildRadar::DatabasePasswords {

inline QString serviceName()
{
    return QStringLiteral("rebuildradar-database");
}

// The saved password for `uri`, or empty (none saved, or no keychain answered within `timeoutMs`).
// Passwords are kept by the URI's identity (server, user, database), so every spelling of one URI
// finds them; one saved under the URI as written (before) is found too.
void read(const QString &uri, QObject *context, std::function<void(QString)> done, int timeoutMs = 3000);

// Whether opening a history failed because its server refused a login for want of a password that
// the keychain may hold: a team history, opened without a password of ours, refused with AuthFailed.
bool mayBeSaved(bool teamHistory, const QString &passwordGiven, const Error &error);

// The error to report when the saved password was refused as well.
Error savedOneRefusedToo(Error refused);

// Saves (or, with an empty password, forgets, under either key) the password for `uri`; never in a
// plain file.
void save(const QString &uri, const QString &password, QObject *context, std::function<void(Status)> done,
          int timeoutMs = 5000);

} // namespace RebuildRadar::DatabasePasswords
