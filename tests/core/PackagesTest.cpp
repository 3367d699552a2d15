// What changed inside a rebuild (issue 21): version order per ecosystem, the three package sources
// (dpkg status, apk installed database, SPDX SBOM) read from real-shaped documents, and their diff.
// Every expected order comes from the ecosystem's documented rules, quoted above each group; the dpkg
// chains were also confirmed with `dpkg --compare-versions`.
#include "packages/ApkInstalled.h"
#include "packages/ApkVersion.h"
#include "packages/DpkgStatus.h"
#include "packages/DpkgVersion.h"
#include "packages/PackageDiff.h"
#include "packages/PackageDiffJson.h"
#include "packages/PackageUrl.h"
#include "packages/SpdxSbom.h"

#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QStringList>

#include <gtest/gtest.h>

#include <algorithm>

using namespace RebuildRadar;

namespace {

using Compare = int (*)(QStringView, QStringView);

// Every pair of a chain written in ascending order: earlier < later, both ways round, and each equal
// to itself — so the table also checks the order is antisymmetric and consistent.
void expectAscending(Compare compare, const QStringList &chain)
{
    for (qsizetype i = 0; i < chain.size(); ++i) {
        EXPECT_EQ(compare(chain[i], chain[i]), 0) << chain[i].toStdString();
        for (qsizetype j = i + 1; j < chain.size(); ++j) {
            EXPECT_LT(compare(chain[i], chain[j]), 0)
                << chain[i].toStdString() << " < " << chain[j].toStdString();
            EXPECT_GT(compare(chain[j], chain[i]), 0)
                << chain[j].toStdString() << " > " << chain[i].toStdString();
        }
    }
}

// Sorting a mixed bag of versions with the comparison and checking every pair of the result catches an
// order that is not transitive, which pairwise chains alone would miss.
void expectTotalOrder(Compare compare, QStringList all)
{
    std::sort(all.begin(), all.end(), [&](const QString &a, const QString &b) { return compare(a, b) < 0; });
    for (qsizetype i = 0; i < all.size(); ++i) {
        for (qsizetype j = i + 1; j < all.size(); ++j)
            EXPECT_LE(compare(all[i], all[j]), 0) << all[i].toStdString() << " <= " << all[j].toStdString();
    }
}

QStringList versions(std::initializer_list<const char *> list)
{
    QStringList out;
    for (const char *v : list)
        out.append(QString::fromUtf8(v));
    return out;
}

} // namespace

// --- dpkg versions ---------------------------------------------------------------------------------

// Policy §5.6.12: "a tilde sorts before anything, even the end of a part. For example, the following
// parts are in sorted order from earliest to latest: ~~, ~~a, ~, the empty part, a."
TEST(DpkgVersion, TildeSortsBeforeEverythingEvenTheEnd)
{
    expectAscending(compareDpkgVersions, versions({"1.0~~", "1.0~~a", "1.0~", "1.0", "1.0a"}));
    expectAscending(compareDpkgVersions, versions({"1.0~rc1", "1.0", "1.0+dfsg", "1.0.1"}));
}

// Debian's security and stable updates append "~debNuM" (before the plain revision, so backports
// stay below the next upload) or "+debNuM", binNMUs "+bN": '~' sorts first, '+' after the end, and
// letters before non-letters ('b' before 'd'), digit runs as numbers (u7 < u10).
TEST(DpkgVersion, DebianStableUpdateAndBinNmuSuffixes)
{
    expectAscending(compareDpkgVersions, versions({"3.0.11-1~deb12u2", "3.0.11-1", "3.0.11-1+b1",
                                                   "3.0.11-1+deb12u1", "3.0.11-2"}));
    expectAscending(compareDpkgVersions, versions({"2.36-9", "2.36-9+deb12u7", "2.36-9+deb12u10"}));
}

// deb-version(7): "epoch ... If it is omitted then the upstream_version may not contain any colons.
// It is assumed to be zero" and is compared first, as a number.
TEST(DpkgVersion, EpochComparedFirstAndMissingEpochIsZero)
{
    expectAscending(compareDpkgVersions, versions({"9.9", "1:0.1", "1:1.0", "2:0", "10:0"}));
    EXPECT_EQ(compareDpkgVersions(u"0:1.0", u"1.0"), 0);
    EXPECT_EQ(compareDpkgVersions(u"00:1.0", u"1.0"), 0);
}

// Policy §5.6.12: "the numerical values of these two parts are compared" — digit runs as numbers,
// so leading zeros do not matter and 10 follows 9.
TEST(DpkgVersion, DigitRunsComparedAsNumbers)
{
    expectAscending(compareDpkgVersions, versions({"1.9", "1.10", "1.100"}));
    EXPECT_EQ(compareDpkgVersions(u"1.01", u"1.1"), 0);
    // Longer than any integer type: still ordered by value.
    expectAscending(compareDpkgVersions, versions({"1.99999999999999999999998", "1.99999999999999999999999",
                                                   "1.100000000000000000000000"}));
}

// Policy §5.6.12: "The lexical comparison is a comparison of ASCII values modified so that all the
// letters sort earlier than all the non-letters and so that a tilde sorts before anything".
TEST(DpkgVersion, LettersBeforeNonLetters)
{
    expectAscending(compareDpkgVersions, versions({"1.0", "1.0Z", "1.0a", "1.0z", "1.0+", "1.0."}));
}

