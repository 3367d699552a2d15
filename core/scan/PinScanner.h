#pragma once

#include "common/Clock.h"
#include "common/Result.h"
#include "scan/Finders.h"

#include <QMap>
#include <QObject>

#include <functional>
#include <optional>

namespace RebuildRadar {

class HistoryStore;
class RegistryClient;

namespace PinStatus {
inline const QString Current = QStringLiteral("current");
inline const QString Stale = QStringLiteral("stale");
inline const QString Unpinned = QStringLiteral("unpinned");
inline const QString Unresolved = QStringLiteral("unresolved");
} // namespace PinStatus

struct PinResult
{
    QString file; // relative to the scanned folder
    FoundReference found;
    QString reference; // canonical, with the pinned digest when there is one
    QString tagReference;
    QString pinnedDigest;
    QString currentDigest;
    QString status;
    QString error;
    QString replacement;      // for a stale pin: the digest that replaces it
    bool checkFailed = false; // the registry could not be asked (network, auth, not found)
    // The file was not read (too large, unreadable): whatever it names went unchecked. Such a result
    // has no reference, line 0 and status unresolved, and `error` says why.
    bool fileSkipped = false;
    std::optional<int> rebuildsSince;
    std::optional<qint64> pinnedAgeMs;
};

struct FileUpdate
{
    QString file;
    QByteArray before;
    QByteArray after;
};

// Finds digest-pinned (and unpinned) image references under a folder, resolves each distinct tag once
// and tells which pins are stale; plans and applies in-place rewrites that touch only the digests.
class PinScanner : public QObject
{
    Q_OBJECT
public:
    PinScanner(RegistryClient &client, HistoryStore *history, const Clock &clock, QObject *parent = nullptr);

    // Files under `root` worth reading: git's view (tracked and untracked, not ignored) in a work
    // tree, else every file; .git and node_modules are skipped either way. Paths are relative to
    // `root`, which may itself be relative to the working directory.
    static Result<QStringList> listFiles(const QString &root);
    // Files larger than this are not read; each is reported as a skipped-file result.
    static constexpr qint64 kMaxFileSize = 4 * 1024 * 1024;
    static Result<QList<PinResult>> find(const QString &root);

    using Callback = std::function<void(Result<QList<PinResult>>)>;
    // find() then resolve(): reads the folder on the calling thread.
    void scan(const QString &root, QObject *context, Callback callback);
    // Resolves the tags of references find() found (one request per distinct tag) and classifies them.
    void resolve(QList<PinResult> found, QObject *context, Callback callback);

    // Stale digests replaced (and, with `pin`, unpinned references given their current digest).
    static QList<FileUpdate> plan(const QString &root, const QList<PinResult> &results, bool pin);
    static Status apply(const QString &root, const QList<FileUpdate> &updates);
    static QString unifiedDiff(const FileUpdate &update);

private:
    void classify(PinResult &result, const struct ResolvedTag &resolved);

    RegistryClient &m_client;
    HistoryStore *m_history;
    const Clock &m_clock;
};

} // namespace RebuildRadar
