// RPM-based images (Red Hat UBI 9, Fedora, Rocky/Alma 9, Amazon Linux 2023): rpm's version order,
// the header images of an rpmdb.sqlite (built here from chosen fields, so what is expected is what
// was put in), malformed headers refused, a layer holding the database read into packages, and the
// diff and analysis of two such images.
#include "AnalysisFixtures.h"
#include "analysis/LayerScan.h"
#include "packages/Distro.h"
#include "packages/PackageDiff.h"
#include "packages/PackageDiffJson.h"
#include "packages/RpmDatabase.h"
#include "packages/RpmVersion.h"
#include "packages/SpdxSbom.h"

#include <QDir>
#include <QFile>
#include <QSqlDatabase>
#include <QSqlError>
#include <QSqlQuery>
#include <QTemporaryDir>
#include <QtEndian>

#include <gtest/gtest.h>

using namespace RebuildRadar;
using namespace RebuildRadar::Test;

namespace {

// One index entry of a header this test writes: a tag and either a string or an int32.
struct Field
{
    quint32 tag;
    quint32 type;
    QByteArray data; // the bytes of the data store this entry points at
    quint32 count = 1;
};

Field str(quint32 tag, const QByteArray &s)
{
    return {tag, 6, s + '\0'};
}

Field int32(quint32 tag, qint32 v)
{
    QByteArray b(4, '\0');
    qToBigEndian<qint32>(v, b.data());
    return {tag, 4, b};
}

void appendBe32(QByteArray &out, quint32 v)
{
    char b[4];
    qToBigEndian<quint32>(v, b);
    out.append(b, 4);
}

// A header image as rpm's headerExport writes it: il, dl, entries, data (int32s 4-byte aligned).
QByteArray headerBlob(const QList<Field> &fields)
{
    QByteArray index;
    QByteArray data;
    for (const Field &f : fields) {
        if (f.type == 4)
            while (data.size() % 4)
                data.append('\0');
        appendBe32(index, f.tag);
        appendBe32(index, f.type);
        appendBe32(index, quint32(data.size()));
        appendBe32(index, f.count);
        data.append(f.data);
    }
    QByteArray out;
    appendBe32(out, quint32(fields.size()));
    appendBe32(out, quint32(data.size()));
    return out + index + data;
}

struct Rpm
{
    QByteArray name;
    QByteArray version;
    QByteArray release;
    std::optional<qint32> epoch;
    QByteArray arch = "x86_64";
    QByteArray sourceRpm; // empty: no SOURCERPM tag
};

// With the fields a real header has around the ones read: a summary (I18N string), a size (INT32)
// and a binary region trailer tag.
QByteArray headerOf(const Rpm &p)
{
    QList<Field> fields{
        {63, 7, QByteArray(16, '\x01'), 16}, str(1000, p.name), str(1001, p.version), str(1002, p.release)};
    fields.append({1004, 9, QByteArray("A summary\0", 10), 1});
    if (p.epoch)
        fields.append(int32(1003, *p.epoch));
    fields.append(int32(1009, 123456));
    fields.append(str(1022, p.arch));
    if (!p.sourceRpm.isEmpty())
        fields.append(str(1044, p.sourceRpm));
    return headerBlob(fields);
}

// An rpmdb.sqlite as rpm's sqlite backend lays it out, in WAL mode and closed (so checkpointed: no
// -wal file beside it), returned as bytes.
QByteArray rpmdbSqlite(const QList<QByteArray> &blobs, bool withTable = true)
{
    QTemporaryDir dir;
    const QString path = dir.filePath(QStringLiteral("rpmdb.sqlite"));
    {
        QSqlDatabase db =
            QSqlDatabase::addDatabase(QStringLiteral("QSQLITE"), QStringLiteral("rpm-test-writer"));
        db.setDatabaseName(path);
        EXPECT_TRUE(db.open()) << db.lastError().text().toStdString();
        QSqlQuery q(db);
        EXPECT_TRUE(q.exec(QStringLiteral("PRAGMA journal_mode=WAL")));
        if (withTable) {
            EXPECT_TRUE(q.exec(QStringLiteral("CREATE TABLE 'Packages' (hnum INTEGER PRIMARY KEY "
                                              "AUTOINCREMENT, blob BLOB NOT NULL)")));
        } else {
            EXPECT_TRUE(q.exec(QStringLiteral("CREATE TABLE Other (x)")));
        }
        for (const QByteArray &blob : blobs) {
            q.prepare(QStringLiteral("INSERT INTO Packages (blob) VALUES (?)"));
            q.addBindValue(blob);
            EXPECT_TRUE(q.exec()) << q.lastError().text().toStdString();
        }
        q.finish();
        db.close();
    }
    QSqlDatabase::removeDatabase(QStringLiteral("rpm-test-writer"));
    EXPECT_FALSE(QFile::exists(path + QStringLiteral("-wal")));
    QFile f(path);
    EXPECT_TRUE(f.open(QIODevice::ReadOnly));
    return f.readAll();
}

const QByteArray kFedoraOsRelease = "NAME=\"Fedora Linux\"\nVERSION=\"40 (Container Image)\"\nID=fedora\n"
                                    "VERSION_ID=40\nPLATFORM_ID=\"platform:f40\"\n";

} // namespace

