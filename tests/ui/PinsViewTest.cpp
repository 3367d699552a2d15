// The Pins window's "Open file" when nothing can open it: no editor set and no desktop handler. The
// user is told so, and how to set an editor, instead of nothing happening.

#include "PinsView.h"
#include "EngineHost.h"
#include "TempStore.h"
#include "common/Clock.h"
#include "credentials/Credential.h"
#include "engine/WatchEngine.h"

#include <QFile>
#include <QLabel>
#include <QScopeGuard>
#include <QSettings>
#include <QSignalSpy>
#include <QStandardPaths>
#include <QTemporaryDir>
#include <QTreeWidget>
#include <QUrl>

#include <gtest/gtest.h>

using namespace RebuildRadar;
using namespace RebuildRadar::Test;

TEST(PinsView, OpenFileWithoutAnEditorOrHandlerSaysSo)
{
    QTemporaryDir project;
    QFile file(project.filePath(QStringLiteral("Dockerfile")));
    ASSERT_TRUE(file.open(QIODevice::WriteOnly));
    file.write("# base\nFROM ${BASE}:1\n");
    file.close();
    // Settings of this process only: ctest runs the test that configures an editor at the same time, and
    // the user's settings file is shared.
    QTemporaryDir settingsDir;
    QSettings::setPath(QSettings::NativeFormat, QSettings::UserScope, settingsDir.path());
    const auto restore = qScopeGuard([] {
        QSettings::setPath(QSettings::NativeFormat, QSettings::UserScope,
                           QStandardPaths::writableLocation(QStandardPaths::GenericConfigLocation));
    });
    ASSERT_FALSE(QSettings().contains(QStringLiteral("pins/editor")));

    TempStore db;
    SystemClock clock;
    EngineHost engine(clock, std::make_unique<CredentialChain>());
    EngineConfig config;
    config.databasePath = db.path();
    engine.call([e = engine.engine()] { e->setPaused(true); });
    engine.call([e = engine.engine(), config] { e->open(config); });

    PinsView pins(engine);
    QList<QUrl> asked;
    pins.setUrlOpener([&](const QUrl &url) {
        asked.append(url);
        return false; // a desktop with no application for the file
    });
    QSignalSpy scanned(&pins, &PinsView::scanned);
    pins.scan(project.path());
    ASSERT_TRUE(scanned.wait(20000));
    ASSERT_EQ(pins.results().size(), 1);
    QTreeWidgetItem *found = nullptr;
    for (int i = 0; i < pins.tree()->topLevelItemCount() && !found; ++i) {
        if (pins.tree()->topLevelItem(i)->childCount() > 0)
            found = pins.tree()->topLevelItem(i)->child(0);
    }
    ASSERT_NE(found, nullptr);
    found->setSelected(true);
    pins.openSelected();

    ASSERT_EQ(asked.size(), 1);
    EXPECT_EQ(asked[0].toLocalFile(), file.fileName());
    const QString status = pins.statusLabel()->text();
    EXPECT_TRUE(status.contains(file.fileName())) << status.toStdString();
    EXPECT_TRUE(status.contains(QStringLiteral("set an editor"))) << status.toStdString();
    EXPECT_TRUE(status.contains(QStringLiteral("%f:%l"))) << status.toStdString();

    // a handler that opens the file leaves no complaint
    pins.setUrlOpener([&](const QUrl &url) {
        asked.append(url);
        return true;
    });
    pins.statusLabel()->clear();
    pins.openSelected();
    EXPECT_EQ(asked.size(), 2);
    EXPECT_TRUE(pins.statusLabel()->text().isEmpty());
}
