#include "running/EngineClient.h"

#include "reference/ImageReference.h"

#include <QFileInfo>
#include <QHash>
#include <QJsonDocument>
#include <QJsonObject>
#include <QUrl>

#include <curl/curl.h>

#include <memory>
#include <mutex>

namespace RebuildRadar {

namespace {

constexpr qsizetype kMaxBody = 64 * 1024 * 1024; // a list of thousands of containers stays far below

struct Body
{
    QByteArray data;
    bool tooLarge = false;
};

size_t collect(char *ptr, size_t size, size_t count, void *userdata)
{
    auto *body = static_cast<Body *>(userdata);
    const size_t bytes = size * count;
    if (body->data.size() + qsizetype(bytes) > kMaxBody) {
        body->tooLarge = true;
        return 0; // ends the transfer
    }
    body->data.append(ptr, qsizetype(bytes));
    return bytes;
}

void initCurlOnce()
{
    static std::once_flag once;
    std::call_once(once, [] { curl_global_init(CURL_GLOBAL_DEFAULT); });
}

QString engineMessage(const QByteArray &body)
{
    const QString message =
        QJsonDocument::fromJson(body).object().value(QStringLiteral("message")).toString();
    return message.isEmpty() ? QString::fromUtf8(body.left(200)).trimmed() : message;
}

} // namespace

Result<QByteArray> engineGet(const EngineAddress &address, const QString &path, int timeoutMs)
{
    initCurlOnce();
    std::unique_ptr<CURL, decltype(&curl_easy_cleanup)> curl(curl_easy_init(), curl_easy_cleanup);
    if (!curl)
        return makeError(ErrorCode::Network, QStringLiteral("libcurl could not start a transfer"));
    const QByteArray url = (address.baseUrl + path).toUtf8();
    const QByteArray socket = address.socketPath.toUtf8();
    Body body;
    char errorText[CURL_ERROR_SIZE] = {};
    curl_easy_setopt(curl.get(), CURLOPT_URL, url.constData());
    if (!socket.isEmpty())
        curl_easy_setopt(curl.get(), CURLOPT_UNIX_SOCKET_PATH, socket.constData());
    curl_easy_setopt(curl.get(), CURLOPT_PROTOCOLS_STR, "http");
    curl_easy_setopt(curl.get(), CURLOPT_NOPROXY, "*"); // a local engine is never reached through a proxy
    curl_easy_setopt(curl.get(), CURLOPT_NOSIGNAL, 1L);
    curl_easy_setopt(curl.get(), CURLOPT_TIMEOUT_MS, long(timeoutMs));
    curl_easy_setopt(curl.get(), CURLOPT_CONNECTTIMEOUT_MS, long(std::min(timeoutMs, 5000)));
    curl_easy_setopt(curl.get(), CURLOPT_WRITEFUNCTION, collect);
    curl_easy_setopt(curl.get(), CURLOPT_WRITEDATA, &body);
    curl_easy_setopt(curl.get(), CURLOPT_ERRORBUFFER, errorText);
    const CURLcode code = curl_easy_perform(curl.get());
    if (body.tooLarge)
        return makeError(ErrorCode::TooLarge,
                         QStringLiteral("%1 answered more than 64 MiB").arg(address.display));
    if (code == CURLE_COULDNT_CONNECT && !address.socketPath.isEmpty()) {
        // curl words a socket's failure as one to "localhost port 80": say what it is.
        return makeError(
            ErrorCode::Network,
            QFileInfo::exists(address.socketPath)
                ? QStringLiteral("%1: nothing answers on the socket (is the engine running? may this "
                                 "user use it?)")
                      .arg(address.display)
                : QStringLiteral("%1: no such socket (is the engine running?)").arg(address.display));
    }
    if (code != CURLE_OK) {
        const QString why =
            errorText[0] ? QString::fromUtf8(errorText) : QString::fromUtf8(curl_easy_strerror(code));
        return makeError(code == CURLE_OPERATION_TIMEDOUT ? ErrorCode::Timeout : ErrorCode::Network,
                         QStringLiteral("%1: %2").arg(address.display, why));
    }
    long status = 0;
    curl_easy_getinfo(curl.get(), CURLINFO_RESPONSE_CODE, &status);
    if (status < 200 || status > 299)
        return makeError(status == 404 ? ErrorCode::NotFound : ErrorCode::Protocol,
                         QStringLiteral("%1 answered %2 to %3: %4")
                             .arg(address.display)
                             .arg(status)
                             .arg(path, engineMessage(body.data)));
    return body.data;
}

Result<QList<Workload>> readEngineWorkloads(const EngineAddress &address, WorkloadSourceKind kind, bool all,
                                            int timeoutMs)
{
    auto list = engineGet(address,
                          all ? QStringLiteral("/containers/json?all=1") : QStringLiteral("/containers/json"),
                          timeoutMs);
    if (!list)
        return list.error();
    auto containers = parseContainerList(*list);
    if (!containers)
        return makeError(containers.error().code,
                         QStringLiteral("%1: %2").arg(address.display, containers.error().message));
    QHash<QString, QByteArray> images; // by image id: one inspect per image, however many containers
    QList<Workload> out;
    for (const EngineContainer &container : *containers) {
        Workload w;
        w.source = kind;
        w.host = address.display;
        w.name = container.name;
        w.state = container.state;
        w.image = container.image;
        // The list shows the image id once the local tag moved to another image (a newer pull); the
        // container's own configuration still names the reference it was started from.
        if (isImageId(w.image) || w.image == container.imageId) {
            auto inspect = engineGet(address,
                                     QStringLiteral("/containers/%1/json")
                                         .arg(QString::fromLatin1(QUrl::toPercentEncoding(container.id))),
                                     timeoutMs);
            if (inspect) {
                auto configured = parseContainerConfigImage(*inspect);
                if (configured && !configured->isEmpty())
                    w.image = *configured;
            }
        }
        if (!images.contains(container.imageId)) {
            auto image = engineGet(address,
                                   QStringLiteral("/images/%1/json")
                                       .arg(QString::fromLatin1(QUrl::toPercentEncoding(container.imageId))),
                                   timeoutMs);
            // An image removed under a stopped container leaves it without digests, not the engine unread.
            images.insert(container.imageId, image ? *image : QByteArray("{}"));
        }
        const QByteArray &imageJson = images.value(container.imageId);
        if (isImageId(w.image)) {
            // Started by image id: the image's only repository, if it has exactly one, names it.
            auto entries = parseAllRepoDigests(imageJson);
            QStringList repositories;
            for (const QString &entry : entries ? *entries : QStringList()) {
                const QString repository = entry.section(u'@', 0, 0);
                if (!repositories.contains(repository))
                    repositories.append(repository);
            }
            if (repositories.size() == 1)
                w.image = entries->first();
        }
        auto digests = parseRepoDigests(imageJson, w.image);
        w.repoDigests = digests ? *digests : QStringList();
        // A container started by digest runs that digest: it comes first (the image may carry the
        // index's digest too, when the same image was also pulled by tag).
        auto ref = ImageReference::parse(w.image);
        if (ref && ref->hasDigest() && w.repoDigests.contains(ref->digest()))
            w.repoDigests.move(w.repoDigests.indexOf(ref->digest()), 0);
        w.localOnly = w.repoDigests.isEmpty();
        out.append(w);
    }
    return out;
}

} // namespace RebuildRadar
