// The walk behind RegistryClient::resolve(): an unchanged tag costs one HEAD; a moved one costs its
// manifest, then only what the stored details and the index's descriptors do not already explain.
// Details are best effort: a digest change is reported even when they cannot be read.
#include "registry/ManifestWalk.h"

#include "registry/ManifestParser.h"

#include <QLoggingCategory>

namespace RebuildRadar {

Q_LOGGING_CATEGORY(lcWalk, "rebuildradar.registry.walk")

namespace {
bool hasExplanation(const QMap<QString, QString> &annotations)
{
    for (auto it = annotations.begin(); it != annotations.end(); ++it) {
        if (it.key() != Annotation::Source && Annotation::isInteresting(it.key()))
            return true;
    }
    return false;
}

QMap<QString, QString> interesting(const QMap<QString, QString> &all)
{
    QMap<QString, QString> out;
    for (auto it = all.begin(); it != all.end(); ++it) {
        if (Annotation::isInteresting(it.key()))
            out.insert(it.key(), it.value());
    }
    return out;
}

// Fills keys missing from `into` with those of `from`.
void mergeMissing(QMap<QString, QString> &into, const QMap<QString, QString> &from)
{
    for (auto it = from.begin(); it != from.end(); ++it) {
        if (!into.contains(it.key()))
            into.insert(it.key(), it.value());
    }
}

QString mediaTypeOf(const RegistryResponse &response)
{
    return QString::fromLatin1(response.header("Content-Type")).section(u';', 0, 0).trimmed();
}
} // namespace

void ManifestWalk::start(RegistryTransport &transport, const RegistryClientOptions &options,
                         const ImageReference &reference, const ResolveHints &hints, QObject *context,
                         Callback callback, QObject *parent)
{
    auto *walk = new ManifestWalk(transport, options, reference, hints, context, std::move(callback), parent);
    walk->head();
}

ManifestWalk::ManifestWalk(RegistryTransport &transport, const RegistryClientOptions &options,
                           const ImageReference &reference, const ResolveHints &hints, QObject *context,
                           Callback callback, QObject *parent)
    : QObject(parent)
    , m_transport(transport)
    , m_options(options)
    , m_reference(reference)
    , m_hints(hints)
    , m_context(context)
    , m_hasContext(context != nullptr)
    , m_callback(std::move(callback))
{
    // The caller is gone: so is the walk, and with it every request it sent.
    if (context)
        connect(context, &QObject::destroyed, this, [this] {
            m_transport.cancel(this);
            m_reported = true;
            deleteLater();
        });
    if (m_options.checkDeadlineMs > 0) {
        m_deadline.setSingleShot(true);
        connect(&m_deadline, &QTimer::timeout, this, &ManifestWalk::timedOut);
        m_deadline.start(m_options.checkDeadlineMs);
    }
}

void ManifestWalk::timedOut()
{
    m_transport.cancel(this);
    report(makeError(ErrorCode::Timeout, QStringLiteral("no answer from %1 within %2 s")
                                             .arg(m_reference.registry())
                                             .arg(m_options.checkDeadlineMs / 1000.0)));
}

void ManifestWalk::report(Result<TagState> result)
{
    if (m_reported)
        return;
    m_reported = true;
    m_deadline.stop();
    deleteLater();
    if (m_hasContext && !m_context)
        return; // the caller is gone
    m_callback(std::move(result));
}

void ManifestWalk::send(const QByteArray &method, const QUrl &url, qint64 cap, ResponseCallback callback)
{
    RegistryRequest request;
    request.registry = m_reference.registry();
    request.repository = m_reference.repository();
    request.method = method;
    request.url = url;
    request.accept =
        url.path().contains(QStringLiteral("/manifests/")) ? MediaType::acceptHeader() : QByteArray("*/*");
    request.cap = cap;
    request.followUp = method != "HEAD"; // the walk is under way: its clock runs
    m_transport.send(std::move(request), this, std::move(callback));
}

void ManifestWalk::head()
{
    const QString target = m_reference.hasTag() ? m_reference.tag() : m_reference.digest();
    QUrl url = m_transport.baseUrl(m_reference.registry());
    url.setPath(QStringLiteral("/v2/%1/manifests/%2").arg(m_reference.repository(), target));
    send("HEAD", url, 0, [this, url](Result<RegistryResponse> head) {
        if (!head) {
            report(head.error());
            return;
        }
        m_state.digest = QString::fromLatin1(head->header("Docker-Content-Digest")).trimmed();
        m_state.mediaType = mediaTypeOf(*head);
        if (!isValidDigest(m_state.digest)) {
            getAndHash(url); // no usable digest header
            return;
        }
        if (m_state.digest == m_hints.knownDigest) {
            report(std::move(m_state)); // unchanged: one HEAD, nothing else
            return;
        }
        fetchManifest();
    });
}

// No usable digest header: GET the manifest and hash the exact bytes.
void ManifestWalk::getAndHash(const QUrl &url)
{
    send("GET", url, m_options.manifestCap, [this](Result<RegistryResponse> get) {
        if (!get) {
            report(get.error());
            return;
        }
        m_state = TagState{};
        m_state.digest = sha256Digest(get->body);
        const QString header = QString::fromLatin1(get->header("Docker-Content-Digest")).trimmed();
        if (!header.isEmpty() && header != m_state.digest) {
            report(makeError(ErrorCode::DigestMismatch,
                             QStringLiteral("%1 says digest %2 but the manifest hashes to %3")
                                 .arg(m_reference.registry(), header, m_state.digest)));
            return;
        }
        m_state.mediaType = mediaTypeOf(*get);
        if (m_state.digest == m_hints.knownDigest) {
            report(std::move(m_state));
            return;
        }
        readManifest(get->body);
    });
}

void ManifestWalk::getVerified(const QString &path, const QString &digest, qint64 cap,
                               ResponseCallback callback)
{
    QUrl url = m_transport.baseUrl(m_reference.registry());
    url.setPath(path);
    send("GET", url, cap,
         [registry = m_reference.registry(), digest, callback](Result<RegistryResponse> response) {
             if (response && digest.startsWith(QStringLiteral("sha256:")) &&
                 sha256Digest(response->body) != digest) {
                 callback(makeError(
                     ErrorCode::DigestMismatch,
                     QStringLiteral("%1 served content that does not match %2").arg(registry, digest)));
                 return;
             }
             callback(std::move(response));
         });
}

void ManifestWalk::fetchManifest()
{
    getVerified(
        QStringLiteral("/v2/%1/manifests/%2").arg(m_reference.repository(), m_state.digest), m_state.digest,
        m_options.manifestCap, [this](Result<RegistryResponse> response) {
            if (!response) {
                report(response.error());
                return;
            }
            if (m_state.mediaType.isEmpty())
                m_state.mediaType = mediaTypeOf(*response);
            if (response->body.isEmpty()) {
                report(makeError(ErrorCode::Protocol,
                                 QStringLiteral("%1 sent an empty manifest").arg(m_reference.registry())));
                return;
            }
            readManifest(response->body);
        });
}

void ManifestWalk::readManifest(const QByteArray &body)
{
    auto manifest = parseManifest(body, m_state.mediaType);
    if (!manifest) {
        report(manifest.error());
        return;
    }
    m_state.mediaType = manifest->mediaType;
    m_state.annotations = interesting(manifest->annotations);
    m_state.detailed = true;

    // The lookups below share m_state; the walk reports when the last one is done.
    m_outstanding = 1;
    if (!manifest->isIndex) {
        if (m_hints.digestsOnly) {
            lookupDone();
            return;
        }
        if (!manifest->schema1Platform.isEmpty())
            m_state.platforms.insert(manifest->schema1Platform, PlatformImage{m_state.digest, {}});
        else if (!manifest->config.digest.isEmpty())
            readConfig({}, m_state.digest, m_state.annotations, manifest->config);
        lookupDone();
        return;
    }

    int detailed = 0;
    const QMap<QString, PlatformImage> knownManifests =
        m_hints.loadKnownManifests ? m_hints.loadKnownManifests() : m_hints.knownManifests;
    for (const Descriptor &descriptor : manifest->manifests) {
        if (descriptor.isAttestationOrUnknown())
            continue;
        PlatformImage image{descriptor.digest, interesting(descriptor.annotations)};
        if (const auto known = knownManifests.find(descriptor.digest); known != knownManifests.end()) {
            mergeMissing(image.annotations, known->annotations);
            m_state.platforms.insert(descriptor.platform, image);
            continue;
        }
        m_state.platforms.insert(descriptor.platform, image);
        if (m_hints.digestsOnly || hasExplanation(image.annotations) ||
            detailed >= m_options.maxDetailedPlatforms)
            continue;
        // The descriptor says nothing: read the platform's manifest, then its config.
        ++detailed;
        readPlatform(descriptor.platform, descriptor.digest);
    }
    lookupDone();
}

void ManifestWalk::readPlatform(const QString &platform, const QString &digest)
{
    ++m_outstanding;
    getVerified(QStringLiteral("/v2/%1/manifests/%2").arg(m_reference.repository(), digest), digest,
                m_options.manifestCap, [this, platform, digest](Result<RegistryResponse> response) {
                    if (!response) {
                        qCInfo(lcWalk) << "no details for" << platform << ":" << response.error().message;
                        lookupDone();
                        return;
                    }
                    auto child =
                        parseManifest(response->body, QString::fromLatin1(response->header("Content-Type")));
                    if (child && !child->isIndex) {
                        QMap<QString, QString> &annotations = m_state.platforms[platform].annotations;
                        mergeMissing(annotations, interesting(child->annotations));
                        if (!hasExplanation(annotations) && !child->config.digest.isEmpty())
                            readConfig(platform, digest, {}, child->config);
                    }
                    lookupDone();
                });
}

// Reads the config blob of an image manifest: its platform, created time and OCI labels.
void ManifestWalk::readConfig(const QString &platformKeyHint, const QString &manifestDigest,
                              const QMap<QString, QString> &baseAnnotations, const Descriptor &config)
{
    ++m_outstanding;
    getVerified(QStringLiteral("/v2/%1/blobs/%2").arg(m_reference.repository(), config.digest), config.digest,
                m_options.configCap,
                [this, platformKeyHint, manifestDigest, baseAnnotations](Result<RegistryResponse> response) {
                    auto parsed =
                        response ? parseImageConfig(response->body) : Result<ImageConfig>(response.error());
                    if (!parsed) {
                        qCInfo(lcWalk) << "no image config details:" << parsed.error().message;
                        if (!platformKeyHint.isEmpty())
                            m_state.platforms[platformKeyHint].digest = manifestDigest;
                        lookupDone();
                        return;
                    }
                    const QString key = platformKeyHint.isEmpty() ? parsed->platform : platformKeyHint;
                    if (!key.isEmpty()) {
                        PlatformImage &image = m_state.platforms[key];
                        image.digest = manifestDigest;
                        mergeMissing(image.annotations, baseAnnotations);
                        mergeMissing(image.annotations, interesting(parsed->labels));
                        if (!parsed->created.isEmpty() && !image.annotations.contains(Annotation::Created))
                            image.annotations.insert(Annotation::ConfigCreated, parsed->created);
                    }
                    lookupDone();
                });
}

void ManifestWalk::lookupDone()
{
    if (--m_outstanding == 0)
        report(std::move(m_state));
}

} // namespace RebuildRadar
