#pragma once

// Delivers one channel's messages, one at a time and in order: an HTTP request built by
// ChannelPayloads (through the engine's QNetworkAccessManager) or a mail (MailSender). Network errors,
// timeouts and 5xx are tried again with exponential backoff, a 429 (or 503) after the Retry-After the
// receiver asked for; after a bounded number of attempts, or at once for an answer that will not change
// (another 4xx), the message is given up. Every channel has its own sender, so a receiver that hangs
// delays only its own messages, never another channel's or the polling. The timer is injectable so
// tests see the delays asked for without waiting them out.

#include "common/Clock.h"
#include "notify/AttemptOutcome.h"
#include "notify/ChannelMessage.h"
#include "notify/ChannelUrl.h"

#include <QObject>
#include <QQueue>
#include <QUrl>

#include <functional>

class QNetworkAccessManager;

namespace RebuildRadar {

struct RetryPolicy
{
    int maxAttempts = 10;
    qint64 firstDelayMs = 10 * 1000;          // then doubled each time
    qint64 maxDelayMs = 30 * 60 * 1000;       // between two attempts
    qint64 maxRetryAfterMs = 6 * 3600 * 1000; // a receiver asking for more is taken at this
    int timeoutMs = 30 * 1000;                // one attempt, from connecting to the last byte of the answer
};

// Calls `fire` on `context`'s thread after `delayMs` (QTimer::singleShot unless a test says otherwise).
using ChannelTimer = std::function<void(qint64 delayMs, QObject *context, std::function<void()> fire)>;

// The delay a Retry-After header asks for (seconds or an HTTP date), relative to `now`.
std::optional<qint64> parseRetryAfter(const QByteArray &value, qint64 now);

class ChannelSender : public QObject
{
    Q_OBJECT
public:
    ChannelSender(ChannelKind kind, QUrl url, bool insecure, QNetworkAccessManager *network,
                  const Clock &clock, RetryPolicy policy = {}, ChannelTimer timer = {},
                  QObject *parent = nullptr);
    ~ChannelSender() override;

    void send(const ChannelMessage &message);
    int queued() const { return int(m_queue.size()); }
    bool busy() const { return m_busy; }
    // Drops what waits (the channel was removed, the program stops); an attempt in flight is abandoned.
    void stop();

signals:
    void delivered(qint64 key);
    void attemptFailed(qint64 key, const QString &error, qint64 retryInMs);
    void gaveUp(qint64 key, const QString &error);

private:
    void startNext();
    void attempt();
    void attemptHttp(const ChannelMessage &message);
    void finished(const AttemptOutcome &outcome);

    ChannelKind m_kind;
    QUrl m_url;
    bool m_insecure;
    QNetworkAccessManager *m_network;
    const Clock &m_clock;
    RetryPolicy m_policy;
    ChannelTimer m_timer;
    QQueue<ChannelMessage> m_queue;
    bool m_busy = false;
    int m_attempts = 0;
    quint64 m_generation = 0; // an abandoned attempt's answer is ignored
};

} // namespace RebuildRadar
