// Listing a repository's tags: `/v2/<name>/tags/list` page by page, following Link headers while they
// stay on the registry, within the options' page and tag limits.
#pragma once

#include "common/Result.h"
#include "reference/ImageReference.h"
#include "registry/RegistryTransport.h"

#include <QStringList>

#include <functional>

namespace RebuildRadar {

using TagListCallback = std::function<void(Result<QStringList>)>;
// Reports every tag of `repository`, duplicates removed, unless `context` (when given) is gone by then.
void fetchTagList(RegistryTransport &transport, const RegistryClientOptions &options,
                  const ImageReference &repository, QObject *context, TagListCallback callback);

} // namespace RebuildRadar
