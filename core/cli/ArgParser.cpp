#include "cli/ArgParser.h"

#include <QRegularExpression>

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

Result<int> parseDuration(const QString &text)
{
    static const QRegularExpression whole(QStringLiteral("^(?:[0-9]+[smhd])+$"));
    static const QRegularExpression part(QStringLiteral("([0-9]+)([smhd])"));
    if (!whole.match(text).hasMatch())
        return makeError(ErrorCode::InvalidInput,
                         QStringLiteral("invalid duration \"%1\" (use e.g. 30s, 15m, 6h, 1d)").arg(text));
    qint64 seconds = 0;
    for (auto it = part.globalMatch(text); it.hasNext();) {
        const auto m = it.next();
        const qint64 n = m.captured(1).toLongLong();
        const QChar unit = m.captured(2).at(0);
        const qint64 factor = unit == u's' ? 1 : unit == u'm' ? 60 : unit == u'h' ? 3600 : 86400;
        seconds += n * factor;
        if (m.captured(1).size() > 9 || seconds > 366LL * 86400)
            return makeError(ErrorCode::InvalidInput,
                             QStringLiteral("duration \"%1\" is longer than a year").arg(text));
    }
    if (seconds < 1)
        return makeError(ErrorCode::InvalidInput,
                         QStringLiteral("duration \"%1\" is shorter than one second").arg(text));
    return int(seconds);
}

QString formatDuration(int seconds)
{
    if (seconds % 86400 == 0)
        return QStringLiteral("%1d").arg(seconds / 86400);
    if (seconds % 3600 == 0)
        return QStringLiteral("%1h").arg(seconds / 3600);
    if (seconds % 60 == 0)
        return QStringLiteral("%1m").arg(seconds / 60);
    return QStringLiteral("%1s").arg(seconds);
}

Result<QStringList> parsePlatforms(const QString &text)
{
    static const QRegularExpression platform(QStringLiteral("^[a-z0-9._-]+/[a-z0-9._-]+(/[a-z0-9._-]+)?$"));
    QStringList out;
    for (const QString &item : text.split(u',')) {
        const QString p = item.trimmed();
        if (!platform.match(p).hasMatch())
            return makeError(
                ErrorCode::InvalidInput,
                QStringLiteral("invalid platform \"%1\" (use os/architecture[/variant], e.g. linux/arm64)")
                    .arg(p));
        if (!out.contains(p))
            out.append(p);
    }
    return out;
}

} // namespace RebuildRadar
