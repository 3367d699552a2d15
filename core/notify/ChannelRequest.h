#pragma once

// What a person asks for when adding a channel (the CLI's `notify add`, the desktop's settings page):
// the URL and the filters as typed, checked in one place into the channel to store (URL masked) and the
// URL to keep as a secret. Bad input is an InvalidInput error that says what is wrong.

#include "common/Result.h"
#include "domain/NotifyChannel.h"

#include <QString>

#include <optional>

namespace RebuildRadar {

struct ChannelRequest
{
    QString url;
    QString name;                     // empty: the kind's default name
    std::optional<QString> tags;      // a regular expression
    std::optional<QString> platforms; // os/arch[,…]
    std::optional<QString> events;    // started,complete,closed,stale
    std::optional<QString> batch;     // a duration (1h)
    bool insecure = false;
};

struct CheckedChannel
{
    NotifyChannel channel; // secretStore still empty
    QString secretUrl;
};

Result<CheckedChannel> checkChannelRequest(const ChannelRequest &request);

} // namespace RebuildRadar