// Every comparison of rpm's own test suite: tests/rpmvercmp.at in
// github.com/rpm-software-management/rpm (the RPMVERCMP(a, b, expected) lines, its commented-out
// "oddities" left out as rpm does), tilde and caret cases included.
TEST(RpmVersion, RpmsOwnVercmpSuite)
{
    struct Case
    {
        const char *a;
        const char *b;
        int expected;
    };
    const Case cases[] = {
        {"1.0", "1.0", 0},
        {"1.0", "2.0", -1},
        {"2.0", "1.0", 1},
        {"2.0.1", "2.0.1", 0},
        {"2.0", "2.0.1", -1},
        {"2.0.1", "2.0", 1},
        {"2.0.1a", "2.0.1a", 0},
        {"2.0.1a", "2.0.1", 1},
        {"2.0.1", "2.0.1a", -1},
        {"5.5p1", "5.5p1", 0},
        {"5.5p1", "5.5p2", -1},
        {"5.5p2", "5.5p1", 1},
        {"5.5p10", "5.5p10", 0},
        {"5.5p1", "5.5p10", -1},
        {"5.5p10", "5.5p1", 1},
        {"10xyz", "10.1xyz", -1},
        {"10.1xyz", "10xyz", 1},
        {"xyz10", "xyz10", 0},
        {"xyz10", "xyz10.1", -1},
        {"xyz10.1", "xyz10", 1},
        {"xyz.4", "xyz.4", 0},
        {"xyz.4", "8", -1},
        {"8", "xyz.4", 1},
        {"xyz.4", "2", -1},
        {"2", "xyz.4", 1},
        {"5.5p2", "5.6p1", -1},
        {"5.6p1", "5.5p2", 1},
        {"5.6p1", "6.5p1", -1},
        {"6.5p1", "5.6p1", 1},
        {"6.0.rc1", "6.0", 1},
        {"6.0", "6.0.rc1", -1},
        {"10b2", "10a1", 1},
        {"10a2", "10b2", -1},
        {"1.0aa", "1.0aa", 0},
        {"1.0a", "1.0aa", -1},
        {"1.0aa", "1.0a", 1},
        {"10.0001", "10.0001", 0},
        {"10.0001", "10.1", 0},
        {"10.1", "10.0001", 0},
        {"10.0001", "10.0039", -1},
        {"10.0039", "10.0001", 1},
        {"4.999.9", "5.0", -1},
        {"5.0", "4.999.9", 1},
        {"20101121", "20101121", 0},
        {"20101121", "20101122", -1},
        {"20101122", "20101121", 1},
        {"2_0", "2_0", 0},
        {"2.0", "2_0", 0},
        {"2_0", "2.0", 0},
        // RhBug:178798
        {"a", "a", 0},
        {"a+", "a+", 0},
        {"a+", "a_", 0},
        {"a_", "a+", 0},
        {"+a", "+a", 0},
        {"+a", "_a", 0},
        {"_a", "+a", 0},
        {"+_", "+_", 0},
        {"_+", "+_", 0},
        {"_+", "_+", 0},
        {"+", "_", 0},
        {"_", "+", 0},
        // tilde
        {"1.0~rc1", "1.0~rc1", 0},
        {"1.0~rc1", "1.0", -1},
        {"1.0", "1.0~rc1", 1},
        {"1.0~rc1", "1.0~rc2", -1},
        {"1.0~rc2", "1.0~rc1", 1},
        {"1.0~rc1~git123", "1.0~rc1~git123", 0},
        {"1.0~rc1~git123", "1.0~rc1", -1},
        {"1.0~rc1", "1.0~rc1~git123", 1},
        // caret
        {"1.0^", "1.0^", 0},
        {"1.0^", "1.0", 1},
        {"1.0", "1.0^", -1},
        {"1.0^git1", "1.0^git1", 0},
        {"1.0^git1", "1.0", 1},
        {"1.0", "1.0^git1", -1},
        {"1.0^git1", "1.0^git2", -1},
        {"1.0^git2", "1.0^git1", 1},
        {"1.0^git1", "1.01", -1},
        {"1.01", "1.0^git1", 1},
        {"1.0^20160101", "1.0^20160101", 0},
        {"1.0^20160101", "1.0.1", -1},
        {"1.0.1", "1.0^20160101", 1},
        {"1.0^20160101^git1", "1.0^20160101^git1", 0},
        {"1.0^20160102", "1.0^20160101^git1", 1},
        {"1.0^20160101^git1", "1.0^20160102", -1},
        // tilde and caret
        {"1.0~rc1^git1", "1.0~rc1^git1", 0},
        {"1.0~rc1^git1", "1.0~rc1", 1},
        {"1.0~rc1", "1.0~rc1^git1", -1},
        {"1.0^git1~pre", "1.0^git1~pre", 0},
        {"1.0^git1", "1.0^git1~pre", 1},
        {"1.0^git1~pre", "1.0^git1", -1},
    };
    for (const Case &c : cases) {
        const int got = rpmvercmp(QString::fromUtf8(c.a), QString::fromUtf8(c.b));
        EXPECT_EQ((got > 0) - (got < 0), c.expected) << c.a << " vs " << c.b;
    }
}

