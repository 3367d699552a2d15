#pragma once

// How one attempt to deliver a message went, whatever the transport (HTTP or SMTP): the sender decides
// from it whether to try again, and when. Error texts never carry the channel's URL (it holds secrets).

#include <QString>

#include <optional>

namespace RebuildRadar {

struct AttemptOutcome
{
    bool ok = false;
    bool retryable = false;             // network errors, timeouts, 5xx, 429, SMTP 4xx
    std::optional<qint64> retryAfterMs; // what the receiver asked for (HTTP 429/503 Retry-After)
    QString error;
};

} // namespace RebuildRadar
