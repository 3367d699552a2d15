// libFuzzer targets for every parser that reads untrusted input. Built with clang and
// -fsanitize=fuzzer when REBUILDRADAR_FUZZ is on; otherwise FuzzRegression.cpp replays the corpus
// (seeds and every crash ever found) as ordinary tests.
#include "credentials/DockerConfigSource.h"
#include "reference/ImageReference.h"
#include "registry/AuthChallenge.h"
#include "registry/Backfill.h"
#include "registry/ManifestParser.h"
#include "scan/Finders.h"

#include <QByteArray>

#include <cstdint>
#include <cstring>

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

} // namespace RebuildRadar::Fuzz

#ifdef REBUILDRADAR_FUZZ_TARGET
extern "C" int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    RebuildRadar::Fuzz::REBUILDRADAR_FUZZ_TARGET(
        QByteArray(reinterpret_cast<const char *>(data), qsizetype(size)));
    return 0;
}
#endif
