#pragma once

// The notification channels of a running engine (the daemon's or the desktop's, on its thread): one
// runner per channel in the store, each an outbox consumer ("channel:NAME") with its own Announcer (the
// same rules as the tray, seen from the channel's platforms and filters) and its own ChannelSender, so a
// notice is confirmed only when the receiver took it, survives a restart until then, and a channel that
// hangs holds up no other. Workloads a rebuild left behind go to the channels that chose the "stale"
// event through the same senders. One program at a time delivers a channel (a lease in the store, renewed
// while it runs). Digest channels (--batch) gather a period's notices into one message.

#include "common/Clock.h"
#include "common/Result.h"
#include "credentials/SecretStore.h"
#include "domain/NotifyChannel.h"
#include "engine/Announcer.h"
#include "notify/ChannelSender.h"
#include "running/RunningMatch.h"

#include <QHash>
#include <QObject>

#include <memory>

class QNetworkAccessManager;
class QTimer;

namespace RebuildRadar {

class ChannelStore;
class Database;
class HistoryStore;
class NoticeOutbox;

struct ChannelHubOptions
{
    RetryPolicy retry;
    ChannelTimer timer;         // empty: real timers
    QString secretsFile;        // empty: SecretStore::defaultFilePath()
    qint64 leaseMs = 90 * 1000; // renewed every third of it
    qint64 rolloutWindowMs = 0; // 0: the default window
    bool announceIndexOnly = false;
};

class ChannelHub : public QObject
{
    Q_OBJECT
public:
    ChannelHub(Database &db, HistoryStore &store, NoticeOutbox &outbox, const Clock &clock,
               QNetworkAccessManager *network, ChannelHubOptions options, QObject *parent = nullptr);
    ~ChannelHub() override;

    // Reads the channels again: new ones start, removed ones stop, and (`renewLeases`) the leases held
    // are renewed (a write, so not on every look at the database).
    void reload(bool renewLeases = true);
    // New rebuilds (recorded here or by another program) become notices and go out.
    void takeAndDeliver();
    void checked(qint64 tagId);
    void setRules(qint64 rolloutWindowMs, bool announceIndexOnly);
    // The engine's rule for notices that wait (a rebuild's analysis), for every channel's Announcer.
    void setHoldBack(Announcer::HoldBack holdBack);
    // Notices held back may be ready now.
    void deliverWaiting();
    // Workloads a rebuild left behind (RunningWatch): each channel whose events include "stale" and
    // whose --tags and --platforms match gets one message per tag, at once (never batched; not kept in
    // the outbox: after a restart the first reading of the workloads only sets what is known).
    void leftBehind(const QList<RunningStatus> &workloads);
    // Gives up the leases (the program stops): another program may deliver at once.
    void stop();
    QStringList active() const;

signals:
    void delivered(const QString &channel, qint64 noticeId);
    void deliveryFailed(const QString &channel, const QString &error, bool givenUp);
    void failed(const RebuildRadar::Error &error);

private:
    Announcer::HoldBack m_holdBack;
    struct Runner;
    void start(const NotifyChannel &channel);
    void onNotice(Runner &runner, const struct RolloutNotice &notice);
    void flushBatch(const QString &name);

    Database &m_db;
    HistoryStore &m_store;
    NoticeOutbox &m_outbox;
    const Clock &m_clock;
    QNetworkAccessManager *m_network;
    ChannelHubOptions m_options;
    SecretStore m_secrets;
    std::unique_ptr<ChannelStore> m_channels;
    QString m_owner;
    QHash<QString, std::shared_ptr<Runner>> m_runners;
    QTimer *m_renew;
    qint64 m_staleKey = 0; // the last stale message's key: time-based, so unique across restarts
};

} // namespace RebuildRadar
