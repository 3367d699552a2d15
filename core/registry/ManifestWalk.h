// One resolve() of a tag: the HEAD for its digest (or a GET whose bytes are hashed when the registry
// sends no digest), then, when the digest is new, the manifest or index, the child manifests of
// platforms whose descriptors explain nothing, and image configs; every fetched blob verified against
// its digest. All of it within one deadline (checkDeadlineMs): when it passes, whatever is still
// queued, in flight or waiting is cancelled and the walk reports a timeout.
#pragma once

#include "registry/RegistryClient.h"

#include <QObject>
#include <QPointer>
#include <QTimer>

namespace RebuildRadar {

struct Descriptor;

class ManifestWalk : public QObject
{
    Q_OBJECT
public:
    using Callback = RegistryClient::ResolveCallback;
    // Starts the walk; it reports once to `callback` (unless `context`, when given, is gone by then)
    // and deletes itself. `parent` owns it meanwhile.
    static void start(RegistryTransport &transport, const RegistryClientOptions &options,
                      const ImageReference &reference, const ResolveHints &hints, QObject *context,
                      Callback callback, QObject *parent);

private:
    ManifestWalk(RegistryTransport &transport, const RegistryClientOptions &options,
                 const ImageReference &reference, const ResolveHints &hints, QObject *context,
                 Callback callback, QObject *parent);
    using ResponseCallback = std::function<void(Result<RegistryResponse>)>;

    void head();
    void getAndHash(const QUrl &url);
    void fetchManifest();
    void readManifest(const QByteArray &body);
    void readPlatform(const QString &platform, const QString &digest);
    void readConfig(const QString &platformKeyHint, const QString &manifestDigest,
                    const QMap<QString, QString> &baseAnnotations, const Descriptor &config);
    void getVerified(const QString &path, const QString &digest, qint64 cap, ResponseCallback callback);
    void send(const QByteArray &method, const QUrl &url, qint64 cap, ResponseCallback callback);
    void lookupDone();
    void timedOut();
    void report(Result<TagState> result);

    RegistryTransport &m_transport;
    const RegistryClientOptions &m_options;
    const ImageReference m_reference;
    const ResolveHints m_hints;
    QPointer<QObject> m_context;
    const bool m_hasContext;
    Callback m_callback;
    TagState m_state;
    int m_outstanding = 0; // lookups of details still running
    bool m_reported = false;
    QTimer m_deadline;
};

} // namespace RebuildRadar
