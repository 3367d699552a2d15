// rpm's header format (rpm manual, "Package format" / lib/header.c): a header image is
// `int32 il, int32 dl, il × {int32 tag, int32 type, int32 offset, int32 count}, dl bytes of data`,
// all big-endian; offsets are relative to the data store. The tags read: NAME 1000, VERSION 1001,
// RELEASE 1002, EPOCH 1003 (INT32), ARCH 1022, SOURCERPM 1044 (STRING). The region tags (62, 63)
// and everything else are skipped.
#include "packages/RpmDatabase.h"

#include <QAtomicInteger>
#include <QSqlDatabase>
#include <QSqlError>
#include <QSqlQuery>
#include <QTemporaryFile>
#include <QUrl>
#include <QtEndian>

namespace RebuildRadar {

namespace {

constexpr quint32 kTagName = 1000;
constexpr quint32 kTagVersion = 1001;
constexpr quint32 kTagRelease = 1002;
constexpr quint32 kTagEpoch = 1003;
constexpr quint32 kTagArch = 1022;
constexpr quint32 kTagSourceRpm = 1044;

constexpr quint32 kTypeInt32 = 4;
constexpr quint32 kTypeString = 6;
constexpr quint32 kTypeStringArray = 8;
constexpr quint32 kTypeI18nString = 9;

// rpm's own limits (lib/header.c: HEADER_TAGS_MAX, HEADER_DATA_MAX).
constexpr quint32 kMaxEntries = 0xffff;
constexpr quint32 kMaxData = 0x0fffffff;

quint32 be32(QByteArrayView blob, qsizetype at)
{
    return qFromBigEndian<quint32>(blob.data() + at);
}

Error malformed(const QString &why)
{
    return makeError(ErrorCode::InvalidInput, QStringLiteral("malformed rpm header: %1").arg(why));
}

} // namespace

Result<RpmHeader> parseRpmHeader(QByteArrayView blob)
{
    if (blob.size() < 8)
        return malformed(QStringLiteral("%1 bytes, shorter than its 8-byte preamble").arg(blob.size()));
    const quint32 il = be32(blob, 0);
    const quint32 dl = be32(blob, 4);
    if (il == 0 || il > kMaxEntries)
        return malformed(QStringLiteral("%1 index entries").arg(il));
    if (dl > kMaxData)
        return malformed(QStringLiteral("data store of %1 bytes").arg(dl));
    const qint64 indexEnd = 8 + qint64(il) * 16;
    if (indexEnd + qint64(dl) > blob.size())
        return malformed(QStringLiteral("%1 entries and %2 data bytes do not fit in %3 bytes")
                             .arg(il)
                             .arg(dl)
                             .arg(blob.size()));
    const QByteArrayView data = blob.sliced(indexEnd, dl);

    RpmHeader header;
    for (quint32 e = 0; e < il; ++e) {
        const qsizetype at = 8 + qsizetype(e) * 16;
        const quint32 tag = be32(blob, at);
        const quint32 type = be32(blob, at + 4);
        const quint32 offset = be32(blob, at + 8);
        const quint32 count = be32(blob, at + 12);
        QString *text = nullptr;
        switch (tag) {
        case kTagName:
            text = &header.name;
            break;
        case kTagVersion:
            text = &header.version;
            break;
        case kTagRelease:
            text = &header.release;
            break;
        case kTagArch:
            text = &header.arch;
            break;
        case kTagSourceRpm:
            text = &header.sourceRpm;
            break;
        case kTagEpoch:
            break;
        default:
            continue;
        }
        if (offset >= dl)
            return malformed(QStringLiteral("tag %1 at offset %2 past the %3-byte data store")
                                 .arg(tag)
                                 .arg(offset)
                                 .arg(dl));
        if (tag == kTagEpoch) {
            if (type != kTypeInt32 || count < 1 || qint64(offset) + 4 > dl)
                return malformed(QStringLiteral("epoch is not a 32-bit integer inside the data store"));
            header.epoch = qint32(be32(data, offset));
            continue;
        }
        if (type != kTypeString && type != kTypeI18nString && type != kTypeStringArray)
            return malformed(QStringLiteral("tag %1 is of type %2, not a string").arg(tag).arg(type));
        const QByteArrayView rest = data.sliced(offset);
        const qsizetype nul = rest.indexOf('\0');
        if (nul < 0)
            return malformed(QStringLiteral("tag %1's string runs past the data store").arg(tag));
        *text = QString::fromUtf8(rest.first(nul));
    }
    if (header.name.isEmpty() || header.version.isEmpty())
        return malformed(QStringLiteral("no name or no version"));
    return header;
}

QString rpmSourcePackageName(const QString &sourceRpm)
{
    QString s = sourceRpm;
    for (const QLatin1String suffix : {QLatin1String(".src.rpm"), QLatin1String(".nosrc.rpm")}) {
        if (s.endsWith(suffix)) {
            s.chop(suffix.size());
            break;
        }
    }
    // name-version-release: the last two dashes go, names may hold dashes themselves.
    const qsizetype releaseDash = s.lastIndexOf(u'-');
    const qsizetype versionDash = releaseDash > 0 ? s.lastIndexOf(u'-', releaseDash - 1) : -1;
    return versionDash > 0 ? s.left(versionDash) : s;
}

QString rpmEvr(const RpmHeader &header)
{
    QString evr = header.epoch ? QStringLiteral("%1:").arg(*header.epoch) : QString();
    evr += header.version;
    if (!header.release.isEmpty())
        evr += u'-' + header.release;
    return evr;
}

PackageSet rpmPackagesOf(const QList<RpmHeader> &headers)
{
    QMap<QString, QStringList> archesOf;
    for (const RpmHeader &h : headers) {
        if (h.name != u"gpg-pubkey" && !archesOf[h.name].contains(h.arch))
            archesOf[h.name].append(h.arch);
    }
    PackageSet out;
    for (const RpmHeader &h : headers) {
        if (h.name == u"gpg-pubkey")
            continue;
        const QString key = archesOf.value(h.name).size() > 1 ? h.name + u'.' + h.arch : h.name;
        QString source = rpmSourcePackageName(h.sourceRpm);
        if (source.isEmpty())
            source = h.name;
        out.insert(key, InstalledPackage{key, rpmEvr(h), source, Ecosystem::Rpm});
    }
    return out;
}

Result<PackageSet> parseRpmDatabase(const QByteArray &sqliteFile)
{
    if (!sqliteFile.startsWith("SQLite format 3"))
        return makeError(ErrorCode::InvalidInput, QStringLiteral("rpmdb.sqlite is not an SQLite database"));
    QTemporaryFile file;
    if (!file.open() || file.write(sqliteFile) != sqliteFile.size() || !file.flush())
        return makeError(
            ErrorCode::Io,
            QStringLiteral("could not write rpmdb.sqlite to a temporary file: %1").arg(file.errorString()));

    static QAtomicInteger<quint64> counter;
    const QString connection = QStringLiteral("rebuildradar-rpmdb-%1").arg(counter.fetchAndAddRelaxed(1));
    Result<PackageSet> result = PackageSet{};
    {
        QSqlDatabase db = QSqlDatabase::addDatabase(QStringLiteral("QSQLITE"), connection);
        db.setConnectOptions(QStringLiteral("QSQLITE_OPEN_READONLY;QSQLITE_OPEN_URI"));
        QUrl uri = QUrl::fromLocalFile(file.fileName());
        uri.setScheme(QStringLiteral("file"));
        db.setDatabaseName(uri.toString(QUrl::FullyEncoded) + QStringLiteral("?immutable=1"));
        if (!db.open()) {
            result = makeError(ErrorCode::InvalidInput,
                               QStringLiteral("cannot open rpmdb.sqlite: %1").arg(db.lastError().text()));
        } else {
            QSqlQuery query(db);
            if (!query.exec(QStringLiteral("SELECT blob FROM Packages ORDER BY hnum"))) {
                result = makeError(ErrorCode::InvalidInput,
                                   QStringLiteral("rpmdb.sqlite has no readable Packages table: %1")
                                       .arg(query.lastError().text()));
            } else {
                QList<RpmHeader> headers;
                while (query.next()) {
                    auto header = parseRpmHeader(query.value(0).toByteArray());
                    if (!header) {
                        result = header.error();
                        break;
                    }
                    headers.append(std::move(header).value());
                }
                if (result && query.lastError().isValid())
                    result = makeError(
                        ErrorCode::InvalidInput,
                        QStringLiteral("cannot read rpmdb.sqlite: %1").arg(query.lastError().text()));
                if (result)
                    result = rpmPackagesOf(headers);
            }
            query.finish();
        }
        db.close();
    }
    QSqlDatabase::removeDatabase(connection);
    return result;
}

} // namespace RebuildRadar
