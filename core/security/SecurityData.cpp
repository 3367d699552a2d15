// Fetching, caching and matching security data. One download per secdb URL at a time (analyses of
// several platforms asking together wait for the same one); OSV answers are kept per question
// (ecosystem, source package, version) in one cache file.
#include "security/SecurityData.h"

#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QLoggingCategory>
#include <QNetworkAccessManager>
#include <QNetworkReply>
#include <QNetworkRequest>
#include <QPointer>
#include <QSet>
#include <QStandardPaths>
#include <QTimer>

#include <algorithm>
#include <memory>
#include <utility>

Q_LOGGING_CATEGORY(lcSecurity, "rebuildradar.security")

namespace RebuildRadar {

namespace {

constexpr qint64 kDayMs = 24LL * 3600 * 1000;
// Kept past their day so an offline program still answers from them; dropped after this.
constexpr qint64 kOsvKeepMs = 30 * kDayMs;
// Wolfi's security.json is tens of megabytes; Alpine's files are a few.
constexpr qint64 kSecdbCap = 256LL * 1024 * 1024;
constexpr qint64 kOsvCap = 32LL * 1024 * 1024;
// OSV pages a query past ~1000 vulnerabilities; no Debian source package comes near this many.
constexpr int kOsvMaxPages = 20;

QString defaultCacheDir()
{
    return QStandardPaths::writableLocation(QStandardPaths::CacheLocation) + QStringLiteral("/security");
}

QString withoutTrailingSlash(QString url)
{
    while (url.endsWith(QLatin1Char('/')))
        url.chop(1);
    return url;
}

// "v3.20" for VERSION_ID 3.20.3; "edge" for edge, whose VERSION_ID is the next release's alpha
// ("3.21.0_alpha20240807"); nothing for anything else.
std::optional<QString> alpineBranch(const QString &versionId)
{
    if (versionId == u"edge" || versionId.contains(u"_alpha"))
        return QStringLiteral("edge");
    const QStringList parts = versionId.split(QLatin1Char('.'));
    if (parts.size() < 2)
        return std::nullopt;
    bool majorOk = false;
    bool minorOk = false;
    const int major = parts[0].toInt(&majorOk);
    const int minor = parts[1].toInt(&minorOk);
    if (!majorOk || !minorOk || major < 0 || minor < 0)
        return std::nullopt;
    return QStringLiteral("v%1.%2").arg(major).arg(minor);
}

void sortFixes(QList<SecurityFix> &fixes)
{
    std::sort(fixes.begin(), fixes.end(), [](const SecurityFix &a, const SecurityFix &b) {
        return a.package != b.package ? a.package < b.package : a.id < b.id;
    });
    fixes.erase(std::unique(fixes.begin(), fixes.end()), fixes.end());
}

} // namespace

struct SecurityData::OsvJob
{
    QList<OsvQuery> queries;               // the questions without a fresh answer
    qsizetype next = 0;                    // the first query of the batch in flight
    QHash<QString, QStringList> collected; // the batch's ids so far, over its pages
    std::function<void()> done;
};

SecurityData::SecurityData(QNetworkAccessManager *network, const Clock &clock, SecurityDataOptions options,
                           QObject *parent)
    : QObject(parent)
    , m_network(network)
    , m_clock(clock)
    , m_options(std::move(options))
    , m_cache(m_options.cacheDir.isEmpty() ? defaultCacheDir() : m_options.cacheDir)
{}

QStringList SecurityData::secdbUrls(const Distro &distro) const
{
    if (distro.id == u"alpine") {
        const std::optional<QString> branch = alpineBranch(distro.versionId);
        if (!branch)
            return {};
        const QString base = withoutTrailingSlash(m_options.alpineSecdbBase) + QLatin1Char('/') + *branch;
        return {base + QStringLiteral("/main.json"), base + QStringLiteral("/community.json")};
    }
    if (distro.id == u"wolfi")
        return {m_options.wolfiSecdbUrl};
    if (distro.id == u"chainguard")
        return {m_options.chainguardSecdbUrl};
    return {};
}

QUrl SecurityData::osvUrl() const
{
    return QUrl(withoutTrailingSlash(m_options.osvBase) + QStringLiteral("/v1/querybatch"));
}

void SecurityData::fixesFor(const Distro &distro, const PackageDiff &diff, QObject *context,
                            FixesCallback callback)
{
    // Every answer goes through the event loop, and none reaches a context that is gone.
    const QPointer<QObject> guard(context);
    const bool hasContext = context != nullptr;
    Answer answer = [this, guard, hasContext, callback](std::optional<QList<SecurityFix>> fixes) {
        QTimer::singleShot(0, this, [guard, hasContext, callback, fixes = std::move(fixes)] {
            if (hasContext && !guard)
                return;
            callback(fixes);
        });
    };
    if (!m_options.enabled) {
        answer(std::nullopt);
        return;
    }
    if (const QStringList urls = secdbUrls(distro); !urls.isEmpty()) {
        secdbFixesFor(urls, diff, std::move(answer));
        return;
    }
    if (const std::optional<QString> ecosystem = osvEcosystem(distro)) {
        osvFixesFor(*ecosystem, diff, std::move(answer));
        return;
    }
    answer(std::nullopt);
}

bool SecurityData::isFresh(const QDateTime &fetched) const
{
    return fetched.isValid() && fetched.msecsTo(m_clock.now()) < kDayMs;
}

// ---- secdb ----------------------------------------------------------------------------------------

void SecurityData::secdbFixesFor(const QStringList &urls, const PackageDiff &diff, Answer answer)
{
    const bool anyUpgrade = std::any_of(diff.changed.begin(), diff.changed.end(), [](const PackageChange &c) {
        return c.direction == VersionDirection::Upgrade;
    });
    if (!anyUpgrade) {
        answer(QList<SecurityFix>{}); // nothing moved forward, so nothing can have been fixed
        return;
    }
    auto remaining = std::make_shared<qsizetype>(urls.size());
    for (const QString &url : urls) {
        ensureFeed(url, [this, urls, diff, answer, remaining] {
            if (--*remaining > 0)
                return;
            QList<SecurityFix> fixes;
            for (const QString &u : urls) {
                const Feed &feed = m_feeds[u];
                if (!feed.db) {
                    // One document of the distribution missing would make its packages look unfixed.
                    answer(std::nullopt);
                    return;
                }
                fixes.append(secdbFixes(*feed.db, diff));
            }
            sortFixes(fixes);
            answer(fixes);
        });
    }
}

void SecurityData::ensureFeed(const QString &url, std::function<void()> ready)
{
    Feed &feed = m_feeds[url];
    if (!feed.diskTried) {
        feed.diskTried = true;
        if (const std::optional<SecurityCache::Entry> copy = m_cache.read(url)) {
            if (std::optional<Secdb> db = parseSecdb(copy->body)) {
                feed.db = std::move(db);
                feed.fetched = copy->fetched;
            }
        }
    }
    if (feed.db && isFresh(feed.fetched)) {
        ready();
        return;
    }
    feed.waiting.append(std::move(ready));
    if (feed.loading)
        return;
    feed.loading = true;
    qCDebug(lcSecurity) << "fetching" << url;
    send(QUrl(url), QByteArray(), kSecdbCap, [this, url](const Body &body) { feedFetched(url, body); });
}

void SecurityData::feedFetched(const QString &url, const Body &body)
{
    Feed &feed = m_feeds[url];
    feed.loading = false;
    if (std::optional<Secdb> db = body ? parseSecdb(*body) : std::nullopt) {
        feed.db = std::move(db);
        feed.fetched = m_clock.now();
        if (!m_cache.write(url, *body, feed.fetched))
            qCWarning(lcSecurity) << "cannot keep a copy of" << url << "in" << m_cache.dir();
    } else if (body && feed.db) {
        qCWarning(lcSecurity) << url << "is not a security database; keeping the copy of"
                              << feed.fetched.toString(Qt::ISODate);
    } else if (body) {
        qCWarning(lcSecurity) << url << "is not a security database";
    }
    const QList<std::function<void()>> waiting = std::exchange(feed.waiting, {});
    for (const std::function<void()> &ready : waiting)
        ready();
}

// ---- OSV ------------------------------------------------------------------------------------------

void SecurityData::osvFixesFor(const QString &ecosystem, const PackageDiff &diff, Answer answer)
{
    loadOsvCache();
    const QList<OsvUpgrade> upgrades = osvUpgrades(diff);
    if (upgrades.isEmpty()) {
        answer(QList<SecurityFix>{});
        return;
    }
    auto job = std::make_shared<OsvJob>();
    QSet<QString> asked;
    for (const OsvUpgrade &upgrade : upgrades) {
        for (const QString &version : {upgrade.from, upgrade.to}) {
            const OsvQuery query{ecosystem, upgrade.sourcePackage, version, {}};
            const QString key = query.key();
            if (asked.contains(key))
                continue;
            asked.insert(key);
            if (const auto known = m_osv.constFind(key); known != m_osv.constEnd() && isFresh(known->fetched))
                continue;
            job->queries.append(query);
        }
    }
    job->done = [this, ecosystem, upgrades, answer] {
        QList<SecurityFix> fixes;
        for (const OsvUpgrade &upgrade : upgrades) {
            const auto before =
                m_osv.constFind(OsvQuery{ecosystem, upgrade.sourcePackage, upgrade.from, {}}.key());
            const auto after =
                m_osv.constFind(OsvQuery{ecosystem, upgrade.sourcePackage, upgrade.to, {}}.key());
            if (before == m_osv.constEnd() || after == m_osv.constEnd()) {
                answer(std::nullopt);
                return;
            }
            // Fixed: affects the old version, no longer the new one.
            for (const QString &id : before->ids) {
                if (!after->ids.contains(id))
                    fixes.append(SecurityFix{id, upgrade.sourcePackage});
            }
        }
        sortFixes(fixes);
        answer(fixes);
    };
    if (job->queries.isEmpty())
        job->done();
    else
        runOsvBatch(job);
}

void SecurityData::runOsvBatch(std::shared_ptr<OsvJob> job)
{
    if (job->next >= job->queries.size()) {
        saveOsvCache();
        job->done();
        return;
    }
    job->collected.clear();
    sendOsvPage(job, job->queries.mid(job->next, kOsvMaxQueriesPerBatch), 1);
}

void SecurityData::sendOsvPage(std::shared_ptr<OsvJob> job, QList<OsvQuery> page, int pageNumber)
{
    const QByteArray body = osvBatchRequest(page);
    send(osvUrl(), body, kOsvCap, [this, job, page, pageNumber](const Body &answer) {
        const std::optional<QList<OsvResult>> results =
            answer ? parseOsvBatchResponse(*answer, page.size()) : std::nullopt;
        if (!results) {
            if (answer)
                qCWarning(lcSecurity) << "OSV's answer is not a querybatch answer";
            // What is left is answered from older copies, or not at all.
            saveOsvCache();
            job->done();
            return;
        }
        QList<OsvQuery> more;
        for (qsizetype i = 0; i < page.size(); ++i) {
            QStringList &ids = job->collected[page[i].key()];
            for (const QString &id : (*results)[i].ids) {
                if (!ids.contains(id))
                    ids.append(id);
            }
            if (!(*results)[i].nextPageToken.isEmpty()) {
                OsvQuery next = page[i];
                next.pageToken = (*results)[i].nextPageToken;
                more.append(next);
            }
        }
        if (!more.isEmpty()) {
            if (pageNumber >= kOsvMaxPages) {
                qCWarning(lcSecurity) << "OSV keeps paging; giving up after" << pageNumber << "pages";
                saveOsvCache();
                job->done();
                return;
            }
            sendOsvPage(job, more, pageNumber + 1);
            return;
        }
        // The batch is complete: only now do its answers replace older ones.
        const QDateTime now = m_clock.now();
        const QList<OsvQuery> batch = job->queries.mid(job->next, kOsvMaxQueriesPerBatch);
        for (const OsvQuery &query : batch)
            m_osv.insert(query.key(), OsvEntry{job->collected.value(query.key()), now});
        job->next += batch.size();
        runOsvBatch(job);
    });
}

void SecurityData::loadOsvCache()
{
    if (m_osvLoaded)
        return;
    m_osvLoaded = true;
    mergeOsvCopy();
}

// Takes each answer of the file that is newer than the one held: another program (the desktop and
// the daemon share the folder) may have asked other questions since this one last read it.
void SecurityData::mergeOsvCopy()
{
    const std::optional<SecurityCache::Entry> copy = m_cache.read(osvUrl().toString());
    if (!copy)
        return;
    const QJsonObject answers = QJsonDocument::fromJson(copy->body).object();
    for (auto it = answers.begin(); it != answers.end(); ++it) {
        const QJsonObject entry = it.value().toObject();
        const QDateTime fetched =
            QDateTime::fromString(entry.value(QLatin1String("fetched")).toString(), Qt::ISODateWithMs);
        if (!fetched.isValid())
            continue;
        if (const auto held = m_osv.constFind(it.key()); held != m_osv.constEnd() && held->fetched >= fetched)
            continue;
        QStringList ids;
        for (const QJsonValue &id : entry.value(QLatin1String("ids")).toArray())
            ids.append(id.toString());
        m_osv.insert(it.key(), OsvEntry{ids, fetched});
    }
}

void SecurityData::saveOsvCache()
{
    mergeOsvCopy();
    const QDateTime now = m_clock.now();
    QJsonObject answers;
    for (auto it = m_osv.begin(); it != m_osv.end();) {
        if (it->fetched.msecsTo(now) > kOsvKeepMs) {
            it = m_osv.erase(it);
            continue;
        }
        answers.insert(it.key(), QJsonObject{{QStringLiteral("fetched"),
                                              it->fetched.toUTC().toString(Qt::ISODateWithMs)},
                                             {QStringLiteral("ids"), QJsonArray::fromStringList(it->ids)}});
        ++it;
    }
    if (!m_cache.write(osvUrl().toString(), QJsonDocument(answers).toJson(QJsonDocument::Compact), now))
        qCWarning(lcSecurity) << "cannot keep OSV's answers in" << m_cache.dir();
}

// ---- HTTP -----------------------------------------------------------------------------------------

void SecurityData::send(const QUrl &url, const QByteArray &postBody, qint64 cap,
                        std::function<void(Body)> done)
{
    QNetworkRequest request(url);
    request.setAttribute(QNetworkRequest::CacheLoadControlAttribute, QNetworkRequest::AlwaysNetwork);
    request.setTransferTimeout(m_options.timeoutMs);
    request.setHeader(QNetworkRequest::UserAgentHeader, QByteArray("rebuildradar/" REBUILDRADAR_VERSION));
    QNetworkReply *reply = nullptr;
    if (postBody.isNull()) {
        reply = m_network->get(request);
    } else {
        request.setHeader(QNetworkRequest::ContentTypeHeader, QByteArray("application/json"));
        reply = m_network->post(request, postBody);
    }
    // The transfer timeout only notices silence; a body that trickles in is ended by this.
    auto *deadline = new QTimer(reply);
    deadline->setSingleShot(true);
    connect(deadline, &QTimer::timeout, reply, [reply] { reply->abort(); });
    deadline->start(m_options.timeoutMs);
    connect(reply, &QNetworkReply::downloadProgress, reply, [reply, cap](qint64 received, qint64) {
        if (received > cap)
            reply->abort();
    });
    connect(reply, &QNetworkReply::finished, this, [reply, url, done = std::move(done)] {
        reply->deleteLater();
        const int status = reply->attribute(QNetworkRequest::HttpStatusCodeAttribute).toInt();
        if (reply->error() != QNetworkReply::NoError || status != 200) {
            qCWarning(lcSecurity) << "security data unavailable from" << url.toString(QUrl::RemoveQuery)
                                  << status << reply->errorString();
            done(std::nullopt);
            return;
        }
        done(reply->readAll());
    });
}

} // namespace RebuildRadar
