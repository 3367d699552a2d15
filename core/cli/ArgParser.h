#pragma once

// The command line's grammar: options and positionals in any order, `--name value` / `--name=value`,
// `--` ending options. Which options a command takes is its OptionSpec (see Cli.cpp); the value rules
// (durations, platform lists) live in common/.

#include "common/Result.h"

#include <QMap>
#include <QSet>
#include <QStringList>

#include <optional>

namespace RebuildRadar {

// Options may stand before or after positional arguments; `--name value` and `--name=value` both work.
struct ParsedArgs
{
    QStringList positionals;
    QMultiMap<QString, QString> values; // options with a value (repeatable ones keep every value)
    QSet<QString> flags;                // options without a value

    bool has(const QString &name) const { return flags.contains(name) || values.contains(name); }
    QString value(const QString &name) const { return values.value(name); }
    QStringList all(const QString &name) const;
};

struct OptionSpec
{
    QSet<QString> withValue; // e.g. "--db", "-o"
    QSet<QString> flags;     // e.g. "--json"
    // Options whose value may be left out (`--docker` or `--docker URL`): the next argument is its
    // value unless it starts with "-"; left out, the value is empty.
    QSet<QString> optionalValue = {};
};

Result<ParsedArgs> parseArgs(const QStringList &args, const OptionSpec &spec);

} // namespace RebuildRadar
