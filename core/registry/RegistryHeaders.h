// Pure parsers of what registries say in response headers: the pull limit (`RateLimit-*`), how long
// to wait (`Retry-After`) and where the next page of a list is (`Link`). No I/O: unit-tested and
// fuzzable on their own.
#pragma once

#include <QByteArray>
#include <QDateTime>
#include <QUrl>

#include <optional>

namespace RebuildRadar {

// What a registry reported about its pull limit (`RateLimit-Remaining: 76;w=21600`).
struct RateLimit
{
    int limit = -1;
    int remaining = -1;
    int windowSeconds = 0;
};

// `N;w=SECONDS` or a bare number; -1 when absent or unreadable.
RateLimit parseRateLimit(const QByteArray &limitHeader, const QByteArray &remainingHeader);
// Retry-After as delta-seconds or an HTTP date; nullopt when absent or unreadable.
std::optional<qint64> parseRetryAfterMs(const QByteArray &value, const QDateTime &now);
// The rel="next" target of a Link header, resolved against `base`.
QUrl nextLink(const QByteArray &linkHeader, const QUrl &base);

} // namespace RebuildRadar
