// The engine's side of the notification channels' settings (the desktop's page): list, add, remove and
// test, on the engine's thread, through the same checks and stores as `rebuildradar-cli notify`.
#include "engine/ChannelHub.h"
#include "engine/WatchEngine.h"
#include "store/ChannelStore.h"
#include "store/Database.h"
#include "store/HistoryStore.h"

#include <QNetworkAccessManager>

namespace RebuildRadar {

namespace {

SecretStore secretsAt(const QString &file)
{
    return file.isEmpty() ? SecretStore() : SecretStore(file);
}

} // namespace

void WatchEngine::listChannels()
{
    if (!m_db)
        return;
    ChannelStore channels(*m_db, [this] { return m_clock.nowMs(); });
    auto all = channels.list();
    if (!all) {
        emit failed(all.error());
        return;
    }
    QList<ChannelRow> rows;
    for (const NotifyChannel &channel : *all) {
        auto state = channels.deliveryState(channel.name);
        rows.append(ChannelRow{channel, state ? *state : ChannelDeliveryState{}});
    }
    emit channelsListed(rows);
}

void WatchEngine::addChannel(const ChannelRequest &request)
{
    if (!m_db)
        return;
    auto checked = checkChannelRequest(request);
    if (!checked) {
        emit channelOperationDone(false, checked.error().message);
        return;
    }
    auto channels = std::make_shared<ChannelStore>(*m_db, [this] { return m_clock.nowMs(); });
    if (auto existing = channels->find(checked->channel.name); !existing || existing->has_value()) {
        emit channelOperationDone(
            false, existing ? tr("a channel named \"%1\" exists already").arg(checked->channel.name)
                            : existing.error().message);
        return;
    }
    const SecretStore secrets = secretsAt(m_channelSecretsFile);
    const QString key = ChannelStore::consumerOf(checked->channel.name);
    secrets.write(key, checked->secretUrl, this,
                  [this, channel = checked->channel, channels, key, secrets](Result<QString> where) mutable {
                      if (!where) {
                          emit channelOperationDone(false, where.error().message);
                          return;
                      }
                      channel.secretStore = *where;
                      channel.addedBy = m_store->user();
                      if (auto added = channels->add(channel); !added) {
                          secrets.remove(key, *where, this, [](Status) {});
                          emit channelOperationDone(false, added.error().message);
                          return;
                      }
                      if (m_channels)
                          m_channels->reload();
                      emit channelOperationDone(true, tr("Channel %1 added").arg(channel.name));
                      listChannels();
                  });
}

void WatchEngine::removeChannel(const QString &name)
{
    if (!m_db)
        return;
    ChannelStore channels(*m_db, [this] { return m_clock.nowMs(); });
    auto found = channels.find(name);
    if (!found || !found->has_value()) {
        emit channelOperationDone(false,
                                  found ? tr("no channel is named \"%1\"").arg(name) : found.error().message);
        return;
    }
    if (auto removed = channels.remove(name); !removed) {
        emit channelOperationDone(false, removed.error().message);
        return;
    }
    if (m_channels)
        m_channels->reload(false);
    secretsAt(m_channelSecretsFile)
        .remove(ChannelStore::consumerOf(name), (*found)->secretStore, this, [this, name](Status done) {
            emit channelOperationDone(done.ok(),
                                      done ? tr("Channel %1 removed").arg(name) : done.error().message);
            listChannels();
        });
}

void WatchEngine::testChannel(const QString &name)
{
    if (!m_db)
        return;
    ChannelStore channels(*m_db, [this] { return m_clock.nowMs(); });
    auto found = channels.find(name);
    if (!found || !found->has_value()) {
        emit channelOperationDone(false,
                                  found ? tr("no channel is named \"%1\"").arg(name) : found.error().message);
        return;
    }
    const NotifyChannel channel = **found;
    secretsAt(m_channelSecretsFile)
        .read(ChannelStore::consumerOf(name), channel.secretStore, this,
              [this, channel](Result<QString> url) {
                  const auto kind = channelKindFromName(channel.kind);
                  if (!url || !kind) {
                      emit channelOperationDone(false, url ? channel.kind : url.error().message);
                      return;
                  }
                  RetryPolicy once;
                  once.maxAttempts = 1;
                  auto *sender = new ChannelSender(*kind, QUrl(*url), channel.insecure, m_network.get(),
                                                   m_clock, once, {}, this);
                  connect(sender, &ChannelSender::delivered, this, [this, sender, channel](qint64) {
                      sender->deleteLater();
                      emit channelOperationDone(true, tr("Test message sent to %1").arg(channel.name));
                  });
                  connect(sender, &ChannelSender::gaveUp, this,
                          [this, sender, channel](qint64, const QString &error) {
                              sender->deleteLater();
                              emit channelOperationDone(false, tr("%1: %2").arg(channel.name, error));
                          });
                  sender->send(testMessage(channel.name, m_clock.nowMs()));
              });
}

} // namespace RebuildRadar
