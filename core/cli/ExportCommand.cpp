#include "cli/ExportCommand.h"

#include "cli/ArgParser.h"
#include "common/Time.h"
#include "export/Exporter.h"
#include "history/Rollouts.h"
#include "reference/ImageReference.h"
#include "store/HistoryStore.h"

#include <QFile>

namespace RebuildRadar {

void ExportCommand::run(const ParsedArgs &args)
{
    ExportOptions options;
    const auto format = exportFormatFromString(args.value(QStringLiteral("--format")));
    if (!format) {
        m_cli.usageError(tr("export needs --format %1").arg(Exporter::formats().join(u'|')));
        return;
    }
    options.format = *format;
    const QString output = args.value(QStringLiteral("-o"));
    if (output.isEmpty()) {
        m_cli.usageError(tr("export needs -o FILE (or -o - for standard output)"));
        return;
    }
    for (const char *bound : {"--since", "--until"}) {
        const QString name = QString::fromLatin1(bound);
        if (!args.has(name))
            continue;
        const auto t = parseIsoUtc(args.value(name));
        if (!t) {
            m_cli.usageError(
                tr("%1 takes an ISO 8601 date or date-time, not \"%2\"").arg(name, args.value(name)));
            return;
        }
        (name == u"--since" ? options.report.since : options.report.until) = *t;
    }
    const auto references = m_cli.tagReferences(args.positionals);
    if (!references)
        return;
    options.references = *references;
    if (output == u"-" && !isTextFormat(options.format)) {
        m_cli.usageError(tr("%1 is not a text format: give -o FILE").arg(toString(options.format)));
        return;
    }
    if (!m_cli.openStore(CliContext::StoreUse::Read))
        return;
    options.report.includePlatforms = !args.has(QStringLiteral("--no-platforms"));
    options.report.includeIndexOnly = !args.has(QStringLiteral("--no-index-only"));
    options.report.rolloutWindowMs = m_cli.settings().rolloutWindowMs();
    const QList<WorkloadSource> sources = workloadSourcesFromSettings(m_cli.settings().runningSources);
    if (sources.isEmpty() ||
        (options.format != ExportFormat::Markdown && options.format != ExportFormat::Html)) {
        write(options, output);
        return;
    }
    QObject::connect(&m_reader, &WorkloadReader::finished, &m_cli,
                     [this, options, output](const QList<SourceReading> &readings) mutable {
                         QList<Workload> workloads;
                         for (const SourceReading &reading : readings) {
                             if (reading.error.isEmpty())
                                 workloads += reading.workloads;
                             else
                                 m_cli.printError(tr("could not read %1 at %2: %3")
                                                      .arg(workloadSourceName(reading.source.kind),
                                                           reading.host, reading.error));
                         }
                         auto matched = matchWorkloads(*m_cli.store(), workloads);
                         if (matched)
                             options.running = *matched;
                         write(options, output);
                     });
    m_reader.read(sources);
}

void ExportCommand::write(const ExportOptions &options, const QString &output)
{
    Status written = Ok{};
    if (output == u"-") {
        m_cli.out().flush();
        QFile file;
        file.open(stdout, QIODevice::WriteOnly);
        written = Exporter::write(*m_cli.store(), options, file, m_cli.clock().nowMs());
    } else {
        written = Exporter::writeFile(*m_cli.store(), options, output, m_cli.clock().nowMs());
    }
    if (!written) {
        m_cli.usageError(written.error().message);
        return;
    }
    m_cli.finish(ExitCode::Done);
}

} // namespace RebuildRadar
