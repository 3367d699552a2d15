#pragma once

#include "analysis/PackageAnalyzer.h"
#include "common/Clock.h"
#include "common/SharedSettings.h"
#include "domain/History.h"
#include "domain/NotifyChannel.h"
#include "export/Exporter.h"
#include "history/Rollouts.h"
#include "notify/ChannelRequest.h"
#include "notify/ChannelSender.h"
#include "poll/Poller.h"
#include "registry/RegistryClient.h"
#include "running/RunningMatch.h"
#include "scan/PinScanner.h"
#include "security/SecurityDataOptions.h"

#include <QObject>
#include <QSet>
#include <QThreadPool>
#include <QTimer>

#include <memory>
#include <optional>

class QNetworkAccessManager;

namespace RebuildRadar {

class CredentialChain;
class Database;
class HistoryStore;
class FamilyWatcher;

struct EngineConfig
{
    QString databasePath;
    // A team history's password when libpq's places have none (the desktop's keychain): in memory
    // only, never saved, shown or logged.
    QString databasePassword;
    QSet<QString> insecureRegistries;
    int checkDeadlineMs = 60000; // one check, retries included
    qint64 rolloutWindowMs = kDefaultRolloutWindowMs;
    QMap<QString, QString> backfillSources; // extra registries with a tag history API (tests)
    bool announceIndexOnly = false;
    // Who announces: each consumer announces every rebuild once, whoever recorded it (see NoticeOutbox).
    QString consumer = QStringLiteral("desktop");
    // The desktop's consumer is its user's ("desktop:NAME": every engineer's app on a team history is
    // told); the daemons' is shared (a team's daemons run each hook once).
    bool personalConsumer = true;
    // Whose platforms, mutes and acknowledgements (empty: the account this program runs as).
    QString userName;
    // The outbox consumer this engine announces as, for `user` (see personalConsumer).
    QString consumerFor(const QString &user) const;
    // Notices stay in the outbox until confirmDelivery() (the daemon's command channel).
    bool confirmDeliveries = false;
    // What changed inside each rebuild, found in the background (engine/PackageWatcher).
    bool analysePackages = true;
    PackageAnalyzerOptions analysis;
    SecurityDataOptions security;

    // What the shared settings say (the app and the daemon alike); the caller adds the rest.
    static EngineConfig fromSettings(const SharedSettings &settings);
    // The desktop app's: as above, on the history at `location`; on a team history (PostgreSQL) the
    // daemons poll the registries and the desktop listens, unless the settings say it polls too.
    static EngineConfig forDesktop(const QString &location, const SharedSettings &settings);
    // The notification channels (notify add): delivered by this engine while it holds their lease.
    bool deliverChannels = true;
    RetryPolicy channelRetry;
    ChannelTimer channelTimer;  // empty: real timers (tests see the delays asked for)
    QString channelSecretsFile; // empty: the user's config folder
    qint64 channelLeaseMs = 90 * 1000;
    // Where workloads run (settings' running/sources): read every `workloadRefreshMs` and soon after
    // a rebuild is recorded. None: nothing is read.
    QList<WorkloadSource> workloadSources;
    int workloadRefreshMs = 60000;
    // Registries are polled on schedule (else only on demand: a desktop on a team history, whose
    // daemons poll). Programs on one history lease due tags from it, each for `tagLeaseMs` (0: the
    // check deadline and ten seconds for its write, so a check in hand is never taken over); the
    // write of a check ends its lease, and a dead program's leases expire.
    bool pollRegistries = true;
    qint64 tagLeaseMs = 0;
};

// A notification channel as the settings page lists it: masked, with how its deliveries went.
struct ChannelRow
{
    NotifyChannel channel;
    ChannelDeliveryState state;
};

// The one composition of the core that both programs run: its own database connection, the registry
// client, the poller, the family watcher, the backfiller and the notification rules (rollouts, the tag's
// platforms, mute, acknowledge, index-only). It publishes values: rebuilds recorded, rollout notices,
// checks, progress, errors. The desktop app runs it on a worker thread and talks to it with queued
// calls; `rebuildradar-cli daemon` runs the same object on its main thread. Neither waits on the
// network or the database.
class WatchEngine : public QObject
{
    Q_OBJECT
public:
    // How long a rebuild's notice may wait for what changed inside it (usually seconds: an SBOM).
    static constexpr qint64 kAnalysisWaitMs = 2 * 60 * 1000;

