// The desktop's "Running" window and notification: workloads stale first with the build they run and
// what they miss, a stale-only filter, sources validated before they reach the engine, the
// notification text for workloads a rebuild left behind, and the first start's import of the images
// of running containers (a scripted Docker Engine API, read by the engine as the app runs it).

#include "RunningView.h"
#include "EngineHost.h"
#include "MainWindow.h"
#include "Notifier.h"
#include "ScriptedServer.h"
#include "Settings.h"
#include "TempStore.h"
#include "WatchlistModel.h"
#include "common/Clock.h"
#include "credentials/Credential.h"
#include "engine/WatchEngine.h"

#include <QCheckBox>
#include <QCryptographicHash>
#include <QLineEdit>
#include <QPushButton>
#include <QScopeGuard>
#include <QSettings>
#include <QSignalSpy>
#include <QTest>
#include <QTreeView>
#include <QTreeWidget>

#include <gtest/gtest.h>

using namespace RebuildRadar;
using namespace RebuildRadar::Test;

namespace {

RunningStatus workload(const QString &name, int build, int builds)
{
    RunningStatus s;
    s.workload.name = name;
    s.workload.host = QStringLiteral("unix:///var/run/docker.sock");
    s.workload.state = QStringLiteral("running");
    s.reference = QStringLiteral("docker.io/library/python:3.13");
    s.match = RunningMatchKind::Build;
    s.build = build;
    s.builds = builds;
    s.rebuildsBehind = builds - build;
    s.stale = build < builds;
    if (s.stale)
        s.newerSince = 1767225600000; // 2026-01-01
    return s;
}

} // namespace

TEST(RunningView, StaleFirstWithTheBuildTheyRunAndAStaleOnlyFilter)
{
    SystemClock clock;
    EngineHost engine(clock, std::make_unique<CredentialChain>());
    RunningView view(engine, {QStringLiteral("docker")});
    EXPECT_EQ(view.findChild<QLineEdit *>()->text(), QStringLiteral("docker"));
    view.showWorkloads({workload(QStringLiteral("current"), 3, 3),
                        workload(QStringLiteral("one-behind"), 2, 3),
                        workload(QStringLiteral("two-behind"), 1, 3)});
    QTreeWidget *tree = view.tree();
    ASSERT_EQ(tree->topLevelItemCount(), 3);
    EXPECT_EQ(tree->topLevelItem(0)->text(0), QStringLiteral("two-behind"));
    EXPECT_EQ(tree->topLevelItem(1)->text(0), QStringLiteral("one-behind"));
    EXPECT_EQ(tree->topLevelItem(2)->text(0), QStringLiteral("current"));
    EXPECT_EQ(tree->topLevelItem(0)->text(1), QStringLiteral("python:3.13"));
    EXPECT_EQ(tree->topLevelItem(0)->text(2), QStringLiteral("1 of 3"));
    EXPECT_TRUE(tree->topLevelItem(0)->text(3).startsWith(QStringLiteral("2 rebuild")))
        << tree->topLevelItem(0)->text(3).toStdString();
    EXPECT_TRUE(tree->topLevelItem(2)->text(3).isEmpty());
    EXPECT_TRUE(tree->topLevelItem(0)->text(4).isEmpty()); // not analysed yet
    // What the newer builds changed, once analysed, in its own column.
    RunningStatus analysed = workload(QStringLiteral("analysed"), 1, 2);
    analysed.newerChanges = QStringLiteral("openssl 3.0.15-1 → 3.0.17-1");
    view.showWorkloads({analysed});
    ASSERT_EQ(tree->topLevelItemCount(), 1);
    EXPECT_EQ(tree->headerItem()->text(4), QStringLiteral("Newer build changed"));
    EXPECT_EQ(tree->topLevelItem(0)->text(4), analysed.newerChanges);
    view.showWorkloads({workload(QStringLiteral("current"), 3, 3),
                        workload(QStringLiteral("one-behind"), 2, 3),
                        workload(QStringLiteral("two-behind"), 1, 3)});
    view.staleOnly()->setChecked(true);
    EXPECT_EQ(tree->topLevelItemCount(), 2);

    QStringList problems;
    EXPECT_EQ(RunningView::parseSources(QStringLiteral("docker, kubernetes=prod, ftp=x"), &problems),
              (QStringList{QStringLiteral("docker"), QStringLiteral("kubernetes=prod")}));
    ASSERT_EQ(problems.size(), 1);
    EXPECT_TRUE(problems.first().contains(QStringLiteral("ftp=x")));
    // Bad input changes nothing: no sources reach the settings.
    QSignalSpy changed(&view, &RunningView::sourcesChanged);
    view.findChild<QLineEdit *>()->setText(QStringLiteral("docker, bogus"));
    emit view.findChild<QLineEdit *>()->returnPressed();
    EXPECT_EQ(changed.size(), 0);
    view.findChild<QLineEdit *>()->setText(QStringLiteral("podman"));
    emit view.findChild<QLineEdit *>()->returnPressed();
    ASSERT_EQ(changed.size(), 1);
    EXPECT_EQ(changed[0][0].toStringList(), QStringList{QStringLiteral("podman")});
}

