#include "common/Translations.h"

#include <QApplication>
#include <QLoggingCategory>

#include <gtest/gtest.h>

// UI tests run offscreen (QT_QPA_PLATFORM=offscreen) or under Xvfb for real screenshots.
int main(int argc, char **argv)
{
    testing::InitGoogleTest(&argc, argv);
    if (qEnvironmentVariableIsEmpty("QT_QPA_PLATFORM"))
        qputenv("QT_QPA_PLATFORM", "offscreen");
    QApplication app(argc, argv);
    QCoreApplication::setOrganizationName(QStringLiteral("RebuildRadarTests"));
    QCoreApplication::setApplicationName(QStringLiteral("rebuildradar-ui-tests"));
    // the app's English: plural forms from the catalogue ("1 image", "2 images"), as main() installs them
    RebuildRadar::installTranslations(app, QLocale(QLocale::English, QLocale::UnitedStates));
    QLoggingCategory::setFilterRules(QStringLiteral("rebuildradar.*.debug=false\nrebuildradar.*.info=false"));
    return RUN_ALL_TESTS();
}
