// Tag listing with Link pagination (distribution's `?n=&last=` pages): each page is one authorized GET
// through the transport; pages are followed only on the same host and port, and no further than
// maxTagPages pages or maxTags tags.
#include "registry/TagList.h"

#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QPointer>

#include <memory>

namespace RebuildRadar {

namespace {
void fetchPage(RegistryTransport &transport, const RegistryClientOptions &options,
               const ImageReference &repository, const QUrl &url, std::shared_ptr<QStringList> tags, int page,
               QObject *context, TagListCallback callback)
{
    RegistryRequest request;
    request.registry = repository.registry();
    request.repository = repository.repository();
    request.url = url;
    request.accept = "application/json";
    request.cap = options.manifestCap;
    QPointer<QObject> guard(context);
    transport.send(
        std::move(request), context,
        [&transport, &options, repository, tags, page, guard, callback](Result<RegistryResponse> response) {
            if (!response) {
                callback(response.error());
                return;
            }
            QJsonParseError parseError;
            const QJsonDocument document = QJsonDocument::fromJson(response->body, &parseError);
            if (parseError.error != QJsonParseError::NoError || !document.isObject()) {
                callback(makeError(ErrorCode::Protocol,
                                   QStringLiteral("malformed tag list from %1").arg(repository.registry())));
                return;
            }
            for (const QJsonValue &tag : document.object().value(QStringLiteral("tags")).toArray()) {
                if (tag.isString())
                    tags->append(tag.toString());
            }
            const QUrl next = nextLink(response->header("Link"), response->url);
            if (next.isEmpty() || page + 1 >= options.maxTagPages || tags->size() >= options.maxTags) {
                tags->removeDuplicates();
                callback(*tags);
                return;
            }
            // Pagination stays on the registry: a Link elsewhere is ignored.
            if (RegistryTransport::authority(next) != RegistryTransport::authority(response->url)) {
                callback(*tags);
                return;
            }
            fetchPage(transport, options, repository, next, tags, page + 1, guard, callback);
        });
}
} // namespace

void fetchTagList(RegistryTransport &transport, const RegistryClientOptions &options,
                  const ImageReference &repository, QObject *context, TagListCallback callback)
{
    QUrl url = transport.baseUrl(repository.registry());
    url.setPath(QStringLiteral("/v2/%1/tags/list").arg(repository.repository()));
    url.setQuery(QStringLiteral("n=1000"));
    fetchPage(transport, options, repository, url, std::make_shared<QStringList>(), 0, context,
              std::move(callback));
}

} // namespace RebuildRadar
