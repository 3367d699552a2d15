#include "cli/DiffCommand.h"

#include "analysis/PackageAnalyzer.h"
#include "cli/ArgParser.h"
#include "packages/PackageDiffJson.h"
#include "reference/ImageReference.h"
#include "registry/RegistryClient.h"
#include "store/HistoryStore.h"

#include <QJsonDocument>
#include <QLocale>
#include <QRegularExpression>

namespace RebuildRadar {

namespace {

bool isDigest(const QString &text)
{
    static const QRegularExpression digest(QStringLiteral("^sha256:[0-9a-f]{64}$"));
    return digest.match(text).hasMatch();
}

} // namespace

void DiffCommand::run(const ParsedArgs &args)
{
    if (args.positionals.isEmpty() || args.positionals.size() > 3) {
        m_cli.usageError(tr("diff needs a reference and, optionally, the old and the new digest"));
        return;
    }
    m_json = args.has(QStringLiteral("--json"));
    auto ref = ImageReference::parse(args.positionals.first());
    if (!ref) {
        m_cli.usageError(ref.error().message);
        return;
    }
    const QStringList digests = args.positionals.mid(1);
    for (const QString &digest : digests) {
        if (!isDigest(digest)) {
            m_cli.usageError(tr("%1 is not a digest (sha256: and 64 lowercase hex digits)").arg(digest));
            return;
        }
    }
    QString platform = args.value(QStringLiteral("--platform"));
    if (args.has(QStringLiteral("--platform")) &&
        !QRegularExpression(QStringLiteral("^[a-z0-9_.-]+/[a-z0-9_.-]+(/[a-z0-9_.-]+)?$"))
             .match(platform)
             .hasMatch()) {
        m_cli.usageError(tr("%1 is not a platform (os/architecture[/variant])").arg(platform));
        return;
    }
    if (digests.size() == 2) {
        analyse(*ref, digests[0], digests[1], platform); // no database: works for any reference
        return;
    }
    if (!ref->hasTag()) {
        m_cli.usageError(tr("%1 is not a tag reference; give both digests to compare two images of it")
                             .arg(args.positionals.first()));
        return;
    }
    if (digests.size() == 1) {
        // OLD against what the tag points to now.
        ResolveHints hints;
        hints.digestsOnly = true;
        m_cli.client().resolve(
            *ref, hints, &m_cli, [this, ref = *ref, from = digests[0], platform](Result<TagState> state) {
                if (!state) {
                    m_cli.printError(ref.familiar() + QStringLiteral(": ") + state.error().message);
                    m_cli.finish(ExitCode::Partial);
                    return;
                }
                analyse(ref, from, state->digest, platform);
            });
        return;
    }
    if (!m_cli.openStore(CliContext::StoreUse::Read))
        return;
    auto tag = m_cli.store()->tag(ref->tagReference());
    if (!tag || !tag->has_value()) {
        m_cli.usageError(tag ? tr("%1 is neither watched nor in the history; give the digests to compare")
                                   .arg(ref->tagReference())
                             : tag.error().message);
        return;
    }
    auto history = m_cli.store()->history((*tag)->id);
    if (!history) {
        m_cli.usageError(history.error().message);
        return;
    }
    if (history->rebuilds.isEmpty()) {
        m_cli.usageError(
            tr("%1 has no rebuild recorded yet; give the digests to compare").arg(ref->tagReference()));
        return;
    }
    const Rebuild &last = history->rebuilds.last();
    // The platform the rebuild changed, where the user named none and linux/amd64 was not among them.
    if (platform.isEmpty() && !last.platformsChanged.isEmpty() &&
        !last.platformsChanged.contains(QStringLiteral("linux/amd64")))
        platform = last.platformsChanged.first();
    analyse(*ref, last.from, last.to, platform);
}

void DiffCommand::analyse(const ImageReference &ref, const QString &from, const QString &to,
                          const QString &platform)
{
    m_cli.analyzer().analyse(
        ref, from, to, platform, &m_cli, [this, ref, from, to](Result<PackageAnalysis> analysis) {
            if (!analysis) {
                m_cli.printError(ref.familiar() + QStringLiteral(": ") + analysis.error().message);
                m_cli.finish(ExitCode::Partial);
                return;
            }
            print(ref, from, to, *analysis);
            m_cli.finish(ExitCode::Done);
        });
}

void DiffCommand::print(const ImageReference &ref, const QString &from, const QString &to,
                        const PackageAnalysis &analysis)
{
    if (m_json) {
        m_cli.out() << QJsonDocument(
                           QJsonObject{
                               {QStringLiteral("reference"), ref.canonical()},
                               {QStringLiteral("from"), from},
                               {QStringLiteral("to"), to},
                               // a single-platform image read without --platform: which one is not known
                               {QStringLiteral("platform"), analysis.platform.isEmpty()
                                                                ? QJsonValue(QJsonValue::Null)
                                                                : QJsonValue(analysis.platform)},
                               {QStringLiteral("source"), packageSourceName(analysis.source)},
                               {QStringLiteral("packages"), packageDiffJson(analysis.diff)},
                               {QStringLiteral("fixes"), securityFixesJson(analysis.fixes)},
                               {QStringLiteral("bytes_fetched"), analysis.bytesFetched}})
                           .toJson(QJsonDocument::Indented);
        return;
    }
    m_cli.printLine(
        QStringLiteral("%1 %2 → %3").arg(ref.canonical(), CliText::digest(from), CliText::digest(to)));
    m_cli.printLine(
        tr("  %1, from the %2, %3 downloaded")
            .arg(analysis.platform.isEmpty() ? tr("single image") : analysis.platform,
                 analysis.source == PackageSource::Sbom ? tr("SBOM attestations") : tr("image layers"),
                 QLocale::c().formattedDataSize(analysis.bytesFetched)));
    if (analysis.diff.isEmpty()) {
        m_cli.printLine(QStringLiteral("  ") + tr("no package changed: rebuilt with the same packages"));
    }
    for (const PackageChange &c : analysis.diff.changed) {
        QString line =
            QStringLiteral("  %1 %2 → %3 (").arg(c.name, c.from, c.to) + tr("source %1").arg(c.sourcePackage);
        if (c.direction == VersionDirection::Downgrade)
            line += QStringLiteral(", ") + tr("downgrade");
        m_cli.printLine(line + u')');
    }
    for (const PackageVersion &p : analysis.diff.added)
        m_cli.printLine(QStringLiteral("  + %1 %2").arg(p.name, p.version));
    for (const PackageVersion &p : analysis.diff.removed)
        m_cli.printLine(QStringLiteral("  - %1 %2").arg(p.name, p.version));
    if (!analysis.fixes) {
        m_cli.printLine(QStringLiteral("  ") + tr("security data unavailable"));
    } else if (!analysis.fixes->isEmpty()) {
        QStringList fixes;
        for (const SecurityFix &f : *analysis.fixes)
            fixes.append(QStringLiteral("%1 (%2)").arg(f.id, f.package));
        m_cli.printLine(QStringLiteral("  ") + tr("fixes %1").arg(fixes.join(QStringLiteral(", "))));
    }
}

} // namespace RebuildRadar
