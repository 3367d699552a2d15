// The desktop's "Running" window and notification: workloads stale first with the build they run and
// what they miss, a stale-only filter, sources validated before they reach the engine, and the
// notification text for workloads a rebuild left behind.

#include "RunningView.h"
#include "EngineHost.h"
#include "Notifier.h"
#include "common/Clock.h"
#include "credentials/Credential.h"

#include <QCheckBox>
#include <QLineEdit>
#include <QSignalSpy>
#include <QTreeWidget>

#include <gtest/gtest.h>

using namespace RebuildRadar;

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
