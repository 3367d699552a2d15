#include "cli/Cli.h"

#include "cli/ArgParser.h"
#include "cli/CheckCommand.h"
#include "cli/DaemonCommand.h"
#include "cli/DiffCommand.h"
#include "cli/ExportCommand.h"
#include "cli/FollowCommand.h"
#include "cli/HistoryCommand.h"
#include "cli/MigrateCommand.h"
#include "cli/NotifyCommands.h"
#include "cli/PollCommand.h"
#include "cli/RunningCommand.h"
#include "cli/ScanCommand.h"
#include "cli/WatchCommands.h"
#include "common/Duration.h"
#include "credentials/DatabasePasswords.h"
#include "credentials/DockerConfigSource.h"
#include "credentials/KeychainSource.h"
#include "reference/ImageReference.h"
#include "store/Database.h"

#include <functional>

namespace RebuildRadar {

namespace {

const OptionSpec kGlobal{
    {QStringLiteral("--db"), QStringLiteral("--insecure-registry"), QStringLiteral("--check-timeout")},
    {QStringLiteral("--help"), QStringLiteral("-h"), QStringLiteral("--version")}};

OptionSpec withGlobal(QSet<QString> values, QSet<QString> flags, QSet<QString> optionalValue = {})
{
    return OptionSpec{values + kGlobal.withValue, flags + kGlobal.flags, optionalValue};
}

struct CommandEntry
{
    OptionSpec spec;
    std::function<std::unique_ptr<Command>(CliContext &)> make;
};

template <typename T> std::unique_ptr<Command> make(CliContext &context)
{
    return std::make_unique<T>(context);
}

const QMap<QString, CommandEntry> &commands()
{
    static const QMap<QString, CommandEntry> table{
        {QStringLiteral("watch add"),
         {withGlobal({QStringLiteral("--every"), QStringLiteral("--platforms"), QStringLiteral("--tags")},
                     {}),
          make<WatchAddCommand>}},
        {QStringLiteral("watch remove"), {withGlobal({}, {}), make<WatchRemoveCommand>}},
        {QStringLiteral("watch list"), {withGlobal({}, {QStringLiteral("--json")}), make<WatchListCommand>}},
        {QStringLiteral("watch mute"),
         {withGlobal({}, {}),
          [](CliContext &c) -> std::unique_ptr<Command> {
              return std::make_unique<WatchMuteCommand>(c, true);
          }}},
        {QStringLiteral("watch unmute"),
         {withGlobal({}, {}),
          [](CliContext &c) -> std::unique_ptr<Command> {
              return std::make_unique<WatchMuteCommand>(c, false);
          }}},
        {QStringLiteral("poll"),
         {withGlobal({}, {QStringLiteral("--json"), QStringLiteral("--exit-code")}), make<PollCommand>}},
        {QStringLiteral("history"),
         {withGlobal({}, {QStringLiteral("--json"), QStringLiteral("--acknowledge")}), make<HistoryCommand>}},
        {QStringLiteral("check"), {withGlobal({}, {QStringLiteral("--json")}), make<CheckCommand>}},
        {QStringLiteral("diff"),
         {withGlobal({QStringLiteral("--platform")}, {QStringLiteral("--json")}), make<DiffCommand>}},
        {QStringLiteral("export"),
         {withGlobal({QStringLiteral("--format"), QStringLiteral("--since"), QStringLiteral("--until"),
                      QStringLiteral("-o")},
                     {QStringLiteral("--no-platforms"), QStringLiteral("--no-index-only")}),
          make<ExportCommand>}},
        {QStringLiteral("daemon"),
         {withGlobal({QStringLiteral("--on-rebuild"), QStringLiteral("--hook-timeout")}, {}),
          make<DaemonCommand>}},
        {QStringLiteral("follow"), {withGlobal({}, {QStringLiteral("--json")}), make<FollowCommand>}},
        {QStringLiteral("migrate"),
         {withGlobal({QStringLiteral("--from"), QStringLiteral("--to")}, {}), make<MigrateCommand>}},
        {QStringLiteral("notify add"),
         {withGlobal({QStringLiteral("--name"), QStringLiteral("--tags"), QStringLiteral("--platforms"),
                      QStringLiteral("--events"), QStringLiteral("--batch")},
                     {QStringLiteral("--insecure")}),
          make<NotifyAddCommand>}},
        {QStringLiteral("notify list"),
         {withGlobal({}, {QStringLiteral("--json")}), make<NotifyListCommand>}},
        {QStringLiteral("notify remove"), {withGlobal({}, {}), make<NotifyRemoveCommand>}},
        {QStringLiteral("notify test"), {withGlobal({}, {}), make<NotifyTestCommand>}},
        {QStringLiteral("scan"),
         {withGlobal({}, {QStringLiteral("--json"), QStringLiteral("--update"), QStringLiteral("--pin"),
                          QStringLiteral("--exit-code"), QStringLiteral("--dry-run")}),
          make<ScanCommand>}},
        {QStringLiteral("running"),
         {withGlobal(
              {QStringLiteral("--namespace")},
              {QStringLiteral("--all"), QStringLiteral("--watch"), QStringLiteral("--json"),
               QStringLiteral("--exit-code")},
              {QStringLiteral("--docker"), QStringLiteral("--podman"), QStringLiteral("--kubernetes")}),
          make<RunningCommand>}},
    };
    return table;
}

// Every option of every command: enough to find the command words before parsing for real.
OptionSpec anyCommandSpec()
{
    OptionSpec all;
    for (const CommandEntry &command : commands()) {
        all.withValue += command.spec.withValue;
        all.flags += command.spec.flags;
        all.optionalValue += command.spec.optionalValue;
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

Result<QSet<QString>> insecureRegistries(const QStringList &savedHosts, const QStringList &fromCommandLine)
{
    QSet<QString> out;
    QStringList all = savedHosts;
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

Cli::Cli(QStringList arguments, const Clock &clock, SharedSettings settings, QObject *parent)
    : QObject(parent)
    , m_arguments(std::move(arguments))
    , m_context(clock, std::move(settings))
{
    connect(&m_context, &CliContext::finished, this, &Cli::finished);
}

Cli::~Cli() = default;

void Cli::printHelp()
{
    m_context.out() << tr(
        "Usage: rebuildradar-cli [--db PATH|URI] [--insecure-registry HOST[:PORT]]\n"
        "                        [--check-timeout DURATION] COMMAND ...\n"
        "\n"
        "Commands:\n"
        "  watch add REF... [--every DURATION] [--platforms LIST]\n"
        "  watch add REPOSITORY --tags REGEX [--every DURATION]\n"
        "  watch remove REF...\n"
        "  watch list [--json]\n"
        "  watch mute REF... | watch unmute REF...\n"
        "  poll [REF...] [--json] [--exit-code]\n"
        "  history REF [--json]\n"
        "  history REF --acknowledge [ROLLOUT_START]\n"
        "  check REF [--json]\n"
        "  diff REF [OLD_DIGEST [NEW_DIGEST]] [--platform P] [--json]\n"
        "  export [REF...] --format csv|json|md|html|pdf [--since DATE] [--until DATE]\n"
        "         [--no-platforms] [--no-index-only] -o FILE\n"
        "  daemon [--on-rebuild CMD] [--hook-timeout DURATION]\n"
        "  follow [--json]\n"
        "  migrate --from PATH --to URI\n"
        "  scan PATH [--json] [--update] [--pin] [--dry-run] [--exit-code]\n"
        "  running [--docker [URL]] [--podman [URL]] [--kubernetes [CONTEXT]] [--namespace NS]\n"
        "          [--all] [--watch] [--json] [--exit-code]\n"
        "\n"
        "--db takes a SQLite file's path or a team database's URI (postgresql://user@host/dbname).\n"
        "\n"
        "Exit codes: 0 done, 1 some reference could not be checked, 2 bad usage (nothing "
        "changed),\n"
        "3 with --exit-code: a rebuild was found (running: a workload runs a stale build).\n");
    // (English only until the catalogues carry it.)
    m_context.out() << QStringLiteral(
        "\nNotification channels (webhook, Slack, Teams, Discord, ntfy, Gotify, Matrix, e-mail):\n"
        "  notify add URL [--name NAME] [--tags REGEX] [--platforms LIST]\n"
        "             [--events started,complete,closed,stale] [--batch DURATION] [--insecure]\n"
        "  notify list [--json] | notify remove NAME | notify test NAME\n");
}

void Cli::run()
{
    QStringList args = m_arguments.mid(1);
    // The command is the first one or two positional words; the rest is parsed per command.
    auto global = parseArgs(args, anyCommandSpec());
    if (global && global->has(QStringLiteral("--version"))) {
        m_context.out() << "rebuildradar-cli " << REBUILDRADAR_VERSION << Qt::endl;
        m_context.finish(ExitCode::Done);
        return;
    }
    if (!global || global->positionals.isEmpty() || global->has(QStringLiteral("--help")) ||
        global->has(QStringLiteral("-h"))) {
        if (global && (global->has(QStringLiteral("--help")) || global->has(QStringLiteral("-h")))) {
            printHelp();
            m_context.finish(ExitCode::Done);
            return;
        }
        printHelp();
        m_context.usageError(global ? tr("no command given") : global.error().message);
        return;
    }
    QString command = global->positionals.first();
    if (command == u"watch") {
        const QString sub = global->positionals.value(1);
        if (sub != u"add" && sub != u"remove" && sub != u"list" && sub != u"mute" && sub != u"unmute") {
            m_context.usageError(tr("watch needs add, remove, list, mute or unmute"));
            return;
        }
        command += u' ' + sub;
    } else if (command == u"notify") {
        const QString sub = global->positionals.value(1);
        if (sub != u"add" && sub != u"list" && sub != u"remove" && sub != u"test") {
            m_context.usageError(QStringLiteral("notify needs add, list, remove or test"));
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

    if (!commands().contains(command)) {
        m_context.usageError(tr("unknown command \"%1\" (see --help)").arg(command));
        return;
    }
    const CommandEntry entry = commands().value(command);
    auto parsed = parseArgs(args, entry.spec);
    if (!parsed) {
        m_context.usageError(parsed.error().message);
        return;
    }
    auto insecure = insecureRegistries(m_context.settings().insecureRegistries,
                                       parsed->all(QStringLiteral("--insecure-registry")));
    if (!insecure) {
        m_context.usageError(insecure.error().message);
        return;
    }
    int checkDeadlineMs = m_context.settings().checkTimeoutSeconds * 1000;
    if (parsed->has(QStringLiteral("--check-timeout"))) {
        auto d = parseDuration(parsed->value(QStringLiteral("--check-timeout")));
        if (!d) {
            m_context.usageError(d.error().message);
            return;
        }
        checkDeadlineMs = *d * 1000;
    }
    m_context.configure(parsed->has(QStringLiteral("--db")) ? parsed->value(QStringLiteral("--db"))
                                                            : Database::defaultPath(),
                        *insecure, checkDeadlineMs);
    runCommand(entry.make, *parsed);
}

void Cli::runCommand(const std::function<std::unique_ptr<Command>(CliContext &)> &make,
                     const ParsedArgs &args)
{
    m_command = make(m_context);
    m_command->run(args);
    // A team history refused a login for want of a password: the keychain's, if the user saved one
    // (the desktop app does), and the command again from the start.
    if (auto wish = m_context.takeKeychainWish())
        DatabasePasswords::read(wish->location, this,
                                [this, make, args, pending = *wish](const QString &saved) {
                                    if (saved.isEmpty()) {
                                        m_context.usageError(pending.refused.message);
                                        return;
                                    }
                                    m_context.setSavedPassword(pending.location, saved);
                                    runCommand(make, args);
                                });
}

} // namespace RebuildRadar
