#pragma once

#include "common/Result.h"

#include <QString>

namespace RebuildRadar {

// A container image reference parsed by the distribution/reference grammar and normalized the way
// Docker does (`python` is `docker.io/library/python:latest`).
class ImageReference
{
public:
    static Result<ImageReference> parse(const QString &text);

    // Registry as users name it: `docker.io`, `ghcr.io`, `localhost:5000`, `[::1]:5000`.
    const QString &registry() const { return m_registry; }
    const QString &repository() const { return m_repository; }
    // Empty only when a digest was given without a tag.
    const QString &tag() const { return m_tag; }
    const QString &digest() const { return m_digest; }
    bool hasTag() const { return !m_tag.isEmpty(); }
    bool hasDigest() const { return !m_digest.isEmpty(); }

    // `registry/repository`
    QString name() const;
    // `docker.io/library/python:3.13` (plus `@digest` when one was given)
    QString canonical() const;
    // `python:3.13`: docker.io and a lone library/ dropped
    QString familiar() const;
    // canonical() without the digest: what a watch is keyed by
    QString tagReference() const;
    // The host to connect to: docker.io is served by registry-1.docker.io.
    QString connectHost() const;
    // Host part without the port (brackets kept for IPv6).
    QString hostName() const;
    bool isLoopback() const { return isLoopbackRegistry(m_registry); }
    // localhost, 127.0.0.0/8 and [::1], with or without a port: plain HTTP by default, as in Docker.
    static bool isLoopbackRegistry(const QString &registry);

    ImageReference withTag(const QString &tag) const;
    ImageReference withDigest(const QString &digest) const;
    ImageReference withoutDigest() const { return withDigest({}); }

    friend bool operator==(const ImageReference &, const ImageReference &) = default;

private:
    QString m_registry;
    QString m_repository;
    QString m_tag;
    QString m_digest;
};

// The registry part of a reference or of an --insecure-registry value, validated.
Result<QString> normalizeRegistryHost(const QString &text);

// Validates `algorithm:hex`; sha256 needs exactly 64 lowercase hex digits.
bool isValidDigest(const QString &digest);

// The `familiar` form of a canonical reference (`python:3.13`); the input when it does not parse, so
// whatever a store or registry holds can still be shown.
QString familiarOf(const QString &reference);

// The first 12 hex digits, as people quote digests ("sha256:" dropped); the input when it has no colon.
QString shortDigest(const QString &digest);

} // namespace RebuildRadar
