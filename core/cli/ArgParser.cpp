#include "cli/ArgParser.h"

#include <algorithm>

namespace RebuildRadar {

QStringList ParsedArgs::all(const QString &name) const
{
    QStringList out = values.values(name);
    std::reverse(out.begin(), out.end()); // QMultiMap keeps the newest first
    return out;
}

Result<ParsedArgs> parseArgs(const QStringList &args, const OptionSpec &spec)
{
    ParsedArgs parsed;
    bool onlyPositionals = false;
    for (qsizetype i = 0; i < args.size(); ++i) {
        const QString &arg = args[i];
        if (onlyPositionals || arg == u"-" || !arg.startsWith(u'-')) {
            parsed.positionals.append(arg);
            continue;
        }
        if (arg == u"--") {
            onlyPositionals = true;
            continue;
        }
        QString name = arg;
        std::optional<QString> inlineValue;
        if (const qsizetype eq = arg.indexOf(u'='); eq > 0 && arg.startsWith(QStringLiteral("--"))) {
            name = arg.left(eq);
            inlineValue = arg.mid(eq + 1);
        }
        if (spec.flags.contains(name)) {
            if (inlineValue)
                return makeError(ErrorCode::InvalidInput, QStringLiteral("%1 takes no value").arg(name));
            parsed.flags.insert(name);
        } else if (spec.optionalValue.contains(name)) {
            if (inlineValue)
                parsed.values.insert(name, *inlineValue);
            else if (i + 1 < args.size() && !args[i + 1].startsWith(u'-'))
                parsed.values.insert(name, args[++i]);
            else
                parsed.values.insert(name, QString());
        } else if (spec.withValue.contains(name)) {
            if (!inlineValue && i + 1 >= args.size())
                return makeError(ErrorCode::InvalidInput, QStringLiteral("%1 needs a value").arg(name));
            parsed.values.insert(name, inlineValue ? *inlineValue : args[++i]);
        } else {
            return makeError(ErrorCode::InvalidInput, QStringLiteral("unknown option %1").arg(name));
        }
    }
    return parsed;
}

} // namespace RebuildRadar
