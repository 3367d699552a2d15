#include <QCoreApplication>

#include <gtest/gtest.h>

// Core tests need an event loop for QtNetwork, but no GUI.
int main(int argc, char **argv)
{
    testing::InitGoogleTest(&argc, argv);
    QCoreApplication app(argc, argv);
    return RUN_ALL_TESTS();
}
