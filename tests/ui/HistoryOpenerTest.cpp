// The desktop app opening a team history whose server wants a password libpq has not got: the one
// saved in the keychain (the engine tries it), else the user is asked once and it is saved there;
// declining says why the history stays closed.

#include "HistoryOpener.h"
#include "EngineHost.h"
#include "LocalPostgres.h"
#include "common/Clock.h"
#include "common/SharedSettings.h"
#include "credentials/Credential.h"
#include "credentials/DatabasePasswords.h"

#include <QSignalSpy>
#include <QTest>
#include <QWidget>

#include <gtest/gtest.h>

using namespace RebuildRadar;
using namespace RebuildRadar::Test;

namespace {

QString fromKeychain(const QString &uri)
{
    QObject context;
    std::optional<QString> found;
    DatabasePasswords::read(uri, &context, [&](const QString &p) { found = p; });
    EXPECT_TRUE(QTest::qWaitFor([&] { return found.has_value(); }, 10000));
    return found.value_or(QStringLiteral("?"));
}

struct Attempt
{
    bool opened = false;
    int asked = 0;
    QString failure;
};

Attempt openWith(const QString &uri, const QString &answer)
{
    SystemClock clock;
    EngineHost engine(clock, std::make_unique<CredentialChain>());
    QWidget window;
    EngineConfig config = EngineConfig::forDesktop(uri, SharedSettings{});
    config.analysePackages = false;
    HistoryOpener opener(engine, &window, config);
    Attempt attempt;
    opener.askPassword = [&](const QString &) {
        ++attempt.asked;
        return answer;
    };
    QSignalSpy failed(&opener, &HistoryOpener::failed);
    QObject::connect(engine.engine(), &WatchEngine::opened, &window,
                     [&](bool ok, const QString &) { attempt.opened = attempt.opened || ok; });
    opener.open();
    EXPECT_TRUE(QTest::qWaitFor([&] { return attempt.opened || !failed.isEmpty(); }, 30000));
    if (!failed.isEmpty())
        attempt.failure = failed.first().first().toString();
    return attempt;
}

} // namespace

TEST(HistoryOpener, TheKeychainsPasswordElseTheUsersOnce)
{
    ASSERT_TRUE(LocalPostgres::shared().isRunning()) << LocalPostgres::shared().error().toStdString();
    NoLibpqPassword noPassword;
    const QString secret = QStringLiteral("desk-top-secret");
    const QString uri = LocalPostgres::shared().createPasswordRole(QStringLiteral("radar_desktop"), secret);

    // saved before: opened without a question
    ASSERT_TRUE(saveDatabasePassword(uri, secret)) << "the test's keychain did not answer";
    Attempt saved = openWith(uri, QString());
    EXPECT_TRUE(saved.opened) << saved.failure.toStdString();
    EXPECT_EQ(saved.asked, 0);

    // nothing saved: asked once, opened, and kept for the next start
    ASSERT_TRUE(saveDatabasePassword(uri, QString()));
    Attempt asked = openWith(uri, secret);
    EXPECT_TRUE(asked.opened) << asked.failure.toStdString();
    EXPECT_EQ(asked.asked, 1);
    EXPECT_TRUE(QTest::qWaitFor([&] { return fromKeychain(uri) == secret; }, 10000));

    // declined: the history stays closed and the reason is the server's
    ASSERT_TRUE(saveDatabasePassword(uri, QString()));
    Attempt declined = openWith(uri, QString());
    EXPECT_FALSE(declined.opened);
    EXPECT_EQ(declined.asked, 1);
    EXPECT_TRUE(declined.failure.contains(QStringLiteral("refused the login")))
        << declined.failure.toStdString();
    EXPECT_FALSE(declined.failure.contains(secret));

    // a saved password the server no longer takes: the user is asked, and the answer replaces it
    ASSERT_TRUE(saveDatabasePassword(uri, QStringLiteral("an-old-one")));
    Attempt changed = openWith(uri, secret);
    EXPECT_TRUE(changed.opened) << changed.failure.toStdString();
    EXPECT_EQ(changed.asked, 1);
    EXPECT_TRUE(QTest::qWaitFor([&] { return fromKeychain(uri) == secret; }, 10000));
    EXPECT_TRUE(saveDatabasePassword(uri, QString()));
}
