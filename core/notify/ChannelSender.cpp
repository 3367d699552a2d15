#include "notify/ChannelSender.h"

#include "notify/ChannelPayloads.h"
#include "notify/MailSender.h"

#include <QDateTime>
#include <QLoggingCategory>
#include <QNetworkAccessManager>
#include <QNetworkReply>
#include <QTimer>

namespace RebuildRadar {

Q_LOGGING_CATEGORY(lcChannel, "rebuildradar.notify")

namespace {

// Our own words for a network failure: Qt's errorString() may quote the URL, and the URL is a secret.
QString networkError(QNetworkReply::NetworkError error, const QString &host, int timeoutMs)
{
    switch (error) {
    case QNetworkReply::ConnectionRefusedError:
        return QStringLiteral("%1 refused the connection").arg(host);
    case QNetworkReply::RemoteHostClosedError:
        return QStringLiteral("%1 closed the connection").arg(host);
    case QNetworkReply::HostNotFoundError:
        return QStringLiteral("host %1 not found").arg(host);
    case QNetworkReply::TimeoutError:
    case QNetworkReply::OperationCanceledError:
        return QStringLiteral("%1 did not answer within %2 s").arg(host).arg(timeoutMs / 1000);
    case QNetworkReply::SslHandshakeFailedError:
        return QStringLiteral("TLS with %1 failed (certificate?)").arg(host);
    default:
        break;
    }
    return QStringLiteral("network error %1 with %2").arg(int(error)).arg(host);
}

} // namespace

std::optional<qint64> parseRetryAfter(const QByteArray &value, qint64 now)
{
    const QByteArray text = value.trimmed();
    if (text.isEmpty())
        return std::nullopt;
    bool number = false;
    const qint64 seconds = text.toLongLong(&number);
    if (number)
        return seconds < 0 ? 0 : seconds * 1000;
    // an HTTP date ("Wed, 21 Oct 2015 07:28:00 GMT"): RFC 2822 with GMT as +0000
    QString date = QString::fromLatin1(text);
    if (date.endsWith(QStringLiteral(" GMT")))
        date = date.chopped(4) + QStringLiteral(" +0000");
    const QDateTime at = QDateTime::fromString(date, Qt::RFC2822Date);
    if (!at.isValid())
        return std::nullopt;
    return std::max<qint64>(0, at.toMSecsSinceEpoch() - now);
}

ChannelSender::ChannelSender(ChannelKind kind, QUrl url, bool insecure, QNetworkAccessManager *network,
                             const Clock &clock, RetryPolicy policy, ChannelTimer timer, QObject *parent)
    : QObject(parent)
    , m_kind(kind)
    , m_url(std::move(url))
    , m_insecure(insecure)
    , m_network(network)
    , m_clock(clock)
    , m_policy(policy)
    , m_timer(std::move(timer))
{
    if (!m_timer)
        m_timer = [](qint64 delayMs, QObject *context, std::function<void()> fire) {
            QTimer::singleShot(std::chrono::milliseconds(delayMs), context, std::move(fire));
        };
}

ChannelSender::~ChannelSender()
{
    stop();
}

void ChannelSender::send(const ChannelMessage &message)
{
    m_queue.enqueue(message);
    startNext();
}

void ChannelSender::stop()
{
    m_queue.clear();
    m_busy = false;
    ++m_generation;
    for (QNetworkReply *reply : findChildren<QNetworkReply *>())
        reply->abort();
}

void ChannelSender::startNext()
{
    if (m_busy || m_queue.isEmpty())
        return;
    m_busy = true;
    m_attempts = 0;
    attempt();
}

void ChannelSender::attempt()
{
    if (m_queue.isEmpty()) {
        m_busy = false;
        return;
    }
    ++m_attempts;
    const ChannelMessage message = m_queue.head();
    qCDebug(lcChannel) << "attempt" << m_attempts << "of" << channelKindName(m_kind) << "message"
                       << message.key;
    if (m_kind == ChannelKind::Email) {
        const quint64 generation = m_generation;
        sendMail(m_url, m_insecure, message, m_clock.nowMs(), m_policy.timeoutMs, this,
                 [this, generation](const AttemptOutcome &outcome) {
                     if (generation == m_generation)
                         finished(outcome);
                 });
        return;
    }
    attemptHttp(message);
}

void ChannelSender::attemptHttp(const ChannelMessage &message)
{
    auto spec = buildRequest(m_kind, m_url, message);
    if (!spec) {
        finished(AttemptOutcome{false, false, std::nullopt, spec.error().message});
        return;
    }
    QNetworkRequest request(spec->url);
    for (const auto &[name, value] : spec->headers)
        request.setRawHeader(name, value);
    request.setTransferTimeout(m_policy.timeoutMs);
    request.setAttribute(QNetworkRequest::RedirectPolicyAttribute, QNetworkRequest::NoLessSafeRedirectPolicy);
    request.setAttribute(QNetworkRequest::CacheLoadControlAttribute, QNetworkRequest::AlwaysNetwork);
    QNetworkReply *reply = m_network->sendCustomRequest(request, spec->method, spec->body);
    reply->setParent(this);
    const QString host = spec->url.host();
    const quint64 generation = m_generation;
    connect(reply, &QNetworkReply::finished, this, [this, reply, host, generation] {
        reply->deleteLater();
        if (generation != m_generation)
            return;
        const int status = reply->attribute(QNetworkRequest::HttpStatusCodeAttribute).toInt();
        AttemptOutcome outcome;
        if (status >= 200 && status < 300) {
            outcome.ok = true;
        } else if (status > 0) {
            outcome.error = QStringLiteral("%1 answered HTTP %2").arg(host).arg(status);
            outcome.retryable = status == 408 || status == 425 || status == 429 || status >= 500;
            if (status == 429 || status == 503)
                outcome.retryAfterMs = parseRetryAfter(reply->rawHeader("Retry-After"), m_clock.nowMs());
        } else {
            outcome.error = networkError(reply->error(), host, m_policy.timeoutMs);
            outcome.retryable = true;
        }
        finished(outcome);
    });
}

void ChannelSender::finished(const AttemptOutcome &outcome)
{
    if (m_queue.isEmpty()) {
        m_busy = false;
        return;
    }
    const qint64 key = m_queue.head().key;
    if (outcome.ok) {
        m_queue.dequeue();
        m_busy = false;
        emit delivered(key);
        startNext();
        return;
    }
    if (!outcome.retryable || m_attempts >= m_policy.maxAttempts) {
        m_queue.dequeue();
        m_busy = false;
        emit gaveUp(key,
                    outcome.retryable
                        ? QStringLiteral("%1 (gave up after %2 attempts)").arg(outcome.error).arg(m_attempts)
                        : outcome.error);
        startNext();
        return;
    }
    qint64 delay = std::min(m_policy.firstDelayMs << std::min(m_attempts - 1, 30), m_policy.maxDelayMs);
    if (outcome.retryAfterMs)
        delay = std::min(std::max(delay, *outcome.retryAfterMs), m_policy.maxRetryAfterMs);
    emit attemptFailed(key, outcome.error, delay);
    const quint64 generation = m_generation;
    m_timer(delay, this, [this, generation] {
        if (generation == m_generation)
            attempt();
    });
}

} // namespace RebuildRadar