// deb-version(7): "The upstream_version may contain ... hyphens"; "the debian_revision is the part
// after the last hyphen"; "The absence of a debian_revision is equivalent to a debian_revision of 0."
TEST(DpkgVersion, RevisionStartsAtTheLastHyphenAndDefaultsToZero)
{
    // Upstream "1" (revision 10) before upstream "1-9" (revision 1): split at the first hyphen, the
    // revisions 10 and 9-1 would order them the other way.
    expectAscending(compareDpkgVersions, versions({"1-10", "1-9-1"}));
    EXPECT_EQ(compareDpkgVersions(u"1.0", u"1.0-0"), 0);
    EXPECT_LT(compareDpkgVersions(u"1.0", u"1.0-1"), 0);
}

TEST(DpkgVersion, MixedVersionsSortIntoOneConsistentOrder)
{
    expectTotalOrder(compareDpkgVersions, versions({"1:1.0",
                                                    "1.0~rc1",
                                                    "2.36-9+deb12u7",
                                                    "1.0",
                                                    "1.0-0",
                                                    "0:1.0",
                                                    "1.0+dfsg",
                                                    "2:0",
                                                    "3.0.11-1~deb12u2",
                                                    "1.10",
                                                    "1.9",
                                                    "1.0a",
                                                    "1.0~",
                                                    "1.0~~",
                                                    "3.0.11-1+b1",
                                                    "12.4+deb12u5",
                                                    "2024a-0+deb12u1",
                                                    "1-9-1",
                                                    "1-10",
                                                    "1.01",
                                                    "10:0",
                                                    "1.0.",
                                                    "1.0Z"}));
}

TEST(DpkgVersion, GarbageIsOrderedWithoutCrashing)
{
    const QStringList garbage =
        versions({"", ":", "-", "::--", "a:b", "1:", "~", "\xc3\xa9", "1.0-", " 1.0 "});
    for (const QString &a : garbage) {
        for (const QString &b : garbage)
            EXPECT_EQ(compareDpkgVersions(a, b), -compareDpkgVersions(b, a))
                << a.toStdString() << b.toStdString();
    }
    EXPECT_EQ(compareDpkgVersions(u" 1.0 ", u"1.0"), 0);
}

// --- apk versions ----------------------------------------------------------------------------------

// apk-tools (src/version.c, `apk version -t`): numbers separated by dots compare as numbers; a
// version with more components is newer once the shared ones are equal.
TEST(ApkVersion, NumericComponents)
{
    expectAscending(compareApkVersions, versions({"1.2.9", "1.2.10", "1.3", "1.3.0", "1.3.1", "2"}));
}

// APKBUILD reference (pkgver): one lowercase letter may follow the last number ("1.2a"); it orders
// after the bare number and before a further dot component.
TEST(ApkVersion, LetterAfterTheLastNumber)
{
    expectAscending(compareApkVersions, versions({"1.2", "1.2a", "1.2b", "1.2z", "1.2.1"}));
}

// APKBUILD reference (pkgver): suffixes _alpha, _beta, _pre, _rc mark pre-releases (lower than the
// release, in that order); _cvs, _svn, _git, _hg, _p follow the release (in that order); each may
// carry a number. Installed versions always end in -rN, as these do.
TEST(ApkVersion, PreAndPostReleaseSuffixes)
{
    expectAscending(
        compareApkVersions,
        versions({"1.0_alpha-r0", "1.0_alpha2-r0", "1.0_beta-r0", "1.0_beta3-r0", "1.0_pre1-r0", "1.0_rc1-r0",
                  "1.0_rc2-r0", "1.0-r0", "1.0_cvs-r0", "1.0_svn-r0", "1.0_git20230717-r0", "1.0_hg-r0",
                  "1.0_p1-r0", "1.0_p2-r0", "1.0_p10-r0", "1.0.1-r0"}));
    expectAscending(compareApkVersions, versions({"1.1_alpha1", "1.1_rc1", "1.1", "1.1_p1"}));
}

// Rows of apk-tools' own table (test/version.data), each "a < b" as apk version -t answers it.
TEST(ApkVersion, RowsOfApkToolsVersionData)
{
    const std::initializer_list<std::pair<const char *, const char *>> less = {
        {"1.1_alpha1", "1.1"},
        {"0.1.0_alpha", "0.1.0_alpha2"},
        {"1.0.4-r3", "1.0.4-r4"},
        {"2.5.1-r8", "2.5.1a-r1"},
        {"4.5_p1", "4.5_p1-r1"},
        {"1.3_pre1-r1", "1.3.2"},
        {"1.0_p9-r0", "1.0_p10-r0"},
        {"0.1.0_alpha_pre2", "0.1.0_alpha"},
        {"1.06-r6", "006"},
        {"2.01.01_alpha10", "3.9.8-r5"},
        {"1.3.5-r8", "1.3.5-r10"},
        {"4_beta", "23_foo"},
        {"1.0.0_pre20191002222144-r0", "1.0.0_pre20210530193627-r0"},
    };
    for (const auto &[a, b] : less) {
        EXPECT_LT(compareApkVersions(QString::fromUtf8(a), QString::fromUtf8(b)), 0) << a << " < " << b;
        EXPECT_GT(compareApkVersions(QString::fromUtf8(b), QString::fromUtf8(a)), 0) << b << " > " << a;
    }
    EXPECT_EQ(compareApkVersions(u"2.16.1-r3", u"2.16.1-r3"), 0);
}

// APKBUILD reference (pkgrel): "-rN", the package release, compared as a number after everything
// else; a suffix belongs to the version, so it outweighs any release.
TEST(ApkVersion, PackageReleaseComparedLast)
{
    expectAscending(compareApkVersions,
                    versions({"3.1.4-r5", "3.1.4-r6", "3.1.4-r9", "3.1.4-r10", "3.1.5-r0"}));
    expectAscending(compareApkVersions,
                    versions({"1.0_rc1-r3", "1.0-r0", "1.0-r9", "1.0_p1-r0", "1.0.1-r0"}));
    // musl on Alpine: the release, then edge's git snapshot of the same version.
    expectAscending(compareApkVersions, versions({"1.2.4-r2", "1.2.4_git20230717-r4", "1.2.5-r0"}));
}

