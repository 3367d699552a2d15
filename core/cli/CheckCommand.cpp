#include "cli/CheckCommand.h"

#include "cli/ArgParser.h"
#include "reference/ImageReference.h"
#include "registry/RegistryClient.h"

#include <QJsonDocument>
#include <QJsonObject>

namespace RebuildRadar {

void CheckCommand::run(const ParsedArgs &args)
{
    if (args.positionals.size() != 1) {
        m_cli.usageError(tr("check needs exactly one reference"));
        return;
    }
    auto ref = ImageReference::parse(args.positionals.first());
    if (!ref) {
        m_cli.usageError(ref.error().message);
        return;
    }
    const bool json = args.has(QStringLiteral("--json"));
    m_cli.client().resolve(*ref, {}, &m_cli, [this, ref = *ref, json](Result<TagState> state) {
        if (!state) {
            m_cli.printError(ref.familiar() + QStringLiteral(": ") + state.error().message);
            m_cli.finish(ExitCode::Partial);
            return;
        }
        QJsonObject platforms;
        for (auto it = state->platforms.begin(); it != state->platforms.end(); ++it)
            platforms.insert(it.key(), it->digest);
        if (json) {
            QJsonObject details;
            for (auto it = state->platforms.begin(); it != state->platforms.end(); ++it) {
                QJsonObject annotations;
                for (auto a = it->annotations.begin(); a != it->annotations.end(); ++a)
                    annotations.insert(a.key(), a.value());
                details.insert(it.key(), annotations);
            }
            m_cli.out() << QJsonDocument(QJsonObject{{QStringLiteral("reference"), ref.canonical()},
                                                     {QStringLiteral("digest"), state->digest},
                                                     {QStringLiteral("media_type"), state->mediaType},
                                                     {QStringLiteral("platforms"), platforms},
                                                     {QStringLiteral("annotations"), details}})
                               .toJson(QJsonDocument::Indented);
        } else {
            m_cli.printLine(ref.canonical());
            m_cli.printLine(QStringLiteral("  %1  %2").arg(state->digest, state->mediaType));
            for (auto it = state->platforms.begin(); it != state->platforms.end(); ++it)
                m_cli.printLine(QStringLiteral("  %1  %2").arg(it.key(), it->digest));
        }
        m_cli.finish(ExitCode::Done);
    });
}

} // namespace RebuildRadar
