// Where images keep SBOMs, in the order looked at:
// 1. BuildKit (moby/buildkit docs/attestations/attestation-storage.md): an index entry with platform
//    unknown/unknown and annotations vnd.docker.reference.type=attestation-manifest and
//    vnd.docker.reference.digest=<the image manifest>; its layers are in-toto statements, the SBOM
//    one annotated in-toto.io/predicate-type=https://spdx.dev/Document. Only that layer is fetched.
// 2. cosign (sigstore/cosign specs/ATTESTATION_SPEC.md): the tag sha256-<hex>.att of the image
//    manifest (then of the index), layers application/vnd.dsse.envelope.v1+json annotated
//    predicateType, each envelope's base64 payload an in-toto statement.
// 3. OCI referrers (distribution-spec "Listing Referrers"): manifests whose subject is the image,
//    holding SPDX documents, in-toto statements, DSSE envelopes or sigstore bundles.
#include "analysis/AnalysisJob.h"

#include "packages/SpdxSbom.h"
#include "registry/RegistryClient.h"

#include <QJsonDocument>
#include <QJsonObject>

namespace RebuildRadar {

namespace {

const QString kPredicateAnnotation = QStringLiteral("in-toto.io/predicate-type");
const QString kCosignPredicate = QStringLiteral("predicateType");
constexpr int kMaxSbomCandidates = 8;

bool isSpdxPredicate(const QString &type)
{
    return type.startsWith(u"https://spdx.dev/Document", Qt::CaseInsensitive);
}

// A layer that may hold an SPDX document, directly or wrapped.
bool maySbom(const Descriptor &layer)
{
    const QString predicate =
        layer.annotations.value(kPredicateAnnotation, layer.annotations.value(kCosignPredicate));
    if (!predicate.isEmpty())
        return isSpdxPredicate(predicate);
    const QString type = layer.mediaType.toLower();
    return type.contains(u"spdx") || type.contains(u"in-toto") || type.contains(u"dsse") ||
           type.contains(u"sigstore.bundle") || type == u"application/json";
}

// A sigstore bundle (v0.2/v0.3) carries the DSSE envelope under "dsseEnvelope".
QByteArray unwrapBundle(const QByteArray &data)
{
    if (!data.contains("dsseEnvelope"))
        return data;
    const QJsonObject root = QJsonDocument::fromJson(data).object();
    const QJsonObject envelope = root.value(QStringLiteral("dsseEnvelope")).toObject();
    return envelope.isEmpty() ? data : QJsonDocument(envelope).toJson(QJsonDocument::Compact);
}

} // namespace

void AnalysisJob::findSbom(const Image &image, SbomDone done)
{
    sbomFromAttestationManifest(image, [this, image, done](std::optional<ImagePackages> found) {
        if (found)
            return done(std::move(found));
        QStringList subjects{image.manifestDigest};
        if (image.index && image.digest != image.manifestDigest)
            subjects.append(image.digest);
        sbomFromCosignTag(subjects, [this, image, done](std::optional<ImagePackages> cosign) {
            if (cosign)
                return done(std::move(cosign));
            sbomFromReferrers(image, done);
        });
    });
}

void AnalysisJob::sbomFromAttestationManifest(const Image &image, SbomDone done)
{
    if (!image.index)
        return done(std::nullopt);
    QStringList attestations;
    for (const Descriptor &d : image.index->manifests) {
        if (d.annotations.value(QStringLiteral("vnd.docker.reference.type")) == u"attestation-manifest" &&
            d.annotations.value(QStringLiteral("vnd.docker.reference.digest")) == image.manifestDigest)
            attestations.append(d.digest);
    }
    sbomFromManifests(attestations, std::move(done));
}

void AnalysisJob::sbomFromCosignTag(const QStringList &subjects, SbomDone done)
{
    QStringList tags;
    for (const QString &subject : subjects) {
        const qsizetype colon = subject.indexOf(u':');
        if (colon > 0)
            tags.append(subject.left(colon) + u'-' + subject.mid(colon + 1) + QStringLiteral(".att"));
    }
    sbomFromManifests(tags, std::move(done));
}

void AnalysisJob::sbomFromReferrers(const Image &image, SbomDone done)
{
    m_analyzer.m_client.fetchReferrers(
        m_repository, image.manifestDigest, this, [this, done](Result<QList<Descriptor>> referrers) {
            if (!referrers)
                return done(std::nullopt);
            QStringList candidates;
            for (const Descriptor &d : *referrers) {
                const QString type = d.artifactType.toLower();
                // Signatures and provenance carry no packages.
                if (type.contains(u"signature") || type.contains(u"provenance") || type.contains(u"slsa"))
                    continue;
                if (candidates.size() < kMaxSbomCandidates)
                    candidates.append(d.digest);
            }
            sbomFromManifests(candidates, done);
        });
}

// The first SBOM in the layers of these manifests, tried in order; a missing manifest is skipped.
void AnalysisJob::sbomFromManifests(QStringList references, SbomDone done)
{
    if (references.isEmpty())
        return done(std::nullopt);
    const QString reference = references.takeFirst();
    fetchManifest(reference, [this, references, done](Result<ParsedManifest> manifest) mutable {
        if (!manifest || manifest->isIndex)
            return sbomFromManifests(std::move(references), std::move(done));
        QList<Descriptor> layers;
        for (const Descriptor &layer : manifest->layers) {
            if (maySbom(layer) && layers.size() < kMaxSbomCandidates)
                layers.append(layer);
        }
        sbomFromLayers(layers, [this, references, done](std::optional<ImagePackages> found) mutable {
            if (found)
                return done(std::move(found));
            sbomFromManifests(std::move(references), std::move(done));
        });
    });
}

void AnalysisJob::sbomFromLayers(QList<Descriptor> layers, SbomDone done)
{
    if (layers.isEmpty())
        return done(std::nullopt);
    const Descriptor layer = layers.takeFirst();
    const qint64 cap = std::min(m_analyzer.m_options.maxSbomBytes, remainingBudget());
    fetchSmallBlob(layer, cap, [this, layers, done](Result<QByteArray> body) mutable {
        if (body) {
            auto image = parseSpdxSbomImage(unwrapBundle(*body));
            if (image && !image->packages.isEmpty())
                return done(std::move(image).value());
        }
        sbomFromLayers(std::move(layers), std::move(done));
    });
}

void AnalysisJob::fetchSmallBlob(const Descriptor &blob, qint64 cap,
                                 std::function<void(Result<QByteArray>)> done)
{
    if (blob.size > cap)
        return done(overBudget());
    auto body = std::make_shared<QByteArray>();
    BodySink sink;
    sink.chunk = [body](QByteArrayView chunk) -> Status {
        body->append(chunk);
        return Ok{};
    };
    sink.restart = [body] { body->clear(); };
    m_analyzer.m_client.fetchBlob(m_repository, blob.digest, cap, std::move(sink), this,
                                  [this, body, done](Result<RegistryClient::BlobReceived> received) {
                                      if (!received)
                                          return done(received.error());
                                      m_fetched += received->transferred;
                                      done(*body);
                                  });
}

} // namespace RebuildRadar