// src/version.c: "Leading zero digits get a special treatment" — a dot component with leading zeros
// weighs less the more zeros it has (1.001 < 1.01 < 1.1), as a decimal fraction would.
TEST(ApkVersion, LeadingZerosAfterADot)
{
    expectAscending(compareApkVersions, versions({"1.001", "1.01", "1.1"}));
}

TEST(ApkVersion, MixedVersionsSortIntoOneConsistentOrder)
{
    expectTotalOrder(compareApkVersions, versions({"3.1.4-r5",     "1.2.4_git20230717-r4",
                                                   "1.0_rc1-r3",   "1.2.4-r2",
                                                   "1.0-r9",       "1.0_p1-r0",
                                                   "3.1.4-r10",    "1.2a",
                                                   "1.2",          "1.2.10",
                                                   "1.2.9",        "1.1_alpha1",
                                                   "1.1",          "1.1_p1",
                                                   "1.0_alpha-r0", "1.0_git20230717-r0",
                                                   "1.0.1-r0",     "2.5.1a-r1",
                                                   "2.5.1-r8",     "1.01",
                                                   "1.001",        "20230506-r0",
                                                   "1.36.1-r15"}));
}

TEST(ApkVersion, GarbageIsOrderedWithoutCrashing)
{
    const QStringList garbage = versions({"", "_", "-r", "1.0-rx", "1.0_foo", "1..2", "1.0A", "_p1",
                                          "99999999999999999999999999", "1.0-r1-r2"});
    for (const QString &a : garbage) {
        for (const QString &b : garbage)
            EXPECT_EQ(compareApkVersions(a, b), -compareApkVersions(b, a))
                << a.toStdString() << b.toStdString();
    }
}

// --- dpkg status -----------------------------------------------------------------------------------

namespace {
// Shaped like debian:bookworm-slim's /var/lib/dpkg/status, cut down.
const QByteArray kDebianStatus = R"(Package: base-files
Essential: yes
Status: install ok installed
Priority: required
Section: admin
Installed-Size: 341
Maintainer: Santiago Vila <sanvila@debian.org>
Architecture: amd64
Multi-Arch: foreign
Version: 12.4+deb12u5
Replaces: base, dpkg (<= 1.15.0), miscutils
Provides: base
Conffiles:
 /etc/debian_version 5ad2d7ba0bbbad08e4e2f6a33e0e1ed4
 /etc/host.conf 4eb63731c9f5e30903ac4fc07a7fe3d6
Description: Debian base system miscellaneous files
 This package contains the basic filesystem hierarchy of a Debian system.
 .
 Package: not-a-package
 Version: 0

Package: libc6
Status: install ok installed
Priority: optional
Section: libs
Installed-Size: 12987
Maintainer: GNU Libc Maintainers <debian-glibc@lists.debian.org>
Architecture: amd64
Multi-Arch: same
Source: glibc
Version: 2.36-9+deb12u7
Depends: libgcc-s1
Description: GNU C Library: Shared libraries

Package: libgcc-s1
Status: install ok installed
Architecture: amd64
Source: gcc-12 (12.2.0-14)
Version: 12.2.0-14
Description: GCC support library

Package: libssl3
Status: install ok installed
Architecture: amd64
Source: openssl
Version: 3.0.11-1~deb12u2
Description: Secure Sockets Layer toolkit - shared libraries

Package: apt-listchanges
Status: deinstall ok config-files
Architecture: all
Version: 3.24
Conffiles:
 /etc/apt/listchanges.conf 0123456789abcdef0123456789abcdef

Package: tzdata
Status: hold ok installed
Architecture: all
Version: 2024a-0+deb12u1
Description: time zone and daylight-saving time data

Package: half-done
Status: install ok half-configured
Architecture: amd64
Version: 1.0-1
)";
} // namespace

TEST(DpkgStatus, KeepsInstalledPackagesWithTheirSource)
{
    const PackageSet set = parseDpkgStatus(kDebianStatus);
    EXPECT_EQ(set.keys(), versions({"base-files", "libc6", "libgcc-s1", "libssl3", "tzdata"}));
    EXPECT_EQ(set.value(QStringLiteral("base-files")),
              (InstalledPackage{QStringLiteral("base-files"), QStringLiteral("12.4+deb12u5"),
                                QStringLiteral("base-files"), Ecosystem::Debian}));
    EXPECT_EQ(set.value(QStringLiteral("libc6")),
              (InstalledPackage{QStringLiteral("libc6"), QStringLiteral("2.36-9+deb12u7"),
                                QStringLiteral("glibc"), Ecosystem::Debian}));
    // "Source: gcc-12 (12.2.0-14)": the source's name, without its version.
    EXPECT_EQ(set.value(QStringLiteral("libgcc-s1")).sourcePackage, QStringLiteral("gcc-12"));
    EXPECT_EQ(set.value(QStringLiteral("libssl3")).sourcePackage, QStringLiteral("openssl"));
    EXPECT_EQ(set.value(QStringLiteral("libssl3")).version, QStringLiteral("3.0.11-1~deb12u2"));
    // Held is installed; config-files only (removed) and half-configured are not.
    EXPECT_EQ(set.value(QStringLiteral("tzdata")).version, QStringLiteral("2024a-0+deb12u1"));
}

