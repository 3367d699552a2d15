#pragma once

// rebuildradar-cli's front door: reads the command words and options of docs/CLI.md (the contract),
// prints help and version, and hands the parsed arguments to the command's own class (one file per
// command or small group). Runs on the event loop; `finished` carries the exit code.

#include "cli/CliContext.h"
#include "common/Clock.h"
#include "common/Result.h"
#include "common/SharedSettings.h"

#include <QObject>
#include <QSet>

#include <functional>
#include <memory>

namespace RebuildRadar {

class CredentialChain;

class Cli : public QObject
{
    Q_OBJECT
public:
    Cli(QStringList arguments, const Clock &clock, SharedSettings settings, QObject *parent = nullptr);
    ~Cli() override;

    void run();

signals:
    void finished(int exitCode);

private:
    void printHelp();
    void runCommand(const std::function<std::unique_ptr<Command>(CliContext &)> &make,
                    const ParsedArgs &args);

    QStringList m_arguments;
    CliContext m_context;
    std::unique_ptr<Command> m_command;
};

// The credential sources in the contract's order: keychain, Docker config, Podman auth file.
std::unique_ptr<CredentialChain> makeDefaultCredentials();

// Insecure registries saved in the shared settings plus those given on the command line.
Result<QSet<QString>> insecureRegistries(const QStringList &saved, const QStringList &fromCommandLine);

} // namespace RebuildRadar
