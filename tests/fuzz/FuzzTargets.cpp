// libFuzzer targets for every parser that reads untrusted input. Built with clang and
// -fsanitize=fuzzer when REBUILDRADAR_FUZZ is on; otherwise FuzzRegression.cpp replays the corpus
// (seeds and every crash ever found) as ordinary tests.
#include "analysis/LayerScan.h"
#include "credentials/DockerConfigSource.h"
#include "packages/ApkInstalled.h"
#include "packages/ApkVersion.h"
#include "packages/Distro.h"
#include "packages/DpkgStatus.h"
#include "packages/DpkgVersion.h"
#include "packages/PackageDiff.h"
#include "packages/RpmDatabase.h"
#include "packages/RpmVersion.h"
#include "packages/SpdxSbom.h"
#include "reference/ImageReference.h"
#include "registry/AuthChallenge.h"
#include "registry/Backfill.h"
#include "registry/ManifestParser.h"
#include "scan/Finders.h"
#include "security/OsvBatch.h"
#include "security/Secdb.h"

#include <QByteArray>
#include <QList>
#include <QStringView>

#include <algorithm>
#include <cstdint>
#include <cstring>
#include <utility>

namespace RebuildRadar::Fuzz {

void reference(const QByteArray &data)
{
    auto ref = ImageReference::parse(QString::fromUtf8(data));
    if (ref) {
        // What parses, round-trips.
        auto again = ImageReference::parse(ref->canonical());
        if (!again || !(*again == *ref))
            __builtin_trap();
        (void)ref->familiar();
        (void)ref->connectHost();
    }
}

void auth(const QByteArray &data)
{
    for (const AuthChallenge &c : parseWwwAuthenticate(data.split('\n')))
        (void)c.param(QStringLiteral("realm"));
}

void manifest(const QByteArray &data)
{
    (void)parseManifest(data, MediaType::OciIndex);
    (void)parseManifest(data, QString());
    (void)parseImageConfig(data);
    (void)parseChainguardHistory(data);
    (void)parseQuayTags(data, QStringLiteral("latest"));
    (void)parseDockerHubTag(data, QStringLiteral("sha256:") + QString(64, u'a'));
}

void authFile(const QByteArray &data)
{
    (void)parseAuthFile(data);
}

void dockerfile(const QByteArray &data)
{
    for (const FoundReference &f : findInDockerfile(data)) {
        if (f.offset < 0 || f.offset > data.size())
            __builtin_trap();
    }
}

void yaml(const QByteArray &data)
{
    for (const FoundReference &f : findInYaml(data, QStringLiteral("values.yaml"))) {
        if (f.offset > data.size() || f.digestOffset > data.size())
            __builtin_trap();
    }
}

namespace {
// A version order must be antisymmetric and reflexive, whatever the text.
void checkOrder(int (*compare)(QStringView, QStringView), const QString &a, const QString &b)
{
    const int ab = compare(a, b);
    const int ba = compare(b, a);
    if ((ab < 0) != (ba > 0) || (ab == 0) != (ba == 0) || compare(a, a) != 0)
        __builtin_trap();
}

// Every package of a parsed set has a name and a version, and the set differs from itself in nothing.
void checkSet(const PackageSet &set)
{
    for (auto it = set.begin(); it != set.end(); ++it) {
        if (it.key().isEmpty() || it->name != it.key() || it->version.isEmpty() ||
            it->sourcePackage.isEmpty())
            __builtin_trap();
    }
    if (!diffPackages(set, set).isEmpty())
        __builtin_trap();
}

// The first two lines of the input as two versions.
std::pair<QString, QString> twoVersions(const QByteArray &data)
{
    const QList<QByteArray> lines = data.split('\n');
    return {QString::fromUtf8(lines.value(0)), QString::fromUtf8(lines.value(1))};
}
} // namespace

void dpkgStatus(const QByteArray &data)
{
    checkSet(parseDpkgStatus(data));
    const auto [a, b] = twoVersions(data);
    checkOrder(compareDpkgVersions, a, b);
}

void apkInstalled(const QByteArray &data)
{
    checkSet(parseApkInstalled(data));
    const auto [a, b] = twoVersions(data);
    checkOrder(compareApkVersions, a, b);
}

// One rpm header image (as a row of rpmdb.sqlite holds it); the first two lines also as rpm versions.
void rpmHeader(const QByteArray &data)
{
    if (auto header = parseRpmHeader(data)) {
        if (header->name.isEmpty() || header->version.isEmpty())
            __builtin_trap();
        checkSet(rpmPackagesOf({*header, *header}));
    }
    const auto [a, b] = twoVersions(data);
    checkOrder(compareRpmVersions, a, b);
}

void spdx(const QByteArray &data)
{
    if (auto set = parseSpdxSbom(data))
        checkSet(*set);
}

void secdb(const QByteArray &data)
{
    const std::optional<Secdb> db = parseSecdb(data);
    if (!db)
        return;
    // Every package upgraded from before its first fix to its last fix version, and once more
    // standing still: fixes only ever name what the document lists, and a version that did not
    // move fixes nothing.
    PackageDiff moved;
    PackageDiff still;
    for (auto it = db->begin(); it != db->end(); ++it) {
        if (it.key().isEmpty() || it->isEmpty())
            __builtin_trap();
        const QString last = it->constLast().version;
        moved.changed.append(PackageChange{it.key(), QStringLiteral("0"), last, it.key(), Ecosystem::Alpine,
                                           VersionDirection::Upgrade});
        still.changed.append(
            PackageChange{it.key(), last, last, it.key(), Ecosystem::Alpine, VersionDirection::Upgrade});
    }
    for (const SecurityFix &fix : secdbFixes(*db, moved)) {
        const QList<SecfixVersion> versions = db->value(fix.package);
        if (fix.id.isEmpty() || std::none_of(versions.begin(), versions.end(),
                                             [&](const SecfixVersion &v) { return v.ids.contains(fix.id); }))
            __builtin_trap();
    }
    if (!secdbFixes(*db, still).isEmpty())
        __builtin_trap();
}

void osvBatch(const QByteArray &data)
{
    for (qsizetype expected = 0; expected < 4; ++expected) {
        if (const auto results = parseOsvBatchResponse(data, expected)) {
            if (results->size() != expected)
                __builtin_trap();
            for (const OsvResult &r : *results) {
                if (r.ids.contains(QString()))
                    __builtin_trap();
            }
        }
    }
}

// A layer blob as a registry could serve it: sniffed, or as gzip or zstd by media type. What is read
// keeps only database paths, survives the cache's round trip, and stacks into packages.
void layer(const QByteArray &data)
{
    for (const QString &type : {QString(), QStringLiteral("application/vnd.oci.image.layer.v1.tar+gzip"),
                                QStringLiteral("application/vnd.oci.image.layer.v1.tar+zstd")}) {
        auto contents = scanLayer(data, type, 16 * 1024 * 1024);
        if (!contents)
            continue;
        for (auto it = contents->files.begin(); it != contents->files.end(); ++it) {
            if (!isPackageDatabasePath(it.key()))
                __builtin_trap();
        }
        if (deserializeLayerContents(serializeLayerContents(*contents)) != *contents)
            __builtin_trap();
        if (auto image = packagesOfLayers({*contents, *contents}))
            checkSet(image->packages);
    }
    (void)parseOsRelease(data);
}

} // namespace RebuildRadar::Fuzz

#ifdef REBUILDRADAR_FUZZ_TARGET
extern "C" int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    RebuildRadar::Fuzz::REBUILDRADAR_FUZZ_TARGET(
        QByteArray(reinterpret_cast<const char *>(data), qsizetype(size)));
    return 0;
}
#endif
