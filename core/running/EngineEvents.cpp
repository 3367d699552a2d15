#include "running/EngineEvents.h"

#include <QThread>

#include <curl/curl.h>

#include <memory>

namespace RebuildRadar {

namespace {

struct StreamState
{
    EngineEvents *events = nullptr;
    std::atomic<bool> *stop = nullptr;
    bool ok = false; // the status line said 200
};

// Each header line of the answer; the empty one ends them. Docker and Podman send their headers as
// soon as the subscription is made, before any event.
size_t onHeader(char *ptr, size_t size, size_t count, void *userdata)
{
    auto *state = static_cast<StreamState *>(userdata);
    const size_t bytes = size * count;
    const QByteArray line = QByteArray(ptr, qsizetype(bytes)).trimmed();
    if (line.startsWith("HTTP/"))
        state->ok = line.split(' ').value(1) == "200";
    else if (line.isEmpty() && state->ok)
        QMetaObject::invokeMethod(
            state->events, [events = state->events] { emit events->listening(); }, Qt::QueuedConnection);
    return bytes;
}

size_t onEvents(char *ptr, size_t size, size_t count, void *userdata)
{
    auto *state = static_cast<StreamState *>(userdata);
    const size_t bytes = size * count;
    // One JSON object per line; any of them means the containers changed. Back to the object's thread.
    if (QByteArray::fromRawData(ptr, qsizetype(bytes)).contains('\n'))
        QMetaObject::invokeMethod(
            state->events, [events = state->events] { emit events->containersChanged(); },
            Qt::QueuedConnection);
    return bytes;
}

int onProgress(void *userdata, curl_off_t, curl_off_t, curl_off_t, curl_off_t)
{
    return static_cast<StreamState *>(userdata)->stop->load() ? 1 : 0; // non-zero aborts the transfer
}

} // namespace

EngineEvents::EngineEvents(EngineAddress address, QObject *parent)
    : QObject(parent)
    , m_address(std::move(address))
{
    m_pool.setMaxThreadCount(1);
}

EngineEvents::~EngineEvents()
{
    m_stop = true;
    m_pool.waitForDone(); // the progress callback sees the flag within a second
}

void EngineEvents::start()
{
    if (m_started)
        return;
    m_started = true;
    m_pool.start([this] { stream(); });
}

void EngineEvents::stream()
{
    curl_global_init(CURL_GLOBAL_DEFAULT); // reference-counted; EngineClient did it already
    const QByteArray url =
        (m_address.baseUrl + QStringLiteral("/events?filters=%7B%22type%22%3A%5B%22container%22%5D%7D"))
            .toUtf8();
    const QByteArray socket = m_address.socketPath.toUtf8();
    while (!m_stop) {
        std::unique_ptr<CURL, decltype(&curl_easy_cleanup)> curl(curl_easy_init(), curl_easy_cleanup);
        if (!curl)
            return;
        StreamState state{this, &m_stop};
        curl_easy_setopt(curl.get(), CURLOPT_URL, url.constData());
        if (!socket.isEmpty())
            curl_easy_setopt(curl.get(), CURLOPT_UNIX_SOCKET_PATH, socket.constData());
        curl_easy_setopt(curl.get(), CURLOPT_PROTOCOLS_STR, "http");
        curl_easy_setopt(curl.get(), CURLOPT_NOPROXY, "*");
        curl_easy_setopt(curl.get(), CURLOPT_NOSIGNAL, 1L);
        curl_easy_setopt(curl.get(), CURLOPT_CONNECTTIMEOUT_MS, 5000L);
        curl_easy_setopt(curl.get(), CURLOPT_WRITEFUNCTION, onEvents);
        curl_easy_setopt(curl.get(), CURLOPT_WRITEDATA, &state);
        curl_easy_setopt(curl.get(), CURLOPT_HEADERFUNCTION, onHeader);
        curl_easy_setopt(curl.get(), CURLOPT_HEADERDATA, &state);
        curl_easy_setopt(curl.get(), CURLOPT_NOPROGRESS, 0L);
        curl_easy_setopt(curl.get(), CURLOPT_XFERINFOFUNCTION, onProgress);
        curl_easy_setopt(curl.get(), CURLOPT_XFERINFODATA, &state);
        curl_easy_perform(curl.get()); // runs until the engine ends the stream or we stop
        // The engine went away (or restarted): try again shortly, waking often enough to stop promptly.
        for (int i = 0; i < 50 && !m_stop; ++i)
            QThread::msleep(100);
    }
}

} // namespace RebuildRadar