    WatchEngine(const Clock &clock, std::unique_ptr<CredentialChain> credentials, QObject *parent = nullptr);
    ~WatchEngine() override;

    // All of these run on the engine's thread (call them through QMetaObject::invokeMethod).
    void open(const EngineConfig &config);
    // Stops checking and writes what was checked (SIGTERM, quitting): nothing in hand is lost.
    void shutdown();
    // `keepExisting`: tags watched already keep their settings; the interval and platforms are for new ones.
    void addWatches(const QStringList &references, int intervalSeconds, const QStringList &platforms,
                    bool keepExisting = false);
    void removeWatches(const QStringList &references);
    // One watched tag's settings, as the user chose them (platforms empty: all).
    void editWatch(qint64 tagId, int intervalSeconds, const QStringList &platforms, bool muted);
    // A tag family: the repository's tags that fully match `pattern`, now and as they appear.
    void addFamily(const QString &repository, const QString &pattern, int intervalSeconds);
    void checkNow(const QList<qint64> &tagIds);
    void setPaused(bool paused);
    void requestHistory(qint64 tagId);
    void setMuted(qint64 tagId, bool muted);
    void acknowledge(qint64 tagId, qint64 rebuildId);
    // Every rebuild of the tag so far: it no longer needs attention, its rollouts are not announced again.
    void acknowledgeTag(qint64 tagId);
    void setInsecureRegistries(const QSet<QString> &registries);
    void setNotificationRules(qint64 rolloutWindowMs, bool announceIndexOnly);
    // The channel that took a rolloutNotice (RolloutNotice::noticeId) says how it went.
    void confirmDelivery(qint64 noticeId, bool delivered, const QString &error = {});
    void clearAuthCache();
    // Tries the login for `registry` on a watched image of it (digests only): loginTested says how it went.
    void testLogin(const QString &registry);
    void publishWatchlist();
    // What the poller checked since the last publication: check results, and the rows a new digest moved.
    void publishChecks();
    // The watchlist counts rebuilds of the last `days` (0: all).
    void setCountPeriodDays(int days);
    void exportReport(const RebuildRadar::ExportOptions &options, const QString &path);
    void scanPins(const QString &root);
    void applyPins(const QString &root, const QList<RebuildRadar::FileUpdate> &updates);
    // The notification channels, as `notify list|add|remove|test` manage them (WatchEngineChannels.cpp).
    void listChannels();
    void addChannel(const RebuildRadar::ChannelRequest &request);
    void removeChannel(const QString &name);
    void testChannel(const QString &name);
    // What runs where (RunningWatch): other sources (read now), or a reading now.
    void setWorkloadSources(const QList<RebuildRadar::WorkloadSource> &sources);
    void refreshWorkloads();

signals:
    void opened(bool ok, const QString &error);
    void watchlistChanged(const QList<RebuildRadar::WatchedTag> &tags);
    // Checks that left every digest as it was (the common case): rows change in place.
    void tagsChecked(const QList<RebuildRadar::PollResult> &results);
    // Rows whose digest (or a sibling's) moved, replacing the ones the window has.
    void tagsUpdated(const QList<RebuildRadar::WatchedTag> &tags);
    void historyReady(const RebuildRadar::TagHistory &history);
    void checkStarted(qint64 tagId);
    void sweepProgress(int done, int total);
    void rebuildRecorded(const RebuildRadar::RebuildEvent &event);
    // What a recorded rebuild means for the user's platforms, rollout by rollout.
    void rolloutNotice(const RebuildRadar::RolloutNotice &notice);
    // What changed inside a rebuild of this tag was found out (or why not): its history has more now.
    void packagesAnalysed(qint64 tagId, qint64 rebuildId);
    void familyTagsAdded(const QStringList &references);
    void rateLimitChanged(const QString &registry, const RebuildRadar::RateLimit &limit);
    // What went wrong, with its code: the UI words it (ui/ErrorText), the CLI prints the message.
    void failed(const RebuildRadar::Error &error);
    // A notification channel took a notice, or did not (`givenUp`: no more attempts).
    void channelDelivered(const QString &channel, qint64 noticeId);
    void channelFailed(const QString &channel, const QString &error, bool givenUp);
    void channelsListed(const QList<RebuildRadar::ChannelRow> &channels);
    // An add, remove or test finished: `message` says how, for people (URLs masked).
    void channelOperationDone(bool ok, const QString &message);
    void exportFinished(bool ok, const QString &pathOrError);
    void loginTested(const QString &registry, bool ok, const QString &message);
    void pinsScanned(const QString &root, const QList<RebuildRadar::PinResult> &results,
                     const QString &error);
    void pinsApplied(const QString &root, bool ok, const QString &error);
    // The workloads of the configured sources, matched against the history (stale first is the UI's
    // business), after every reading.
    void workloadsChanged(const QList<RebuildRadar::RunningStatus> &workloads);
    // Workloads a rebuild has just left behind: the notification "your containers run an old build".
    void workloadsLeftBehind(const QList<RebuildRadar::RunningStatus> &workloads);
    // A Docker or Podman source's event stream is open: a container started from now on is read at once.
    void workloadEventsListening();

private:
    // `savedPassword`: config's password is the one the keychain had (said so if it is refused too).
    void openWith(const EngineConfig &config, bool savedPassword);
    static QString leaseOwnerName();
    void openPackageAnalysis(const EngineConfig &config);
    // Another program wrote: the watchlist may have changed, rebuilds may wait to be announced.
    void lookForOtherWriters();