TEST(RunningView, NotificationNamesTheWorkloadsAndTheBuildTheyRun)
{
    const QList<RunningStatus> behind{workload(QStringLiteral("web"), 1, 2)};
    EXPECT_TRUE(Notifier::leftBehindTitle(behind).contains(QStringLiteral("old build")));
    EXPECT_EQ(Notifier::leftBehindBody(behind), QStringLiteral("web: python:3.13 build 1 of 2"));
    // Once the newer build is analysed, the notification says what it changed.
    QList<RunningStatus> analysed = behind;
    analysed[0].newerChanges = QStringLiteral("openssl 3.0.15-1 → 3.0.17-1 (fixes CVE-2025-9230)");
    const QString body = Notifier::leftBehindBody(analysed);
    EXPECT_TRUE(body.startsWith(QStringLiteral("web: python:3.13 build 1 of 2"))) << body.toStdString();
    EXPECT_TRUE(body.contains(analysed[0].newerChanges)) << body.toStdString();
}

namespace {

// A Docker Engine API (GET /containers/json, /images/{id}/json) whose containers run these images;
// the image ids (and the digests pulled) are the images' names, hashed.
ScriptedResponse dockerRunning(const ScriptedRequest &r, const QList<std::pair<QString, QString>> &containers)
{
    auto imageId = [](const QString &image) {
        return QStringLiteral("sha256:") +
               QString::fromLatin1(
                   QCryptographicHash::hash(image.toUtf8(), QCryptographicHash::Sha256).toHex());
    };
    ScriptedResponse response;
    response.header("Content-Type", "application/json");
    if (r.path() == "/containers/json") {
        QStringList list;
        for (const auto &[name, image] : containers)
            list.append(
                QStringLiteral(R"({"Id":"%1","Names":["/%1"],"Image":"%2","ImageID":"%3","State":"running"})")
                    .arg(name, image, imageId(image)));
        response.body = (u'[' + list.join(u',') + u']').toUtf8();
    } else if (r.path().startsWith("/images/")) {
        for (const auto &[name, image] : containers) {
            if (r.path().contains(imageId(image).mid(7).toUtf8())) // the id's colon comes encoded
                response.body = QStringLiteral(R"({"Id":"%1","RepoDigests":["%2@%1"]})")
                                    .arg(imageId(image), image.left(image.lastIndexOf(u':')))
                                    .toUtf8();
        }
        if (response.body.isEmpty())
            response.status = 404;
    } else if (r.path() == "/events") {
        response.body = {}; // the stream ends here; the engine opens it again later
    } else {
        response.status = 404;
    }
    return response;
}

// The window as the app makes it: the engine configured with the saved sources, on an empty history.
struct FirstStart
{
    FirstStart()
        : engine(clock, std::make_unique<CredentialChain>())
        , window(engine, clock)
    {
        EngineConfig config;
        config.databasePath = store.path();
        config.workloadSources = workloadSourcesFromSettings(AppSettings::load().runningSources);
        engine.call([e = engine.engine()] { e->setPaused(true); }); // no registry here
        engine.call([e = engine.engine(), config] { e->open(config); });
        window.show();
    }
    const WatchedTag *tag(const QString &reference) const
    {
        for (const WatchedTag &t : window.model()->tags()) {
            if (t.reference == reference)
                return &t;
        }
        return nullptr;
    }
    TempStore store;
    SystemClock clock;
    EngineHost engine;
    MainWindow window;
};

const QString kApp = QStringLiteral("registry.example/app:1");
const QString kDb = QStringLiteral("registry.example/db:2");

} // namespace

