#pragma once

// Reads the packages rpm lists as installed in an image from its SQLite database
// (`var/lib/rpm/rpmdb.sqlite`, `usr/lib/sysimage/rpm/rpmdb.sqlite`): each row of table
// `Packages(hnum, blob)` holds one package's header. BerkeleyDB `Packages` and NDB `Packages.db`
// (older images) are not read.

#include "common/Result.h"
#include "packages/InstalledPackage.h"

#include <QByteArray>
#include <QByteArrayView>

#include <optional>

namespace RebuildRadar {

// The fields read from one header. epoch is unset when the header has none.
struct RpmHeader
{
    QString name;
    QString version;
    QString release;
    std::optional<qint32> epoch;
    QString arch;
    QString sourceRpm; // "bash-5.1.8-6.el9.src.rpm"; empty when the header has none
    friend bool operator==(const RpmHeader &, const RpmHeader &) = default;
};

// One header image as rpmdb stores it: big-endian index count and data size, the index entries
// (tag, type, offset, count: 16 bytes each), then the data store. Every offset is checked against
// the blob; anything out of bounds or of the wrong type is refused with a message.
Result<RpmHeader> parseRpmHeader(QByteArrayView blob);

// "bash-5.1.8-6.el9.src.rpm" → "bash": the file name without -version-release.src.rpm.
QString rpmSourcePackageName(const QString &sourceRpm);

// "[epoch:]version-release", the form InstalledPackage holds.
QString rpmEvr(const RpmHeader &header);

// Packages keyed by name (gpg-pubkey entries left out); a name installed for two architectures
// (glibc.i686 beside glibc.x86_64) is keyed, and named, name.arch instead. Ecosystem is Rpm.
PackageSet rpmPackagesOf(const QList<RpmHeader> &headers);

// The database file's bytes: written to a temporary file of our own and opened read-only (as
// immutable, so a WAL-mode database whose -wal was checkpointed away opens too). Refuses bytes that
// are not an SQLite database with a Packages table, and any malformed header.
Result<PackageSet> parseRpmDatabase(const QByteArray &sqliteFile);

} // namespace RebuildRadar