// Epoch first (none is 0), then version, then release: a bumped epoch wins over a lower version.
TEST(RpmVersion, EpochVersionRelease)
{
    EXPECT_LT(compareRpmVersions(u"5.1.8-6.el9", u"5.1.8-9.el9"), 0);
    EXPECT_LT(compareRpmVersions(u"5.1.8-9.el9", u"5.2.0-1.el9"), 0);
    EXPECT_GT(compareRpmVersions(u"1:1.0-1.el9", u"9.9-9.el9"), 0);
    EXPECT_EQ(compareRpmVersions(u"0:3.0.7-27.el9", u"3.0.7-27.el9"), 0);
    EXPECT_LT(compareRpmVersions(u"2:1.0-1", u"10:1.0-1"), 0);
    EXPECT_LT(compareRpmVersions(u"3.0.7-27.el9", u"3.0.7-27.el9_4"), 0);
    EXPECT_LT(compareRpmVersions(u"2.34-100.el9", u"2.34-100.el9_4.2"), 0);
    EXPECT_LT(compareRpmVersions(u"6.2~rc1-1.fc40", u"6.2-1.fc40"), 0);
    // A version holding dashes of its own is not expected, but the last dash splits off the release.
    EXPECT_GT(compareRpmVersions(u"1.0-2", u"1.0"), 0);
    // Garbage orders without crashing and stays antisymmetric.
    const QStringList junk{QString(),
                           QStringLiteral(":"),
                           QStringLiteral("-"),
                           QStringLiteral("~^~"),
                           QStringLiteral("99999999999999999999999-0"),
                           QStringLiteral("é.1")};
    for (const QString &a : junk)
        for (const QString &b : junk)
            EXPECT_EQ(compareRpmVersions(a, b) > 0, compareRpmVersions(b, a) < 0);
}

TEST(RpmHeader, ReadsTheFieldsItWasWrittenWith)
{
    auto h = parseRpmHeader(
        headerOf({"openssl-libs", "3.0.7", "27.el9", 1, "x86_64", "openssl-3.0.7-27.el9.src.rpm"}));
    ASSERT_TRUE(h) << h.error().message.toStdString();
    EXPECT_EQ(*h,
              (RpmHeader{QStringLiteral("openssl-libs"), QStringLiteral("3.0.7"), QStringLiteral("27.el9"), 1,
                         QStringLiteral("x86_64"), QStringLiteral("openssl-3.0.7-27.el9.src.rpm")}));
    EXPECT_EQ(rpmEvr(*h), QStringLiteral("1:3.0.7-27.el9"));

    auto noEpoch = parseRpmHeader(headerOf({"tzdata", "2024a", "1.el9", {}, "noarch", {}}));
    ASSERT_TRUE(noEpoch) << noEpoch.error().message.toStdString();
    EXPECT_FALSE(noEpoch->epoch);
    EXPECT_TRUE(noEpoch->sourceRpm.isEmpty());
    EXPECT_EQ(rpmEvr(*noEpoch), QStringLiteral("2024a-1.el9"));
}

