#include "LocalRegistry.h"

#include "Http.h"
#include "registry/ManifestParser.h"

#include <QDateTime>
#include <QFile>
#include <QJsonArray>
#include <QJsonDocument>
#include <QRegularExpression>
#include <QStandardPaths>
#include <QTcpServer>
#include <QTcpSocket>
#include <QTest>
#include <QTimeZone>
#include <QUrlQuery>

namespace RebuildRadar::Test {

namespace {
quint16 freePort()
{
    QTcpServer probe;
    probe.listen(QHostAddress::LocalHost, 0);
    return probe.serverPort();
}

QJsonObject toJson(const QMap<QString, QString> &map)
{
    QJsonObject object;
    for (auto it = map.begin(); it != map.end(); ++it)
        object.insert(it.key(), it.value());
    return object;
}
} // namespace

LocalRegistry::LocalRegistry(Options options)
    : m_options(std::move(options))
{
    const QString binary = QStandardPaths::findExecutable(QStringLiteral("docker-registry"));
    if (binary.isEmpty()) {
        m_error = QStringLiteral("docker-registry is not installed (scripts/install-deps.sh installs it)");
        return;
    }
    QString auth;
    if (!m_options.username.isEmpty()) {
        QProcess htpasswd;
        htpasswd.start(QStringLiteral("htpasswd"),
                       {QStringLiteral("-Bbn"), m_options.username, m_options.password});
        if (!htpasswd.waitForFinished(30000) || htpasswd.exitCode() != 0) {
            m_error = QStringLiteral("htpasswd failed (apache2-utils)");
            return;
        }
        QFile file(m_dir.filePath(QStringLiteral("htpasswd")));
        file.open(QIODevice::WriteOnly);
        file.write(htpasswd.readAllStandardOutput());
        auth = QStringLiteral("auth:\n  htpasswd:\n    realm: rebuildradar-test\n    path: %1\n")
                   .arg(file.fileName());
    }
    QString tls;
    if (m_options.tls) {
        if (!makeLoopbackCertificate(m_dir.path())) {
            m_error = QStringLiteral("openssl could not make a certificate");
            return;
        }
        tls = QStringLiteral("  tls:\n    certificate: %1\n    key: %2\n")
                  .arg(certificatePath(), m_dir.filePath(QStringLiteral("key.pem")));
    }
    m_storage = m_options.storage.isEmpty() ? m_dir.filePath(QStringLiteral("data")) : m_options.storage;
    for (int tries = 0; tries < 5 && !m_running; ++tries) {
        m_port = freePort();
        const QString config =
            QStringLiteral("version: 0.1\nlog:\n  level: error\n  accesslog:\n    disabled: %5\n"
                           "storage:\n  filesystem:\n    rootdirectory: %1\n  delete:\n    enabled: true\n"
                           "http:\n  addr: 127.0.0.1:%2\n%3%4")
                .arg(m_storage)
                .arg(m_port)
                .arg(tls, auth)
                .arg(m_options.accessLog ? QStringLiteral("false") : QStringLiteral("true"));
        QFile file(m_dir.filePath(QStringLiteral("config.yml")));
        file.open(QIODevice::WriteOnly | QIODevice::Truncate);
        file.write(config.toUtf8());
        file.close();
        // the access log goes to standard output
        m_process.setStandardOutputFile(m_options.accessLog ? m_dir.filePath(QStringLiteral("access.log"))
                                                            : QProcess::nullDevice());
        m_process.setStandardErrorFile(m_dir.filePath(QStringLiteral("registry.log")));
        m_process.start(binary, {QStringLiteral("serve"), file.fileName()});
        if (!m_process.waitForStarted(10000))
            continue;
        // Ready when /v2/ answers (200 anonymous, 401 with auth).
        m_running = QTest::qWaitFor(
                        [this] {
                            if (m_process.state() != QProcess::Running)
                                return true;
                            if (m_options.tls) { // its certificate is not trusted here: listening is ready
                                QTcpSocket socket;
                                socket.connectToHost(QHostAddress::LocalHost, m_port);
                                return socket.waitForConnected(200);
                            }
                            const int status = http("GET", url(QStringLiteral("/v2/")), {}, {}, 1000).status;
                            return status == 200 || status == 401;
                        },
                        15000) &&
                    m_process.state() == QProcess::Running;
        if (!m_running)
            m_process.kill(), m_process.waitForFinished(5000);
    }
    if (!m_running)
        m_error = QStringLiteral("docker-registry did not start");
}

bool makeLoopbackCertificate(const QString &dir)
{
    QProcess openssl;
    openssl.start(QStringLiteral("openssl"),
                  {QStringLiteral("req"), QStringLiteral("-x509"), QStringLiteral("-newkey"),
                   QStringLiteral("rsa:2048"), QStringLiteral("-nodes"), QStringLiteral("-days"),
                   QStringLiteral("1"), QStringLiteral("-subj"), QStringLiteral("/CN=127.0.0.1"),
                   QStringLiteral("-addext"), QStringLiteral("subjectAltName=IP:127.0.0.1"),
                   QStringLiteral("-keyout"), dir + QStringLiteral("/key.pem"), QStringLiteral("-out"),
                   dir + QStringLiteral("/cert.pem")});
    return openssl.waitForFinished(30000) && openssl.exitStatus() == QProcess::NormalExit &&
           openssl.exitCode() == 0;
}

LocalRegistry::~LocalRegistry()
{
    if (m_process.state() != QProcess::NotRunning) {
        m_process.terminate();
        if (!m_process.waitForFinished(5000))
            m_process.kill(), m_process.waitForFinished(5000);
    }
}

QMap<QByteArray, QByteArray> Pusher::authHeaders() const
{
    if (m_username.isEmpty())
        return {};
    return {{"Authorization", "Basic " + (m_username + u':' + m_password).toUtf8().toBase64()}};
}

QString Pusher::pushBlob(const QString &repository, const QByteArray &content)
{
    const QString digest = sha256Digest(content);
    const QUrl base(QStringLiteral("http://%1").arg(m_host));
    auto start = http("POST", base.resolved(QUrl(QStringLiteral("/v2/%1/blobs/uploads/").arg(repository))),
                      {}, authHeaders());
    m_lastStatus = start.status;
    if (start.status != 202)
        return {};
    QUrl location = base.resolved(QUrl::fromEncoded(start.header("Location")));
    QUrlQuery query(location);
    query.addQueryItem(QStringLiteral("digest"), digest);
    location.setQuery(query);
    auto headers = authHeaders();
    headers.insert("Content-Type", "application/octet-stream");
    auto put = http("PUT", location, content, headers);
    m_lastStatus = put.status;
    return put.status == 201 ? digest : QString();
}

QString Pusher::pushManifest(const QString &repository, const QString &reference, const QByteArray &body,
                             const QString &mediaType)
{
    auto headers = authHeaders();
    headers.insert("Content-Type", mediaType.toLatin1());
    auto put =
        http("PUT", QUrl(QStringLiteral("http://%1/v2/%2/manifests/%3").arg(m_host, repository, reference)),
             body, headers);
    m_lastStatus = put.status;
    if (put.status != 201)
        qWarning() << "manifest push failed" << put.status << put.body;
    return put.status == 201 ? sha256Digest(body) : QString();
}

IndexEntry Pusher::pushImage(const QString &repository, const TestImage &image, bool docker)
{
    QJsonObject config{
        {QStringLiteral("architecture"), image.architecture},
        {QStringLiteral("os"), image.os},
        {QStringLiteral("created"), image.created},
        {QStringLiteral("config"), QJsonObject{{QStringLiteral("Labels"), toJson(image.labels)}}},
        {QStringLiteral("rootfs"),
         QJsonObject{{QStringLiteral("type"), QStringLiteral("layers")},
                     {QStringLiteral("diff_ids"), QJsonArray{sha256Digest(image.layer)}}}}};
    if (!image.variant.isEmpty())
        config.insert(QStringLiteral("variant"), image.variant);
    const QByteArray configBytes = QJsonDocument(config).toJson(QJsonDocument::Compact);
    const QString configDigest = pushBlob(repository, configBytes);
    const QString layerDigest = pushBlob(repository, image.layer);
    const QString mediaType = docker ? MediaType::DockerManifest : MediaType::OciManifest;
    QJsonObject manifest{
        {QStringLiteral("schemaVersion"), 2},
        {QStringLiteral("mediaType"), mediaType},
        {QStringLiteral("config"),
         QJsonObject{{QStringLiteral("mediaType"), docker ? MediaType::DockerConfig : MediaType::OciConfig},
                     {QStringLiteral("digest"), configDigest},
                     {QStringLiteral("size"), configBytes.size()}}},
        {QStringLiteral("layers"),
         QJsonArray{QJsonObject{{QStringLiteral("mediaType"),
                                 docker ? QStringLiteral("application/vnd.docker.image.rootfs.diff.tar.gzip")
                                        : QStringLiteral("application/vnd.oci.image.layer.v1.tar")},
                                {QStringLiteral("digest"), layerDigest},
                                {QStringLiteral("size"), image.layer.size()}}}}};
    if (!image.annotations.isEmpty() && !docker)
        manifest.insert(QStringLiteral("annotations"), toJson(image.annotations));
    const QByteArray body = QJsonDocument(manifest).toJson(QJsonDocument::Compact);
    const QString digest = sha256Digest(body);
    pushManifest(repository, digest, body, mediaType);
    return IndexEntry{digest, image.platform(), {}, mediaType, body.size()};
}

QString Pusher::tagImage(const QString &repository, const QString &tag, const TestImage &image, bool docker)
{
    const IndexEntry entry = pushImage(repository, image, docker);
    auto get = http(
        "GET", QUrl(QStringLiteral("http://%1/v2/%2/manifests/%3").arg(m_host, repository, entry.digest)), {},
        [&] {
            auto h = authHeaders();
            h.insert("Accept", entry.mediaType.toLatin1());
            return h;
        }());
    return pushManifest(repository, tag, get.body, entry.mediaType);
}

QString Pusher::pushIndex(const QString &repository, const QString &tag, const QList<IndexEntry> &entries,
                          const QMap<QString, QString> &annotations, bool docker)
{
    QJsonArray manifests;
    for (const IndexEntry &entry : entries) {
        QJsonObject descriptor{{QStringLiteral("mediaType"), entry.mediaType},
                               {QStringLiteral("digest"), entry.digest},
                               {QStringLiteral("size"), entry.size}};
        if (!entry.platform.isEmpty()) {
            const QStringList parts = entry.platform.split(u'/');
            QJsonObject platform{{QStringLiteral("os"), parts.value(0)},
                                 {QStringLiteral("architecture"), parts.value(1)}};
            if (parts.size() > 2)
                platform.insert(QStringLiteral("variant"), parts.value(2));
            descriptor.insert(QStringLiteral("platform"), platform);
        }
        if (!entry.annotations.isEmpty())
            descriptor.insert(QStringLiteral("annotations"), toJson(entry.annotations));
        manifests.append(descriptor);
    }
    const QString mediaType = docker ? MediaType::DockerList : MediaType::OciIndex;
    QJsonObject index{{QStringLiteral("schemaVersion"), 2},
                      {QStringLiteral("mediaType"), mediaType},
                      {QStringLiteral("manifests"), manifests}};
    if (!annotations.isEmpty())
        index.insert(QStringLiteral("annotations"), toJson(annotations));
    return pushManifest(repository, tag, QJsonDocument(index).toJson(QJsonDocument::Compact), mediaType);
}

IndexEntry Pusher::pushAttestation(const QString &repository, const QString &subject)
{
    TestImage statement;
    statement.os = QStringLiteral("unknown");
    statement.architecture = QStringLiteral("unknown");
    statement.layer =
        "{\"_type\":\"https://in-toto.io/Statement/v0.1\",\"subject\":\"" + subject.toUtf8() + "\"}";
    IndexEntry entry = pushImage(repository, statement);
    entry.annotations.insert(QStringLiteral("vnd.docker.reference.type"),
                             QStringLiteral("attestation-manifest"));
    entry.annotations.insert(QStringLiteral("vnd.docker.reference.digest"), subject);
    return entry;
}

IndexEntry Pusher::pushLayers(const QString &repository, const QList<TestLayer> &layers,
                              const QString &platform, const QString &tag)
{
    const QStringList parts = platform.split(u'/');
    QJsonArray diffIds;
    QJsonArray descriptors;
    for (const TestLayer &layer : layers) {
        diffIds.append(sha256Digest(layer.bytes));
        QJsonObject d{{QStringLiteral("mediaType"), layer.mediaType},
                      {QStringLiteral("digest"), pushBlob(repository, layer.bytes)},
                      {QStringLiteral("size"), layer.bytes.size()}};
        if (!layer.annotations.isEmpty())
            d.insert(QStringLiteral("annotations"), toJson(layer.annotations));
        descriptors.append(d);
    }
    const QByteArray configBytes =
        QJsonDocument(QJsonObject{{QStringLiteral("architecture"), parts.value(1)},
                                  {QStringLiteral("os"), parts.value(0)},
                                  {QStringLiteral("rootfs"),
                                   QJsonObject{{QStringLiteral("type"), QStringLiteral("layers")},
                                               {QStringLiteral("diff_ids"), diffIds}}}})
            .toJson(QJsonDocument::Compact);
    const QJsonObject manifest{
        {QStringLiteral("schemaVersion"), 2},
        {QStringLiteral("mediaType"), MediaType::OciManifest},
        {QStringLiteral("config"), QJsonObject{{QStringLiteral("mediaType"), MediaType::OciConfig},
                                               {QStringLiteral("digest"), pushBlob(repository, configBytes)},
                                               {QStringLiteral("size"), configBytes.size()}}},
        {QStringLiteral("layers"), descriptors}};
    const QByteArray body = QJsonDocument(manifest).toJson(QJsonDocument::Compact);
    const QString digest =
        pushManifest(repository, tag.isEmpty() ? sha256Digest(body) : tag, body, MediaType::OciManifest);
    return IndexEntry{digest, platform, {}, MediaType::OciManifest, body.size()};
}

IndexEntry Pusher::pushSbomAttestation(const QString &repository, const QString &subject,
                                       const QByteArray &spdxStatement)
{
    const QString type = QStringLiteral("application/vnd.in-toto+json");
    const QByteArray provenance =
        R"({"_type":"https://in-toto.io/Statement/v0.1","predicateType":"https://slsa.dev/provenance/v0.2","subject":[],"predicate":{"builder":{"id":""}}})";
    IndexEntry entry = pushLayers(repository,
                                  {TestLayer{spdxStatement,
                                             type,
                                             {{QStringLiteral("in-toto.io/predicate-type"),
                                               QStringLiteral("https://spdx.dev/Document")}}},
                                   TestLayer{provenance,
                                             type,
                                             {{QStringLiteral("in-toto.io/predicate-type"),
                                               QStringLiteral("https://slsa.dev/provenance/v0.2")}}}},
                                  QStringLiteral("unknown/unknown"));
    entry.annotations.insert(QStringLiteral("vnd.docker.reference.type"),
                             QStringLiteral("attestation-manifest"));
    entry.annotations.insert(QStringLiteral("vnd.docker.reference.digest"), subject);
    return entry;
}

QString Pusher::pushCosignAttestation(const QString &repository, const QString &subject,
                                      const QList<QByteArray> &statements, const QStringList &predicateTypes)
{
    QList<TestLayer> layers;
    for (qsizetype i = 0; i < statements.size(); ++i) {
        const QByteArray envelope =
            QJsonDocument(
                QJsonObject{{QStringLiteral("payloadType"), QStringLiteral("application/vnd.in-toto+json")},
                            {QStringLiteral("payload"), QString::fromLatin1(statements[i].toBase64())},
                            {QStringLiteral("signatures"),
                             QJsonArray{QJsonObject{{QStringLiteral("keyid"), QString()},
                                                    {QStringLiteral("sig"), QStringLiteral("c2ln")}}}}})
                .toJson(QJsonDocument::Compact);
        layers.append(TestLayer{envelope,
                                QStringLiteral("application/vnd.dsse.envelope.v1+json"),
                                {{QStringLiteral("predicateType"), predicateTypes.value(i)}}});
    }
    const QString tag = QString(subject).replace(u':', u'-') + QStringLiteral(".att");
    return pushLayers(repository, layers, QStringLiteral("unknown/unknown"), tag).digest;
}

bool Pusher::deleteManifest(const QString &repository, const QString &digest)
{
    auto del =
        http("DELETE", QUrl(QStringLiteral("http://%1/v2/%2/manifests/%3").arg(m_host, repository, digest)),
             {}, authHeaders());
    m_lastStatus = del.status;
    return del.status == 202;
}

} // namespace RebuildRadar::Test

namespace RebuildRadar::Test {

QList<QPair<qint64, QString>> LocalRegistry::requestLines() const
{
    // Combined Log Format: 127.0.0.1 - - [01/Dec/2026:21:00:00 +0000] "HEAD /v2/… HTTP/1.1" 200 …
    QList<QPair<qint64, QString>> out;
    QFile log(m_dir.filePath(QStringLiteral("access.log")));
    if (!log.open(QIODevice::ReadOnly))
        return out;
    static const QRegularExpression line(QStringLiteral("\\[([^\\]]+)\\] \"([^\"]*)\" (\\d+)"));
    for (const QByteArray &raw : log.readAll().split('\n')) {
        const auto match = line.match(QString::fromUtf8(raw));
        if (!match.hasMatch())
            continue;
        // the zone is always +0000 (the registry logs UTC): the first 20 characters are the time
        QDateTime at =
            QDateTime::fromString(match.captured(1).left(20), QStringLiteral("dd/MMM/yyyy:HH:mm:ss"));
        at.setTimeSpec(Qt::UTC);
        out.append({at.toSecsSinceEpoch(), match.captured(2) + u' ' + match.captured(3)});
    }
    return out;
}

} // namespace RebuildRadar::Test