TEST(DpkgStatus, CrLfLinesAndCaseInsensitiveFieldNames)
{
    QByteArray crlf = kDebianStatus;
    crlf.replace("\n", "\r\n");
    EXPECT_EQ(parseDpkgStatus(crlf), parseDpkgStatus(kDebianStatus));
    const PackageSet set =
        parseDpkgStatus("package: zlib1g\nSTATUS: install ok installed\nversion: 1:1.2.13.dfsg-1\n"
                        "source: zlib\n");
    EXPECT_EQ(set.value(QStringLiteral("zlib1g")),
              (InstalledPackage{QStringLiteral("zlib1g"), QStringLiteral("1:1.2.13.dfsg-1"),
                                QStringLiteral("zlib"), Ecosystem::Debian}));
}

// Distroless images keep one file per package in /var/lib/dpkg/status.d/, usually without Status.
TEST(DpkgStatus, DistrolessStatusDirectoryFiles)
{
    const QByteArray libssl = "Package: libssl3\nVersion: 3.0.15-1~deb12u1\nArchitecture: amd64\n"
                              "Maintainer: Debian OpenSSL Team <pkg-openssl-devel@alioth-lists.debian.net>\n"
                              "Installed-Size: 6189\nSource: openssl\nSection: libs\nPriority: optional\n"
                              "Description: Secure Sockets Layer toolkit - shared libraries\n";
    const QByteArray base = "Package: base-files\nVersion: 12.4+deb12u8\nArchitecture: amd64\n"
                            "Installed-Size: 341\n";
    PackageSet set = parseDpkgStatus(libssl);
    mergePackages(set, parseDpkgStatus(base));
    EXPECT_EQ(set.keys(), versions({"base-files", "libssl3"}));
    EXPECT_EQ(set.value(QStringLiteral("libssl3")),
              (InstalledPackage{QStringLiteral("libssl3"), QStringLiteral("3.0.15-1~deb12u1"),
                                QStringLiteral("openssl"), Ecosystem::Debian}));
    EXPECT_EQ(set.value(QStringLiteral("base-files")).version, QStringLiteral("12.4+deb12u8"));
}

TEST(DpkgStatus, GarbageGivesWhatItCan)
{
    EXPECT_TRUE(parseDpkgStatus(QByteArray()).isEmpty());
    EXPECT_TRUE(parseDpkgStatus(QByteArray("\0\xff\n:\n::\n \n", 10)).isEmpty());
    // A stanza without a version is no package; the next one still counts.
    const PackageSet set = parseDpkgStatus("Package: a\n\nno colon here\nPackage: b\nVersion: 1\n");
    EXPECT_EQ(set.keys(), versions({"b"}));
}

// --- apk installed ---------------------------------------------------------------------------------

namespace {
// Shaped like alpine:3.19's /lib/apk/db/installed, cut down.
const QByteArray kAlpineInstalled = R"(C:Q1p5DJvKfGnMPXPLOmrCTDhPzR6q0=
P:musl
V:1.2.4_git20230717-r4
A:x86_64
S:407717
I:667648
T:the musl c library (libc) implementation
U:https://musl.libc.org/
L:MIT
o:musl
m:Natanael Copa <ncopa@alpinelinux.org>
t:1700000000
c:f93af038c3de7146121c2ea8124ba5ce29b4b058
p:so:libc.musl-x86_64.so.1=1
F:lib
R:ld-musl-x86_64.so.1
a:0:0:755
Z:Q1nqBfSM4ZA4GJz4wnJKGx5BXHC5Y=
R:libc.musl-x86_64.so.1
a:0:0:777
Z:Q17yJ3JFNypA4mxhJJr0ou6CzsJVI=

C:Q1yXNQ4x9lVvPqS1eG9nq1M3W8Vk8=
P:libcrypto3
V:3.1.4-r5
A:x86_64
S:1802328
I:4386816
T:Crypto library from openssl
U:https://www.openssl.org/
L:Apache-2.0
o:openssl
m:Ariadne Conner <ariadne@dereferenced.org>
t:1700000001
D:so:libc.musl-x86_64.so.1
F:usr/lib
R:libcrypto.so.3
Z:Q1Kq4b8tz7s8rQrJX6X0L8Kx0n+3o=

C:Q1Z7v8LqUiw0wJ2V1lFlvXWZs6yBI=
P:ca-certificates-bundle
V:20230506-r0
A:x86_64
T:Pre generated bundle of Mozilla certificates
o:ca-certificates
F:etc/ssl/certs
R:ca-certificates.crt

C:Q1bare=
P:alpine-baselayout-data
V:3.4.3-r2
A:x86_64
)";
} // namespace

TEST(ApkInstalled, RecordsWithOrigin)
{
    const PackageSet set = parseApkInstalled(kAlpineInstalled);
    EXPECT_EQ(set.keys(),
              versions({"alpine-baselayout-data", "ca-certificates-bundle", "libcrypto3", "musl"}));
    EXPECT_EQ(set.value(QStringLiteral("musl")),
              (InstalledPackage{QStringLiteral("musl"), QStringLiteral("1.2.4_git20230717-r4"),
                                QStringLiteral("musl"), Ecosystem::Alpine}));
    EXPECT_EQ(set.value(QStringLiteral("libcrypto3")),
              (InstalledPackage{QStringLiteral("libcrypto3"), QStringLiteral("3.1.4-r5"),
                                QStringLiteral("openssl"), Ecosystem::Alpine}));
    EXPECT_EQ(set.value(QStringLiteral("ca-certificates-bundle")).sourcePackage,
              QStringLiteral("ca-certificates"));
    // No o: line: the package is its own origin.
    EXPECT_EQ(set.value(QStringLiteral("alpine-baselayout-data")).sourcePackage,
              QStringLiteral("alpine-baselayout-data"));
}

