#include "cli/NotifyCommands.h"

#include "cli/ArgParser.h"
#include "common/Duration.h"
#include "common/PlatformList.h"
#include "common/Time.h"
#include "credentials/SecretStore.h"
#include "notify/ChannelRequest.h"
#include "notify/ChannelSender.h"
#include "notify/ChannelUrl.h"
#include "store/ChannelStore.h"

#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QNetworkAccessManager>
#include <QRegularExpression>

namespace RebuildRadar {

namespace {

// The one channel a command names; nullopt (reported, exit 2) when there is none of that name.
std::optional<NotifyChannel> namedChannel(CliContext &cli, const ParsedArgs &args, const QString &usage)
{
    if (args.positionals.size() != 1) {
        cli.usageError(usage);
        return std::nullopt;
    }
    if (!cli.openStore())
        return std::nullopt;
    ChannelStore channels(*cli.database(), [&cli] { return cli.clock().nowMs(); });
    auto found = channels.find(args.positionals.first());
    if (!found) {
        cli.usageError(found.error().message);
        return std::nullopt;
    }
    if (!found->has_value()) {
        cli.usageError(
            QStringLiteral("no channel is named \"%1\" (see notify list)").arg(args.positionals.first()));
        return std::nullopt;
    }
    return **found;
}

} // namespace

void NotifyAddCommand::run(const ParsedArgs &args)
{
    if (args.positionals.size() != 1) {
        m_cli.usageError(QStringLiteral("notify add takes one channel URL"));
        return;
    }
    ChannelRequest request;
    request.url = args.positionals.first();
    request.name = args.value(QStringLiteral("--name"));
    request.insecure = args.has(QStringLiteral("--insecure"));
    if (args.has(QStringLiteral("--name")) && request.name.isEmpty()) {
        m_cli.usageError(QStringLiteral("--name needs a name"));
        return;
    }
    auto optional = [&args](const char *option) -> std::optional<QString> {
        const QString name = QString::fromLatin1(option);
        return args.has(name) ? std::optional<QString>(args.value(name)) : std::nullopt;
    };
    request.tags = optional("--tags");
    request.platforms = optional("--platforms");
    request.events = optional("--events");
    request.batch = optional("--batch");
    if (request.platforms && request.platforms->trimmed().isEmpty()) {
        m_cli.usageError(QStringLiteral("--platforms needs a list (os/arch[,…])"));
        return;
    }
    auto checked = checkChannelRequest(request);
    if (!checked) {
        m_cli.usageError(checked.error().message);
        return;
    }
    NotifyChannel channel = checked->channel;
    const QString secretUrl = checked->secretUrl;
    if (!m_cli.openStore())
        return;
    auto channels =
        std::make_shared<ChannelStore>(*m_cli.database(), [this] { return m_cli.clock().nowMs(); });
    if (auto existing = channels->find(channel.name); !existing || existing->has_value()) {
        m_cli.usageError(existing ? QStringLiteral("a channel named \"%1\" exists already (notify remove it "
                                                   "first, or give another --name)")
                                        .arg(channel.name)
                                  : existing.error().message);
        return;
    }
    // The URL first (to the keychain, else the 0600 file); the channel only once its secret is kept.
    const SecretStore secrets;
    const QString key = ChannelStore::consumerOf(channel.name);
    secrets.write(key, secretUrl, &m_cli,
                  [this, channel, channels, key, secrets](Result<QString> where) mutable {
                      if (!where) {
                          m_cli.printError(
                              QStringLiteral("cannot keep the channel's URL: %1").arg(where.error().message));
                          m_cli.finish(ExitCode::Partial);
                          return;
                      }
                      channel.secretStore = *where;
                      if (auto added = channels->add(channel); !added) {
                          secrets.remove(key, *where, &m_cli, [](Status) {});
                          m_cli.usageError(added.error().message);
                          return;
                      }
                      m_cli.printLine(QStringLiteral("added channel %1 (%2): %3; its URL is kept in the %4")
                                          .arg(channel.name, channel.kind, channel.maskedUrl,
                                               *where == QLatin1String(SecretStore::kKeychain)
                                                   ? QStringLiteral("OS keychain")
                                                   : QStringLiteral("file %1 (readable by you only)")
                                                         .arg(SecretStore::defaultFilePath())));
                      m_cli.finish(ExitCode::Done);
                  });
}

void NotifyListCommand::run(const ParsedArgs &args)
{
    if (!args.positionals.isEmpty()) {
        m_cli.usageError(QStringLiteral("notify list takes no arguments"));
        return;
    }
    if (!m_cli.openStore(CliContext::StoreUse::Read))
        return;
    ChannelStore channels(*m_cli.database(), [this] { return m_cli.clock().nowMs(); });
    auto all = channels.list();
    if (!all) {
        m_cli.usageError(all.error().message);
        return;
    }
    QJsonArray array;
    for (const NotifyChannel &c : *all) {
        auto state = channels.deliveryState(c.name);
        if (!state) {
            m_cli.usageError(state.error().message);
            return;
        }
        if (args.has(QStringLiteral("--json"))) {
            QJsonValue last;
            if (state->lastAt || !state->lastError.isEmpty())
                last = QJsonObject{
                    {QStringLiteral("at"), state->lastAt ? QJsonValue(isoUtc(*state->lastAt)) : QJsonValue()},
                    {QStringLiteral("ok"), state->lastOk},
                    {QStringLiteral("error"),
                     state->lastError.isEmpty() ? QJsonValue() : QJsonValue(state->lastError)}};
            array.append(QJsonObject{
                {QStringLiteral("name"), c.name},
                {QStringLiteral("kind"), c.kind},
                {QStringLiteral("url"), c.maskedUrl},
                {QStringLiteral("tags"), c.tagsPattern.isEmpty() ? QJsonValue() : QJsonValue(c.tagsPattern)},
                {QStringLiteral("platforms"),
                 c.platforms.isEmpty() ? QJsonValue() : QJsonValue(QJsonArray::fromStringList(c.platforms))},
                {QStringLiteral("events"), QJsonArray::fromStringList(c.events)},
                {QStringLiteral("batch_seconds"), c.batchSeconds},
                {QStringLiteral("insecure"), c.insecure},
                {QStringLiteral("secret_store"), c.secretStore},
                {QStringLiteral("last_delivery"), last},
                {QStringLiteral("pending"), state->pending},
                {QStringLiteral("failed"), state->failed},
            });
            continue;
        }
        QStringList parts{c.name, c.kind, c.maskedUrl, QStringLiteral("events=") + c.events.join(u',')};
        if (!c.tagsPattern.isEmpty())
            parts.append(QStringLiteral("tags=") + c.tagsPattern);
        if (!c.platforms.isEmpty())
            parts.append(QStringLiteral("platforms=") + c.platforms.join(u','));
        if (c.batchSeconds > 0)
            parts.append(QStringLiteral("batch=") + formatDuration(c.batchSeconds));
        if (!state->lastAt && state->lastError.isEmpty())
            parts.append(QStringLiteral("last: never"));
        else if (state->lastOk)
            parts.append(QStringLiteral("last: %1 delivered").arg(CliText::when(state->lastAt)));
        else
            parts.append(
                QStringLiteral("last: %1 failed: %2").arg(CliText::when(state->lastAt), state->lastError));
        if (state->pending > 0)
            parts.append(QStringLiteral("pending=%1").arg(state->pending));
        if (state->failed > 0)
            parts.append(QStringLiteral("failed=%1").arg(state->failed));
        m_cli.printLine(parts.join(QStringLiteral("  ")));
    }
    if (args.has(QStringLiteral("--json")))
        m_cli.out() << QJsonDocument(array).toJson(QJsonDocument::Indented);
    m_cli.finish(ExitCode::Done);
}

void NotifyRemoveCommand::run(const ParsedArgs &args)
{
    auto channel = namedChannel(m_cli, args, QStringLiteral("notify remove takes one channel name"));
    if (!channel)
        return;
    ChannelStore channels(*m_cli.database(), [this] { return m_cli.clock().nowMs(); });
    if (auto removed = channels.remove(channel->name); !removed) {
        m_cli.usageError(removed.error().message);
        return;
    }
    const SecretStore secrets;
    secrets.remove(ChannelStore::consumerOf(channel->name), channel->secretStore, &m_cli,
                   [this, name = channel->name](Status done) {
                       if (!done) {
                           m_cli.printError(
                               QStringLiteral("channel %1 removed, but its URL could not be forgotten: %2")
                                   .arg(name, done.error().message));
                           m_cli.finish(ExitCode::Partial);
                           return;
                       }
                       m_cli.printLine(QStringLiteral("removed channel %1").arg(name));
                       m_cli.finish(ExitCode::Done);
                   });
}

NotifyTestCommand::~NotifyTestCommand() = default;

void NotifyTestCommand::run(const ParsedArgs &args)
{
    auto channel = namedChannel(m_cli, args, QStringLiteral("notify test takes one channel name"));
    if (!channel)
        return;
    const SecretStore secrets;
    secrets.read(
        ChannelStore::consumerOf(channel->name), channel->secretStore, &m_cli,
        [this, channel = *channel](Result<QString> url) {
            if (!url) {
                m_cli.printError(QStringLiteral("channel %1: %2").arg(channel.name, url.error().message));
                m_cli.finish(ExitCode::Partial);
                return;
            }
            m_network = std::make_unique<QNetworkAccessManager>();
            RetryPolicy once;
            once.maxAttempts = 1;
            m_sender =
                std::make_unique<ChannelSender>(*channelKindFromName(channel.kind), QUrl(*url),
                                                channel.insecure, m_network.get(), m_cli.clock(), once);
            QObject::connect(m_sender.get(), &ChannelSender::delivered, &m_cli, [this, channel](qint64) {
                m_cli.printLine(
                    QStringLiteral("sent a test message to %1 (%2)").arg(channel.name, channel.maskedUrl));
                m_cli.finish(ExitCode::Done);
            });
            QObject::connect(m_sender.get(), &ChannelSender::gaveUp, &m_cli,
                             [this, channel](qint64, const QString &error) {
                                 m_cli.printError(QStringLiteral("channel %1: %2").arg(channel.name, error));
                                 m_cli.finish(ExitCode::Partial);
                             });
            m_sender->send(testMessage(channel.name, m_cli.clock().nowMs()));
        });
}

} // namespace RebuildRadar
