#pragma once

#include <QLocale>

class QCoreApplication;

namespace RebuildRadar {

// Loads Rebuild Radar's catalogue for `locale` (embedded) and Qt's own (from the system), into the
// application. Returns true when Rebuild Radar's was found; English needs none.
bool installTranslations(QCoreApplication &app, const QLocale &locale = QLocale::system());

} // namespace RebuildRadar
