#pragma once

#include <QLocale>

class QCoreApplication;

namespace RebuildRadar {

// Loads Rebuild Radar's catalogue for `locale` (embedded) and Qt's own (from the system), into the
// application. Returns true when a catalogue for the locale was found; any other language gets the English
// plural forms.
bool installTranslations(QCoreApplication &app, const QLocale &locale = QLocale::system());

} // namespace RebuildRadar
