#pragma once

#include <QJsonObject>
#include <QMap>
#include <QProcess>
#include <QString>
#include <QTemporaryDir>
#include <QUrl>

#include <memory>

namespace RebuildRadar::Test {

// A real distribution 2.8 registry (Debian's docker-registry) on a free loopback port, with its own
// temporary storage; anonymous, or with htpasswd Basic auth.
class LocalRegistry
{
public:
    struct Options
    {
        QString username; // non-empty: htpasswd auth with this user
        QString password;
        bool tls = false;       // HTTPS (HTTP/2 by ALPN) with a self-signed certificate for 127.0.0.1
        QString storage = {};   // serve this storage folder (another registry's storagePath()) instead
        bool accessLog = false; // keep every request's line, for requestLines()
    };
    LocalRegistry()
        : LocalRegistry(Options{})
    {}
    explicit LocalRegistry(Options options);
    ~LocalRegistry();

    bool isRunning() const { return m_running; }
    QString error() const { return m_error; }
    // "127.0.0.1:PORT", usable as the registry part of a reference
    QString host() const { return QStringLiteral("127.0.0.1:%1").arg(m_port); }
    QUrl url(const QString &path) const
    {
        return QUrl((m_options.tls ? QStringLiteral("https://") : QStringLiteral("http://")) + host() + path);
    }
    QString storagePath() const { return m_storage; }
    // With Options::accessLog: the request lines so far with the answer's status ("HEAD
    // /v2/team/app/manifests/1 HTTP/1.1 200"), each with the second the registry logged it (seconds
    // since the epoch).
    QList<QPair<qint64, QString>> requestLines() const;
    // the certificate a TLS registry serves (PEM), to be trusted by its clients
    QString certificatePath() const { return m_dir.filePath(QStringLiteral("cert.pem")); }

private:
    Options m_options;
    QTemporaryDir m_dir;
    QProcess m_process;
    QString m_storage;
    quint16 m_port = 0;
    bool m_running = false;
    QString m_error;
};

// A self-signed certificate for 127.0.0.1 (cert.pem, key.pem in dir), made by openssl.
bool makeLoopbackCertificate(const QString &dir);

// An image to push: one platform, with annotations on its manifest and labels in its config.
struct TestImage
{
    QString os = QStringLiteral("linux");
    QString architecture = QStringLiteral("amd64");
    QString variant;
    QString created = QStringLiteral("2026-01-01T00:00:00Z");
    QMap<QString, QString> labels;
    QMap<QString, QString> annotations;
    QByteArray layer = "layer";
    QString platform() const
    {
        return os + u'/' + architecture + (variant.isEmpty() ? QString() : u'/' + variant);
    }
};

struct IndexEntry
{
    QString digest;
    QString platform; // os/arch[/variant]; empty: no platform
    QMap<QString, QString> annotations;
    QString mediaType;
    qint64 size = 0;
};

// One blob of a manifest's layers: an image layer (a tar, compressed or not) or an attestation's
// in-toto statement or DSSE envelope.
struct TestLayer
{
    QByteArray bytes;
    QString mediaType = QStringLiteral("application/vnd.oci.image.layer.v1.tar+gzip");
    QMap<QString, QString> annotations;
};

// Pushes content over the registry HTTP API, as `docker push` would.
class Pusher
{
public:
    explicit Pusher(QString host, QString username = {}, QString password = {})
        : m_host(std::move(host))
        , m_username(std::move(username))
        , m_password(std::move(password))
    {}

    QString pushBlob(const QString &repository, const QByteArray &content);
    // Pushes a manifest under `reference` (a tag or digest); returns its digest.
    QString pushManifest(const QString &repository, const QString &reference, const QByteArray &body,
                         const QString &mediaType);
    // Pushes config, layer and an OCI (or Docker v2) image manifest by digest; returns {digest, size}.
    IndexEntry pushImage(const QString &repository, const TestImage &image, bool docker = false);
    // Tags `tag` to a single image.
    QString tagImage(const QString &repository, const QString &tag, const TestImage &image,
                     bool docker = false);
    // Pushes an index (OCI or Docker manifest list) of the given entries under `tag`.
    QString pushIndex(const QString &repository, const QString &tag, const QList<IndexEntry> &entries,
                      const QMap<QString, QString> &annotations = {}, bool docker = false);
    // Pushes an attestation manifest (BuildKit style) for `subject`; returns its index entry.
    IndexEntry pushAttestation(const QString &repository, const QString &subject);
    // Pushes an OCI image manifest with these layers (bottom first) and a config for `platform`;
    // returns its index entry (digest, platform, size).
    IndexEntry pushLayers(const QString &repository, const QList<TestLayer> &layers,
                          const QString &platform = QStringLiteral("linux/amd64"),
                          const QString &tag = QString());
    // A BuildKit attestation manifest for `subject` whose layers are in-toto statements: an SPDX one
    // (annotated in-toto.io/predicate-type https://spdx.dev/Document) and a provenance one.
    IndexEntry pushSbomAttestation(const QString &repository, const QString &subject,
                                   const QByteArray &spdxStatement);
    // A cosign attestation: the tag sha256-<hex>.att of `subject`, one DSSE envelope layer per
    // statement (predicateType annotated). Returns the attestation manifest's digest.
    QString pushCosignAttestation(const QString &repository, const QString &subject,
                                  const QList<QByteArray> &statements, const QStringList &predicateTypes);
    bool deleteManifest(const QString &repository, const QString &digest);
    int lastStatus() const { return m_lastStatus; }

private:
    QMap<QByteArray, QByteArray> authHeaders() const;
    QString m_host;
    QString m_username;
    QString m_password;
    int m_lastStatus = 0;
};

} // namespace RebuildRadar::Test
