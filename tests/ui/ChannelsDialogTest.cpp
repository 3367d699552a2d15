// The desktop's notification channels page: adding a channel through the engine shows it masked (the
// token never in the table), a bad URL is refused with the reason and adds nothing, removing takes it
// off the list.
#include "ChannelsDialog.h"
#include "EngineHost.h"
#include "credentials/Credential.h"
#include "store/ChannelStore.h"
#include "store/Database.h"

#include <QCheckBox>

#include <QLabel>
#include <QLineEdit>
#include <QScopeGuard>
#include <QTableWidget>
#include <QTemporaryDir>
#include <QTest>

#include <gtest/gtest.h>

using namespace RebuildRadar;

TEST(ChannelsDialog, AddsShowsMaskedAndRemoves)
{
    // the secrets go to a file of this test's own (no keychain needed), restored afterwards
    QTemporaryDir dir;
    const QByteArray oldConfig = qgetenv("XDG_CONFIG_HOME");
    const QByteArray oldKeychain = qgetenv("REBUILDRADAR_KEYCHAIN");
    qputenv("XDG_CONFIG_HOME", dir.filePath(QStringLiteral("config")).toUtf8());
    qputenv("REBUILDRADAR_KEYCHAIN", "off");
    auto restore = qScopeGuard([&] {
        oldConfig.isNull() ? qunsetenv("XDG_CONFIG_HOME") : qputenv("XDG_CONFIG_HOME", oldConfig);
        oldKeychain.isNull() ? qunsetenv("REBUILDRADAR_KEYCHAIN")
                             : qputenv("REBUILDRADAR_KEYCHAIN", oldKeychain);
    });
    SystemClock clock;
    EngineHost engine(clock, std::make_unique<CredentialChain>());
    EngineConfig config;
    config.databasePath = dir.filePath(QStringLiteral("h.sqlite"));
    config.channelSecretsFile = dir.filePath(QStringLiteral("secrets.json"));
    engine.call([e = engine.engine(), config] {
        e->setPaused(true);
        e->open(config);
    });
    ChannelsDialog dialog(engine);
    dialog.urlEdit()->setText(QStringLiteral("http://ci.example.org/hook"));
    dialog.add();
    ASSERT_TRUE(QTest::qWaitFor([&] { return !dialog.status()->text().isEmpty(); }, 10000));
    EXPECT_TRUE(dialog.status()->text().contains(QStringLiteral("https")))
        << dialog.status()->text().toStdString();
    EXPECT_EQ(dialog.table()->rowCount(), 0);

    dialog.status()->clear();
    dialog.urlEdit()->setText(QStringLiteral("ntfys://bob:pw-s3cret@ntfy.example.org/builds"));
    dialog.nameEdit()->setText(QStringLiteral("phone"));
    // the "stale" event is offered, unchecked by default
    QCheckBox *stale = nullptr;
    for (QCheckBox *box : dialog.findChildren<QCheckBox *>())
        stale = box->text().startsWith(QStringLiteral("stale")) ? box : stale;
    ASSERT_NE(stale, nullptr);
    EXPECT_FALSE(stale->isChecked());
    stale->setChecked(true);
    dialog.add();
    ASSERT_TRUE(QTest::qWaitFor([&] { return dialog.table()->rowCount() == 1; }, 10000));
    {
        auto db = Database::open(config.databasePath);
        ASSERT_TRUE(db.ok());
        auto phone = ChannelStore(**db, [] { return qint64(0); }).find(QStringLiteral("phone"));
        ASSERT_TRUE(phone.ok() && phone->has_value());
        EXPECT_EQ((*phone)->events, (QStringList{QStringLiteral("started"), QStringLiteral("complete"),
                                                 QStringLiteral("closed"), QStringLiteral("stale")}));
    }
    EXPECT_EQ(dialog.table()->item(0, 0)->text(), QStringLiteral("phone"));
    EXPECT_EQ(dialog.table()->item(0, 1)->text(), QStringLiteral("ntfy"));
    EXPECT_EQ(dialog.table()->item(0, 2)->text(), QStringLiteral("ntfys://bob:****@ntfy.example.org/builds"));
    EXPECT_TRUE(dialog.urlEdit()->text().isEmpty()); // the secret left the window

    dialog.table()->selectRow(0);
    dialog.removeSelected();
    ASSERT_TRUE(QTest::qWaitFor([&] { return dialog.table()->rowCount() == 0; }, 10000));
}
