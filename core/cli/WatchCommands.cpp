#include "cli/WatchCommands.h"

#include "cli/ArgParser.h"
#include "common/Duration.h"
#include "common/PlatformList.h"
#include "export/JsonShapes.h"
#include "poll/FamilyWatcher.h"
#include "reference/ImageReference.h"
#include "store/HistoryStore.h"

#include <QJsonArray>
#include <QJsonDocument>

namespace RebuildRadar {

void WatchAddCommand::run(const ParsedArgs &args)
{
    if (args.positionals.isEmpty()) {
        m_cli.usageError(tr("watch add needs at least one reference"));
        return;
    }
    if (args.has(QStringLiteral("--tags"))) {
        runFamily(args);
        return;
    }
    std::optional<int> interval;
    if (args.has(QStringLiteral("--every"))) {
        auto d = parseDuration(args.value(QStringLiteral("--every")));
        if (!d) {
            m_cli.usageError(d.error().message);
            return;
        }
        interval = *d;
    }
    std::optional<QStringList> platforms;
    if (args.has(QStringLiteral("--platforms"))) {
        auto p = parsePlatforms(args.value(QStringLiteral("--platforms")));
        if (!p) {
            m_cli.usageError(p.error().message);
            return;
        }
        platforms = *p;
    }
    QList<WatchRequest> requests;
    QStringList problems;
    for (const QString &text : args.positionals) {
        auto ref = ImageReference::parse(text);
        if (!ref) {
            problems.append(ref.error().message);
            continue;
        }
        if (!ref->hasTag()) {
            problems.append(tr("%1 names a digest only; a digest never changes, watch a tag (name:tag@digest "
                               "keeps the digest as your pin)")
                                .arg(text));
            continue;
        }
        requests.append(WatchRequest{*ref, interval, platforms, 0});
    }
    if (!problems.isEmpty()) {
        for (const QString &p : problems)
            m_cli.printError(p);
        m_cli.err() << tr("nothing was added") << Qt::endl;
        m_cli.finish(ExitCode::Usage);
        return;
    }
    if (!m_cli.openStore())
        return;
    if (auto ok = m_cli.store()->addWatches(requests); !ok) {
        m_cli.usageError(ok.error().message);
        return;
    }
    for (const WatchRequest &r : requests) {
        auto stored = m_cli.store()->tag(r.reference.tagReference());
        const int every = stored && stored->has_value() ? (*stored)->intervalSeconds
                                                        : HistoryStore::kDefaultIntervalSeconds;
        m_cli.out() << tr("watching %1 every %2").arg(r.reference.tagReference(), formatDuration(every))
                    << Qt::endl;
    }
    m_cli.finish(ExitCode::Done);
}

void WatchAddCommand::runFamily(const ParsedArgs &args)
{
    if (args.positionals.size() != 1) {
        m_cli.usageError(tr("watch add --tags takes exactly one repository"));
        return;
    }
    const QString text = args.positionals.first();
    auto ref = ImageReference::parse(text);
    if (!ref) {
        m_cli.usageError(ref.error().message);
        return;
    }
    const bool namedTag = ref->hasDigest() || text.section(u'/', -1).contains(u':');
    if (namedTag) {
        m_cli.usageError(
            tr("%1: give a repository without a tag or digest; --tags chooses the tags").arg(text));
        return;
    }
    const QString pattern = args.value(QStringLiteral("--tags"));
    if (auto re = FamilyWatcher::compile(pattern); !re) {
        m_cli.usageError(re.error().message);
        return;
    }
    int every = HistoryStore::kDefaultIntervalSeconds;
    if (args.has(QStringLiteral("--every"))) {
        auto d = parseDuration(args.value(QStringLiteral("--every")));
        if (!d) {
            m_cli.usageError(d.error().message);
            return;
        }
        every = *d;
    }
    if (!m_cli.openStore())
        return;
    auto family = m_cli.store()->addFamily(ref->registry(), ref->repository(), pattern, every);
    if (!family) {
        m_cli.usageError(family.error().message);
        return;
    }
    auto *watcher = new FamilyWatcher(*m_cli.store(), m_cli.client(), m_cli.clock(), &m_cli);
    const QString name = ref->name();
    watcher->sync(*family, every, &m_cli, [this, name, pattern](Result<QStringList> added) {
        if (!added) {
            m_cli.printError(
                tr("%1: cannot list tags: %2 (the family is kept and listed again by the daemon)")
                    .arg(name, added.error().message));
            m_cli.finish(ExitCode::Partial);
            return;
        }
        m_cli.printLine(
            tr("watching the family %1 /%2/: %n new tag(s)", nullptr, int(added->size())).arg(name, pattern));
        for (const QString &reference : *added)
            m_cli.printLine(QStringLiteral("  ") + reference);
        m_cli.finish(ExitCode::Done);
    });
}

void WatchRemoveCommand::run(const ParsedArgs &args)
{
    if (args.positionals.isEmpty()) {
        m_cli.usageError(tr("watch remove needs at least one reference"));
        return;
    }
    const auto references = m_cli.tagReferences(args.positionals);
    if (!references || !m_cli.openStore())
        return;
    const QStringList &keys = *references;
    if (auto ok = m_cli.store()->removeWatches(keys); !ok) {
        m_cli.usageError(ok.error().message + tr("; nothing was removed"));
        return;
    }
    for (const QString &k : keys)
        m_cli.out() << tr("stopped watching %1 (its history is kept)").arg(k) << Qt::endl;
    m_cli.finish(ExitCode::Done);
}

void WatchMuteCommand::run(const ParsedArgs &args)
{
    if (args.positionals.isEmpty()) {
        m_cli.usageError(m_mute ? tr("watch mute needs at least one reference")
                                : tr("watch unmute needs at least one reference"));
        return;
    }
    const auto references = m_cli.tagReferences(args.positionals);
    if (!references || !m_cli.openStore())
        return;
    const QStringList &keys = *references;
    // all or nothing: every reference is known before any is changed
    const auto ids = m_cli.watchedTagIds(keys, tr("%1 is not watched; nothing was changed"));
    if (!ids)
        return;
    if (auto ok = m_cli.store()->setMuted(*ids, m_mute); !ok) {
        m_cli.usageError(ok.error().message);
        return;
    }
    for (const QString &key : keys)
        m_cli.printLine(m_mute ? tr("muted %1: still checked and recorded, never announced").arg(key)
                               : tr("unmuted %1").arg(key));
    m_cli.finish(ExitCode::Done);
}

void WatchListCommand::run(const ParsedArgs &args)
{
    if (!m_cli.openStore(CliContext::StoreUse::Read))
        return;
    auto tags = m_cli.store()->watchlist();
    if (!tags) {
        m_cli.usageError(tags.error().message);
        return;
    }
    if (args.has(QStringLiteral("--json"))) {
        QJsonArray array;
        for (const WatchedTag &t : *tags)
            array.append(watchedTagJson(t));
        m_cli.out() << QJsonDocument(array).toJson(QJsonDocument::Indented);
    } else {
        for (const WatchedTag &t : *tags) {
            QString line = QStringList{familiarOf(t.reference),
                                       tagStatusName(t.status),
                                       CliText::digest(t.currentDigest),
                                       tr("every %1").arg(formatDuration(t.intervalSeconds)),
                                       tr("checked %1").arg(CliText::when(t.lastChecked)),
                                       tr("%n rebuild(s)", nullptr, t.rebuildCount)}
                               .join(QStringLiteral("  "));
            if (!t.lastError.isEmpty())
                line += QStringLiteral("  (%1)").arg(t.lastError);
            m_cli.printLine(line);
        }
    }
    m_cli.finish(ExitCode::Done);
}

} // namespace RebuildRadar