TEST(RpmHeader, SourcePackageIsTheSrcRpmWithoutVersionAndRelease)
{
    EXPECT_EQ(rpmSourcePackageName(QStringLiteral("bash-5.1.8-6.el9.src.rpm")), QStringLiteral("bash"));
    EXPECT_EQ(rpmSourcePackageName(QStringLiteral("python-setuptools-53.0.0-12.el9.src.rpm")),
              QStringLiteral("python-setuptools"));
    EXPECT_EQ(rpmSourcePackageName(QStringLiteral("foo-1-2.nosrc.rpm")), QStringLiteral("foo"));
    EXPECT_EQ(rpmSourcePackageName(QStringLiteral("odd")), QStringLiteral("odd"));
}

// Each of these would read past the blob or take a wrong-typed value: refused with a message.
TEST(RpmHeader, MalformedHeadersAreRefused)
{
    const QByteArray good = headerOf({"bash", "5.1.8", "6.el9", 2, "x86_64", "bash-5.1.8-6.el9.src.rpm"});
    ASSERT_TRUE(parseRpmHeader(good));
    // Every truncation.
    for (qsizetype n = 0; n < good.size(); ++n) {
        auto h = parseRpmHeader(good.left(n));
        ASSERT_FALSE(h) << "prefix of " << n << " bytes accepted";
        EXPECT_TRUE(h.error().message.startsWith(u"malformed rpm header")) << h.error().message.toStdString();
    }
    const auto refused = [](const QByteArray &blob) {
        auto h = parseRpmHeader(blob);
        return !h && h.error().code == ErrorCode::InvalidInput && !h.error().message.isEmpty();
    };
    // Counts that overflow or exceed rpm's limits.
    QByteArray huge = good;
    qToBigEndian<quint32>(0xffffffffu, huge.data());
    EXPECT_TRUE(refused(huge));
    QByteArray bigData = good;
    qToBigEndian<quint32>(0x7fffffffu, bigData.data() + 4);
    EXPECT_TRUE(refused(bigData));
    EXPECT_TRUE(refused(headerBlob({})));
    // A string offset past the data store.
    QByteArray farOffset = headerBlob({str(1000, "bash"), str(1001, "1")});
    qToBigEndian<quint32>(1000000, farOffset.data() + 8 + 8);
    EXPECT_TRUE(refused(farOffset));
    // A string with no terminating NUL inside the data store.
    EXPECT_TRUE(refused(headerBlob({str(1001, "1"), {1000, 6, "bash", 1}})));
    // An epoch that is a string, or whose 4 bytes run past the store.
    EXPECT_TRUE(refused(headerBlob({str(1000, "bash"), str(1001, "1"), str(1003, "1")})));
    EXPECT_TRUE(refused(headerBlob({str(1000, "bash"), str(1001, "1"), {1003, 4, QByteArray(2, '\0'), 1}})));
    // A name that is an integer; no name at all.
    EXPECT_TRUE(refused(headerBlob({int32(1000, 5), str(1001, "1")})));
    EXPECT_TRUE(refused(headerBlob({str(1001, "1"), str(1002, "1")})));
    // Random bytes never crash and never read outside the blob.
    quint32 seed = 7;
    for (int round = 0; round < 2000; ++round) {
        QByteArray blob = good;
        for (int k = 0; k < 3; ++k) {
            seed = seed * 1103515245u + 12345u;
            blob[qsizetype(seed % quint32(blob.size()))] = char(seed >> 16);
        }
        (void)parseRpmHeader(blob);
    }
}

