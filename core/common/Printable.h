#pragma once

// Text from outside (registries, files) made safe to show on a terminal: control characters that a
// terminal would act on (ESC starting a CSI/OSC sequence, BEL, backspace, carriage return, the C1
// range) are written out as visible escapes, so a registry cannot repaint or retitle the user's
// terminal. Plain text, tabs included, is left as it is.

#include <QString>

namespace RebuildRadar {

// "\x1b[31m" becomes the eight characters `\x1b[31m`; U+009B becomes `\u009b`.
QString printable(const QString &text);

} // namespace RebuildRadar
