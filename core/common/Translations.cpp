#include "common/Translations.h"

#include <QCoreApplication>
#include <QLibraryInfo>
#include <QTranslator>

namespace RebuildRadar {

bool installTranslations(QCoreApplication &app, const QLocale &locale)
{
    auto *qt = new QTranslator(&app);
    if (qt->load(locale, QStringLiteral("qtbase"), QStringLiteral("_"),
                 QLibraryInfo::path(QLibraryInfo::TranslationsPath)))
        QCoreApplication::installTranslator(qt);
    auto *own = new QTranslator(&app);
    if (own->load(locale, QStringLiteral("rebuildradar"), QStringLiteral("_"), QStringLiteral(":/i18n"))) {
        QCoreApplication::installTranslator(own);
        return true;
    }
    // No catalogue for the language: the English text, with its plural forms ("1 image", "2 images").
    if (own->load(QStringLiteral("rebuildradar_en"), QStringLiteral(":/i18n")))
        QCoreApplication::installTranslator(own);
    return false;
}

} // namespace RebuildRadar