TEST(ApkInstalled, GarbageGivesWhatItCan)
{
    EXPECT_TRUE(parseApkInstalled(QByteArray()).isEmpty());
    EXPECT_TRUE(parseApkInstalled(QByteArray("P\nV\n:\nPP:x\n\0\n", 13)).isEmpty());
    // A record with no V: is skipped; "Px:" is not the P: key.
    const PackageSet set = parseApkInstalled("P:novers\n\nPx:nope\nP:ok\r\nV:1.0-r0\r\n");
    EXPECT_EQ(set.keys(), versions({"ok"}));
    EXPECT_EQ(set.value(QStringLiteral("ok")).version, QStringLiteral("1.0-r0"));
}

// --- purls and SPDX SBOMs --------------------------------------------------------------------------

// purl-spec: pkg:type/namespace/name@version?qualifiers#subpath, components percent-encoded.
TEST(SbomPackageUrl, SplitsAndDecodes)
{
    auto purl =
        parsePackageUrl(u"pkg:deb/debian/libc6@2.36-9%2Bdeb12u7?arch=amd64&upstream=glibc&distro=debian-12");
    ASSERT_TRUE(purl.ok()) << purl.error().message.toStdString();
    EXPECT_EQ(purl->type, QStringLiteral("deb"));
    EXPECT_EQ(purl->namespace_, QStringLiteral("debian"));
    EXPECT_EQ(purl->name, QStringLiteral("libc6"));
    EXPECT_EQ(purl->version, QStringLiteral("2.36-9+deb12u7"));
    EXPECT_EQ(purl->qualifiers.value(QStringLiteral("upstream")), QStringLiteral("glibc"));
    EXPECT_EQ(purl->qualifiers.value(QStringLiteral("distro")), QStringLiteral("debian-12"));

    auto scoped = parsePackageUrl(u"pkg:npm/%40angular/core@16.0.0#lib/x");
    ASSERT_TRUE(scoped.ok());
    EXPECT_EQ(scoped->namespace_, QStringLiteral("@angular"));
    EXPECT_EQ(scoped->name, QStringLiteral("core"));
    EXPECT_EQ(scoped->version, QStringLiteral("16.0.0"));
    EXPECT_EQ(scoped->subpath, QStringLiteral("lib/x"));

    // purl-spec: readers tolerate slashes after "pkg:"; the type is case-insensitive.
    auto slashed = parsePackageUrl(u"pkg://APK/alpine/musl@1.2.4-r2?arch=x86_64");
    ASSERT_TRUE(slashed.ok());
    EXPECT_EQ(slashed->type, QStringLiteral("apk"));
    EXPECT_EQ(slashed->name, QStringLiteral("musl"));
    EXPECT_EQ(slashed->version, QStringLiteral("1.2.4-r2"));

    EXPECT_FALSE(parsePackageUrl(u"cpe:2.3:a:libc6").ok());
    EXPECT_FALSE(parsePackageUrl(u"pkg:").ok());
    EXPECT_FALSE(parsePackageUrl(u"pkg:deb/@1.0").ok());
}

namespace {
// The predicate BuildKit's syft scanner writes (cut down): one root package without purl, OS
// packages with deb purls (syft leaves '+' unencoded; the spec encodes it), a Python package.
const QByteArray kSpdxDebian = R"json({
  "spdxVersion": "SPDX-2.3",
  "dataLicense": "CC0-1.0",
  "SPDXID": "SPDXRef-DOCUMENT",
  "name": "sbom",
  "documentNamespace": "https://anchore.com/syft/dir/sbom-1234",
  "creationInfo": {"creators": ["Organization: Anchore, Inc", "Tool: syft-v0.105.0", "Tool: buildkit-v0.13.0"],
                   "created": "2024-03-01T10:00:00Z"},
  "packages": [
    {"name": "/", "SPDXID": "SPDXRef-DocumentRoot-Directory-", "versionInfo": "",
     "downloadLocation": "NOASSERTION", "filesAnalyzed": false, "primaryPackagePurpose": "FILE"},
    {"name": "libc6", "SPDXID": "SPDXRef-Package-deb-libc6-1", "versionInfo": "2.36-9+deb12u7",
     "supplier": "Person: GNU Libc Maintainers (debian-glibc@lists.debian.org)",
     "downloadLocation": "NOASSERTION", "filesAnalyzed": false,
     "externalRefs": [
       {"referenceCategory": "SECURITY", "referenceType": "cpe23Type",
        "referenceLocator": "cpe:2.3:a:libc6:libc6:2.36-9\\+deb12u7:*:*:*:*:*:*:*"},
       {"referenceCategory": "PACKAGE-MANAGER", "referenceType": "purl",
        "referenceLocator": "pkg:deb/debian/libc6@2.36-9+deb12u7?arch=amd64&upstream=glibc&distro=debian-12"}]},
    {"name": "libgcc-s1", "SPDXID": "SPDXRef-Package-deb-libgcc-s1-2", "versionInfo": "12.2.0-14",
     "externalRefs": [{"referenceCategory": "PACKAGE-MANAGER", "referenceType": "purl",
        "referenceLocator": "pkg:deb/debian/libgcc-s1@12.2.0-14?arch=amd64&upstream=gcc-12%4012.2.0-14&distro=debian-12"}]},
    {"name": "libssl3", "SPDXID": "SPDXRef-Package-deb-libssl3-3", "versionInfo": "3.0.11-1~deb12u2",
     "externalRefs": [{"referenceCategory": "PACKAGE-MANAGER", "referenceType": "purl",
        "referenceLocator": "pkg:deb/debian/libssl3@3.0.11-1~deb12u2?arch=amd64&upstream=openssl&distro=debian-12"}]},
    {"name": "tzdata", "SPDXID": "SPDXRef-Package-deb-tzdata-4", "versionInfo": "2024a-0+deb12u1",
     "externalRefs": [{"referenceCategory": "PACKAGE-MANAGER", "referenceType": "purl",
        "referenceLocator": "pkg:deb/debian/tzdata@2024a-0%2Bdeb12u1?arch=all&os_distro=bookworm"}]},
    {"name": "requests", "SPDXID": "SPDXRef-Package-python-requests-5", "versionInfo": "2.31.0",
     "externalRefs": [{"referenceCategory": "PACKAGE-MANAGER", "referenceType": "purl",
        "referenceLocator": "pkg:pypi/requests@2.31.0"}]}
  ]
})json";

