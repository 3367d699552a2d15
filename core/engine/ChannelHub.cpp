#include "engine/ChannelHub.h"

#include "engine/Announcer.h"
#include "history/Rollouts.h"
#include "reference/ImageReference.h"
#include "store/ChannelStore.h"
#include "store/HistoryStore.h"
#include "store/NoticeOutbox.h"

#include <QCoreApplication>
#include <QRegularExpression>
#include <QSysInfo>
#include <QTimer>
#include <QUuid>

#include <algorithm>

#ifdef Q_OS_UNIX
#include <cerrno>
#include <csignal>
#endif

namespace RebuildRadar {

namespace {

// "host pid uuid": who holds a channel's lease, so a program on the same machine can tell that the
// holder was killed (its process is gone) and need not wait for the lease to run out.
QString ownerName()
{
    return QStringLiteral("%1 %2 %3")
        .arg(QSysInfo::machineHostName())
        .arg(QCoreApplication::applicationPid())
        .arg(QUuid::createUuid().toString(QUuid::WithoutBraces));
}

bool ownerGone(const QString &owner)
{
    const QStringList parts = owner.split(u' ');
    if (parts.size() != 3 || parts[0] != QSysInfo::machineHostName())
        return false; // another machine's: its lease runs out on its own
    const qint64 pid = parts[1].toLongLong();
#ifdef Q_OS_UNIX
    return pid > 0 && pid != QCoreApplication::applicationPid() && ::kill(pid_t(pid), 0) != 0 &&
           errno == ESRCH;
#else
    Q_UNUSED(pid);
    return false;
#endif
}

// A channel's --tags: the familiar form (python:3.13), the canonical one, or the tag alone.
bool tagsMatch(const NotifyChannel &channel, const QRegularExpression &tags, const QString &reference,
               const QString &tag)
{
    if (channel.tagsPattern.isEmpty())
        return true;
    return tags.match(familiarOf(reference)).hasMatch() || tags.match(reference).hasMatch() ||
           tags.match(tag).hasMatch();
}

} // namespace

struct ChannelHub::Runner
{
    NotifyChannel channel;
    // The history as the channel's adder sees it (their mutes and acknowledgements), whichever
    // program delivers the channel.
    std::unique_ptr<HistoryStore> store;
    std::unique_ptr<Announcer> announcer;
    std::unique_ptr<ChannelSender> sender;
    bool secretAsked = false;
    // What a message in the sender stands for: its key → the notices it carries (one, or a digest's).
    QHash<qint64, QList<qint64>> inFlight;
    QList<ChannelMessage> batch;
    QList<qint64> batchIds;
    qint64 batchStart = 0;
    bool batchArmed = false;
};

ChannelHub::ChannelHub(Database &db, HistoryStore &store, NoticeOutbox &outbox, const Clock &clock,
                       QNetworkAccessManager *network, ChannelHubOptions options, QObject *parent)
    : QObject(parent)
    , m_db(db)
    , m_store(store)
    , m_outbox(outbox)
    , m_clock(clock)
    , m_network(network)
    , m_options(std::move(options))
    , m_secrets(m_options.secretsFile.isEmpty() ? SecretStore::defaultFilePath() : m_options.secretsFile)
    , m_channels(std::make_unique<ChannelStore>(db, [this] { return m_clock.nowMs(); }))
    , m_owner(ownerName())
    , m_renew(new QTimer(this))
{
    m_renew->setInterval(std::max<qint64>(1000, m_options.leaseMs / 3));
    connect(m_renew, &QTimer::timeout, this, [this] { reload(); });
    m_renew->start();
}

ChannelHub::~ChannelHub()
{
    stop();
}

QStringList ChannelHub::active() const
{
    QStringList names;
    for (auto it = m_runners.cbegin(); it != m_runners.cend(); ++it) {
        if ((*it)->sender)
            names.append(it.key());
    }
    names.sort();
    return names;
}

void ChannelHub::stop()
{
    m_renew->stop();
    for (auto it = m_runners.begin(); it != m_runners.end(); ++it) {
        if ((*it)->sender)
            (*it)->sender->stop();
        if (auto ok = m_channels->release(it.key(), m_owner); !ok)
            emit failed(ok.error());
    }
    m_runners.clear();
}

void ChannelHub::setRules(qint64 rolloutWindowMs, bool announceIndexOnly)
{
    m_options.rolloutWindowMs = rolloutWindowMs;
    m_options.announceIndexOnly = announceIndexOnly;
    for (const auto &runner : std::as_const(m_runners)) {
        if (runner->announcer)
            runner->announcer->setRules(rolloutWindowMs, announceIndexOnly);
    }
}

void ChannelHub::setHoldBack(Announcer::HoldBack holdBack)
{
    m_holdBack = std::move(holdBack);
    for (const auto &runner : std::as_const(m_runners)) {
        if (runner->announcer)
            runner->announcer->setHoldBack(m_holdBack);
    }
}

void ChannelHub::deliverWaiting()
{
    for (const auto &runner : std::as_const(m_runners)) {
        if (runner->announcer)
            runner->announcer->deliverWaiting();
    }
}

void ChannelHub::reload(bool renewLeases)
{
    auto channels = m_channels->list();
    if (!channels) {
        emit failed(channels.error());
        return;
    }
    QSet<QString> names;
    for (const NotifyChannel &channel : *channels) {
        names.insert(channel.name);
        const auto existing = m_runners.constFind(channel.name);
        if (existing != m_runners.constEnd() && (*existing)->channel == channel) {
            if (!renewLeases)
                continue;
            auto held = m_channels->claim(channel.name, m_owner, m_options.leaseMs, ownerGone);
            if (held && *held)
                continue;
            // another program took it over (ours ran out while this one was stopped or frozen)
            if ((*existing)->sender)
                (*existing)->sender->stop();
            m_runners.remove(channel.name);
            continue;
        }
        if (existing != m_runners.constEnd()) { // changed: started again with its new settings
            if ((*existing)->sender)
                (*existing)->sender->stop();
            m_runners.remove(channel.name);
        }
        start(channel);
    }
    for (auto it = m_runners.begin(); it != m_runners.end();) {
        if (names.contains(it.key())) {
            ++it;
            continue;
        }
        if ((*it)->sender)
            (*it)->sender->stop();
        it = m_runners.erase(it);
    }
}

void ChannelHub::start(const NotifyChannel &channel)
{
    auto held = m_channels->claim(channel.name, m_owner, m_options.leaseMs, ownerGone);
    if (!held) {
        emit failed(held.error());
        return;
    }
    if (!*held)
        return; // another program delivers this channel
    const auto kind = channelKindFromName(channel.kind);
    if (!kind) {
        emit failed(makeError(ErrorCode::InvalidInput,
                              QStringLiteral("channel %1: unknown kind %2").arg(channel.name, channel.kind)));
        return;
    }
    auto created = std::make_shared<Runner>();
    created->channel = channel;
    m_runners.insert(channel.name, created);
    const QString name = channel.name;
    // The URL (a secret) is read once per start; the runner goes to work when it has it.
    m_secrets.read(
        ChannelStore::consumerOf(name), channel.secretStore, this,
        [this, name, kind = *kind, weak = std::weak_ptr<Runner>(created)](Result<QString> url) {
            auto runner = weak.lock();
            if (!runner || m_runners.value(name) != runner)
                return; // removed meanwhile
            if (!url) {
                emit failed(makeError(url.error().code,
                                      QStringLiteral("channel %1: %2").arg(name, url.error().message)));
                m_runners.remove(name); // tried again at the next reload
                return;
            }
            Runner &r = *runner;
            r.sender = std::make_unique<ChannelSender>(kind, QUrl(*url), r.channel.insecure, m_network,
                                                       m_clock, m_options.retry, m_options.timer);
            connect(r.sender.get(), &ChannelSender::delivered, this, [this, name](qint64 key) {
                auto live = m_runners.value(name);
                if (!live)
                    return;
                for (qint64 id : live->inFlight.take(key)) {
                    live->announcer->confirm(id, true, {});
                    emit delivered(name, id);
                }
            });
            connect(r.sender.get(), &ChannelSender::attemptFailed, this,
                    [this, name](qint64 key, const QString &error, qint64) {
                        auto live = m_runners.value(name);
                        if (!live)
                            return;
                        for (qint64 id : live->inFlight.value(key)) {
                            if (auto ok = m_outbox.markFailed(id, error, false); !ok)
                                emit failed(ok.error());
                        }
                        emit deliveryFailed(name, error, false);
                    });
            connect(r.sender.get(), &ChannelSender::gaveUp, this,
                    [this, name](qint64 key, const QString &error) {
                        auto live = m_runners.value(name);
                        if (!live)
                            return;
                        for (qint64 id : live->inFlight.take(key))
                            live->announcer->confirm(id, false, error);
                        emit deliveryFailed(name, error, true);
                    });
            r.store = std::make_unique<HistoryStore>(
                m_db, [this] { return m_clock.nowMs(); }, r.channel.addedBy);
            r.announcer = std::make_unique<Announcer>(*r.store, m_outbox, m_clock,
                                                      ChannelStore::consumerOf(name), true);
            if (m_options.rolloutWindowMs > 0)
                r.announcer->setRules(m_options.rolloutWindowMs, m_options.announceIndexOnly);
            r.announcer->setPlatforms(r.channel.platforms);
            if (m_holdBack)
                r.announcer->setHoldBack(m_holdBack);
            const QRegularExpression tags(QRegularExpression::anchoredPattern(r.channel.tagsPattern));
            r.announcer->setFilter([channel = r.channel, tags](const RolloutNotice &notice) {
                const QString event = rolloutEventName(rolloutEvent(notice.kind));
                if (event.isEmpty() || (!channel.events.isEmpty() && !channel.events.contains(event)))
                    return false;
                return tagsMatch(channel, tags, notice.tag.reference, notice.tag.tag);
            });
            connect(r.announcer.get(), &Announcer::failed, this, &ChannelHub::failed);
            connect(r.announcer.get(), &Announcer::notice, this, [this, name](const RolloutNotice &notice) {
                if (auto live = m_runners.value(name))
                    onNotice(*live, notice);
            });
            r.announcer->takeAndDeliver();
        });
}

void ChannelHub::onNotice(Runner &runner, const RolloutNotice &notice)
{
    NoticeFacts facts;
    if (auto history = m_store.history(notice.tag.id)) {
        for (const Rebuild &rebuild : history->rebuilds) {
            if (rebuild.id != notice.rebuild.id)
                continue;
            if (const Span *span = spanOfRebuild(*history, rebuild))
                facts.upstreamAt = span->upstreamAt();
            facts.lagMs = detectionLagMs(*history, rebuild);
        }
    }
    ChannelMessage message = messageFor(notice, facts);
    if (runner.channel.batchSeconds <= 0) {
        runner.inFlight.insert(message.key, {notice.noticeId});
        runner.sender->send(message);
        return;
    }
    if (runner.batch.isEmpty())
        runner.batchStart = m_clock.nowMs();
    runner.batch.append(message);
    runner.batchIds.append(notice.noticeId);
    if (runner.batchArmed)
        return;
    runner.batchArmed = true;
    const QString name = runner.channel.name;
    const qint64 delay = qint64(runner.channel.batchSeconds) * 1000;
    auto fire = [this, name] { flushBatch(name); };
    if (m_options.timer)
        m_options.timer(delay, this, fire);
    else
        QTimer::singleShot(std::chrono::milliseconds(delay), this, fire);
}

void ChannelHub::flushBatch(const QString &name)
{
    auto runner = m_runners.value(name);
    if (!runner || !runner->sender)
        return;
    runner->batchArmed = false;
    if (runner->batch.isEmpty())
        return;
    ChannelMessage digest = digestMessage(runner->batch, runner->batchStart, m_clock.nowMs());
    runner->inFlight.insert(digest.key, runner->batchIds);
    runner->batch.clear();
    runner->batchIds.clear();
    runner->sender->send(digest);
}

void ChannelHub::leftBehind(const QList<RunningStatus> &workloads)
{
    for (const auto &runner : std::as_const(m_runners)) {
        Runner &r = *runner;
        // "stale" is chosen explicitly: a channel's default events are the rollout ones
        if (!r.sender || !r.channel.events.contains(QStringLiteral("stale")))
            continue;
        const QRegularExpression tags(QRegularExpression::anchoredPattern(r.channel.tagsPattern));
        QStringList order;
        QHash<QString, QList<RunningStatus>> byTag;
        for (const RunningStatus &status : workloads) {
            auto ref = ImageReference::parse(status.reference);
            if (!tagsMatch(r.channel, tags, status.reference, ref ? ref->tag() : QString()))
                continue;
            // Its platforms: the missed rebuilds touched one of them (unknown counts as touched).
            const bool platformsMatch =
                r.channel.platforms.isEmpty() || status.newerPlatforms.isEmpty() ||
                std::any_of(status.newerPlatforms.begin(), status.newerPlatforms.end(),
                            [&](const QString &p) { return r.channel.platforms.contains(p); });
            if (!platformsMatch)
                continue;
            if (!byTag.contains(status.reference))
                order.append(status.reference);
            byTag[status.reference].append(status);
        }
        for (const QString &reference : std::as_const(order)) {
            m_staleKey = std::max(m_staleKey + 1, m_clock.nowMs());
            while (r.inFlight.contains(m_staleKey)) // never taken for a notice's message
                ++m_staleKey;
            r.sender->send(staleMessage(byTag.value(reference), m_staleKey));
        }
    }
}

void ChannelHub::takeAndDeliver()
{
    for (const auto &runner : std::as_const(m_runners)) {
        if (runner->announcer)
            runner->announcer->takeAndDeliver();
    }
}

void ChannelHub::checked(qint64 tagId)
{
    for (const auto &runner : std::as_const(m_runners)) {
        if (runner->announcer)
            runner->announcer->checked(tagId);
    }
}

} // namespace RebuildRadar
