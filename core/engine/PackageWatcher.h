#pragma once

// Finds out what changed inside each recorded rebuild, in the background (issue 21): after a rebuild
// is recorded (by this program or another on the same history), and now and then for analyses that
// failed for a passing reason, it claims the work from the store, has it analysed one platform at a
// time, and stores the result or why there is none. The analysis itself (registry, SBOMs, layers,
// security data) is given as a function, so this class knows no HTTP.

#include "common/Clock.h"
#include "common/Result.h"
#include "packages/PackageAnalysis.h"
#include "store/PackageResults.h"

#include <QObject>
#include <QTimer>

#include <functional>

namespace RebuildRadar {

class PackageWatcher : public QObject
{
    Q_OBJECT
public:
    using AnalysisCallback = std::function<void(Result<PackageAnalysis>)>;
    // Analyses one platform of one rebuild; calls back on this thread, never synchronously.
    using Analyse = std::function<void(const PackageWork &work, QObject *context, AnalysisCallback callback)>;

    static constexpr qint64 kLookBackMs = 30LL * 24 * 3600 * 1000; // older rebuilds are left alone
    static constexpr int kBatch = 4;                               // claimed at a time

    PackageWatcher(PackageResults &results, const Clock &clock, Analyse analyse, QObject *parent = nullptr);

    // Looks for work now (a rebuild was recorded); while busy, the end of the batch looks anyway.
    void kick();
    bool isIdle() const { return !m_running; }

    // Why an analysis failed decides whether it is tried again: a budget or an image without package
    // data stays as it is; the network, a login or a limit may pass.
    static bool isPermanent(const Error &error);

signals:
    void analysed(qint64 tagId, qint64 rebuildId);
    void failed(const RebuildRadar::Error &error);

private:
    void claimMore();
    void runNext();

    PackageResults &m_results;
    const Clock &m_clock;
    Analyse m_analyse;
    QList<PackageWork> m_queue;
    bool m_running = false;
    QTimer m_retry;
};

} // namespace RebuildRadar
