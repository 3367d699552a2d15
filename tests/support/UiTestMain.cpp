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
    QLoggingCategory::setFilterRules(QStringLiteral("rebuildradar.*.debug=false\nrebuildradar.*.info=false"));
    return RUN_ALL_TESTS();
}