    const Clock &m_clock;
    std::unique_ptr<CredentialChain> m_credentials;
    std::unique_ptr<QNetworkAccessManager> m_network;
    std::unique_ptr<RegistryClient> m_client;
    std::unique_ptr<Database> m_db;
    std::unique_ptr<HistoryStore> m_store;
    std::unique_ptr<Poller> m_poller;
    std::unique_ptr<FamilyWatcher> m_families;
    std::unique_ptr<class Backfiller> m_backfiller;
    QThreadPool m_pool; // blocking work (reports, reading folders) off the engine's thread
    QTimer *m_publish;  // a child, so it moves to the engine's thread with it
    QTimer *m_otherWriters;
    std::unique_ptr<class NoticeOutbox> m_outbox;
    std::unique_ptr<class Announcer> m_announcer;
    // after the client, database and announcer they use, so destroyed before them
    std::unique_ptr<class SecurityData> m_security;
    std::unique_ptr<PackageAnalyzer> m_analyzer;
    std::unique_ptr<class PackageResults> m_packageResults;
    std::unique_ptr<class PackageWatcher> m_packages;
    QTimer *m_releaseHeld; // a notice held back for its analysis leaves when its wait is over
    // Holds a rebuild's notice while its analysis runs, at most kAnalysisWaitMs.
    bool holdForAnalysis(const struct QueuedNotice &notice);
    std::unique_ptr<class ChannelHub> m_channels;
    class RunningWatch *m_running = nullptr; // a child: it moves to the engine's thread with it
    qint64 m_dataVersion = 0;
    qint64 m_watchlistGeneration = 0;
    bool m_announceTurn = false;
    QList<PollResult> m_checked;
    struct RolloutState
    {
        qint64 lastRebuild = 0;
        int done = 0;
        int total = 0;
        qint64 windowEnd = 0; // of the rollout in progress: nothing joins it after this
    };
    QHash<qint64, RolloutState> m_rollouts; // by tag, as of its last rebuild
    QHash<qint64, qint64> m_rolloutBacklog; // tags whose state is still to work out, by last rebuild
    bool m_rolloutWork = false;             // a turn of workOutRollouts runs or is scheduled
    QList<qint64> m_rolloutsWorkedOut;      // since the last publication of their rows
    void workOutRollouts();
    void annotateRollouts(QList<WatchedTag> &tags); // from what is known; the rest is worked out later
    std::optional<qint64> countsSince() const;
    // The rows of these tags' repositories, read again, to the window (aliases stay right).
    void publishRowsAround(const QList<qint64> &tagIds);
    bool m_checkedNewDigest = false;
    bool m_paused = false;
    bool m_pollRegistries = true;
    QString m_databasePassword; // for the pool's own connections to a team history
    bool m_lookSoon = false;    // a look at what other programs wrote is queued
    qint64 m_rolloutWindowMs = kDefaultRolloutWindowMs;
    int m_countPeriodDays = 90;
    QString m_channelSecretsFile; // empty: SecretStore's default
};

} // namespace RebuildRadar
