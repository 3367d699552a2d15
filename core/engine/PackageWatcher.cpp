// One analysis at a time keeps the cost of a burst of rebuilds (a whole family rebuilt at once) to one
// download stream; each result is stored as it comes, so nothing is lost if the program stops.
#include "engine/PackageWatcher.h"

namespace RebuildRadar {

PackageWatcher::PackageWatcher(PackageResults &results, const Clock &clock, Analyse analyse, QObject *parent)
    : QObject(parent)
    , m_results(results)
    , m_clock(clock)
    , m_analyse(std::move(analyse))
{
    // Passing failures become due after PackageResults::kRetryAfterMs; looking a few times as often is
    // enough, and costs one short transaction.
    m_retry.setInterval(int(PackageResults::kRetryAfterMs / 4));
    connect(&m_retry, &QTimer::timeout, this, &PackageWatcher::kick);
    m_retry.start();
}

bool PackageWatcher::isPermanent(const Error &error)
{
    switch (error.code) {
    case ErrorCode::TooLarge:
    case ErrorCode::NotFound:
    case ErrorCode::InvalidInput:
    case ErrorCode::Protocol:
    case ErrorCode::DigestMismatch:
        return true;
    default:
        return false;
    }
}

void PackageWatcher::kick()
{
    if (!m_running)
        claimMore();
}

void PackageWatcher::claimMore()
{
    auto claimed = m_results.claim(m_clock.nowMs() - kLookBackMs, kBatch);
    if (!claimed) {
        emit failed(claimed.error());
        return;
    }
    m_queue = *claimed;
    if (m_queue.isEmpty())
        return;
    m_running = true;
    runNext();
}

void PackageWatcher::runNext()
{
    if (m_queue.isEmpty()) {
        m_running = false;
        // A full batch may have left more behind.
        claimMore();
        return;
    }
    const PackageWork work = m_queue.takeFirst();
    m_analyse(work, this, [this, work](Result<PackageAnalysis> result) {
        Status saved = Ok{};
        if (result) {
            PackageAnalysis analysis = *result;
            analysis.platform = work.platform;
            saved = m_results.saveAnalysis(work.rebuildId, analysis);
        } else {
            saved = m_results.saveFailure(work.rebuildId, work.platform, result.error().message,
                                          isPermanent(result.error()));
        }
        if (!saved)
            emit failed(saved.error());
        else
            emit analysed(work.tagId, work.rebuildId);
        QMetaObject::invokeMethod(this, &PackageWatcher::runNext, Qt::QueuedConnection);
    });
}

} // namespace RebuildRadar