// First start: "Import from running containers" reads the configured sources through the engine and
// offers every image running there, checked; watching keeps the settings of an image watched meanwhile.
TEST(RunningView, FirstStartImportsTheImagesOfRunningContainers)
{
    ScriptedServer docker([](const ScriptedRequest &r) {
        return dockerRunning(
            r, {{QStringLiteral("web"), kApp}, {QStringLiteral("web-2"), kApp}, {QStringLiteral("db"), kDb}});
    });
    QSettings().setValue(QStringLiteral("running/sources"),
                         QStringList{QStringLiteral("docker=") + docker.url()});
    const auto restore = qScopeGuard([] { QSettings().remove(QStringLiteral("running/sources")); });
    FirstStart f;
    ASSERT_TRUE(QTest::qWaitFor([&] { return f.window.firstStartPage()->isVisible(); }, 10000));
    auto *import = f.window.findChild<QPushButton *>(QStringLiteral("firstStartRunning"));
    ASSERT_NE(import, nullptr);
    EXPECT_TRUE(import->isVisible());
    import->click();
    auto *view = f.window.findChild<RunningView *>();
    ASSERT_NE(view, nullptr);
    EXPECT_TRUE(view->isVisible());
    ASSERT_TRUE(QTest::qWaitFor([&] { return view->tree()->topLevelItemCount() == 3; }, 10000));
    // each image once, checked; the two containers of app:1 share its box
    EXPECT_EQ(view->checkedReferences(), (QStringList{kApp, kDb}));
    for (int row = 0; row < 3; ++row)
        EXPECT_EQ(view->tree()->topLevelItem(row)->checkState(1), Qt::Checked) << row;
    // unchecking one container's image unchecks the image
    QTreeWidgetItem *db = view->tree()->findItems(QStringLiteral("db"), Qt::MatchExactly).value(0);
    ASSERT_NE(db, nullptr);
    db->setCheckState(1, Qt::Unchecked);
    EXPECT_EQ(view->checkedReferences(), QStringList{kApp});
    db->setCheckState(1, Qt::Checked);

    // Meanwhile another program watches db:2 every 15 minutes: watching from here keeps that.
    f.store.watch(kDb, 900);
    ASSERT_TRUE(QTest::qWaitFor([&] { return f.tag(kDb) != nullptr; }, 10000));
    ASSERT_TRUE(view->watchButton()->isEnabled());
    view->watchButton()->click();
    ASSERT_TRUE(QTest::qWaitFor([&] { return f.tag(kApp) != nullptr; }, 10000));
    EXPECT_EQ(f.tag(kApp)->intervalSeconds, AppSettings::load().defaultIntervalSeconds);
    EXPECT_EQ(f.tag(kDb)->intervalSeconds, 900);
    EXPECT_TRUE(f.window.table()->isVisible());
    // read again, the images are watched: nothing left to check
    const auto hasBox = [&](int row) {
        return view->tree()->topLevelItem(row)->data(1, Qt::CheckStateRole).isValid();
    };
    ASSERT_TRUE(QTest::qWaitFor(
        [&] { return view->tree()->topLevelItemCount() == 3 && !hasBox(0) && !hasBox(1) && !hasBox(2); },
        10000));
    EXPECT_TRUE(view->checkedReferences().isEmpty());
    EXPECT_FALSE(view->watchButton()->isEnabled());
}

// No source configured: the import reads the local Docker Engine ($DOCKER_HOST), as
// `rebuildradar-cli running` does, and the Running window shows (and keeps) that source.
TEST(RunningView, ImportWithoutSourcesReadsTheLocalDockerEngine)
{
    ScriptedServer docker([](const ScriptedRequest &r) {
        return dockerRunning(r, {{QStringLiteral("web"), kApp}});
    });
    QSettings().remove(QStringLiteral("running/sources"));
    const QByteArray dockerHost = qgetenv("DOCKER_HOST");
    const bool hadDockerHost = qEnvironmentVariableIsSet("DOCKER_HOST");
    qputenv("DOCKER_HOST", docker.url().toUtf8());
    const auto restore = qScopeGuard([&] {
        QSettings().remove(QStringLiteral("running/sources"));
        if (hadDockerHost)
            qputenv("DOCKER_HOST", dockerHost);
        else
            qunsetenv("DOCKER_HOST");
    });
    FirstStart f;
    ASSERT_TRUE(QTest::qWaitFor([&] { return f.window.firstStartPage()->isVisible(); }, 10000));
    f.window.findChild<QPushButton *>(QStringLiteral("firstStartRunning"))->click();
    auto *view = f.window.findChild<RunningView *>();
    ASSERT_NE(view, nullptr);
    EXPECT_EQ(view->findChild<QLineEdit *>()->text(), QStringLiteral("docker"));
    EXPECT_EQ(AppSettings::load().runningSources, QStringList{QStringLiteral("docker")});
    ASSERT_TRUE(QTest::qWaitFor([&] { return view->tree()->topLevelItemCount() == 1; }, 10000));
    EXPECT_GE(docker.count("GET", "/containers/json"), 1);
    EXPECT_EQ(view->checkedReferences(), QStringList{kApp});
}
