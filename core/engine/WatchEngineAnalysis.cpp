// The engine's part in finding out what changed inside each rebuild (issue 21): the security data, the
// analyzer and the background watcher it composes, and the rule that holds a rebuild's notice while its
// analysis runs (at most WatchEngine::kAnalysisWaitMs), so the notice can say what changed.
#include "engine/WatchEngine.h"

#include "store/Database.h"

#include "engine/Announcer.h"
#include "engine/ChannelHub.h"
#include "engine/PackageWatcher.h"
#include "security/SecurityData.h"
#include "store/NoticeOutbox.h"
#include "store/PackageResults.h"

namespace RebuildRadar {

EngineConfig EngineConfig::fromSettings(const SharedSettings &settings)
{
    EngineConfig config;
    config.checkDeadlineMs = settings.checkTimeoutSeconds * 1000;
    config.rolloutWindowMs = settings.rolloutWindowMs();
    config.announceIndexOnly = settings.notifyIndexOnly;
    config.analysis.byteBudget = settings.analysisBudgetBytes();
    config.security = SecurityDataOptions::fromSettings(settings);
    return config;
}

EngineConfig EngineConfig::forDesktop(const QString &location, const SharedSettings &settings)
{
    EngineConfig config = fromSettings(settings);
    config.databasePath = location;
    config.pollRegistries = !Database::isPostgresLocation(location) || settings.desktopPollsTeamHistory;
    return config;
}

QString EngineConfig::consumerFor(const QString &user) const
{
    return personalConsumer ? Database::personalConsumer(consumer, user) : consumer;
}

void WatchEngine::openPackageAnalysis(const EngineConfig &config)
{
    m_security = std::make_unique<SecurityData>(m_network.get(), m_clock, config.security);
    m_analyzer = std::make_unique<PackageAnalyzer>(*m_client, m_security.get(), config.analysis);
    m_packageResults = std::make_unique<PackageResults>(*m_db, [this] { return m_clock.nowMs(); });
    auto analyse = [this](const PackageWork &work, QObject *context, PackageWatcher::AnalysisCallback done) {
        auto reference = ImageReference::parse(work.reference);
        if (!reference) {
            QTimer::singleShot(0, context, [done, error = reference.error()] { done(error); });
            return;
        }
        m_analyzer->analyse(*reference, work.from, work.to, work.platform, context, std::move(done));
    };
    m_packages = std::make_unique<PackageWatcher>(*m_packageResults, m_clock, analyse);
    connect(m_packages.get(), &PackageWatcher::failed, this, &WatchEngine::failed);
    connect(m_packages.get(), &PackageWatcher::analysed, this, [this](qint64 tagId, qint64 rebuildId) {
        emit packagesAnalysed(tagId, rebuildId);
        // a notice held for this analysis can say what changed now
        m_announcer->deliverWaiting();
        if (m_channels)
            m_channels->deliverWaiting();
    });
    auto hold = [this](const QueuedNotice &notice) { return holdForAnalysis(notice); };
    m_announcer->setHoldBack(hold);
    if (m_channels)
        m_channels->setHoldBack(hold);
    // rebuilds recorded while no program ran (or whose analysis failed for a passing reason)
    QTimer::singleShot(0, m_packages.get(), [this] { m_packages->kick(); });
}

bool WatchEngine::holdForAnalysis(const QueuedNotice &notice)
{
    if (notice.kind == QStringLiteral("closed"))
        return false; // about a rollout's end, not a new image
    const qint64 waited = m_clock.nowMs() - notice.createdAt;
    if (waited >= kAnalysisWaitMs)
        return false;
    auto settled = m_packageResults->settled(notice.rebuildId);
    if (!settled || *settled)
        return false;
    const qint64 left = kAnalysisWaitMs - waited;
    if (!m_releaseHeld->isActive() || m_releaseHeld->remainingTime() > left)
        m_releaseHeld->start(int(left));
    return true;
}

} // namespace RebuildRadar
