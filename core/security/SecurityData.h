#pragma once

// The security fixes a rebuild's upgrades bring (issue 21), from public data: Alpine's secdb for
// alpine images, Wolfi's and Chainguard's security.json for wolfi and chainguard images, OSV's
// querybatch for Debian images. Downloads are kept on disk with their date and refreshed at most
// daily; when a refresh fails an older copy still answers; with no data at all the answer is
// "unavailable" (nullopt), never a guess. Lives on the thread of its network manager; every answer
// comes back later through the event loop, never inside fixesFor.

#include "common/Clock.h"
#include "packages/PackageAnalysis.h"
#include "security/OsvBatch.h"
#include "security/Secdb.h"
#include "security/SecurityCache.h"
#include "security/SecurityDataOptions.h"

#include <QDateTime>
#include <QHash>
#include <QObject>
#include <QStringList>
#include <QUrl>

#include <functional>
#include <optional>

class QNetworkAccessManager;

namespace RebuildRadar {

class SecurityData : public QObject, public FixesSource
{
    Q_OBJECT
public:
    // `network` and `clock` are not owned and must outlive this object.
    SecurityData(QNetworkAccessManager *network, const Clock &clock, SecurityDataOptions options = {},
                 QObject *parent = nullptr);

    void fixesFor(const Distro &distro, const PackageDiff &diff, QObject *context,
                  FixesCallback callback) override;

    // The secdb documents that cover `distro` (two for Alpine: main and community), none for a
    // distribution without one.
    QStringList secdbUrls(const Distro &distro) const;
    QUrl osvUrl() const;
    const SecurityDataOptions &options() const { return m_options; }

private:
    using Answer = std::function<void(std::optional<QList<SecurityFix>>)>;
    using Body = std::optional<QByteArray>;

    struct Feed
    {
        std::optional<Secdb> db;
        QDateTime fetched; // of `db`
        bool diskTried = false;
        bool loading = false;
        QList<std::function<void()>> waiting;
    };
    struct OsvEntry
    {
        QStringList ids;
        QDateTime fetched;
    };
    struct OsvJob;

    void secdbFixesFor(const QStringList &urls, const PackageDiff &diff, Answer answer);
    void ensureFeed(const QString &url, std::function<void()> ready);
    void feedFetched(const QString &url, const Body &body);

    void osvFixesFor(const QString &ecosystem, const PackageDiff &diff, Answer answer);
    void runOsvBatch(std::shared_ptr<OsvJob> job);
    void sendOsvPage(std::shared_ptr<OsvJob> job, QList<OsvQuery> page, int pageNumber);
    void loadOsvCache();
    void mergeOsvCopy();
    void saveOsvCache();

    bool isFresh(const QDateTime &fetched) const;
    // GET (postBody null) or POST; the body of a 200 answer, or nothing (error, timeout, too large).
    void send(const QUrl &url, const QByteArray &postBody, qint64 cap, std::function<void(Body)> done);

    QNetworkAccessManager *m_network;
    const Clock &m_clock;
    SecurityDataOptions m_options;
    SecurityCache m_cache;
    QHash<QString, Feed> m_feeds;
    QHash<QString, OsvEntry> m_osv; // OsvQuery::key() → answer
    bool m_osvLoaded = false;
};

} // namespace RebuildRadar
