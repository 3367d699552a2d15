// The registry client's settings: what it may speak to, how many requests it runs at once, how often
// and how long it retries and waits, and how much it reads. Plain values, chosen by the composition
// roots and tests.
#pragma once

#include <QSet>
#include <QString>

namespace RebuildRadar {

struct RegistryClientOptions
{
    QSet<QString> insecureRegistries; // plain HTTP allowed, besides loopback
    bool plainHttpOnLoopback = true;  // as Docker does; tests turn it off to exercise TLS on loopback
    int maxInFlightPerRegistry = 6;
    int maxAttempts = 4; // per request, for 5xx, 429 and network errors
    int backoffBaseMs = 1000;
    int retryAfterCapMs = 5 * 60 * 1000;
    int transferTimeoutMs = 30000;  // no byte for this long: the transfer stalled
    int requestDeadlineMs = 120000; // a whole attempt, against slow-drip bodies
    // A whole attempt of a streamed blob (a layer of hundreds of MB); stalls still end it sooner.
    int blobDeadlineMs = 30 * 60 * 1000;
    // A whole resolve(): every request, retry, backoff and token fetch of one check. 0: none.
    int checkDeadlineMs = 60000;
    // Once an answer's headers are in, fewer body bytes than this in a window means it stalled (a drip).
    qint64 minTransferBytes = 1024;
    int minTransferWindowMs = 10000;
    // Until a registry's auth scheme is known, its first request goes alone and the others wait for its
    // answer, this long at most (then they go as they are, each learning from its own 401).
    int authProbeWaitMs = 5000;
    qint64 manifestCap = 4 * 1024 * 1024;
    qint64 tokenCap = 1024 * 1024;
    qint64 configCap = 8 * 1024 * 1024;
    int maxRedirects = 5;
    int maxDetailedPlatforms = 64; // child manifests read per new index, at most
    int maxTagPages = 100;
    int maxTags = 100000;
};

} // namespace RebuildRadar
