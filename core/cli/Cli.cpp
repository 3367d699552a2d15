#include "cli/Cli.h"

#include "cli/SignalWatcher.h"
#include "common/Time.h"
#include "credentials/DockerConfigSource.h"
#include "credentials/KeychainSource.h"
#include "export/Exporter.h"
#include "export/JsonShapes.h"
#include "history/Rollouts.h"
#include "poll/FamilyWatcher.h"
#include "poll/Poller.h"
#include "reference/ImageReference.h"
#include "registry/Backfill.h"
#include "registry/RegistryClient.h"
#include "scan/PinScanner.h"
#include "store/Database.h"
#include "store/HistoryStore.h"

#include <QCoreApplication>
#include <QFile>
#include <QFileInfo>
#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QNetworkAccessManager>
#include <QProcess>
#include <QSettings>
#include <QTimer>

#include <cstdio>
#include <unistd.h>

namespace RebuildRadar {

namespace {

const OptionSpec kGlobal{{QStringLiteral("--db"), QStringLiteral("--insecure-registry")},
                         {QStringLiteral("--help"), QStringLiteral("-h"), QStringLiteral("--version")}};

OptionSpec withGlobal(QSet<QString> values, QSet<QString> flags)
{
    return OptionSpec{values + kGlobal.withValue, flags + kGlobal.flags};
}

// In terminal output the algorithm stays visible: "sha256:0123456789ab".
QString cliDigest(const QString &digest)
{
    return digest.isEmpty() ? QStringLiteral("-") : digest.left(19);
}

QString when(const std::optional<qint64> &t)
{
    return t ? isoUtc(*t) : QStringLiteral("never");
}

QString causesText(const Rebuild &r)
{
    QStringList parts;
    for (const Cause &c : r.causes)
        parts.append(c.kind + QStringLiteral(": ") + c.detail);
    return parts.join(QStringLiteral("; "));
}

QString platformsText(const Rebuild &r)
{
    QStringList all = r.platformsChanged + r.platformsAdded + r.platformsRemoved;
    return all.isEmpty() ? QStringLiteral("index only") : all.join(u',');
}

const QMap<QString, OptionSpec> &commandSpecs()
{
    static const QMap<QString, OptionSpec> specs{
        {QStringLiteral("watch add"),
         withGlobal({QStringLiteral("--every"), QStringLiteral("--platforms"), QStringLiteral("--tags")},
                    {})},
        {QStringLiteral("watch remove"), withGlobal({}, {})},
        {QStringLiteral("watch list"), withGlobal({}, {QStringLiteral("--json")})},
        {QStringLiteral("poll"), withGlobal({}, {QStringLiteral("--json"), QStringLiteral("--exit-code")})},
        {QStringLiteral("history"), withGlobal({}, {QStringLiteral("--json")})},
        {QStringLiteral("check"), withGlobal({}, {QStringLiteral("--json")})},
        {QStringLiteral("export"), withGlobal({QStringLiteral("--format"), QStringLiteral("--since"),
                                               QStringLiteral("--until"), QStringLiteral("-o")},
                                              {})},
        {QStringLiteral("daemon"), withGlobal({QStringLiteral("--on-rebuild")}, {})},
        {QStringLiteral("scan"),
         withGlobal({}, {QStringLiteral("--json"), QStringLiteral("--update"), QStringLiteral("--pin"),
                         QStringLiteral("--exit-code"), QStringLiteral("--dry-run")})},
    };
    return specs;
}

// Every option of every command: enough to find the command words before parsing for real.
OptionSpec anyCommandSpec()
{
    OptionSpec all;
    for (const OptionSpec &spec : commandSpecs()) {
        all.withValue += spec.withValue;
        all.flags += spec.flags;
    }
    return all;
}
} // namespace

std::unique_ptr<CredentialChain> makeDefaultCredentials()
{
    auto chain = std::make_unique<CredentialChain>();
    chain->append(std::make_unique<KeychainSource>());
    chain->append(
        std::make_unique<AuthFileSource>(QStringLiteral("docker"), AuthFileSource::dockerConfigPath()));
    chain->append(
        std::make_unique<AuthFileSource>(QStringLiteral("podman"), AuthFileSource::podmanAuthPath()));
    return chain;
}

Result<QSet<QString>> insecureRegistries(const QStringList &fromCommandLine)
{
    QSet<QString> out;
    QSettings settings;
    QStringList all = settings.value(QStringLiteral("registries/insecure")).toStringList();
    const qsizetype saved = all.size();
    all += fromCommandLine;
    for (qsizetype i = 0; i < all.size(); ++i) {
        auto host = normalizeRegistryHost(all[i].trimmed());
        if (!host) {
            if (i < saved)
                continue; // a bad saved value is the app's business, not this command's
            return host.error();
        }
        out.insert(*host);
    }
    return out;
}

Cli::Cli(QStringList arguments, const Clock &clock, QObject *parent)
    : QObject(parent)
    , m_arguments(std::move(arguments))
    , m_clock(clock)
    , m_out(stdout)
    , m_err(stderr)
{}

Cli::~Cli() = default;

void Cli::finish(int code)
{
    if (m_finished)
        return;
    m_finished = true;
    m_out.flush();
    m_err.flush();
    emit finished(code);
}

int Cli::usageError(const QString &message)
{
    m_err << "rebuildradar-cli: " << message << Qt::endl;
    finish(ExitCode::Usage);
    return ExitCode::Usage;
}

bool Cli::openStore()
{
    auto db = Database::open(m_dbPath);
    if (!db) {
        usageError(db.error().message);
        return false;
    }
    m_db = std::move(db).value();
    m_store = std::make_unique<HistoryStore>(*m_db, [this] { return m_clock.nowMs(); });
    return true;
}

RegistryClient &Cli::client()
{
    if (!m_client) {
        m_network = std::make_unique<QNetworkAccessManager>();
        m_credentials = makeDefaultCredentials();
        RegistryClientOptions options;
        options.insecureRegistries = m_insecure;
        m_client = std::make_unique<RegistryClient>(m_network.get(), m_credentials.get(), m_clock, options);
    }
    return *m_client;
}

void Cli::printHelp()
{
    m_out << tr("Usage: rebuildradar-cli [--db PATH] [--insecure-registry HOST[:PORT]] COMMAND ...\n"
                "\n"
                "Commands:\n"
                "  watch add REF... [--every DURATION] [--platforms LIST]\n"
                "  watch add REPOSITORY --tags REGEX [--every DURATION]\n"
                "  watch remove REF...\n"
                "  watch list [--json]\n"
                "  poll [REF...] [--json] [--exit-code]\n"
                "  history REF [--json]\n"
                "  check REF [--json]\n"
                "  export [REF...] --format csv|json|md|html|pdf [--since DATE] [--until DATE] -o FILE\n"
                "  daemon [--on-rebuild CMD]\n"
                "  scan PATH [--json] [--update] [--pin] [--dry-run] [--exit-code]\n"
                "\n"
                "Exit codes: 0 done, 1 some reference could not be checked, 2 bad usage (nothing changed),\n"
                "3 with --exit-code: a rebuild was found.\n");
}

void Cli::run()
{
    QStringList args = m_arguments.mid(1);
    // The command is the first one or two positional words; the rest is parsed per command.
    auto global = parseArgs(args, anyCommandSpec());
    if (global && global->has(QStringLiteral("--version"))) {
        m_out << "rebuildradar-cli " << REBUILDRADAR_VERSION << Qt::endl;
        finish(ExitCode::Done);
        return;
    }
    if (!global || global->positionals.isEmpty() || global->has(QStringLiteral("--help")) ||
        global->has(QStringLiteral("-h"))) {
        if (global && (global->has(QStringLiteral("--help")) || global->has(QStringLiteral("-h")))) {
            printHelp();
            finish(ExitCode::Done);
            return;
        }
        printHelp();
        usageError(global ? tr("no command given") : global.error().message);
        return;
    }
    QString command = global->positionals.first();
    if (command == u"watch") {
        const QString sub = global->positionals.value(1);
        if (sub != u"add" && sub != u"remove" && sub != u"list") {
            usageError(tr("watch needs add, remove or list"));
            return;
        }
        command += u' ' + sub;
    }
    // Remove the command words, keeping the order of everything else.
    const int words = command.count(u' ') + 1;
    for (int removed = 0, i = 0; removed < words && i < args.size();) {
        if (args[i] == global->positionals[removed]) {
            args.removeAt(i);
            ++removed;
        } else if (args[i].startsWith(u'-')) {
            i += (kGlobal.withValue.contains(args[i]) ? 2 : 1);
        } else {
            ++i;
        }
    }

    if (!commandSpecs().contains(command)) {
        usageError(tr("unknown command \"%1\" (see --help)").arg(command));
        return;
    }
    auto parsed = parseArgs(args, commandSpecs().value(command));
    if (!parsed) {
        usageError(parsed.error().message);
        return;
    }
    m_dbPath =
        parsed->has(QStringLiteral("--db")) ? parsed->value(QStringLiteral("--db")) : Database::defaultPath();
    auto insecure = insecureRegistries(parsed->all(QStringLiteral("--insecure-registry")));
    if (!insecure) {
        usageError(insecure.error().message);
        return;
    }
    m_insecure = *insecure;

    if (command == u"watch add")
        cmdWatchAdd(*parsed);
    else if (command == u"watch remove")
        cmdWatchRemove(*parsed);
    else if (command == u"watch list")
        cmdWatchList(*parsed);
    else if (command == u"poll")
        cmdPoll(*parsed);
    else if (command == u"history")
        cmdHistory(*parsed);
    else if (command == u"check")
        cmdCheck(*parsed);
    else if (command == u"export")
        cmdExport(*parsed);
    else if (command == u"daemon")
        cmdDaemon(*parsed);
    else if (command == u"scan")
        cmdScan(*parsed);
}

void Cli::cmdWatchAdd(const ParsedArgs &args)
{
    if (args.positionals.isEmpty()) {
        usageError(tr("watch add needs at least one reference"));
        return;
    }
    if (args.has(QStringLiteral("--tags"))) {
        cmdWatchFamily(args);
        return;
    }
    std::optional<int> interval;
    if (args.has(QStringLiteral("--every"))) {
        auto d = parseDuration(args.value(QStringLiteral("--every")));
        if (!d) {
            usageError(d.error().message);
            return;
        }
        interval = *d;
    }
    std::optional<QStringList> platforms;
    if (args.has(QStringLiteral("--platforms"))) {
        auto p = parsePlatforms(args.value(QStringLiteral("--platforms")));
        if (!p) {
            usageError(p.error().message);
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
            m_err << "rebuildradar-cli: " << p << Qt::endl;
        m_err << tr("nothing was added") << Qt::endl;
        finish(ExitCode::Usage);
        return;
    }
    if (!openStore())
        return;
    if (auto ok = m_store->addWatches(requests); !ok) {
        usageError(ok.error().message);
        return;
    }
    for (const WatchRequest &r : requests) {
        auto stored = m_store->tag(r.reference.tagReference());
        const int every = stored && stored->has_value() ? (*stored)->intervalSeconds
                                                        : HistoryStore::kDefaultIntervalSeconds;
        m_out << tr("watching %1 every %2").arg(r.reference.tagReference(), formatDuration(every))
              << Qt::endl;
    }
    finish(ExitCode::Done);
}

void Cli::cmdWatchRemove(const ParsedArgs &args)
{
    if (args.positionals.isEmpty()) {
        usageError(tr("watch remove needs at least one reference"));
        return;
    }
    QStringList keys;
    for (const QString &text : args.positionals) {
        auto ref = ImageReference::parse(text);
        if (!ref || !ref->hasTag()) {
            usageError(ref ? tr("%1 is not a tag reference").arg(text) : ref.error().message);
            return;
        }
        keys.append(ref->tagReference());
    }
    if (!openStore())
        return;
    if (auto ok = m_store->removeWatches(keys); !ok) {
        usageError(ok.error().message + tr("; nothing was removed"));
        return;
    }
    for (const QString &k : keys)
        m_out << tr("stopped watching %1 (its history is kept)").arg(k) << Qt::endl;
    finish(ExitCode::Done);
}

void Cli::cmdWatchList(const ParsedArgs &args)
{
    if (!openStore())
        return;
    auto tags = m_store->watchlist();
    if (!tags) {
        usageError(tags.error().message);
        return;
    }
    if (args.has(QStringLiteral("--json"))) {
        QJsonArray array;
        for (const WatchedTag &t : *tags)
            array.append(watchedTagJson(t));
        m_out << QJsonDocument(array).toJson(QJsonDocument::Indented);
    } else {
        for (const WatchedTag &t : *tags) {
            m_out << familiarOf(t.reference) << "  " << t.status << "  " << cliDigest(t.currentDigest) << "  "
                  << tr("every %1").arg(formatDuration(t.intervalSeconds)) << "  "
                  << tr("checked %1").arg(when(t.lastChecked)) << "  "
                  << tr("%n rebuild(s)", nullptr, t.rebuildCount);
            if (!t.lastError.isEmpty())
                m_out << "  (" << t.lastError << ")";
            m_out << Qt::endl;
        }
    }
    finish(ExitCode::Done);
}

void Cli::cmdPoll(const ParsedArgs &args)
{
    QStringList keys;
    for (const QString &text : args.positionals) {
        auto ref = ImageReference::parse(text);
        if (!ref || !ref->hasTag()) {
            usageError(ref ? tr("%1 is not a tag reference").arg(text) : ref.error().message);
            return;
        }
        keys.append(ref->tagReference());
    }
    if (!openStore())
        return;
    QList<qint64> ids;
    for (const QString &key : keys) {
        auto tag = m_store->tag(key);
        if (!tag || !tag->has_value() || !(*tag)->watched) {
            usageError(tr("%1 is not watched (watch add it first)").arg(key));
            return;
        }
        ids.append((*tag)->id);
    }
    const bool json = args.has(QStringLiteral("--json"));
    const bool exitCode = args.has(QStringLiteral("--exit-code"));
    makePoller();
    auto rebuildLines = std::make_shared<QStringList>();
    connect(m_poller.get(), &Poller::rebuildDetected, this, [rebuildLines](const RebuildEvent &e) {
        rebuildLines->append(QStringLiteral("%1 rebuilt: %2 → %3 [%4] %5")
                                 .arg(familiarOf(e.tag.reference), cliDigest(e.rebuild.from),
                                      cliDigest(e.rebuild.to), platformsText(e.rebuild),
                                      causesText(e.rebuild)));
    });
    if (isatty(fileno(stderr))) {
        connect(m_poller.get(), &Poller::sweepProgress, this, [this](int done, int total) {
            m_err << "\r" << tr("checked %1 of %2").arg(done).arg(total) << (done == total ? "\n" : "")
                  << Qt::flush;
        });
    }
    connect(m_poller.get(), &Poller::storeFailed, this, [this](const Error &error) {
        m_err << "rebuildradar-cli: " << error.message << Qt::endl;
        finish(ExitCode::Partial);
    });
    connect(m_poller.get(), &Poller::sweepFinished, this,
            [this, json, exitCode, rebuildLines](const QList<PollResult> &results) {
                bool failed = false;
                bool changed = false;
                QJsonArray array;
                for (const PollResult &r : results) {
                    failed = failed || r.status != TagStatus::Ok;
                    changed = changed || r.changed;
                    array.append(QJsonObject{
                        {QStringLiteral("reference"), r.reference},
                        {QStringLiteral("status"), r.status},
                        {QStringLiteral("digest"),
                         r.digest.isEmpty() ? QJsonValue(QJsonValue::Null) : QJsonValue(r.digest)},
                        {QStringLiteral("changed"), r.changed},
                        {QStringLiteral("error"),
                         r.error.isEmpty() ? QJsonValue(QJsonValue::Null) : QJsonValue(r.error)}});
                    if (r.status != TagStatus::Ok)
                        m_err << "rebuildradar-cli: " << familiarOf(r.reference) << ": " << r.status << ": "
                              << r.error << Qt::endl;
                }
                if (json)
                    m_out << QJsonDocument(array).toJson(QJsonDocument::Indented);
                else
                    for (const QString &line : *rebuildLines)
                        m_out << line << Qt::endl;
                finish(failed ? ExitCode::Partial : (exitCode && changed) ? ExitCode::Found : ExitCode::Done);
            });
    m_poller->checkNow(ids);
}

void Cli::cmdHistory(const ParsedArgs &args)
{
    if (args.positionals.size() != 1) {
        usageError(tr("history needs exactly one reference"));
        return;
    }
    auto ref = ImageReference::parse(args.positionals.first());
    if (!ref || !ref->hasTag()) {
        usageError(ref ? tr("%1 is not a tag reference").arg(args.positionals.first()) : ref.error().message);
        return;
    }
    if (!openStore())
        return;
    auto tag = m_store->tag(ref->tagReference());
    if (!tag || !tag->has_value()) {
        usageError(tag ? tr("%1 is neither watched nor in the history").arg(ref->tagReference())
                       : tag.error().message);
        return;
    }
    auto history = m_store->history((*tag)->id);
    if (!history) {
        usageError(history.error().message);
        return;
    }
    if (args.has(QStringLiteral("--json"))) {
        m_out << QJsonDocument(historyJson(*history, configuredRolloutWindowMs()))
                     .toJson(QJsonDocument::Indented);
    } else {
        m_out << history->tag.reference << Qt::endl;
        for (const Span &s : history->spans) {
            m_out << "  " << s.digest << "  " << tr("%1 … %2").arg(isoUtc(s.firstSeen), isoUtc(s.lastSeen))
                  << Qt::endl;
            for (auto it = s.platforms.begin(); it != s.platforms.end(); ++it)
                m_out << "      " << it.key() << "  " << it->digest << Qt::endl;
        }
        for (const Rebuild &r : history->rebuilds)
            m_out << "  " << isoUtc(r.detectedAt) << "  "
                  << tr("rebuilt [%1] %2").arg(platformsText(r), causesText(r)) << Qt::endl;
        if (history->spans.isEmpty())
            m_out << "  " << tr("not resolved yet") << Qt::endl;
    }
    finish(ExitCode::Done);
}

void Cli::cmdCheck(const ParsedArgs &args)
{
    if (args.positionals.size() != 1) {
        usageError(tr("check needs exactly one reference"));
        return;
    }
    auto ref = ImageReference::parse(args.positionals.first());
    if (!ref) {
        usageError(ref.error().message);
        return;
    }
    const bool json = args.has(QStringLiteral("--json"));
    client().resolve(*ref, {}, this, [this, ref = *ref, json](Result<TagState> state) {
        if (!state) {
            m_err << "rebuildradar-cli: " << ref.familiar() << ": " << state.error().message << Qt::endl;
            finish(ExitCode::Partial);
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
            m_out << QJsonDocument(QJsonObject{{QStringLiteral("reference"), ref.canonical()},
                                               {QStringLiteral("digest"), state->digest},
                                               {QStringLiteral("media_type"), state->mediaType},
                                               {QStringLiteral("platforms"), platforms},
                                               {QStringLiteral("annotations"), details}})
                         .toJson(QJsonDocument::Indented);
        } else {
            m_out << ref.canonical() << Qt::endl
                  << "  " << state->digest << "  " << state->mediaType << Qt::endl;
            for (auto it = state->platforms.begin(); it != state->platforms.end(); ++it)
                m_out << "  " << it.key() << "  " << it->digest << Qt::endl;
        }
        finish(ExitCode::Done);
    });
}

void Cli::cmdExport(const ParsedArgs &args)
{
    ExportOptions options;
    options.format = args.value(QStringLiteral("--format"));
    if (options.format.isEmpty() || !Exporter::formats().contains(options.format)) {
        usageError(tr("export needs --format %1").arg(Exporter::formats().join(u'|')));
        return;
    }
    const QString output = args.value(QStringLiteral("-o"));
    if (output.isEmpty()) {
        usageError(tr("export needs -o FILE (or -o - for standard output)"));
        return;
    }
    for (const char *bound : {"--since", "--until"}) {
        const QString name = QString::fromLatin1(bound);
        if (!args.has(name))
            continue;
        const auto t = parseIsoUtc(args.value(name));
        if (!t) {
            usageError(tr("%1 takes an ISO 8601 date or date-time, not \"%2\"").arg(name, args.value(name)));
            return;
        }
        (name == u"--since" ? options.report.since : options.report.until) = *t;
    }
    for (const QString &text : args.positionals) {
        auto ref = ImageReference::parse(text);
        if (!ref || !ref->hasTag()) {
            usageError(ref ? tr("%1 is not a tag reference").arg(text) : ref.error().message);
            return;
        }
        options.references.append(ref->tagReference());
    }
    if (output == u"-" && !Exporter::isText(options.format)) {
        usageError(tr("%1 is not a text format: give -o FILE").arg(options.format));
        return;
    }
    if (!openStore())
        return;
    options.report.includePlatforms = !args.has(QStringLiteral("--no-platforms"));
    options.report.includeIndexOnly = !args.has(QStringLiteral("--no-index-only"));
    options.report.rolloutWindowMs = configuredRolloutWindowMs();
    Status written = Ok{};
    if (output == u"-") {
        m_out.flush();
        QFile file;
        file.open(stdout, QIODevice::WriteOnly);
        written = Exporter::write(*m_store, options, file, m_clock.nowMs());
    } else {
        written = Exporter::writeFile(*m_store, options, output, m_clock.nowMs());
    }
    if (!written) {
        usageError(written.error().message);
        return;
    }
    finish(ExitCode::Done);
}

void Cli::runHook(const QString &command, const RebuildEvent &event)
{
    auto *process = new QProcess(this);
    QProcessEnvironment env = QProcessEnvironment::systemEnvironment();
    env.insert(QStringLiteral("REBUILDRADAR_REFERENCE"), event.tag.reference);
    env.insert(QStringLiteral("REBUILDRADAR_FROM"), event.rebuild.from);
    env.insert(QStringLiteral("REBUILDRADAR_TO"), event.rebuild.to);
    env.insert(
        QStringLiteral("REBUILDRADAR_PLATFORMS"),
        (event.rebuild.platformsChanged + event.rebuild.platformsAdded + event.rebuild.platformsRemoved)
            .join(u','));
    process->setProcessEnvironment(env);
    process->setProgram(QStringLiteral("/bin/sh"));
    process->setArguments({QStringLiteral("-c"), command});
    process->setStandardInputFile(QProcess::nullDevice());
    process->setProcessChannelMode(QProcess::ForwardedChannels);
    connect(process, &QProcess::finished, process, &QObject::deleteLater);
    connect(process, &QProcess::errorOccurred, this, [this, process](QProcess::ProcessError) {
        m_err << "rebuildradar-cli: " << tr("the --on-rebuild command failed: %1").arg(process->errorString())
              << Qt::endl;
    });
    process->start();
}

void Cli::cmdDaemon(const ParsedArgs &args)
{
    if (!args.positionals.isEmpty()) {
        usageError(tr("daemon takes no references; it polls the watchlist"));
        return;
    }
    if (!openStore())
        return;
    const QString hook = args.value(QStringLiteral("--on-rebuild"));
    makePoller();
    connect(m_poller.get(), &Poller::rebuildDetected, this, [this, hook](const RebuildEvent &e) {
        m_out << tr("%1 rebuilt: %2 → %3 [%4] %5")
                     .arg(familiarOf(e.tag.reference), cliDigest(e.rebuild.from), cliDigest(e.rebuild.to),
                          platformsText(e.rebuild), causesText(e.rebuild))
              << Qt::endl;
        if (!hook.isEmpty() && e.relevant)
            runHook(hook, e);
    });
    connect(m_poller.get(), &Poller::tagChecked, this, [this](const PollResult &r) {
        if (r.status != TagStatus::Ok)
            m_err << "rebuildradar-cli: " << familiarOf(r.reference) << ": " << r.status << ": " << r.error
                  << Qt::endl;
    });
    connect(m_poller.get(), &Poller::storeFailed, this,
            [this](const Error &error) { m_err << "rebuildradar-cli: " << error.message << Qt::endl; });
    auto *signals_ = new SignalWatcher(this);
    connect(signals_, &SignalWatcher::terminationRequested, this, [this] {
        m_poller->stop();
        m_poller->flush(); // the write in hand
        finish(ExitCode::Done);
    });
    auto *families = new FamilyWatcher(*m_store, client(), m_clock, this);
    connect(families, &FamilyWatcher::newTags, this, [this](qint64, const QStringList &references) {
        for (const QString &reference : references)
            m_out << tr("new tag in a watched family: %1").arg(reference) << Qt::endl;
        m_poller->reload();
    });
    connect(families, &FamilyWatcher::failed, this,
            [this](const QString &message) { m_err << "rebuildradar-cli: " << message << Qt::endl; });
    families->start();
    // The watchlist may change under us (the app or `watch add`): look again now and then.
    auto *reload = new QTimer(this);
    connect(reload, &QTimer::timeout, m_poller.get(), &Poller::reload);
    reload->start(60 * 1000);
    m_poller->start();
}

} // namespace RebuildRadar

namespace RebuildRadar {

void Cli::cmdScan(const ParsedArgs &args)
{
    if (args.positionals.size() != 1) {
        usageError(tr("scan needs exactly one folder"));
        return;
    }
    const QString root = args.positionals.first();
    if (!QFileInfo(root).isDir()) {
        usageError(tr("%1 is not a folder").arg(root));
        return;
    }
    // The history, when there is one, says how old a stale pin is; scanning never creates it.
    if (QFileInfo::exists(m_dbPath) && !openStore())
        return;
    const bool json = args.has(QStringLiteral("--json"));
    const bool update = args.has(QStringLiteral("--update")) || args.has(QStringLiteral("--pin"));
    const bool pin = args.has(QStringLiteral("--pin"));
    const bool dryRun = args.has(QStringLiteral("--dry-run"));
    const bool exitCode = args.has(QStringLiteral("--exit-code"));
    auto *scanner = new PinScanner(client(), m_store.get(), m_clock, this);
    scanner->scan(
        root, this, [this, root, json, update, pin, dryRun, exitCode](Result<QList<PinResult>> results) {
            if (!results) {
                usageError(results.error().message);
                return;
            }
            bool failed = false;
            bool stale = false;
            QJsonArray array;
            for (const PinResult &r : *results) {
                failed = failed || r.checkFailed;
                stale = stale || r.status == PinStatus::Stale;
                QJsonObject o{
                    {QStringLiteral("file"), r.file},
                    {QStringLiteral("line"), r.found.line},
                    {QStringLiteral("reference"), r.reference},
                    {QStringLiteral("pinned_digest"),
                     r.pinnedDigest.isEmpty() ? QJsonValue() : QJsonValue(r.pinnedDigest)},
                    {QStringLiteral("current_digest"),
                     r.currentDigest.isEmpty() ? QJsonValue() : QJsonValue(r.currentDigest)},
                    {QStringLiteral("status"), r.status},
                    {QStringLiteral("error"), r.error.isEmpty() ? QJsonValue() : QJsonValue(r.error)},
                    {QStringLiteral("kind"), r.found.kind},
                    {QStringLiteral("rebuilds_since_pin"),
                     r.rebuildsSince ? QJsonValue(*r.rebuildsSince) : QJsonValue()},
                    {QStringLiteral("pin_age_seconds"),
                     r.pinnedAgeMs ? QJsonValue(*r.pinnedAgeMs / 1000) : QJsonValue()}};
                array.append(o);
                if (!json) {
                    QString line = QStringLiteral("%1:%2  %3  %4")
                                       .arg(r.file)
                                       .arg(r.found.line)
                                       .arg(r.status, r.found.text);
                    if (r.status == PinStatus::Stale) {
                        line += QStringLiteral("  → %1").arg(r.replacement.left(19));
                        if (r.rebuildsSince)
                            line += tr("  (%n rebuild(s) since the pin", nullptr, *r.rebuildsSince) +
                                    (r.pinnedAgeMs ? tr(", pinned digest first seen %1 days ago")
                                                         .arg(*r.pinnedAgeMs / 86400000)
                                                   : QString()) +
                                    u')';
                    }
                    if (!r.error.isEmpty())
                        line += QStringLiteral("  (%1)").arg(r.error);
                    m_out << line << Qt::endl;
                }
            }
            if (json)
                m_out << QJsonDocument(array).toJson(QJsonDocument::Indented);
            if (update) {
                const QList<FileUpdate> updates = PinScanner::plan(root, *results, pin);
                for (const FileUpdate &u : updates)
                    (json ? m_err : m_out) << PinScanner::unifiedDiff(u);
                if (!dryRun) {
                    if (auto applied = PinScanner::apply(root, updates); !applied) {
                        m_err << "rebuildradar-cli: " << applied.error().message << Qt::endl;
                        finish(ExitCode::Partial);
                        return;
                    }
                }
            }
            finish(failed ? ExitCode::Partial : (exitCode && stale) ? ExitCode::Found : ExitCode::Done);
        });
}

} // namespace RebuildRadar

namespace RebuildRadar {

void Cli::cmdWatchFamily(const ParsedArgs &args)
{
    if (args.positionals.size() != 1) {
        usageError(tr("watch add --tags takes exactly one repository"));
        return;
    }
    const QString text = args.positionals.first();
    auto ref = ImageReference::parse(text);
    if (!ref) {
        usageError(ref.error().message);
        return;
    }
    const bool namedTag = ref->hasDigest() || text.section(u'/', -1).contains(u':');
    if (namedTag) {
        usageError(tr("%1: give a repository without a tag or digest; --tags chooses the tags").arg(text));
        return;
    }
    const QString pattern = args.value(QStringLiteral("--tags"));
    if (auto re = FamilyWatcher::compile(pattern); !re) {
        usageError(re.error().message);
        return;
    }
    int every = HistoryStore::kDefaultIntervalSeconds;
    if (args.has(QStringLiteral("--every"))) {
        auto d = parseDuration(args.value(QStringLiteral("--every")));
        if (!d) {
            usageError(d.error().message);
            return;
        }
        every = *d;
    }
    if (!openStore())
        return;
    auto family = m_store->addFamily(ref->registry(), ref->repository(), pattern, every);
    if (!family) {
        usageError(family.error().message);
        return;
    }
    auto *watcher = new FamilyWatcher(*m_store, client(), m_clock, this);
    const QString name = ref->name();
    watcher->sync(*family, every, this, [this, name, pattern](Result<QStringList> added) {
        if (!added) {
            m_err << "rebuildradar-cli: "
                  << tr("%1: cannot list tags: %2 (the family is kept and listed again by the daemon)")
                         .arg(name, added.error().message)
                  << Qt::endl;
            finish(ExitCode::Partial);
            return;
        }
        m_out << tr("watching the family %1 /%2/: %n new tag(s)", nullptr, int(added->size()))
                     .arg(name, pattern)
              << Qt::endl;
        for (const QString &reference : *added)
            m_out << "  " << reference << Qt::endl;
        finish(ExitCode::Done);
    });
}

} // namespace RebuildRadar

namespace RebuildRadar {

void Cli::makePoller()
{
    m_poller = std::make_unique<Poller>(*m_store, client(), m_clock);
    // Test registries can stand in for a history API: REBUILDRADAR_BACKFILL=host:port=chainguard|quay
    QMap<QString, QString> sources;
    for (const QString &pair : qEnvironmentVariable("REBUILDRADAR_BACKFILL").split(u',', Qt::SkipEmptyParts))
        sources.insert(pair.section(u'=', 0, 0), pair.section(u'=', 1));
    m_backfiller = std::make_unique<Backfiller>(client(), sources);
    m_poller->setBackfiller(m_backfiller.get());
    connect(m_poller.get(), &Poller::backfillFailed, this,
            [this](const QString &reference, const QString &message) {
                m_err << "rebuildradar-cli: "
                      << tr("%1: no past history imported: %2").arg(familiarOf(reference), message)
                      << Qt::endl;
            });
}

} // namespace RebuildRadar
