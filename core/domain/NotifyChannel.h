#pragma once

// A notification channel as the store keeps it: its name, its kind, its URL with every secret masked
// (the full URL lives in the keychain or the user's 0600 secrets file, never here), and the filters that
// choose which rollout notices it gets. Plain values; the store persists them, notify/ delivers.

#include <QString>
#include <QStringList>

#include <optional>

namespace RebuildRadar {

struct NotifyChannel
{
    QString name;
    QString kind;          // "webhook", "slack", "teams", "discord", "ntfy", "gotify", "matrix", "email"
    QString maskedUrl;     // shown to people: secrets replaced by "****"
    QString tagsPattern;   // a regular expression the tag must fully match; empty: every tag
    QStringList platforms; // the platforms its people run; empty: the tag's own
    QStringList events;    // "started", "complete", "closed", "stale"
    int batchSeconds = 0;  // 0: a message per notice; else one digest per period
    bool insecure = false; // plain HTTP or SMTP without TLS allowed to a host that is not loopback
    QString secretStore;   // where the full URL is: "keychain" or "file"
    qint64 createdAt = 0;
    // Whose mutes and acknowledgements the channel follows on a shared history; empty when adding:
    // the adding program's user.
    QString addedBy;
    friend bool operator==(const NotifyChannel &, const NotifyChannel &) = default;
};

// How a channel's deliveries went, from its outbox.
struct ChannelDeliveryState
{
    std::optional<qint64> lastAt; // the last notice delivered or given up
    bool lastOk = false;
    QString lastError;
    int pending = 0; // queued, not delivered yet (retrying, or waiting for its batch)
    int failed = 0;  // given up after every attempt
};

} // namespace RebuildRadar