const QByteArray kSpdxAlpine = R"({
  "spdxVersion": "SPDX-2.3",
  "SPDXID": "SPDXRef-DOCUMENT",
  "name": "sbom",
  "packages": [
    {"name": "musl", "versionInfo": "1.2.4-r2",
     "externalRefs": [{"referenceCategory": "PACKAGE-MANAGER", "referenceType": "purl",
        "referenceLocator": "pkg:apk/alpine/musl@1.2.4-r2?arch=x86_64&distro=alpine-3.19"}]},
    {"name": "libcrypto3", "versionInfo": "3.1.4-r5",
     "externalRefs": [{"referenceCategory": "PACKAGE-MANAGER", "referenceType": "purl",
        "referenceLocator": "pkg:apk/alpine/libcrypto3@3.1.4-r5?arch=x86_64&origin=openssl&distro=alpine-3.19"}]},
    {"name": "busybox", "versionInfo": "1.36.1-r15",
     "externalRefs": [{"referenceCategory": "PACKAGE-MANAGER", "referenceType": "purl",
        "referenceLocator": "pkg:apk/alpine/busybox@1.36.1-r15?arch=x86_64&upstream=busybox&distro=alpine-3.19.1"}]}
  ]
})";

QByteArray statement(const QByteArray &predicate, const char *predicateType = "https://spdx.dev/Document")
{
    return QByteArray(R"({"_type": "https://in-toto.io/Statement/v0.1", "predicateType": ")") +
           predicateType +
           R"(", "subject": [{"name": "pkg:docker/example/app@latest?platform=linux%2Famd64",
               "digest": {"sha256": "1111111111111111111111111111111111111111111111111111111111111111"}}],
              "predicate": )" +
           predicate + "}";
}

QByteArray envelope(const QByteArray &payload)
{
    return R"({"payloadType": "application/vnd.in-toto+json", "payload": ")" + payload.toBase64() +
           R"(", "signatures": []})";
}
} // namespace

TEST(SbomSpdx, DebianPackagesFromPurls)
{
    auto set = parseSpdxSbom(kSpdxDebian);
    ASSERT_TRUE(set.ok()) << set.error().message.toStdString();
    // The root "/" has no purl and is no package.
    EXPECT_EQ(set->keys(), versions({"libc6", "libgcc-s1", "libssl3", "requests", "tzdata"}));
    EXPECT_EQ(set->value(QStringLiteral("libc6")),
              (InstalledPackage{QStringLiteral("libc6"), QStringLiteral("2.36-9+deb12u7"),
                                QStringLiteral("glibc"), Ecosystem::Debian}));
    // upstream=gcc-12@12.2.0-14 names the source and its version; the name is kept.
    EXPECT_EQ(set->value(QStringLiteral("libgcc-s1")).sourcePackage, QStringLiteral("gcc-12"));
    EXPECT_EQ(set->value(QStringLiteral("libssl3")).sourcePackage, QStringLiteral("openssl"));
    EXPECT_EQ(set->value(QStringLiteral("tzdata")),
              (InstalledPackage{QStringLiteral("tzdata"), QStringLiteral("2024a-0+deb12u1"),
                                QStringLiteral("tzdata"), Ecosystem::Debian}));
    EXPECT_EQ(set->value(QStringLiteral("requests")).ecosystem, Ecosystem::Unknown);
}

TEST(SbomSpdx, AlpinePackagesWithOriginOrUpstream)
{
    auto set = parseSpdxSbom(kSpdxAlpine);
    ASSERT_TRUE(set.ok()) << set.error().message.toStdString();
    EXPECT_EQ(set->keys(), versions({"busybox", "libcrypto3", "musl"}));
    EXPECT_EQ(set->value(QStringLiteral("libcrypto3")),
              (InstalledPackage{QStringLiteral("libcrypto3"), QStringLiteral("3.1.4-r5"),
                                QStringLiteral("openssl"), Ecosystem::Alpine}));
    EXPECT_EQ(set->value(QStringLiteral("musl")),
              (InstalledPackage{QStringLiteral("musl"), QStringLiteral("1.2.4-r2"), QStringLiteral("musl"),
                                Ecosystem::Alpine}));
    EXPECT_EQ(set->value(QStringLiteral("busybox")).sourcePackage, QStringLiteral("busybox"));
}

TEST(SbomSpdx, StatementAndDsseEnvelopeGiveTheSamePackages)
{
    auto bare = parseSpdxSbom(kSpdxDebian);
    auto wrapped = parseSpdxSbom(statement(kSpdxDebian));
    auto enveloped = parseSpdxSbom(envelope(statement(kSpdxDebian)));
    ASSERT_TRUE(bare.ok() && wrapped.ok() && enveloped.ok());
    EXPECT_EQ(*wrapped, *bare);
    EXPECT_EQ(*enveloped, *bare);
    EXPECT_EQ(wrapped->size(), 5);
}

