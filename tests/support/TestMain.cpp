#include <QCoreApplication>
#include <QLoggingCategory>

#include <gtest/gtest.h>

// Core tests need an event loop for QtNetwork, but no GUI.
int main(int argc, char **argv)
{
    testing::InitGoogleTest(&argc, argv);
    QCoreApplication app(argc, argv);
    // Settings of their own: tests never touch the user's.
    QCoreApplication::setOrganizationName(QStringLiteral("RebuildRadarTests"));
    QCoreApplication::setApplicationName(QStringLiteral("rebuildradar-core-tests"));
    QLoggingCategory::setFilterRules(QStringLiteral("rebuildradar.*.debug=false\nrebuildradar.*.info=false"));
    return RUN_ALL_TESTS();
}
