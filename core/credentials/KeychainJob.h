#pragma once

// The one way this project runs a QtKeychain job (read, write or delete one entry) and the one mapping
// of its end to a Result. A job has no parent and deletes itself once it has finished, never while the
// keychain may still answer it (a job deleted mid-flight would be called back dead). The caller hears
// exactly once, on `context`'s thread, at the job's end or after `timeoutMs`, whichever comes first,
// and not at all once `context` is gone. Any thread with an event loop may ask (the engine's does): the
// job itself, and its timeout, run on the application's thread, so an answer waits for that thread's
// event loop. Writes and deletes never fall back to QtKeychain's plain file.

#include "common/Result.h"

#include <QByteArray>
#include <QObject>
#include <QString>

#include <functional>

namespace RebuildRadar::KeychainJob {

// The entry for `key` (a text entry as its UTF-8 bytes); NotFound when there is none, Io when the
// keychain refused or none answered.
void read(const QString &service, const QString &key, QObject *context, int timeoutMs,
          std::function<void(Result<QByteArray>)> done);

// Stores `text` as a text entry, or `data` as a binary one (the keychain keeps the two kinds apart).
void writeText(const QString &service, const QString &key, const QString &text, QObject *context,
               int timeoutMs, std::function<void(Status)> done);
void writeBinary(const QString &service, const QString &key, const QByteArray &data, QObject *context,
                 int timeoutMs, std::function<void(Status)> done);

// Deletes the entry for `key`; an entry that was not there counts as deleted.
void remove(const QString &service, const QString &key, QObject *context, int timeoutMs,
            std::function<void(Status)> done);

} // namespace RebuildRadar::KeychainJob
