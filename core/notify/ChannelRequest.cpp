#include "notify/ChannelRequest.h"

#include "common/Duration.h"
#include "common/PlatformList.h"
#include "notify/ChannelUrl.h"

#include <QRegularExpression>

namespace RebuildRadar {

namespace {

const QStringList kEvents{QStringLiteral("started"), QStringLiteral("complete"), QStringLiteral("closed"),
                          QStringLiteral("stale")};

Error invalid(const QString &message)
{
    return makeError(ErrorCode::InvalidInput, message);
}

} // namespace

Result<CheckedChannel> checkChannelRequest(const ChannelRequest &request)
{
    auto target = parseChannelUrl(request.url, request.insecure);
    if (!target)
        return target.error();
    CheckedChannel out;
    NotifyChannel &channel = out.channel;
    channel.name = request.name.isEmpty() ? target->defaultName : request.name;
    static const QRegularExpression validName(QStringLiteral("^[A-Za-z0-9][A-Za-z0-9._@-]{0,63}$"));
    if (!validName.match(channel.name).hasMatch())
        return invalid(
            QStringLiteral("\"%1\" is not a channel name: letters, digits, '.', '_', '@' and '-', at most "
                           "64, beginning with a letter or digit (give one with --name)")
                .arg(channel.name));
    channel.kind = channelKindName(target->kind);
    channel.maskedUrl = target->masked;
    channel.insecure = request.insecure;
    if (request.tags) {
        channel.tagsPattern = *request.tags;
        const QRegularExpression re(channel.tagsPattern);
        if (channel.tagsPattern.isEmpty() || !re.isValid())
            return invalid(
                QStringLiteral("--tags: not a regular expression: %1")
                    .arg(channel.tagsPattern.isEmpty() ? QStringLiteral("empty") : re.errorString()));
    }
    if (request.platforms && !request.platforms->trimmed().isEmpty()) {
        auto platforms = parsePlatforms(*request.platforms);
        if (!platforms)
            return platforms.error();
        channel.platforms = *platforms;
    }
    channel.events = QStringList{kEvents[0], kEvents[1], kEvents[2]};
    if (request.events) {
        channel.events.clear();
        for (const QString &event : request.events->split(u',', Qt::SkipEmptyParts)) {
            const QString e = event.trimmed().toLower();
            if (!kEvents.contains(e))
                return invalid(
                    QStringLiteral("--events: \"%1\" is not one of started, complete, closed, stale")
                        .arg(event));
            if (!channel.events.contains(e))
                channel.events.append(e);
        }
        if (channel.events.isEmpty())
            return invalid(QStringLiteral("--events names at least one of started, complete, closed, stale"));
    }
    if (request.batch && !request.batch->trimmed().isEmpty()) {
        auto seconds = parseDuration(*request.batch);
        if (!seconds)
            return invalid(QStringLiteral("--batch: %1").arg(seconds.error().message));
        channel.batchSeconds = *seconds;
    }
    out.secretUrl = target->url.toString(QUrl::FullyEncoded);
    return out;
}

} // namespace RebuildRadar
