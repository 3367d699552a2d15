#include "poll/FamilyWatcher.h"

#include "reference/ImageReference.h"
#include "registry/RegistryClient.h"
#include "store/HistoryStore.h"

namespace RebuildRadar {

FamilyWatcher::FamilyWatcher(HistoryStore &store, RegistryClient &client, const Clock &clock, QObject *parent)
    : QObject(parent)
    , m_store(store)
    , m_client(client)
    , m_clock(clock)
{
    m_timer.setSingleShot(true);
    connect(&m_timer, &QTimer::timeout, this, &FamilyWatcher::tick);
}

Result<QRegularExpression> FamilyWatcher::compile(const QString &pattern)
{
    if (pattern.isEmpty() || pattern.size() > 1000)
        return makeError(ErrorCode::InvalidInput,
                         QStringLiteral("a tag pattern must be 1 to 1000 characters"));
    QRegularExpression re(QRegularExpression::anchoredPattern(pattern));
    if (!re.isValid())
        return makeError(ErrorCode::InvalidInput,
                         QStringLiteral("invalid tag pattern \"%1\" at offset %2: %3")
                             .arg(pattern)
                             .arg(re.patternErrorOffset())
                             .arg(re.errorString()));
    return re;
}

QString FamilyWatcher::moreSpecificPattern(const QString &version)
{
    return QRegularExpression::escape(version) + QStringLiteral("([.-].+)?");
}

void FamilyWatcher::sync(qint64 familyId, int tagIntervalSeconds, QObject *context, Callback callback)
{
    auto families = m_store.families();
    if (!families) {
        callback(families.error());
        return;
    }
    const auto it = std::find_if(families->begin(), families->end(),
                                 [familyId](const auto &f) { return f.id == familyId; });
    if (it == families->end()) {
        callback(makeError(ErrorCode::InvalidInput, QStringLiteral("no family %1").arg(familyId)));
        return;
    }
    const HistoryStore::Family family = *it;
    auto re = compile(family.pattern);
    auto repository = ImageReference::parse(family.registry + u'/' + family.repository);
    if (!re || !repository) {
        callback(!re ? re.error() : repository.error());
        return;
    }
    m_inFlight.insert(familyId);
    QPointer<QObject> guard(context);
    m_client.listTags(
        *repository, this,
        [this, family, re = *re, tagIntervalSeconds, guard, callback](Result<QStringList> tags) {
            m_inFlight.remove(family.id);
            if (!guard)
                return;
            if (!tags) {
                callback(tags.error());
                return;
            }
            QStringList matching;
            for (const QString &tag : *tags) {
                if (re.match(tag).hasMatch())
                    matching.append(tag);
            }
            callback(m_store.syncFamily(family.id, matching, tagIntervalSeconds, m_clock.nowMs()));
        });
}

void FamilyWatcher::start()
{
    m_running = true;
    arm();
}

void FamilyWatcher::stop()
{
    m_running = false;
    m_timer.stop();
}

void FamilyWatcher::tick()
{
    auto families = m_store.families();
    if (!families) {
        emit failed(families.error().message);
        return;
    }
    const qint64 now = m_clock.nowMs();
    for (const auto &f : *families) {
        if (m_inFlight.contains(f.id) ||
            (f.lastListed && *f.lastListed + qint64(familyInterval(f.intervalSeconds)) * 1000 > now))
            continue;
        sync(f.id, f.intervalSeconds, this, [this, id = f.id](Result<QStringList> added) {
            if (!added)
                emit failed(added.error().message);
            else if (!added->isEmpty())
                emit newTags(id, *added);
            arm();
        });
    }
    arm();
}

void FamilyWatcher::arm()
{
    if (!m_running)
        return;
    auto families = m_store.families();
    if (!families || families->isEmpty())
        return;
    qint64 earliest = std::numeric_limits<qint64>::max();
    for (const auto &f : *families) {
        if (!m_inFlight.contains(f.id))
            earliest = std::min(earliest, f.lastListed ? *f.lastListed +
                                                             qint64(familyInterval(f.intervalSeconds)) * 1000
                                                       : m_clock.nowMs());
    }
    if (earliest != std::numeric_limits<qint64>::max())
        m_timer.start(int(std::clamp<qint64>(earliest - m_clock.nowMs(), 0, 24LL * 3600 * 1000)));
}

} // namespace RebuildRadar