// gpg-pubkey entries are keys, not packages; a name with two arches is keyed name.arch.
TEST(RpmDatabase, PackagesKeyedByNameWithTheirSource)
{
    auto set = parseRpmDatabase(rpmdbSqlite({
        headerOf({"bash", "5.1.8", "6.el9", {}, "x86_64", "bash-5.1.8-6.el9.src.rpm"}),
        headerOf({"gpg-pubkey", "fd431d51", "4ae0493b", {}, "(none)", {}}),
        headerOf({"glibc", "2.34", "100.el9", {}, "x86_64", "glibc-2.34-100.el9.src.rpm"}),
        headerOf({"glibc", "2.34", "100.el9", {}, "i686", "glibc-2.34-100.el9.src.rpm"}),
        headerOf({"openssl-libs", "3.0.7", "27.el9", 1, "x86_64", "openssl-3.0.7-27.el9.src.rpm"}),
    }));
    ASSERT_TRUE(set) << set.error().message.toStdString();
    EXPECT_EQ(set->keys(), (QStringList{QStringLiteral("bash"), QStringLiteral("glibc.i686"),
                                        QStringLiteral("glibc.x86_64"), QStringLiteral("openssl-libs")}));
    EXPECT_EQ(set->value(QStringLiteral("openssl-libs")),
              (InstalledPackage{QStringLiteral("openssl-libs"), QStringLiteral("1:3.0.7-27.el9"),
                                QStringLiteral("openssl"), Ecosystem::Rpm}));
    EXPECT_EQ(set->value(QStringLiteral("glibc.i686")),
              (InstalledPackage{QStringLiteral("glibc.i686"), QStringLiteral("2.34-100.el9"),
                                QStringLiteral("glibc"), Ecosystem::Rpm}));
    EXPECT_EQ(set->value(QStringLiteral("bash")).sourcePackage, QStringLiteral("bash"));
}

TEST(RpmDatabase, BadDatabasesAreRefusedWithAMessage)
{
    auto notSqlite = parseRpmDatabase("Berkeley DB? no: plain bytes");
    ASSERT_FALSE(notSqlite);
    EXPECT_TRUE(notSqlite.error().message.contains(u"not an SQLite database"));

    auto noTable = parseRpmDatabase(rpmdbSqlite({}, false));
    ASSERT_FALSE(noTable);
    EXPECT_TRUE(noTable.error().message.contains(u"Packages")) << noTable.error().message.toStdString();

    QByteArray broken = headerOf({"bash", "5.1.8", "6.el9", {}, "x86_64", {}});
    broken.chop(3);
    auto badRow =
        parseRpmDatabase(rpmdbSqlite({headerOf({"zlib", "1.2.11", "40.el9", {}, "x86_64", {}}), broken}));
    ASSERT_FALSE(badRow);
    EXPECT_TRUE(badRow.error().message.startsWith(u"malformed rpm header"))
        << badRow.error().message.toStdString();

    const QByteArray db = rpmdbSqlite({headerOf({"zlib", "1.2.11", "40.el9", {}, "x86_64", {}})});
    EXPECT_FALSE(parseRpmDatabase(db.left(db.size() / 2)));
    EXPECT_TRUE(parseRpmDatabase(rpmdbSqlite({})).value().isEmpty());
    // No connection is left behind.
    for (const QString &name : QSqlDatabase::connectionNames())
        EXPECT_FALSE(name.startsWith(u"rebuildradar-rpmdb")) << name.toStdString();
}