TEST(SbomSpdx, DistroQualifierGivesTheEcosystemOfOtherTypes)
{
    auto set = parseSpdxSbom(R"({"spdxVersion": "SPDX-2.3", "packages": [
      {"name": "x", "versionInfo": "1.0-1", "externalRefs": [{"referenceType": "purl",
        "referenceLocator": "pkg:generic/x@1.0-1?distro=debian-12"}]},
      {"name": "y", "versionInfo": "1.0-r0", "externalRefs": [{"referenceType": "purl",
        "referenceLocator": "pkg:generic/y?distro=alpine-3.19"}]}]})");
    ASSERT_TRUE(set.ok());
    EXPECT_EQ(set->value(QStringLiteral("x")).ecosystem, Ecosystem::Debian);
    EXPECT_EQ(set->value(QStringLiteral("y")).ecosystem, Ecosystem::Alpine);
    // No version in the purl: the SPDX versionInfo.
    EXPECT_EQ(set->value(QStringLiteral("y")).version, QStringLiteral("1.0-r0"));
}

TEST(SbomSpdx, RefusesWhatIsNoSpdxDocument)
{
    EXPECT_FALSE(parseSpdxSbom("").ok());
    EXPECT_FALSE(parseSpdxSbom("not json").ok());
    EXPECT_FALSE(parseSpdxSbom("[1, 2]").ok());
    EXPECT_FALSE(parseSpdxSbom(R"({"mediaType": "application/vnd.oci.image.manifest.v1+json"})").ok());
    EXPECT_FALSE(parseSpdxSbom(statement(R"({"buildType": "x"})", "https://slsa.dev/provenance/v0.2")).ok());
    EXPECT_FALSE(parseSpdxSbom(envelope("not json")).ok());
    // An envelope nested in envelopes stops rather than recursing.
    EXPECT_FALSE(parseSpdxSbom(envelope(envelope(envelope(envelope(statement(kSpdxDebian)))))).ok());
    // Packages that are not objects, purls that are not purls: skipped, not fatal.
    auto odd = parseSpdxSbom(R"({"spdxVersion": "SPDX-2.3", "packages": [1, "x", null,
      {"name": "a", "externalRefs": [{"referenceType": "purl", "referenceLocator": "nonsense"}]},
      {"name": "b", "externalRefs": "no"}]})");
    ASSERT_TRUE(odd.ok());
    EXPECT_TRUE(odd->isEmpty());
}

// --- the diff --------------------------------------------------------------------------------------

TEST(PackagesDiff, DebianRebuildPackageByPackage)
{
    const PackageSet before = parseDpkgStatus(kDebianStatus);
    QByteArray next = kDebianStatus;
    next.replace("Version: 2.36-9+deb12u7", "Version: 2.36-9+deb12u10");    // libc6: u7 → u10
    next.replace("Version: 3.0.11-1~deb12u2", "Version: 3.0.15-1~deb12u1"); // libssl3
    next.replace("Version: 2024a-0+deb12u1", "Version: 2023c-5+deb12u1");   // tzdata goes back
    next.replace("Package: libgcc-s1\nStatus: install ok installed",
                 "Package: libgcc-s1\nStatus: deinstall ok "
                 "config-files");
    next += "\nPackage: libzstd1\nStatus: install ok installed\nSource: libzstd\nVersion: 1.5.4+dfsg2-5\n";
    const PackageDiff diff = diffPackages(before, parseDpkgStatus(next));

    ASSERT_EQ(diff.changed.size(), 3);
    // base-files kept its version and is not listed.
    EXPECT_EQ(diff.changed[0], (PackageChange{QStringLiteral("libc6"), QStringLiteral("2.36-9+deb12u7"),
                                              QStringLiteral("2.36-9+deb12u10"), QStringLiteral("glibc"),
                                              Ecosystem::Debian, VersionDirection::Upgrade}));
    EXPECT_EQ(diff.changed[1], (PackageChange{QStringLiteral("libssl3"), QStringLiteral("3.0.11-1~deb12u2"),
                                              QStringLiteral("3.0.15-1~deb12u1"), QStringLiteral("openssl"),
                                              Ecosystem::Debian, VersionDirection::Upgrade}));
    EXPECT_EQ(diff.changed[2], (PackageChange{QStringLiteral("tzdata"), QStringLiteral("2024a-0+deb12u1"),
                                              QStringLiteral("2023c-5+deb12u1"), QStringLiteral("tzdata"),
                                              Ecosystem::Debian, VersionDirection::Downgrade}));
    EXPECT_EQ(diff.added,
              (QList<PackageVersion>{{QStringLiteral("libzstd1"), QStringLiteral("1.5.4+dfsg2-5")}}));
    EXPECT_EQ(diff.removed,
              (QList<PackageVersion>{{QStringLiteral("libgcc-s1"), QStringLiteral("12.2.0-14")}}));
}

