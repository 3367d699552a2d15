#include "registry/Backfill.h"

#include "common/Time.h"
#include "registry/RegistryClient.h"

#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>

namespace RebuildRadar {

namespace {
constexpr int kMaxQuayPages = 50;

QJsonValue either(const QJsonObject &o, const char *lower, const char *upper)
{
    const QJsonValue v = o.value(QLatin1String(lower));
    return v.isUndefined() ? o.value(QLatin1String(upper)) : v;
}
} // namespace

Result<QList<PastDigest>> parseChainguardHistory(const QByteArray &json)
{
    QJsonParseError error;
    const QJsonDocument doc = QJsonDocument::fromJson(json, &error);
    if (error.error != QJsonParseError::NoError || !doc.isObject() ||
        !doc.object().value(QStringLiteral("history")).isArray())
        return makeError(ErrorCode::Protocol, QStringLiteral("malformed Chainguard tag history"));
    QList<PastDigest> out;
    for (const QJsonValue &v : doc.object().value(QStringLiteral("history")).toArray()) {
        const QJsonObject o = v.toObject();
        // The API moved from UpdateTimestamp/Digest to updateTimestamp/digest; both are read.
        const QString digest = either(o, "digest", "Digest").toString();
        const auto at = parseIsoUtc(either(o, "updateTimestamp", "UpdateTimestamp").toString());
        if (!isValidDigest(digest) || !at)
            continue;
        out.append(PastDigest{digest, *at, std::nullopt});
    }
    std::sort(out.begin(), out.end(),
              [](const PastDigest &a, const PastDigest &b) { return a.from < b.from; });
    for (qsizetype i = 0; i + 1 < out.size(); ++i)
        out[i].until = out[i + 1].from;
    return out;
}

Result<QuayPage> parseQuayTags(const QByteArray &json, const QString &tag)
{
    QJsonParseError error;
    const QJsonDocument doc = QJsonDocument::fromJson(json, &error);
    if (error.error != QJsonParseError::NoError || !doc.isObject() ||
        !doc.object().value(QStringLiteral("tags")).isArray())
        return makeError(ErrorCode::Protocol, QStringLiteral("malformed Quay tag list"));
    QuayPage page;
    page.hasMore = doc.object().value(QStringLiteral("has_additional")).toBool();
    for (const QJsonValue &v : doc.object().value(QStringLiteral("tags")).toArray()) {
        const QJsonObject o = v.toObject();
        const QString digest = o.value(QStringLiteral("manifest_digest")).toString();
        if (o.value(QStringLiteral("name")).toString() != tag || !isValidDigest(digest) ||
            !o.contains(QStringLiteral("start_ts")))
            continue;
        PastDigest entry{digest, qint64(o.value(QStringLiteral("start_ts")).toDouble()) * 1000, std::nullopt};
        if (o.contains(QStringLiteral("end_ts")))
            entry.until = qint64(o.value(QStringLiteral("end_ts")).toDouble()) * 1000;
        page.entries.append(entry);
    }
    return page;
}

Result<PushTimes> parseDockerHubTag(const QByteArray &json, const QString &digest)
{
    QJsonParseError error;
    const QJsonDocument doc = QJsonDocument::fromJson(json, &error);
    if (error.error != QJsonParseError::NoError || !doc.isObject())
        return makeError(ErrorCode::Protocol, QStringLiteral("malformed Docker Hub tag answer"));
    const QJsonObject o = doc.object();
    QMap<QString, qint64> platforms;
    for (const QJsonValue &v : o.value(QStringLiteral("images")).toArray()) {
        const QJsonObject image = v.toObject();
        const QString manifest = image.value(QStringLiteral("digest")).toString();
        const auto at = parseIsoUtc(image.value(QStringLiteral("last_pushed")).toString());
        if (isValidDigest(manifest) && at)
            platforms.insert(manifest, *at);
    }
    PushTimes times;
    if (o.value(QStringLiteral("digest")).toString() == digest) {
        times.pushedAt = parseIsoUtc(o.value(QStringLiteral("tag_last_pushed")).toString());
        times.platformPushedAt = platforms;
    } else if (platforms.contains(digest)) {
        times.pushedAt = platforms.value(digest); // a single-platform tag: its manifest is the image
    }
    return times;
}

Backfiller::Backfiller(RegistryClient &client, QMap<QString, QString> sources, QObject *parent)
    : QObject(parent)
    , m_client(client)
    , m_sources(std::move(sources))
{
    m_sources.insert(QStringLiteral("cgr.dev"), BackfillSource::Chainguard);
    m_sources.insert(QStringLiteral("quay.io"), BackfillSource::Quay);
    m_sources.insert(QStringLiteral("docker.io"), BackfillSource::DockerHub);
}

QString Backfiller::sourceFor(const QString &registry) const
{
    return m_sources.value(registry);
}

bool Backfiller::publishesHistory(const QString &registry) const
{
    const QString source = sourceFor(registry);
    return source == BackfillSource::Chainguard || source == BackfillSource::Quay;
}

bool Backfiller::knowsPushTimes(const QString &registry) const
{
    return !sourceFor(registry).isEmpty();
}

void Backfiller::pushTimes(const ImageReference &tag, const QString &digest, QObject *context,
                           PushCallback callback)
{
    if (sourceFor(tag.registry()) == BackfillSource::DockerHub) {
        // Docker Hub's API lives beside its registry; a test server answers both on one host.
        QString path =
            QStringLiteral("/v2/namespaces/%1/repositories/%2/tags/%3")
                .arg(tag.repository().section(u'/', 0, 0), tag.repository().section(u'/', 1), tag.tag());
        if (tag.registry() == u"docker.io")
            path.prepend(QStringLiteral("https://hub.docker.com"));
        m_client.get(tag, path, context, [digest, callback](Result<QByteArray> body) {
            if (!body)
                callback(body.error());
            else
                callback(parseDockerHubTag(*body, digest));
        });
        return;
    }
    // A published tag history: the newest entry for that digest is when it was pushed. A new digest is
    // among the newest entries, which Quay lists first: one page is enough.
    fetchHistory(tag, 1, context, [digest, callback](Result<QList<PastDigest>> past) {
        if (!past) {
            callback(past.error());
            return;
        }
        PushTimes times;
        for (const PastDigest &entry : std::as_const(*past)) {
            if (entry.digest == digest)
                times.pushedAt = entry.from;
        }
        callback(times);
    });
}

void Backfiller::fetch(const ImageReference &tag, QObject *context, Callback callback)
{
    fetchHistory(tag, kMaxQuayPages, context, std::move(callback));
}

void Backfiller::fetchHistory(const ImageReference &tag, int maxPages, QObject *context, Callback callback)
{
    const QString source = sourceFor(tag.registry());
    if (source == BackfillSource::Chainguard) {
        m_client.get(tag, QStringLiteral("/v2/%1/_chainguard/history/%2").arg(tag.repository(), tag.tag()),
                     context, [callback](Result<QByteArray> body) {
                         if (!body) {
                             callback(body.error());
                             return;
                         }
                         callback(parseChainguardHistory(*body));
                     });
        return;
    }
    if (source == BackfillSource::Quay) {
        fetchQuayPage(tag, 1, maxPages, std::make_shared<QList<PastDigest>>(), context, std::move(callback));
        return;
    }
    callback(
        makeError(ErrorCode::NotFound, QStringLiteral("%1 publishes no tag history").arg(tag.registry())));
}

void Backfiller::fetchQuayPage(const ImageReference &tag, int page, int maxPages,
                               std::shared_ptr<QList<PastDigest>> all, QObject *context, Callback callback)
{
    const QString path =
        QStringLiteral("/api/v1/repository/%1/tag/?specificTag=%2&onlyActiveTags=false&limit=100&page=%3")
            .arg(tag.repository(), tag.tag())
            .arg(page);
    QPointer<QObject> guard(context);
    m_client.get(tag, path, context,
                 [this, tag, page, maxPages, all, guard, callback](Result<QByteArray> body) {
                     if (!body) {
                         callback(body.error());
                         return;
                     }
                     auto parsed = parseQuayTags(*body, tag.tag());
                     if (!parsed) {
                         callback(parsed.error());
                         return;
                     }
                     all->append(parsed->entries);
                     if (parsed->hasMore && page < maxPages && guard) {
                         fetchQuayPage(tag, page + 1, maxPages, all, guard, callback);
                         return;
                     }
                     std::sort(all->begin(), all->end(),
                               [](const PastDigest &a, const PastDigest &b) { return a.from < b.from; });
                     for (qsizetype i = 0; i + 1 < all->size(); ++i) {
                         if (!(*all)[i].until)
                             (*all)[i].until = (*all)[i + 1].from;
                     }
                     callback(*all);
                 });
}

} // namespace RebuildRadar
