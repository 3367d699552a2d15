#include "engine/WatchEngine.h"

#include "credentials/Credential.h"
#include "credentials/DatabasePasswords.h"
#include "engine/Announcer.h"
#include "engine/ChannelHub.h"
#include "engine/PackageWatcher.h"
#include "engine/RunningWatch.h"
#include "poll/FamilyWatcher.h"
#include "poll/Poller.h"
#include "registry/Backfill.h"
#include "security/SecurityData.h"
#include "store/Database.h"
#include "store/HistoryStore.h"
#include "store/NoticeOutbox.h"
#include "store/PackageResults.h"

#include <QCoreApplication>
#include <QNetworkAccessManager>
#include <QSysInfo>
#include <QTimer>

#include <algorithm>

namespace RebuildRadar {

WatchEngine::WatchEngine(const Clock &clock, std::unique_ptr<CredentialChain> credentials, QObject *parent)
    : QObject(parent)
    , m_clock(clock)
    , m_credentials(std::move(credentials))
    , m_publish(new QTimer(this))
    , m_otherWriters(new QTimer(this))
    , m_releaseHeld(new QTimer(this))
{
    m_releaseHeld->setSingleShot(true);
    connect(m_releaseHeld, &QTimer::timeout, this, [this] {
        if (m_announcer)
            m_announcer->deliverWaiting();
        if (m_channels)
            m_channels->deliverWaiting();
    });
    // Coalesces the watchlist updates of a burst of checks into one.
    m_publish->setSingleShot(true);
    m_publish->setInterval(100);
    connect(m_publish, &QTimer::timeout, this, &WatchEngine::publishChecks);
    // What other programs write shows within a second: one PRAGMA per second when nothing changed.
    m_otherWriters->setInterval(1000);
    connect(m_otherWriters, &QTimer::timeout, this, &WatchEngine::lookForOtherWriters);
}

QString WatchEngine::leaseOwnerName()
{
    // unique among the programs on one history, and telling a person which machine holds a tag
    static QAtomicInt engines;
    return QStringLiteral("%1:%2:%3")
        .arg(QSysInfo::machineHostName())
        .arg(QCoreApplication::applicationPid())
        .arg(engines.fetchAndAddRelaxed(1));
}

WatchEngine::~WatchEngine()
{
    shutdown();           // what was checked is written, whoever ends the program
    m_pool.waitForDone(); // its tasks call back into this object
}

void WatchEngine::open(const EngineConfig &config)
{
    openWith(config, false);
}

void WatchEngine::openWith(const EngineConfig &config, bool savedPassword)
{
    auto db = Database::open(config.databasePath, Database::Access::ReadWrite, config.databasePassword);
    if (!db && DatabasePasswords::mayBeSaved(Database::isPostgresLocation(config.databasePath),
                                             config.databasePassword, db.error())) {
        // the keychain's password, if the user saved one; tried once (a refused one is given)
        DatabasePasswords::read(config.databasePath, this,
                                [this, config, error = db.error()](const QString &saved) {
                                    if (saved.isEmpty()) {
                                        emit opened(false, error.message);
                                        return;
                                    }
                                    EngineConfig withSaved = config;
                                    withSaved.databasePassword = saved;
                                    openWith(withSaved, true);
                                });
        return;
    }
    m_databasePassword = config.databasePassword;
    if (!db) {
        emit opened(false,
                    (savedPassword ? DatabasePasswords::savedOneRefusedToo(db.error()) : db.error()).message);
        return;
    }
    m_db = std::move(db).value();
    m_store = std::make_unique<HistoryStore>(
        *m_db, [this] { return m_clock.nowMs(); }, config.userName);
    m_network = std::make_unique<QNetworkAccessManager>();
    RegistryClientOptions options;
    options.checkDeadlineMs = config.checkDeadlineMs;
    options.insecureRegistries = config.insecureRegistries;
    m_client = std::make_unique<RegistryClient>(m_network.get(), m_credentials.get(), m_clock, options);
    m_poller = std::make_unique<Poller>(*m_store, *m_client, m_clock);
    m_poller->shareTags(leaseOwnerName(),
                        config.tagLeaseMs > 0 ? config.tagLeaseMs : qint64(config.checkDeadlineMs) + 10000);
    m_pollRegistries = config.pollRegistries;
    // Pushed, not polled (PostgreSQL): another program's commit is looked at as soon as it is announced.
    m_db->onOtherProgramsCommit(this, [this] {
        if (m_lookSoon)
            return;
        m_lookSoon = true;
        QTimer::singleShot(0, this, [this] {
            m_lookSoon = false;
            lookForOtherWriters();
        });
    });
    m_backfiller = std::make_unique<Backfiller>(*m_client, config.backfillSources);
    m_poller->setBackfiller(m_backfiller.get());
    // a tag's past or upstream times changed: its rows (and the shown history) follow
    connect(m_poller.get(), &Poller::backfilled, this, [this](qint64 tagId) { publishRowsAround({tagId}); });
    connect(m_poller.get(), &Poller::pushTimesRecorded, this,
            [this](qint64 tagId) { publishRowsAround({tagId}); });
    connect(m_poller.get(), &Poller::backfillFailed, this,
            [this](const QString &reference, const QString &message) {
                emit failed(Error{ErrorCode::Network,
                                  tr("%1: no past history imported: %2").arg(reference, message)});
            });
    m_rolloutWindowMs = config.rolloutWindowMs;
    m_outbox = std::make_unique<NoticeOutbox>(*m_db, [this] { return m_clock.nowMs(); });
    const QString consumer = config.consumerFor(m_store->user());
    if (auto registered = m_outbox->registerConsumer(consumer); !registered)
        emit failed(registered.error());
    m_announcer =
        std::make_unique<Announcer>(*m_store, *m_outbox, m_clock, consumer, config.confirmDeliveries);
    m_announcer->setRules(config.rolloutWindowMs, config.announceIndexOnly);
    connect(m_announcer.get(), &Announcer::notice, this, &WatchEngine::rolloutNotice);
    connect(m_announcer.get(), &Announcer::failed, this, &WatchEngine::failed);
    m_channelSecretsFile = config.channelSecretsFile;
    if (config.deliverChannels) {
        ChannelHubOptions channelOptions;
        channelOptions.retry = config.channelRetry;
        channelOptions.timer = config.channelTimer;
        channelOptions.secretsFile = config.channelSecretsFile;
        channelOptions.leaseMs = config.channelLeaseMs;
        channelOptions.rolloutWindowMs = config.rolloutWindowMs;
        channelOptions.announceIndexOnly = config.announceIndexOnly;
        m_channels = std::make_unique<ChannelHub>(*m_db, *m_store, *m_outbox, m_clock, m_network.get(),
                                                  channelOptions);
        connect(m_channels.get(), &ChannelHub::failed, this, &WatchEngine::failed);
        connect(m_channels.get(), &ChannelHub::delivered, this, &WatchEngine::channelDelivered);
        connect(m_channels.get(), &ChannelHub::deliveryFailed, this, &WatchEngine::channelFailed);
    }
    if (config.analysePackages)
        openPackageAnalysis(config);
    if (auto version = m_outbox->dataVersion())
        m_dataVersion = *version;
    if (auto generation = m_outbox->watchlistGeneration())
        m_watchlistGeneration = *generation;

    connect(m_client.get(), &RegistryClient::rateLimitChanged, this, &WatchEngine::rateLimitChanged);
    connect(m_poller.get(), &Poller::checkStarted, this, &WatchEngine::checkStarted);
    connect(m_poller.get(), &Poller::sweepProgress, this, &WatchEngine::sweepProgress);
    connect(m_poller.get(), &Poller::tagChecked, this, [this](const PollResult &result) {
        m_announcer->checked(result.tagId);
        if (m_channels)
            m_channels->checked(result.tagId);
        m_checked.append(result);
        m_checkedNewDigest = m_checkedNewDigest || result.newDigest;
        if (!m_publish->isActive())
            m_publish->start();
    });
    connect(m_poller.get(), &Poller::rebuildDetected, this, [this](const RebuildEvent &event) {
        emit rebuildRecorded(event);
        if (m_packages)
            m_packages->kick();
        m_running->refreshSoon(); // which workloads it left behind
        // announced from the outbox, like the rebuilds that other programs record
        if (!m_announceTurn) {
            m_announceTurn = true;
            QTimer::singleShot(0, this, [this] {
                m_announceTurn = false;
                m_announcer->takeAndDeliver();
                if (m_channels)
                    m_channels->takeAndDeliver();
            });
        }
    });
    connect(m_poller.get(), &Poller::storeFailed, this, &WatchEngine::failed);
    m_families = std::make_unique<FamilyWatcher>(*m_store, *m_client, m_clock);
    connect(m_families.get(), &FamilyWatcher::newTags, this, [this](qint64, const QStringList &references) {
        m_poller->reload();
        publishWatchlist();
        emit familyTagsAdded(references);
    });
    connect(m_families.get(), &FamilyWatcher::failed, this, [this](const QString &message) {
        emit failed(Error{ErrorCode::Network, message});
    });
    m_running = new RunningWatch(*m_store, config.workloadSources, config.workloadRefreshMs, this);
    connect(m_running, &RunningWatch::workloadsChanged, this, &WatchEngine::workloadsChanged);
    connect(m_running, &RunningWatch::workloadsLeftBehind, this, &WatchEngine::workloadsLeftBehind);
    connect(m_running, &RunningWatch::eventsListening, this, &WatchEngine::workloadEventsListening);
    connect(m_running, &RunningWatch::workloadsLeftBehind, this,
            [this](const QList<RunningStatus> &workloads) {
                if (m_channels)
                    m_channels->leftBehind(workloads);
            });
    connect(m_running, &RunningWatch::sourceFailed, this,
            [this](const QString &source, const QString &error) {
                emit failed(Error{ErrorCode::Network, tr("%1: workloads not read: %2").arg(source, error)});
            });
    emit opened(true, {});
    publishWatchlist();
    m_running->refresh();
    m_announcer->takeAndDeliver(); // notices left from before (the program was stopped or killed)
    if (m_channels)
        m_channels->reload(); // each channel's notices left from before, once its URL is read
    m_otherWriters->start();
    if (!m_paused && m_pollRegistries) {
        m_poller->start();
        m_families->start();
    }
}

void WatchEngine::shutdown()
{
    m_paused = true;
    m_otherWriters->stop();
    if (m_running)
        m_running->stop();
    if (!m_poller)
        return;
    m_poller->stop();
    m_families->stop();
    m_poller->flush(); // the write in hand
    if (m_channels)
        m_channels->stop(); // their leases go, so the next program delivers at once
}

std::optional<qint64> WatchEngine::countsSince() const
{
    if (m_countPeriodDays <= 0)
        return std::nullopt; // all of the history
    return m_clock.nowMs() - qint64(m_countPeriodDays) * 86400 * 1000;
}

void WatchEngine::publishChecks()
{
    if (m_checkedNewDigest) {
        // Digests, platforms, counts and aliases moved: the rows of the repositories concerned.
        m_checkedNewDigest = false;
        QList<qint64> moved;
        QList<PollResult> unchanged;
        for (const PollResult &r : std::exchange(m_checked, {})) {
            if (r.newDigest)
                moved.append(r.tagId);
            else
                unchanged.append(r);
        }
        publishRowsAround(moved);
        if (!unchanged.isEmpty())
            emit tagsChecked(unchanged);
        return;
    }
    if (!m_checked.isEmpty())
        emit tagsChecked(std::exchange(m_checked, {}));
}

void WatchEngine::publishRowsAround(const QList<qint64> &tagIds)
{
    if (tagIds.isEmpty())
        return;
    auto rows = m_store->watchlistAround(tagIds, countsSince());
    if (!rows) {
        emit failed(rows.error());
        return;
    }
    annotateRollouts(rows.value());
    emit tagsUpdated(*rows);
    if (!m_rolloutBacklog.isEmpty() && !m_rolloutWork)
        workOutRollouts();
}

void WatchEngine::publishWatchlist()
{
    m_checked.clear();
    m_checkedNewDigest = false;
    if (!m_store)
        return;
    auto tags = m_store->watchlist(false, countsSince());
    if (!tags) {
        emit failed(tags.error());
        return;
    }
    annotateRollouts(tags.value());
    emit watchlistChanged(*tags);
    if (!m_rolloutBacklog.isEmpty() && !m_rolloutWork)
        workOutRollouts();
}

void WatchEngine::annotateRollouts(QList<WatchedTag> &tags)
{
    // Only tags rebuilt within the rollout window can have one in progress. A tag's rollout state
    // follows from its history up to its last rebuild, so it is worked out once per rebuild, a few at a
    // time: rows go out at once, with the state last known, and again when the newest is worked out.
    for (WatchedTag &tag : tags) {
        if (!tag.lastRebuild || m_clock.nowMs() - *tag.lastRebuild > m_rolloutWindowMs)
            continue;
        const auto known = m_rollouts.constFind(tag.id);
        if (known == m_rollouts.constEnd() || known->lastRebuild != *tag.lastRebuild)
            m_rolloutBacklog.insert(tag.id, *tag.lastRebuild);
        if (known != m_rollouts.constEnd() && m_clock.nowMs() <= known->windowEnd) {
            // the state as last worked out, until the newest rebuild's is
            tag.rolloutDone = known->done;
            tag.rolloutTotal = known->total;
        }
    }
}

void WatchEngine::workOutRollouts()
{
    constexpr int kPerTurn = 100; // a turn stays short, so checks and the window's requests go on between
    m_rolloutWork = true;         // publishing below must not start another turn
    int done = 0;
    for (auto it = m_rolloutBacklog.begin(); it != m_rolloutBacklog.end() && done < kPerTurn; ++done) {
        RolloutState state{*it, 0, 0, 0};
        auto history = m_store->history(it.key(), m_clock.nowMs() - 2 * m_rolloutWindowMs);
        if (history) {
            const QList<Rollout> rollouts = groupRollouts(*history, m_rolloutWindowMs);
            if (!rollouts.isEmpty() && rollouts.last().inProgress()) {
                state.done = int(rollouts.last().platformsDone.size());
                state.total = state.done + int(rollouts.last().platformsPending.size());
                state.windowEnd = rollouts.last().startedAt + m_rolloutWindowMs;
            }
        }
        // a row goes out again only if its state differs from the one it went out with
        const auto shown = m_rollouts.constFind(it.key());
        const bool changed = shown == m_rollouts.constEnd()
                                 ? state.total != 0
                                 : shown->done != state.done || shown->total != state.total;
        m_rollouts.insert(it.key(), state);
        if (changed)
            m_rolloutsWorkedOut.append(it.key());
        it = m_rolloutBacklog.erase(it);
    }
    // their rollout state is known now; a turn's rows at a time, so the window takes in a few at once
    publishRowsAround(std::exchange(m_rolloutsWorkedOut, {}));
    if (m_rolloutBacklog.isEmpty()) {
        m_rolloutWork = false;
        return;
    }
    QTimer::singleShot(0, this, [this] {
        m_rolloutWork = false;
        if (!m_rolloutBacklog.isEmpty())
            workOutRollouts();
    });
}

void WatchEngine::checkNow(const QList<qint64> &tagIds)
{
    if (m_poller)
        m_poller->checkNow(tagIds);
}

void WatchEngine::setPaused(bool paused)
{
    m_paused = paused;
    if (!m_poller)
        return;
    if (paused || !m_pollRegistries) {
        m_poller->stop();
        m_families->stop();
    } else {
        m_poller->start();
        m_families->start();
    }
}

void WatchEngine::requestHistory(qint64 tagId)
{
    if (!m_store)
        return;
    auto history = m_store->history(tagId);
    if (!history) {
        emit failed(history.error());
        return;
    }
    emit historyReady(*history);
}

void WatchEngine::setInsecureRegistries(const QSet<QString> &registries)
{
    if (m_client)
        m_client->setInsecureRegistries(registries);
}

void WatchEngine::setNotificationRules(qint64 rolloutWindowMs, bool announceIndexOnly)
{
    if (rolloutWindowMs != m_rolloutWindowMs)
        m_rollouts.clear(); // worked out for another window
    m_rolloutWindowMs = rolloutWindowMs;
    if (m_announcer)
        m_announcer->setRules(rolloutWindowMs, announceIndexOnly);
    if (m_channels)
        m_channels->setRules(rolloutWindowMs, announceIndexOnly);
}

void WatchEngine::confirmDelivery(qint64 noticeId, bool delivered, const QString &error)
{
    if (m_announcer)
        m_announcer->confirm(noticeId, delivered, error);
}

void WatchEngine::lookForOtherWriters()
{
    if (!m_outbox)
        return;
    auto version = m_outbox->dataVersion();
    if (!version || *version == m_dataVersion)
        return; // nobody else wrote
    m_dataVersion = *version;
    if (auto generation = m_outbox->watchlistGeneration();
        generation && *generation != m_watchlistGeneration) {
        // a watch was added, removed or changed elsewhere (the CLI, another app)
        m_watchlistGeneration = *generation;
        if (m_poller->isRunning())
            m_poller->reload();
        publishWatchlist();
    }
    // rebuilds that others recorded: announced here too, and their rows shown; analysed here unless
    // the program that recorded them claimed them first; the workloads they left behind read again
    const QList<qint64> moved = m_announcer->takeAndDeliver();
    if (m_packages && !moved.isEmpty())
        m_packages->kick();
    if (m_running && !moved.isEmpty())
        m_running->refreshSoon();
    publishRowsAround(moved);
    if (m_channels) {
        m_channels->reload(false); // a channel added or removed by the CLI or the other program
        m_channels->takeAndDeliver();
    }
}

void WatchEngine::setWorkloadSources(const QList<WorkloadSource> &sources)
{
    if (m_running)
        m_running->setSources(sources);
}

void WatchEngine::refreshWorkloads()
{
    if (m_running)
        m_running->refresh();
}

void WatchEngine::clearAuthCache()
{
    if (m_client)
        m_client->clearAuthCache();
}

void WatchEngine::testLogin(const QString &registry)
{
    if (!m_store || !m_client)
        return;
    auto tags = m_store->watchlist();
    if (!tags) {
        emit loginTested(registry, false, tags.error().message);
        return;
    }
    const auto tag =
        std::find_if(tags->begin(), tags->end(), [&](const WatchedTag &t) { return t.registry == registry; });
    if (tag == tags->end()) {
        emit loginTested(registry, false,
                         tr("no watched image on %1 to try it on: watch one first").arg(registry));
        return;
    }
    auto ref = ImageReference::parse(tag->reference);
    if (!ref) {
        emit loginTested(registry, false, ref.error().message);
        return;
    }
    m_client->clearAuthCache(); // the login as saved now, not a token from before
    ResolveHints hints;
    hints.digestsOnly = true;
    const QString familiar = familiarOf(tag->reference);
    m_client->resolve(*ref, hints, this, [this, registry, familiar](Result<TagState> state) {
        if (state)
            emit loginTested(registry, true,
                             tr("%1 answered for %2: the login works").arg(registry, familiar));
        else
            emit loginTested(registry, false,
                             tr("%1 on %2: %3").arg(registry, familiar, state.error().message));
    });
}

void WatchEngine::setCountPeriodDays(int days)
{
    m_countPeriodDays = days;
    publishWatchlist();
}

} // namespace RebuildRadar