// A layer whose tar holds Fedora's rpmdb.sqlite under /usr/lib/sysimage, read by the layer scanner and
// stacked; a later layer's whiteout deletes RHEL's /var one.
TEST(RpmDatabase, LayerTarReadIntoImagePackages)
{
    const QByteArray db = rpmdbSqlite({
        headerOf({"bash", "5.2.26", "3.fc40", {}, "x86_64", "bash-5.2.26-3.fc40.src.rpm"}),
        headerOf({"gpg-pubkey", "a15b79cc", "63d04c2c", {}, "(none)", {}}),
    });
    auto contents = scanLayer(gzip(makeTar({{QStringLiteral("usr/lib/sysimage/rpm/rpmdb.sqlite"), db},
                                            {QStringLiteral("etc/os-release"), kFedoraOsRelease},
                                            {QStringLiteral("usr/bin/bash"), "not wanted"}})),
                              kGzipLayer, 1 << 30);
    ASSERT_TRUE(contents) << contents.error().message.toStdString();
    EXPECT_EQ(contents->files.keys(), (QStringList{QStringLiteral("etc/os-release"),
                                                   QStringLiteral("usr/lib/sysimage/rpm/rpmdb.sqlite")}));
    auto image = packagesOfLayers({*contents});
    ASSERT_TRUE(image) << image.error().message.toStdString();
    EXPECT_EQ(image->packages.keys(), QStringList{QStringLiteral("bash")});
    EXPECT_EQ(image->packages.value(QStringLiteral("bash")),
              (InstalledPackage{QStringLiteral("bash"), QStringLiteral("5.2.26-3.fc40"),
                                QStringLiteral("bash"), Ecosystem::Rpm}));
    EXPECT_EQ(image->distro, (Distro{QStringLiteral("fedora"), QStringLiteral("40"), {}}));
    EXPECT_TRUE(isRpmDistro(image->distro.id));

    auto rhel = scanLayer(makeTar({{QStringLiteral("var/lib/rpm/rpmdb.sqlite"), db}}), kTarLayer, 1 << 30);
    ASSERT_TRUE(rhel);
    auto deleting =
        scanLayer(makeTar({{QStringLiteral("var/lib/rpm/.wh.rpmdb.sqlite"), {}}}), kTarLayer, 1 << 30);
    ASSERT_TRUE(deleting);
    EXPECT_EQ(deleting->whiteouts, QStringList{QStringLiteral("var/lib/rpm/rpmdb.sqlite")});
    EXPECT_TRUE(packagesOfLayers({*rhel}));
    auto gone = packagesOfLayers({*rhel, *deleting});
    ASSERT_FALSE(gone);
    EXPECT_EQ(gone.error().code, ErrorCode::NotFound);

    // A damaged database is an error naming the file, not "no packages".
    auto damaged = packagesOfLayers({LayerContents{
        {{QStringLiteral("var/lib/rpm/rpmdb.sqlite"), QByteArray("SQLite format 3\0garbage", 23)}}, {}, {}}});
    ASSERT_FALSE(damaged);
    EXPECT_EQ(damaged.error().code, ErrorCode::InvalidInput);
    EXPECT_TRUE(damaged.error().message.startsWith(u"var/lib/rpm/rpmdb.sqlite"))
        << damaged.error().message.toStdString();
}

// Two images' databases: an errata release is an upgrade, an epoch bump with a lower version too,
// a release going back a downgrade; the JSON record keeps the ecosystem.
TEST(RpmDatabase, DiffOfTwoImagesSaysUpgradeAndDowngrade)
{
    const auto imageOf = [](const QList<Rpm> &rpms) {
        QList<QByteArray> blobs;
        for (const Rpm &r : rpms)
            blobs.append(headerOf(r));
        auto contents = scanLayer(makeTar({{QStringLiteral("var/lib/rpm/rpmdb.sqlite"), rpmdbSqlite(blobs)}}),
                                  kTarLayer, 1 << 30);
        EXPECT_TRUE(contents);
        auto image = packagesOfLayers({*contents});
        EXPECT_TRUE(image) << image.error().message.toStdString();
        return image->packages;
    };
    const PackageSet before = imageOf({
        {"openssl-libs", "3.0.7", "27.el9", 1, "x86_64", "openssl-3.0.7-27.el9.src.rpm"},
        {"tzdata", "2024a", "1.el9", {}, "noarch", "tzdata-2024a-1.el9.src.rpm"},
        {"libcurl", "7.76.1", "29.el9_4", {}, "x86_64", "curl-7.76.1-29.el9_4.src.rpm"},
        {"python3", "3.9.18", "3.el9", {}, "x86_64", "python3.9-3.9.18-3.el9.src.rpm"},
        {"gone", "1.0", "1.el9", {}, "x86_64", {}},
    });
    const PackageSet after = imageOf({
        {"openssl-libs", "3.0.7", "27.el9_4.1", 1, "x86_64", "openssl-3.0.7-27.el9_4.1.src.rpm"},
        {"tzdata", "2023c", "1.el9", 2, "noarch", "tzdata-2023c-1.el9.src.rpm"},
        {"libcurl", "7.76.1", "29.el9", {}, "x86_64", "curl-7.76.1-29.el9.src.rpm"},
        {"python3", "3.9.18", "3.el9", {}, "x86_64", "python3.9-3.9.18-3.el9.src.rpm"},
        {"new", "2.0", "1.el9", {}, "x86_64", {}},
    });
    const PackageDiff diff = diffPackages(before, after);
    EXPECT_EQ(
        diff.changed,
        (QList<PackageChange>{
            {QStringLiteral("libcurl"), QStringLiteral("7.76.1-29.el9_4"), QStringLiteral("7.76.1-29.el9"),
             QStringLiteral("curl"), Ecosystem::Rpm, VersionDirection::Downgrade},
            {QStringLiteral("openssl-libs"), QStringLiteral("1:3.0.7-27.el9"),
             QStringLiteral("1:3.0.7-27.el9_4.1"), QStringLiteral("openssl"), Ecosystem::Rpm,
             VersionDirection::Upgrade},
            {QStringLiteral("tzdata"), QStringLiteral("2024a-1.el9"), QStringLiteral("2:2023c-1.el9"),
             QStringLiteral("tzdata"), Ecosystem::Rpm, VersionDirection::Upgrade},
        }));
    EXPECT_EQ(diff.added, (QList<PackageVersion>{{QStringLiteral("new"), QStringLiteral("2.0-1.el9")}}));
    EXPECT_EQ(diff.removed, (QList<PackageVersion>{{QStringLiteral("gone"), QStringLiteral("1.0-1.el9")}}));

    PackageAnalysis analysis;
    analysis.platform = QStringLiteral("linux/amd64");
    analysis.source = PackageSource::Layers;
    analysis.diff = diff;
    auto back = packageAnalysisFromRecord(packageAnalysisRecord(analysis));
    ASSERT_TRUE(back);
    EXPECT_EQ(back->diff.changed.value(0).ecosystem, Ecosystem::Rpm);
}