TEST(PackagesDiff, AlpineReleaseNumbersOrderedAsNumbers)
{
    const PackageSet before = parseApkInstalled(kAlpineInstalled);
    QByteArray next = kAlpineInstalled;
    next.replace("V:3.1.4-r5", "V:3.1.4-r10");            // r5 → r10: an upgrade, not "smaller"
    next.replace("V:1.2.4_git20230717-r4", "V:1.2.4-r2"); // back from the git snapshot
    next.replace("C:Q1bare=\nP:alpine-baselayout-data\nV:3.4.3-r2\nA:x86_64\n", "");
    next += "\nC:Q1zlib=\nP:zlib\nV:1.3.1-r0\nA:x86_64\no:zlib\n";
    const PackageDiff diff = diffPackages(before, parseApkInstalled(next));
    ASSERT_EQ(diff.changed.size(), 2);
    EXPECT_EQ(diff.changed[0], (PackageChange{QStringLiteral("libcrypto3"), QStringLiteral("3.1.4-r5"),
                                              QStringLiteral("3.1.4-r10"), QStringLiteral("openssl"),
                                              Ecosystem::Alpine, VersionDirection::Upgrade}));
    EXPECT_EQ(diff.changed[1], (PackageChange{QStringLiteral("musl"), QStringLiteral("1.2.4_git20230717-r4"),
                                              QStringLiteral("1.2.4-r2"), QStringLiteral("musl"),
                                              Ecosystem::Alpine, VersionDirection::Downgrade}));
    EXPECT_EQ(diff.added, (QList<PackageVersion>{{QStringLiteral("zlib"), QStringLiteral("1.3.1-r0")}}));
    EXPECT_EQ(diff.removed, (QList<PackageVersion>{
                                {QStringLiteral("alpine-baselayout-data"), QStringLiteral("3.4.3-r2")}}));
}

TEST(PackagesDiff, SameVersionByTheRulesIsNoChange)
{
    auto pkg = [](const char *name, const char *version, Ecosystem e) {
        return InstalledPackage{QString::fromUtf8(name), QString::fromUtf8(version), QString::fromUtf8(name),
                                e};
    };
    const PackageSet before{{QStringLiteral("a"), pkg("a", "1.0", Ecosystem::Debian)},
                            {QStringLiteral("b"), pkg("b", "1.0", Ecosystem::Unknown)},
                            {QStringLiteral("c"), pkg("c", "1.0-r0", Ecosystem::Alpine)}};
    const PackageSet after{{QStringLiteral("a"), pkg("a", "0:1.0-0", Ecosystem::Debian)},
                           {QStringLiteral("b"), pkg("b", "1.0-0", Ecosystem::Unknown)},
                           {QStringLiteral("c"), pkg("c", "1.0-r1", Ecosystem::Debian)}};
    const PackageDiff diff = diffPackages(before, after);
    // dpkg holds 1.0 and 0:1.0-0 equal; an unknown ecosystem only knows the strings differ; an
    // ecosystem that changed under the package gives no direction.
    ASSERT_EQ(diff.changed.size(), 2);
    EXPECT_EQ(diff.changed[0].name, QStringLiteral("b"));
    EXPECT_EQ(diff.changed[0].direction, VersionDirection::Unknown);
    EXPECT_EQ(diff.changed[1].name, QStringLiteral("c"));
    EXPECT_EQ(diff.changed[1].ecosystem, Ecosystem::Unknown);
    EXPECT_EQ(diff.changed[1].direction, VersionDirection::Unknown);
    EXPECT_TRUE(diffPackages(before, before).isEmpty());
}

TEST(PackagesDiff, SbomToSbomAddedAndRemovedSortedByName)
{
    auto before = parseSpdxSbom(envelope(statement(kSpdxDebian)));
    QByteArray next = kSpdxDebian;
    next.replace("pkg:pypi/requests@2.31.0", "pkg:pypi/urllib3@2.2.1");
    next.replace("libssl3@3.0.11-1~deb12u2", "libssl3@3.0.13-1~deb12u1");
    auto after = parseSpdxSbom(statement(next));
    ASSERT_TRUE(before.ok() && after.ok());
    const PackageDiff diff = diffPackages(*before, *after);
    ASSERT_EQ(diff.changed.size(), 1);
    EXPECT_EQ(diff.changed[0], (PackageChange{QStringLiteral("libssl3"), QStringLiteral("3.0.11-1~deb12u2"),
                                              QStringLiteral("3.0.13-1~deb12u1"), QStringLiteral("openssl"),
                                              Ecosystem::Debian, VersionDirection::Upgrade}));
    EXPECT_EQ(diff.added, (QList<PackageVersion>{{QStringLiteral("urllib3"), QStringLiteral("2.2.1")}}));
    EXPECT_EQ(diff.removed, (QList<PackageVersion>{{QStringLiteral("requests"), QStringLiteral("2.31.0")}}));
}

// The contract (CLI-CONTRACT.md, diff): {"changed": [{"name", "from", "to", "source_package"}],
// "added": [{"name", "version"}], "removed": [{"name", "version"}]}.
TEST(PackagesDiff, JsonHasTheContractShape)
{
    PackageDiff diff;
    diff.changed.append(PackageChange{QStringLiteral("libssl3"), QStringLiteral("3.0.11-1~deb12u2"),
                                      QStringLiteral("3.0.15-1~deb12u1"), QStringLiteral("openssl"),
                                      Ecosystem::Debian, VersionDirection::Upgrade});
    diff.added.append(PackageVersion{QStringLiteral("libzstd1"), QStringLiteral("1.5.4+dfsg2-5")});
    diff.removed.append(PackageVersion{QStringLiteral("libgcc-s1"), QStringLiteral("12.2.0-14")});
    const QJsonDocument expected = QJsonDocument::fromJson(R"({
      "changed": [{"name": "libssl3", "from": "3.0.11-1~deb12u2", "to": "3.0.15-1~deb12u1",
                   "source_package": "openssl"}],
      "added": [{"name": "libzstd1", "version": "1.5.4+dfsg2-5"}],
      "removed": [{"name": "libgcc-s1", "version": "12.2.0-14"}]})");
    ASSERT_TRUE(expected.isObject());
    EXPECT_EQ(QJsonDocument(packageDiffJson(diff)), expected);
    // No change: three empty arrays, never missing keys.
    const QJsonObject empty = packageDiffJson(PackageDiff{});
    EXPECT_EQ(empty.keys(), versions({"added", "changed", "removed"}));
    EXPECT_TRUE(empty.value(QStringLiteral("changed")).isArray());
}
