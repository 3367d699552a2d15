// The user's edits of the watchlist through the engine: watching, removing and editing tags and
// families, muting, acknowledging rollouts. Each edit is written, then the poller and the shown
// watchlist follow it.

#include "engine/WatchEngine.h"

#include "poll/FamilyWatcher.h"
#include "poll/Poller.h"
#include "reference/ImageReference.h"
#include "store/HistoryStore.h"

namespace RebuildRadar {

void WatchEngine::addWatches(const QStringList &references, int intervalSeconds, const QStringList &platforms,
                             bool keepExisting)
{
    if (!m_store)
        return;
    QList<WatchRequest> requests;
    for (const QString &text : references) {
        auto ref = ImageReference::parse(text);
        if (!ref) {
            emit failed(ref.error());
            return;
        }
        requests.append(WatchRequest{
            *ref, intervalSeconds > 0 ? std::optional<int>(intervalSeconds) : std::nullopt,
            platforms.isEmpty() ? std::nullopt : std::optional<QStringList>(platforms), 0, keepExisting});
    }
    if (auto ok = m_store->addWatches(requests); !ok) {
        emit failed(ok.error());
        return;
    }
    m_poller->reload();
    publishWatchlist();
}

void WatchEngine::addFamily(const QString &repository, const QString &pattern, int intervalSeconds)
{
    if (!m_store)
        return;
    auto ref = ImageReference::parse(repository);
    auto re = FamilyWatcher::compile(pattern);
    if (!ref || !re) {
        emit failed(!ref ? ref.error() : re.error());
        return;
    }
    auto family = m_store->addFamily(ref->registry(), ref->repository(), pattern, intervalSeconds);
    if (!family) {
        emit failed(family.error());
        return;
    }
    m_families->sync(*family, intervalSeconds, this, [this](Result<QStringList> added) {
        if (!added) {
            emit failed(added.error());
            return;
        }
        m_poller->reload();
        publishWatchlist();
        emit familyTagsAdded(*added);
    });
}

void WatchEngine::removeWatches(const QStringList &references)
{
    if (!m_store)
        return;
    if (auto ok = m_store->removeWatches(references); !ok) {
        emit failed(ok.error());
        return;
    }
    m_poller->reload();
    publishWatchlist();
}

void WatchEngine::editWatch(qint64 tagId, int intervalSeconds, const QStringList &platforms, bool muted)
{
    if (!m_store)
        return;
    auto tag = m_store->tagById(tagId);
    if (!tag || !tag->has_value()) {
        emit failed(!tag ? tag.error()
                         : Error{ErrorCode::InvalidInput, tr("the image is no longer watched")});
        return;
    }
    auto ref = ImageReference::parse((*tag)->reference);
    if (!ref) {
        emit failed(ref.error());
        return;
    }
    const WatchRequest request{*ref, intervalSeconds > 0 ? std::optional<int>(intervalSeconds) : std::nullopt,
                               std::optional<QStringList>(platforms), 0, false};
    if (auto ok = m_store->addWatches({request}); !ok) {
        emit failed(ok.error());
        return;
    }
    if (auto ok = m_store->setMuted({tagId}, muted); !ok)
        emit failed(ok.error());
    m_poller->reload();
    publishWatchlist();
}

void WatchEngine::setMuted(qint64 tagId, bool muted)
{
    if (!m_store)
        return;
    if (auto ok = m_store->setMuted({tagId}, muted); !ok)
        emit failed(ok.error());
    m_poller->reload();
    publishWatchlist();
}

void WatchEngine::acknowledge(qint64 tagId, qint64 rebuildId)
{
    if (!m_store)
        return;
    if (auto ok = m_store->acknowledge({rebuildId}); !ok)
        emit failed(ok.error());
    publishRowsAround({tagId}); // its attention state
    requestHistory(tagId);
}

void WatchEngine::acknowledgeTag(qint64 tagId)
{
    if (!m_store)
        return;
    if (auto ok = m_store->acknowledgeTag(tagId); !ok)
        emit failed(ok.error());
    publishRowsAround({tagId});
    requestHistory(tagId);
}

} // namespace RebuildRadar
