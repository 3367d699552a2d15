#pragma once

#include "FakeClock.h"
#include "credentials/Credential.h"
#include "registry/RegistryClient.h"

#include <QNetworkAccessManager>
#include <QTest>

#include <optional>

namespace RebuildRadar::Test {

// A RegistryClient wired to memory credentials and a fake clock, with a count of what it sent.
struct ClientHarness
{
    explicit ClientHarness(RegistryClientOptions options = fastOptions())
        : client(&network, &credentials, clock, std::move(options))
    {
        QObject::connect(&client, &RegistryClient::requestSent, &context,
                         [this](const QString &, RequestKind kind, const QUrl &) { ++sent[int(kind)]; });
    }
    static RegistryClientOptions fastOptions()
    {
        RegistryClientOptions o;
        o.backoffBaseMs = 5;
        o.retryAfterCapMs = 50;
        o.transferTimeoutMs = 1500;
        o.requestDeadlineMs = 5000;
        return o;
    }

    Result<TagState> resolve(const QString &reference, const ResolveHints &hints = {})
    {
        auto ref = ImageReference::parse(reference);
        if (!ref)
            return ref.error();
        std::optional<Result<TagState>> out;
        client.resolve(*ref, hints, &context, [&out](Result<TagState> r) { out.emplace(std::move(r)); });
        if (!QTest::qWaitFor([&] { return out.has_value(); }, 30000))
            return makeError(ErrorCode::Cancelled, QStringLiteral("test timed out"));
        return *out;
    }
    Result<QStringList> listTags(const QString &repository)
    {
        std::optional<Result<QStringList>> out;
        client.listTags(ImageReference::parse(repository).value(), &context,
                        [&out](Result<QStringList> r) { out.emplace(std::move(r)); });
        if (!QTest::qWaitFor([&] { return out.has_value(); }, 30000))
            return makeError(ErrorCode::Cancelled, QStringLiteral("test timed out"));
        return *out;
    }
    int heads() const { return sent[int(RequestKind::Head)]; }
    int gets() const { return sent[int(RequestKind::Get)]; }
    int tokens() const { return sent[int(RequestKind::Token)]; }
    int blobs() const { return sent[int(RequestKind::Blob)]; }
    void resetCounts() { sent[0] = sent[1] = sent[2] = sent[3] = 0; }

    QObject context;
    QNetworkAccessManager network;
    MemoryCredentials credentials;
    FakeClock clock;
    RegistryClient client;
    int sent[4] = {0, 0, 0, 0};
};

} // namespace RebuildRadar::Test