// Syft's rpm purls: the type says Rpm, the upstream source rpm file gives the source name, and the
// distro qualifier names the distribution (opensuse-leap's id keeps its dash).
TEST(RpmDatabase, RpmPurlsAndDistros)
{
    const QString q = QStringLiteral("?arch=x86_64&distro=rhel-9.4");
    auto set = parseSpdxSbom(spdxStatement({
        QStringLiteral(
            "pkg:rpm/redhat/openssl-libs@3.0.7-27.el9?arch=x86_64&epoch=1&distro=rhel-9.4&upstream="
            "openssl-3.0.7-27.el9.src.rpm"),
        QStringLiteral("pkg:rpm/redhat/bash@5.1.8-9.el9") + q,
    }));
    ASSERT_TRUE(set) << set.error().message.toStdString();
    EXPECT_EQ(set->value(QStringLiteral("openssl-libs")).ecosystem, Ecosystem::Rpm);
    EXPECT_EQ(set->value(QStringLiteral("openssl-libs")).sourcePackage, QStringLiteral("openssl"));
    EXPECT_EQ(set->value(QStringLiteral("bash")).sourcePackage, QStringLiteral("bash"));

    const auto distroOf = [](const char *purl) {
        return distroOfPackageUrl(parsePackageUrl(QString::fromUtf8(purl)).value());
    };
    EXPECT_EQ(distroOf("pkg:rpm/redhat/bash@5.1.8-9.el9?distro=rhel-9.4"),
              (Distro{QStringLiteral("rhel"), QStringLiteral("9.4"), {}}));
    EXPECT_EQ(distroOf("pkg:rpm/opensuse/bash@5.2.15-150500.3.1?distro=opensuse-leap-15.5"),
              (Distro{QStringLiteral("opensuse-leap"), QStringLiteral("15.5"), {}}));
    EXPECT_EQ(distroOf("pkg:rpm/amazon/bash@5.2.15-1.amzn2023.0.2?distro=amzn-2023"),
              (Distro{QStringLiteral("amzn"), QStringLiteral("2023"), {}}));
    EXPECT_EQ(distroOf("pkg:deb/debian/bash@5.2.15-2?distro=debian-bookworm").versionId,
              QStringLiteral("12"));
    for (const char *id : {"rhel", "fedora", "rocky", "almalinux", "amzn", "ol", "centos", "opensuse-leap",
                           "opensuse-tumbleweed", "sles"})
        EXPECT_TRUE(isRpmDistro(QString::fromUtf8(id))) << id;
    for (const char *id : {"debian", "ubuntu", "alpine", "wolfi", ""})
        EXPECT_FALSE(isRpmDistro(QString::fromUtf8(id))) << id;
    // A non-rpm purl with an rpm distro's qualifier still orders by rpm's rules.
    auto generic =
        parseSpdxSbom(spdxStatement({QStringLiteral("pkg:generic/kernel@5.14.0-427.el9?distro=rocky-9.4")}));
    ASSERT_TRUE(generic);
    EXPECT_EQ(generic->value(QStringLiteral("kernel")).ecosystem, Ecosystem::Rpm);
}

