#include "common/Printable.h"

#include <algorithm>

namespace RebuildRadar {

namespace {
bool isControl(char16_t c)
{
    // C0 (but tab), DEL, C1. Newlines are escaped too: one value must not forge a second output line.
    return (c < 0x20 && c != u'\t') || c == 0x7f || (c >= 0x80 && c <= 0x9f);
}
} // namespace

QString printable(const QString &text)
{
    const bool clean = std::none_of(text.begin(), text.end(), [](QChar c) { return isControl(c.unicode()); });
    if (clean)
        return text;
    QString out;
    out.reserve(text.size() + 8);
    for (const QChar c : text) {
        const char16_t u = c.unicode();
        if (!isControl(u))
            out.append(c);
        else if (u < 0x80)
            out.append(QStringLiteral("\\x%1").arg(int(u), 2, 16, QLatin1Char('0')));
        else
            out.append(QStringLiteral("\\u%1").arg(int(u), 4, 16, QLatin1Char('0')));
    }
    return out;
}

} // namespace RebuildRadar