// Through the registry: two UBI-like images whose top layer replaces the rpm database.
TEST_F(Analysis, RpmLayersGiveTheDiff)
{
    const QString name = QStringLiteral("layers-rpm");
    const QByteArray osRelease = "NAME=\"Red Hat Enterprise Linux\"\nVERSION_ID=\"9.4\"\nID=\"rhel\"\n";
    const QByteArray lower = gzip(makeTar(
        {{QStringLiteral("etc/os-release"), osRelease},
         {QStringLiteral("var/lib/rpm/rpmdb.sqlite"),
          rpmdbSqlite(
              {headerOf({"bash", "5.1.8", "6.el9", {}, "x86_64", "bash-5.1.8-6.el9.src.rpm"}),
               headerOf({"libcurl", "7.76.1", "29.el9", {}, "x86_64", "curl-7.76.1-29.el9.src.rpm"})})}}));
    const QByteArray upper = gzip(makeTar(
        {{QStringLiteral("var/lib/rpm/rpmdb.sqlite"),
          rpmdbSqlite(
              {headerOf({"bash", "5.1.8", "9.el9", {}, "x86_64", "bash-5.1.8-9.el9.src.rpm"}),
               headerOf({"libcurl", "7.76.1", "29.el9", {}, "x86_64", "curl-7.76.1-29.el9.src.rpm"})})}}));
    const QString oldDigest = push.pushLayers(name, {{lower, kGzipLayer, {}}}).digest;
    const QString newDigest =
        push.pushLayers(name, {{lower, kGzipLayer, {}}, {upper, kGzipLayer, {}}}).digest;

    auto result = analyse(name, oldDigest, newDigest, QStringLiteral("linux/amd64"));
    ASSERT_TRUE(result) << result.error().message.toStdString();
    EXPECT_EQ(result->source, PackageSource::Layers);
    EXPECT_EQ(changes(result->diff), QStringList{QStringLiteral("bash 5.1.8-6.el9→5.1.8-9.el9 (bash)")});
    EXPECT_EQ(result->diff.changed.value(0).direction, VersionDirection::Upgrade);
    EXPECT_EQ(result->distro, (Distro{QStringLiteral("rhel"), QStringLiteral("9.4"), {}}));
}

// The database is opened as immutable: in WAL mode without its -wal (checkpointed, as images ship
// it) it reads, and nothing (no -wal, no -shm) is left beside the temporary copy afterwards.
TEST(RpmDatabase, WalModeDatabaseReadsAndLeavesNoFilesBehind)
{
    const QByteArray db = rpmdbSqlite({headerOf({"zlib", "1.2.11", "40.el9", {}, "x86_64", {}})});
    ASSERT_GE(db.size(), 20);
    EXPECT_EQ(db.at(18), 2); // WAL file format versions: the database is in WAL mode
    EXPECT_EQ(db.at(19), 2);
    QTemporaryDir tmp;
    const QByteArray oldTmp = qgetenv("TMPDIR");
    const bool hadTmp = qEnvironmentVariableIsSet("TMPDIR");
    qputenv("TMPDIR", tmp.path().toUtf8());
    auto set = parseRpmDatabase(db);
    const QStringList left =
        QDir(tmp.path()).entryList(QDir::AllEntries | QDir::NoDotAndDotDot | QDir::Hidden);
    if (hadTmp)
        qputenv("TMPDIR", oldTmp);
    else
        qunsetenv("TMPDIR");
    ASSERT_TRUE(set) << set.error().message.toStdString();
    EXPECT_EQ(set->value(QStringLiteral("zlib")).version, QStringLiteral("1.2.11-40.el9"));
    EXPECT_TRUE(left.isEmpty()) << left.join(u' ').toStdString();
}
