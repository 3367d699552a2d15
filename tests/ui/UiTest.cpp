// The desktop app's models, dialogs and window, offscreen, on real stores (and the real registry).
#include "AddDialog.h"
#include "Attention.h"
#include "CliRunner.h"
#include "CredentialsDialog.h"
#include "DetailsPane.h"
#include "EditWatchDialog.h"
#include "EngineHost.h"
#include "ErrorText.h"
#include "ExportDialog.h"
#include "FakeNotifications.h"
#include "FileDialogs.h"
#include "LocalRegistry.h"
#include "MainWindow.h"
#include "Notifier.h"
#include "PinsView.h"
#include "Settings.h"
#include "SingleInstance.h"
#include "TempStore.h"
#include "TimelineView.h"
#include "WatchlistFilter.h"
#include "WatchlistModel.h"
#include "common/Duration.h"
#include "common/Translations.h"
#include "credentials/Credential.h"
#include "history/RebuildClassifier.h"
#include "registry/Backfill.h"
#include "registry/ManifestParser.h"

#include <QAbstractItemModelTester>
#include <QApplication>
#include <QAreaSeries>
#include <QChartView>
#include <QCheckBox>
#include <QClipboard>
#include <QComboBox>
#include <QDBusPendingCallWatcher>
#include <QDateTimeAxis>
#include <QDir>
#include <QFile>
#include <QFileSystemModel>
#include <QHeaderView>
#include <QLabel>
#include <QLegend>
#include <QLegendMarker>
#include <QLineEdit>
#include <QLineSeries>
#include <QListWidget>
#include <QMenuBar>
#include <QMessageBox>
#include <QPlainTextEdit>
#include <QProcess>
#include <QProgressBar>
#include <QPushButton>
#include <QRadioButton>
#include <QScatterSeries>
#include <QScopeGuard>
#include <QSettings>
#include <QSignalSpy>
#include <QStatusBar>
#include <QTableView>
#include <QTest>
#include <QTranslator>
#include <QTreeWidget>

#include <gtest/gtest.h>

#include <csignal>
#include <iostream>

#include <sys/stat.h>

using namespace RebuildRadar;
using namespace RebuildRadar::Test;

namespace {

QString d(const char *seed)
{
    return sha256Digest(QByteArray(seed));
}

Observation seen(qint64 tagId, qint64 at, const QString &digest, QMap<QString, PlatformImage> platforms)
{
    TagState s;
    s.digest = digest;
    s.mediaType = MediaType::OciIndex;
    s.detailed = true;
    s.platforms = std::move(platforms);
    return Observation{tagId, at, TagStatus::Ok, {}, s};
}

const qint64 kDay = 86400 * 1000;

// A store with a known history: python:3.13 rebuilt twice (arm64 first, then both), alpine once.
struct KnownHistory
{
    KnownHistory()
    {
        const qint64 start = db.clock.nowMs();
        python = db.watch(QStringLiteral("python:3.13"));
        alpine = db.watch(QStringLiteral("alpine:3"));
        pending = db.watch(QStringLiteral("ghcr.io/org/never:1"));
        const QString amd64 = QStringLiteral("linux/amd64");
        const QString arm64 = QStringLiteral("linux/arm64/v8");
        auto platforms = [&](const char *a, const char *b) {
            return QMap<QString, PlatformImage>{{amd64, PlatformImage{d(a), {}}},
                                                {arm64, PlatformImage{d(b), {}}}};
        };
        EXPECT_TRUE(db.store
                        ->record({seen(python, start, d("p1"), platforms("a1", "b1")),
                                  seen(alpine, start, d("x1"), platforms("xa", "xb"))},
                                 classifyRebuild)
                        .ok());
        EXPECT_TRUE(
            db.store
                ->record({seen(python, start + 10 * kDay, d("p2"), platforms("a1", "b2"))}, classifyRebuild)
                .ok());
        EXPECT_TRUE(
            db.store
                ->record({seen(python, start + 20 * kDay, d("p3"), platforms("a3", "b3"))}, classifyRebuild)
                .ok());
        EXPECT_TRUE(
            db.store
                ->record({seen(alpine, start + 15 * kDay, d("x2"), platforms("xa2", "xb"))}, classifyRebuild)
                .ok());
        EXPECT_TRUE(
            db.store
                ->record({Observation{pending, start + 21 * kDay, TagStatus::AuthFailed,
                                      QStringLiteral("authentication failed for ghcr.io"), std::nullopt}},
                         classifyRebuild)
                .ok());
        db.clock.set(QDateTime::fromMSecsSinceEpoch(start + 21 * kDay, Qt::UTC));
    }
    TempStore db;
    qint64 python = 0;
    qint64 alpine = 0;
    qint64 pending = 0;
};

} // namespace

TEST(WatchlistModel, ShowsTheStoreAndPassesTheModelTester)
{
    KnownHistory h;
    WatchlistModel model;
    QAbstractItemModelTester tester(&model, QAbstractItemModelTester::FailureReportingMode::Fatal);
    model.setTags(*h.db.store->watchlist(false, h.db.clock.nowMs() - 90 * kDay));
    ASSERT_EQ(model.rowCount(), 3);
    const int row = model.indexOf(h.python).row();
    ASSERT_GE(row, 0);
    EXPECT_EQ(model.index(row, WatchlistModel::ImageColumn).data().toString(),
              QStringLiteral("python:3.13 · build 3"));
    EXPECT_EQ(model.index(row, WatchlistModel::RegistryColumn).data().toString(),
              QStringLiteral("docker.io"));
    EXPECT_EQ(model.index(row, WatchlistModel::DigestColumn).data().toString(), d("p3").mid(7, 12));
    EXPECT_EQ(model.index(row, WatchlistModel::DigestColumn).data(Qt::ToolTipRole).toString(), d("p3"));
    EXPECT_EQ(model.index(row, WatchlistModel::PlatformsColumn).data().toString(),
              QStringLiteral("linux/amd64, linux/arm64/v8"));
    EXPECT_EQ(model.index(row, WatchlistModel::RebuildsColumn).data().toInt(), 2);
    EXPECT_FALSE(model.index(row, WatchlistModel::LastRebuildColumn).data().toString().isEmpty());
    const int failed = model.indexOf(h.pending).row();
    EXPECT_EQ(model.index(failed, WatchlistModel::StatusColumn).data().toString(),
              QStringLiteral("auth failed"));
    EXPECT_EQ(model.index(failed, WatchlistModel::StatusColumn).data(Qt::ToolTipRole).toString(),
              QStringLiteral("authentication failed for ghcr.io"));
    EXPECT_FALSE(model.index(failed, WatchlistModel::StatusColumn).data(Qt::DecorationRole).isNull());
    model.setChecking(h.python, true);
    EXPECT_EQ(model.index(row, WatchlistModel::StatusColumn).data().toString(), QStringLiteral("checking"));

    // the period counts only rebuilds since its start
    model.setTags(*h.db.store->watchlist(false, h.db.clock.nowMs() - kDay / 2));
    EXPECT_EQ(model.indexOf(h.python, WatchlistModel::RebuildsColumn).data().toInt(), 0);
}

TEST(WatchlistModel, FilterAndSort)
{
    KnownHistory h;
    WatchlistModel model;
    WatchlistFilter filter;
    filter.setSourceModel(&model);
    model.setTags(*h.db.store->watchlist(false, 0));
    filter.setText(QStringLiteral("python"));
    ASSERT_EQ(filter.rowCount(), 1);
    EXPECT_EQ(filter.index(0, 0).data(WatchlistModel::TagIdRole).toLongLong(), h.python);
    filter.setText(QStringLiteral("auth"));
    ASSERT_EQ(filter.rowCount(), 1);
    EXPECT_EQ(filter.index(0, 0).data(WatchlistModel::TagIdRole).toLongLong(), h.pending);
    filter.setText(QString());
    EXPECT_EQ(filter.rowCount(), 3);
    filter.sort(WatchlistModel::RebuildsColumn, Qt::DescendingOrder);
    EXPECT_EQ(filter.index(0, 0).data(WatchlistModel::TagIdRole).toLongLong(), h.python);
    EXPECT_EQ(filter.index(2, 0).data(WatchlistModel::TagIdRole).toLongLong(), h.pending);
}

TEST(AddDialog, ValidatesEachLineAndShowsCanonicalForms)
{
    AddDialog dialog(3600);
    dialog.setText(QStringLiteral("python:3.13\n\n# a comment\nghcr.io/org/app\nNot Valid\npython@sha256:") +
                   QString(64, u'a'));
    EXPECT_FALSE(dialog.isAcceptable());
    EXPECT_EQ(dialog.invalidCount(), 2);
    ASSERT_EQ(dialog.preview()->count(), 4);
    EXPECT_EQ(dialog.preview()->item(0)->text(), QStringLiteral("docker.io/library/python:3.13"));
    EXPECT_EQ(dialog.preview()->item(1)->text(), QStringLiteral("ghcr.io/org/app:latest"));
    EXPECT_TRUE(dialog.preview()->item(2)->text().contains(QStringLiteral("position")));
    dialog.setText(QStringLiteral("python:3.13\npython:3.13\ndocker.io/library/python:3.13\nalpine"));
    EXPECT_TRUE(dialog.isAcceptable());
    EXPECT_EQ(dialog.references(), (QStringList{QStringLiteral("docker.io/library/python:3.13"),
                                                QStringLiteral("docker.io/library/alpine:latest")}));
    EXPECT_EQ(dialog.intervalSeconds(), 3600);
    EXPECT_TRUE(dialog.platforms().isEmpty());
    dialog.setText(QString());
    EXPECT_FALSE(dialog.isAcceptable());
}

TEST(AddDialog, HugePasteWithGarbageIsLineByLine)
{
    QString text;
    for (int i = 0; i < 100000; ++i)
        text += (i % 10 == 0 ? QStringLiteral("NOT A REF %1\n").arg(i)
                             : QStringLiteral("registry.example/app%1:v\n").arg(i));
    const auto lines = AddDialog::validate(text);
    ASSERT_EQ(lines.size(), 100000);
    EXPECT_EQ(
        std::count_if(lines.begin(), lines.end(), [](const AddDialog::Line &l) { return !l.reference; }),
        10000);
    AddDialog dialog(3600);
    dialog.setText(text);
    EXPECT_EQ(dialog.invalidCount(), 10000);
    EXPECT_FALSE(dialog.isAcceptable());
    EXPECT_LE(dialog.preview()->count(), 500);
}

TEST(Timeline, SeriesFromKnownSpans)
{
    KnownHistory h;
    auto history = h.db.store->history(h.python);
    ASSERT_TRUE(history.ok());
    const qint64 now = h.db.clock.nowMs();
    const TimelineData data = buildTimeline(*history, now, kDefaultRolloutWindowMs);
    EXPECT_EQ(data.lanes, (QStringList{QStringLiteral("tag"), QStringLiteral("linux/amd64"),
                                       QStringLiteral("linux/arm64/v8")}));
    // 3 spans, each on the tag lane and on both platform lanes
    ASSERT_EQ(data.segments.size(), 9);
    const auto &first = data.segments[0];
    EXPECT_EQ(first.lane, 0);
    EXPECT_EQ(first.digest, d("p1"));
    EXPECT_EQ(first.end, history->spans[1].firstSeen); // lasts until the next digest was seen
    EXPECT_EQ(data.segments.last().end, now);          // the current one until now
    ASSERT_EQ(data.markers.size(), 2);
    EXPECT_EQ(data.markers[0].time, history->rebuilds[0].detectedAt);
    EXPECT_TRUE(data.markers[0].tooltip.contains(QStringLiteral("linux/arm64/v8")));
    EXPECT_TRUE(data.markers[0].silent);
    // builds named on the timeline, and the marker's time labelled as our detection
    EXPECT_EQ(first.build, 1);
    EXPECT_EQ(first.label(), QStringLiteral("build 1 · ") + d("p1"));
    EXPECT_TRUE(data.markers[1].tooltip.contains(
        QStringLiteral("from build 2 (%1) to build 3 (%2)").arg(shortDigest(d("p2")), shortDigest(d("p3")))))
        << data.markers[1].tooltip.toStdString();
    EXPECT_TRUE(data.markers[1].tooltip.startsWith(QStringLiteral("Detected ")));

    TimelineView view;
    view.setHistory(*history, now, kDefaultRolloutWindowMs);
    int lines = 0;
    int markers = 0;
    for (QAbstractSeries *s : view.chart()->series()) {
        if (qobject_cast<QScatterSeries *>(s))
            markers += int(static_cast<QScatterSeries *>(s)->count());
        else if (qobject_cast<QLineSeries *>(s))
            ++lines;
    }
    EXPECT_EQ(lines, 9);
    EXPECT_EQ(markers, 2);
    // python's two rebuilds changed arm64 twice: two rollouts, each a band
    ASSERT_EQ(data.rollouts.size(), 2);
    EXPECT_EQ(data.rollouts[0].start, history->rebuilds[0].detectedAt);
    // the first is closed where arm64 changed again (or its window ended), amd64 never rebuilt
    EXPECT_FALSE(data.rollouts[0].complete);
    EXPECT_FALSE(data.rollouts[0].inProgress);
    EXPECT_EQ(data.rollouts[0].end, std::min(history->rebuilds[1].detectedAt,
                                             history->rebuilds[0].detectedAt + kDefaultRolloutWindowMs));
    EXPECT_TRUE(data.rollouts[0].label.contains(QStringLiteral("not rebuilt: linux/amd64")))
        << data.rollouts[0].label.toStdString();
    int bands = 0;
    for (QAbstractSeries *s : view.chart()->series())
        bands += qobject_cast<QAreaSeries *>(s) ? 1 : 0;
    EXPECT_EQ(bands, 2);
    EXPECT_EQ(digestColor(d("p1")), digestColor(d("p1")));
}

TEST(Timeline, UpstreamTimesAndAliasesAreShown)
{
    KnownHistory h;
    auto before = h.db.store->history(h.python);
    ASSERT_TRUE(before.ok());
    // the third digest: pushed two hours before we saw it, its arm64 image three hours before
    const Span third = before->spans[2];
    const QString arm = third.platforms.value(QStringLiteral("linux/arm64/v8")).digest;
    ASSERT_TRUE(h.db.store
                    ->setPushTimes(h.python, third.digest,
                                   PushTimes{third.firstSeen - 2 * 3600 * 1000,
                                             {{arm, third.firstSeen - 3 * 3600 * 1000}}})
                    .ok());
    const qint64 alias = h.db.watch(QStringLiteral("python:3"));
    ASSERT_TRUE(
        h.db.store->record({seen(alias, h.db.clock.nowMs(), third.digest, {})}, classifyRebuild).ok());
    auto history = h.db.store->history(h.python);
    ASSERT_TRUE(history.ok());
    const TimelineData data = buildTimeline(*history, h.db.clock.nowMs(), kDefaultRolloutWindowMs);
    EXPECT_TRUE(data.title.startsWith(QStringLiteral("python:3.13")));
    EXPECT_TRUE(data.title.contains(QStringLiteral("same digest as 3"))) << data.title.toStdString();
    ASSERT_EQ(data.upstream.size(), 2);
    EXPECT_EQ(data.upstream[0].lane, 0);
    EXPECT_EQ(data.upstream[0].time, third.firstSeen - 2 * 3600 * 1000);
    EXPECT_EQ(data.upstream[0].detected, third.firstSeen);
    EXPECT_TRUE(data.upstream[0].tooltip.contains(QStringLiteral("2 h 0 min")))
        << data.upstream[0].tooltip.toStdString();
    EXPECT_EQ(data.upstream[1].lane, int(data.lanes.indexOf(QStringLiteral("linux/arm64/v8"))));
    EXPECT_TRUE(data.upstream[1].tooltip.contains(QStringLiteral("3 h 0 min")));

    TimelineView view;
    view.setHistory(*history, h.db.clock.nowMs(), kDefaultRolloutWindowMs);
    EXPECT_EQ(view.chart()->title(), data.title);
    int upstreamMarks = 0;
    for (QAbstractSeries *s : view.chart()->series()) {
        auto *scatter = qobject_cast<QScatterSeries *>(s);
        if (scatter && scatter->markerShape() == QScatterSeries::MarkerShapeTriangle)
            upstreamMarks += int(scatter->count());
    }
    EXPECT_EQ(upstreamMarks, 2);
}

TEST(Notifier, SendsToTheNotificationServiceAndOpensTheTag)
{
    if (qEnvironmentVariableIsEmpty("DBUS_SESSION_BUS_ADDRESS"))
        GTEST_SKIP() << "needs the private D-Bus session that scripts/test.sh starts";
    FakeNotifications daemon;
    ASSERT_TRUE(daemon.isRegistered());
    Notifier notifier(nullptr);
    RolloutNotice group;
    group.kind = RolloutNotice::Kind::StartedAndDone;
    group.tag.id = 42;
    group.tag.reference = QStringLiteral("docker.io/library/python:3.13.8");
    group.rebuild.platformsChanged = {QStringLiteral("linux/arm64")};
    group.rebuild.causes = {
        Cause{CauseKind::BaseImage, QStringLiteral("base image debian:bookworm-slim changed")}};
    group.userPlatformsDone = {QStringLiteral("linux/arm64")};
    QSignalSpy activated(&notifier, &Notifier::activated);
    ASSERT_TRUE(notifier.notify(group));
    ASSERT_TRUE(QTest::qWaitFor([&] { return daemon.shown().size() == 1; }, 5000));
    EXPECT_EQ(daemon.shown()[0].summary, QStringLiteral("python:3.13.8 was rebuilt"));
    EXPECT_EQ(daemon.shown()[0].body,
              QStringLiteral("linux/arm64 — base image debian:bookworm-slim changed"));
    EXPECT_TRUE(daemon.shown()[0].actions.contains(QStringLiteral("default")));
    // the reply with the notification's id has come back (the call's watcher is done)
    ASSERT_TRUE(
        QTest::qWaitFor([&] { return notifier.findChildren<QDBusPendingCallWatcher *>().isEmpty(); }, 5000));
    daemon.invoke(daemon.shown()[0].id);
    ASSERT_TRUE(activated.wait(5000));
    EXPECT_EQ(activated[0][0].toLongLong(), 42);
    notifier.setEnabled(false);
    EXPECT_FALSE(notifier.notify(group));
}

TEST(CredentialsDialog, SavesOnlyInTheKeychain)
{
    if (qEnvironmentVariableIsEmpty("DBUS_SESSION_BUS_ADDRESS"))
        GTEST_SKIP() << "needs the D-Bus session with gnome-keyring that scripts/test.sh starts";
    CredentialsDialog dialog;
    QSignalSpy saved(&dialog, &CredentialsDialog::saved);
    dialog.setRegistry(QStringLiteral("bad host"));
    for (QPushButton *b : dialog.findChildren<QPushButton *>()) {
        if (b->text().contains(QStringLiteral("Save")))
            b->click();
    }
    EXPECT_TRUE(dialog.statusText().contains(QStringLiteral("invalid registry")));
    auto edits = dialog.findChildren<QLineEdit *>();
    ASSERT_EQ(edits.size(), 3);
    edits[0]->setText(QStringLiteral("ui-test.example"));
    edits[1]->setText(QStringLiteral("me"));
    edits[2]->setText(QStringLiteral("secret"));
    for (QPushButton *b : dialog.findChildren<QPushButton *>()) {
        if (b->text().contains(QStringLiteral("Save")))
            b->click();
    }
    ASSERT_TRUE(saved.wait(10000)) << dialog.statusText().toStdString();
    EXPECT_TRUE(dialog.statusText().contains(QStringLiteral("ui-test.example")));
    EXPECT_TRUE(edits[2]->text().isEmpty()); // the password does not linger in the form
    // Enter after saving does not forget what was just saved: focus is in the form, Save is the default
    auto *forget = dialog.findChild<QPushButton *>(QStringLiteral("forget"));
    ASSERT_NE(forget, nullptr);
    EXPECT_NE(dialog.focusWidget(), forget);
    EXPECT_EQ(dialog.focusWidget(), edits[0]);
    EXPECT_FALSE(forget->isDefault());
    EXPECT_FALSE(forget->autoDefault());
    EXPECT_TRUE(dialog.findChild<QPushButton *>(QStringLiteral("save"))->isDefault());
    // the registries with a saved login are listed (names only)
    EXPECT_TRUE(CredentialsDialog::savedRegistries().contains(QStringLiteral("ui-test.example")));
    EXPECT_FALSE(
        dialog.savedList()->findItems(QStringLiteral("ui-test.example"), Qt::MatchExactly).isEmpty());
    QSettings().remove(QStringLiteral("credentials/registries"));
}

// QtDBus keeps a process's session bus once a test used it (the notifications, the keychain), whatever
// DBUS_SESSION_BUS_ADDRESS says afterwards: a keychain that cannot answer is only seen by a process that
// starts without one. So the dialog's part runs in a new process of this binary, this test alone.
TEST(CredentialsDialog, SaysSoWhenNoKeychainAnswers)
{
    if (!qEnvironmentVariableIsSet("REBUILDRADAR_TEST_NO_KEYCHAIN")) {
        QProcess child;
        QProcessEnvironment environment = QProcessEnvironment::systemEnvironment();
        environment.insert(QStringLiteral("DBUS_SESSION_BUS_ADDRESS"),
                           QStringLiteral("unix:path=/nonexistent/bus"));
        environment.insert(QStringLiteral("REBUILDRADAR_TEST_NO_KEYCHAIN"), QStringLiteral("1"));
        child.setProcessEnvironment(environment);
        child.setProcessChannelMode(QProcess::MergedChannels);
        child.start(QCoreApplication::applicationFilePath(),
                    {QStringLiteral("--gtest_filter=CredentialsDialog.SaysSoWhenNoKeychainAnswers")});
        ASSERT_TRUE(child.waitForStarted(10000));
        ASSERT_TRUE(QTest::qWaitFor([&] { return child.state() == QProcess::NotRunning; }, 60000));
        const QByteArray out = child.readAll();
        EXPECT_EQ(child.exitStatus(), QProcess::NormalExit) << out.constData();
        EXPECT_EQ(child.exitCode(), 0) << out.constData();
        EXPECT_TRUE(out.contains("[  PASSED  ] 1 test")) << out.constData();
        return;
    }
    ASSERT_EQ(qgetenv("DBUS_SESSION_BUS_ADDRESS"), QByteArray("unix:path=/nonexistent/bus"));
    CredentialsDialog dialog;
    auto edits = dialog.findChildren<QLineEdit *>();
    edits[0]->setText(QStringLiteral("nokeychain.example"));
    edits[1]->setText(QStringLiteral("me"));
    edits[2]->setText(QStringLiteral("secret"));
    for (QPushButton *b : dialog.findChildren<QPushButton *>()) {
        if (b->text().contains(QStringLiteral("Save")))
            b->click();
    }
    ASSERT_TRUE(
        QTest::qWaitFor([&] { return dialog.statusText().startsWith(QStringLiteral("Not saved")); }, 10000))
        << dialog.statusText().toStdString();
    EXPECT_TRUE(dialog.statusText().contains(QStringLiteral("keychain")));
}

TEST(Settings, StartAtLoginWritesTheAutostartEntry)
{
    QTemporaryDir dir;
    const QByteArray config = qgetenv("XDG_CONFIG_HOME");
    const auto restore = qScopeGuard([&] {
        if (config.isNull())
            qunsetenv("XDG_CONFIG_HOME");
        else
            qputenv("XDG_CONFIG_HOME", config);
    });
    qputenv("XDG_CONFIG_HOME", dir.path().toLocal8Bit());
    ASSERT_TRUE(applyAutostart(true, QStringLiteral("/usr/bin/rebuildradar"),
                               QStringLiteral("/srv/team $HOME/h.sqlite")));
    QFile entry(autostartPath());
    ASSERT_TRUE(entry.open(QIODevice::ReadOnly));
    const QByteArray content = entry.readAll();
    // the database the app was started with is kept, quoted as the Desktop Entry specification asks
    EXPECT_TRUE(
        content.contains("Exec=\"/usr/bin/rebuildradar\" --minimized --db \"/srv/team \\$HOME/h.sqlite\"\n"))
        << content.toStdString();
    EXPECT_TRUE(content.startsWith("[Desktop Entry]"));
    entry.close();
    ASSERT_TRUE(applyAutostart(false, QString(), QString()));
    EXPECT_FALSE(QFile::exists(autostartPath()));
}

TEST(SingleInstance, SecondStartRaisesTheFirst)
{
    QTemporaryDir dir;
    SingleInstance first(dir.filePath(QStringLiteral("a.sqlite")));
    ASSERT_FALSE(first.notifyRunning());
    ASSERT_TRUE(first.listen());
    QSignalSpy raised(&first, &SingleInstance::raiseRequested);
    SingleInstance second(dir.filePath(QStringLiteral("a.sqlite")));
    EXPECT_TRUE(second.notifyRunning());
    ASSERT_TRUE(raised.wait(5000));
    SingleInstance other(dir.filePath(QStringLiteral("b.sqlite")));
    EXPECT_FALSE(other.notifyRunning()); // another database: another instance
}

namespace {
// The main window on an engine thread over a store with known history.
struct WindowFixture
{
    WindowFixture()
        : engine(clock, std::make_unique<CredentialChain>())
        , window(engine, clock)
    {
        EngineConfig config;
        config.databasePath = history.db.path();
        // paused before it opens: no check of the known tags (on real registries) races a test
        engine.call([e = engine.engine()] { e->setPaused(true); });
        engine.call([e = engine.engine(), config] { e->open(config); });
    }
    KnownHistory history;
    SystemClock clock;
    EngineHost engine;
    MainWindow window;
};

// The images a view shows, under their registries' and families' rows.
int shownImages(const QAbstractItemModel *model, const QModelIndex &parent = {})
{
    int count = 0;
    for (int row = 0; row < model->rowCount(parent); ++row) {
        const QModelIndex index = model->index(row, 0, parent);
        count += index.data(WatchlistModel::TagIdRole).toLongLong() != 0 ? 1 : shownImages(model, index);
    }
    return count;
}
} // namespace

TEST(MainWindow, TheTimelineGroupsRolloutsByTheConfiguredWindow)
{
    // python's first rollout is closed at the end of its window, or where the next began if sooner
    QSettings().setValue(QStringLiteral("rollouts/windowHours"), 720);
    const auto restore = qScopeGuard([] { QSettings().remove(QStringLiteral("rollouts/windowHours")); });
    WindowFixture f;
    f.window.show();
    ASSERT_TRUE(QTest::qWaitFor([&] { return f.window.model()->tags().size() == 3; }, 10000));
    f.window.selectTag(f.history.python);
    ASSERT_TRUE(QTest::qWaitFor([&] { return f.window.timeline()->data().rollouts.size() == 2; }, 10000));
    auto history = f.history.db.store->history(f.history.python);
    ASSERT_TRUE(history.ok());
    ASSERT_EQ(history->rebuilds.size(), 2);
    // ten days apart: inside a window of 30 days, outside one of 3
    ASSERT_LT(history->rebuilds[1].detectedAt - history->rebuilds[0].detectedAt, 720LL * 3600 * 1000);
    ASSERT_GT(history->rebuilds[1].detectedAt - history->rebuilds[0].detectedAt, kDefaultRolloutWindowMs);
    EXPECT_EQ(f.window.timeline()->data().rollouts[0].end, history->rebuilds[1].detectedAt);
}

TEST(MainWindow, ShowsWatchlistTimelineAndDetailsWithoutBlocking)
{
    WindowFixture f;
    f.window.show();
    ASSERT_TRUE(QTest::qWaitFor([&] { return f.window.model()->tags().size() == 3; }, 10000));
    EXPECT_EQ(f.window.windowTitle(), QStringLiteral("Rebuild Radar"));
    f.window.selectTag(f.history.python);
    ASSERT_TRUE(QTest::qWaitFor([&] { return f.window.timeline()->data().segments.size() == 9; }, 10000));
    ASSERT_EQ(f.window.details()->topLevelItemCount(), 2);
    EXPECT_EQ(f.window.details()->topLevelItem(0)->childCount(), 3); // digests
    EXPECT_EQ(f.window.details()->topLevelItem(1)->childCount(), 2); // rebuilds
    EXPECT_EQ(f.window.pinnedReferenceOfSelection(), QStringLiteral("python:3.13@") + d("p3"));
    f.window.copyPinnedReference();
    EXPECT_EQ(QApplication::clipboard()->text(), QStringLiteral("python:3.13@") + d("p3"));

    // keyboard: Ctrl+F focuses the filter, typing filters
    QTest::keyClick(&f.window, Qt::Key_F, Qt::ControlModifier);
    QTest::keyClicks(QApplication::focusWidget(), QStringLiteral("alpine"));
    EXPECT_EQ(shownImages(f.window.filter()), 1);

    const QString artifacts = QStringLiteral(REBUILDRADAR_ARTIFACTS);
    QDir().mkpath(artifacts);
    EXPECT_TRUE(f.window.grab().save(artifacts + QStringLiteral("/main-window-offscreen.png")));
}

namespace {
// A chart is laid out when its geometry is its view's (QChartView sizes it on resize) and its plot area,
// worked out by the chart's layout, is not empty and lies inside it.
bool chartLaidOut(QChartView *view)
{
    const QChart *chart = view->chart();
    const QRectF area = chart->plotArea();
    return view->isVisible() && chart->size().toSize() == view->viewport()->size() && !area.isEmpty() &&
           QRectF(QPointF(), chart->size()).contains(area);
}
} // namespace

// The main window at the two sizes a reviewer looks at, with a rebuilt multi-platform tag selected
// (python:3.13: two rebuilds on linux/amd64 and linux/arm64/v8). Kept as test artifacts.
TEST(Screenshot, MainWindowWithHistory)
{
    for (const QSize size : {QSize(1024, 700), QSize(1600, 1000)}) {
        QSettings().remove(QStringLiteral("ui/watchlistHeader")); // the first-start layout at this size
        WindowFixture f;
        f.window.resize(size);
        f.window.show();
        ASSERT_TRUE(QTest::qWaitFor([&] { return f.window.model()->tags().size() == 3; }, 10000));
        f.window.selectTag(f.history.python);
        f.window.timeline()->setRangeDays(0);
        ASSERT_TRUE(QTest::qWaitFor(
            [&] {
                return !f.window.timeline()->data().segments.isEmpty() &&
                       !f.window.detailsPane()->text(QStringLiteral("cause")).isEmpty();
            },
            10000));
        // the picture once the chart is laid out at the size its view has now
        QChartView *chartView = f.window.timeline()->chartView();
        ASSERT_TRUE(QTest::qWaitFor([&] { return chartLaidOut(chartView); }, 10000))
            << chartView->chart()->size().width() << " " << chartView->viewport()->width() << " "
            << chartView->chart()->plotArea().width();
        const QString artifacts = QStringLiteral(REBUILDRADAR_ARTIFACTS);
        QDir().mkpath(artifacts);
        const QString path = artifacts + QStringLiteral("/main-window-%1-%2x%3.png")
                                             .arg(QGuiApplication::platformName())
                                             .arg(size.width())
                                             .arg(size.height());
        ASSERT_TRUE(f.window.grab().save(path));
        ::testing::Test::RecordProperty(
            QStringLiteral("screenshot-%1x%2").arg(size.width()).arg(size.height()).toStdString(),
            path.toStdString());
        std::cout << "screenshot: " << path.toStdString() << std::endl;
        const QImage image(path);
        EXPECT_EQ(image.size(), f.window.size() * f.window.devicePixelRatio());
        EXPECT_GE(image.width(), size.width() - 1);
        f.window.close();
    }
    QSettings().remove(QStringLiteral("ui/watchlistHeader"));
}

TEST(EndToEnd, AddCheckAndRebuildNotification)
{
    if (qEnvironmentVariableIsEmpty("DBUS_SESSION_BUS_ADDRESS"))
        GTEST_SKIP() << "needs the private D-Bus session that scripts/test.sh starts";
    LocalRegistry registry;
    ASSERT_TRUE(registry.isRunning()) << registry.error().toStdString();
    FakeNotifications daemon;
    ASSERT_TRUE(daemon.isRegistered());
    Pusher push(registry.host());
    TestImage image;
    image.layer = "first";
    push.tagImage(QStringLiteral("team/app"), QStringLiteral("1"), image);

    QTemporaryDir dir;
    SystemClock clock;
    EngineHost engine(clock, std::make_unique<CredentialChain>());
    MainWindow window(engine, clock);
    EngineConfig config;
    config.databasePath = dir.filePath(QStringLiteral("e2e.sqlite"));
    engine.call([e = engine.engine(), config] { e->open(config); });
    window.show();
    const QString ref = registry.host() + QStringLiteral("/team/app:1");
    window.addReferences({ref}, 3600, {});
    ASSERT_TRUE(QTest::qWaitFor(
        [&] {
            return window.model()->rowCount() == 1 && window.model()->tags().first().status == TagStatus::Ok;
        },
        20000));
    image.layer = "rebuilt";
    push.tagImage(QStringLiteral("team/app"), QStringLiteral("1"), image);
    window.checkAll();
    ASSERT_TRUE(QTest::qWaitFor([&] { return daemon.shown().size() == 1; }, 20000));
    EXPECT_EQ(daemon.shown()[0].summary, QStringLiteral("%1 was rebuilt").arg(ref));
    EXPECT_TRUE(QTest::qWaitFor([&] { return window.model()->tags().first().rebuildCount == 1; }, 5000));
}

TEST(Export, DialogOptionsChartImagesAndEngineExport)
{
    ExportDialog dialog({QStringLiteral("docker.io/library/python:3.13")});
    dialog.setFormat(QStringLiteral("html"));
    ExportOptions o = dialog.options();
    EXPECT_EQ(o.format, ExportFormat::Html);
    EXPECT_EQ(o.references, QStringList{QStringLiteral("docker.io/library/python:3.13")});
    EXPECT_TRUE(o.report.since.has_value());
    EXPECT_FALSE(o.report.until.has_value());
    EXPECT_TRUE(o.report.includePlatforms);
    EXPECT_FALSE(o.report.includeIndexOnly);
    EXPECT_TRUE(dialog.path().endsWith(QStringLiteral(".html")));

    WindowFixture f;
    f.window.show();
    ASSERT_TRUE(QTest::qWaitFor([&] { return f.window.model()->tags().size() == 3; }, 10000));
    f.window.selectTag(f.history.python);
    ASSERT_TRUE(QTest::qWaitFor([&] { return !f.window.timeline()->data().segments.isEmpty(); }, 10000));
    QTemporaryDir dir;
    ASSERT_TRUE(saveChartImage(f.window.timeline()->chartView(), dir.filePath(QStringLiteral("t.png"))));
    EXPECT_FALSE(QImage(dir.filePath(QStringLiteral("t.png"))).isNull());
    ASSERT_TRUE(saveChartImage(f.window.timeline()->chartView(), dir.filePath(QStringLiteral("t.svg"))));
    QFile svg(dir.filePath(QStringLiteral("t.svg")));
    ASSERT_TRUE(svg.open(QIODevice::ReadOnly));
    const QByteArray content = svg.readAll();
    EXPECT_TRUE(content.contains("<svg"));
    EXPECT_TRUE(content.contains("linux/arm64/v8")); // the lane labels are in the picture

    QSignalSpy finished(f.engine.engine(), &WatchEngine::exportFinished);
    ExportOptions pdf;
    pdf.format = ExportFormat::Pdf;
    const QString path = dir.filePath(QStringLiteral("r.pdf"));
    f.engine.call([e = f.engine.engine(), pdf, path] { e->exportReport(pdf, path); });
    ASSERT_TRUE(finished.wait(10000));
    EXPECT_TRUE(finished[0][0].toBool()) << finished[0][1].toString().toStdString();
    QFile report(path);
    ASSERT_TRUE(report.open(QIODevice::ReadOnly));
    EXPECT_TRUE(report.read(8).startsWith("%PDF"));
    // the window says it is written and offers the folder
    QMessageBox *done = nullptr;
    ASSERT_TRUE(QTest::qWaitFor(
        [&] {
            return (done = f.window.findChild<QMessageBox *>(QStringLiteral("exportFinished"))) != nullptr;
        },
        10000));
    EXPECT_TRUE(done->text().contains(QStringLiteral("r.pdf")));
    EXPECT_NE(done->findChild<QPushButton *>(QStringLiteral("openFolder")), nullptr);
}

// "All images", once chosen, is what the next export starts with, whatever is selected then.
TEST(Export, TheDialogRemembersAllImages)
{
    QSettings().remove(QStringLiteral("export/allImages"));
    const auto restore = qScopeGuard([] { QSettings().remove(QStringLiteral("export/allImages")); });
    const QStringList selected{QStringLiteral("docker.io/library/python:3.13")};
    {
        ExportDialog first(selected);
        EXPECT_FALSE(first.allImages()); // a selection: the selected images, the first time
        first.findChild<QRadioButton *>()->setChecked(true); // "All images" is the first
        ASSERT_TRUE(first.allImages());
        first.accept();
    }
    ExportDialog second(selected);
    EXPECT_TRUE(second.allImages());
    EXPECT_TRUE(second.options().references.isEmpty());
}

TEST(AddDialog, ImportsTagsFromAProjectFolderOrFile)
{
    QTemporaryDir dir;
    QDir().mkpath(dir.filePath(QStringLiteral("k8s")));
    QFile docker(dir.filePath(QStringLiteral("Dockerfile")));
    ASSERT_TRUE(docker.open(QIODevice::WriteOnly));
    docker.write("FROM python:3.13-slim AS base\nFROM base\nFROM ${X}\n");
    docker.close();
    QFile k8s(dir.filePath(QStringLiteral("k8s/app.yaml")));
    ASSERT_TRUE(k8s.open(QIODevice::WriteOnly));
    k8s.write("spec:\n  containers:\n    - image: ghcr.io/org/app:1.2@sha256:" + QByteArray(64, 'c') + "\n");
    k8s.close();
    AddDialog dialog(3600);
    EXPECT_EQ(dialog.importFrom(dir.path()), 2);
    EXPECT_TRUE(dialog.isAcceptable());
    EXPECT_EQ(dialog.references(), (QStringList{QStringLiteral("docker.io/library/python:3.13-slim"),
                                                QStringLiteral("ghcr.io/org/app:1.2")}));
    AddDialog single(3600);
    EXPECT_EQ(single.importFrom(k8s.fileName()), 1);
}

TEST(PinsView, ScanPreviewApplyAndWatch)
{
    LocalRegistry registry;
    ASSERT_TRUE(registry.isRunning()) << registry.error().toStdString();
    Pusher push(registry.host());
    TestImage image;
    image.layer = "v1";
    const QString old = push.tagImage(QStringLiteral("team/app"), QStringLiteral("1"), image);
    image.layer = "v2";
    const QString now = push.tagImage(QStringLiteral("team/app"), QStringLiteral("1"), image);
    QTemporaryDir project;
    const QByteArray before = "FROM " + registry.host().toUtf8() + "/team/app:1@" + old.toUtf8() + "  \r\n";
    QFile file(project.filePath(QStringLiteral("Containerfile")));
    ASSERT_TRUE(file.open(QIODevice::WriteOnly));
    file.write(before);
    file.close();
    // a second stale pin, left alone while only the first is selected, and an unpinned reference
    QFile other(project.filePath(QStringLiteral("Dockerfile")));
    ASSERT_TRUE(other.open(QIODevice::WriteOnly));
    other.write(before);
    other.close();
    QDir(project.path()).mkpath(QStringLiteral("dev"));
    QFile unpinned(project.filePath(QStringLiteral("dev/Dockerfile")));
    ASSERT_TRUE(unpinned.open(QIODevice::WriteOnly));
    unpinned.write("FROM " + registry.host().toUtf8() + "/team/app:1\n");
    unpinned.close();

    WindowFixture f;
    PinsView pins(f.engine);
    QStringList summaries;
    bool confirm = false;
    pins.setConfirmation([&](const QString &summary) {
        summaries.append(summary);
        return confirm;
    });
    QSignalSpy scanned(&pins, &PinsView::scanned);
    pins.scan(project.path());
    ASSERT_TRUE(scanned.wait(20000));
    ASSERT_EQ(pins.results().size(), 3);
    QTreeWidgetItem *staleGroup = pins.tree()->topLevelItem(0);
    EXPECT_TRUE(staleGroup->text(0).startsWith(QStringLiteral("stale (2)")));
    ASSERT_EQ(staleGroup->childCount(), 2);
    QTreeWidgetItem *containerfile =
        staleGroup->child(0)->text(0) == u"Containerfile" ? staleGroup->child(0) : staleGroup->child(1);
    containerfile->setSelected(true);
    pins.previewUpdate(); // the selection only
    EXPECT_TRUE(pins.diff()->toPlainText().contains(now));
    EXPECT_TRUE(pins.diff()->toPlainText().contains(QStringLiteral("Containerfile")));
    EXPECT_FALSE(pins.diff()->toPlainText().contains(QStringLiteral("Dockerfile")));
    // Apply asks first, with a summary; declined, nothing is written
    pins.applyUpdate();
    ASSERT_EQ(summaries.size(), 1);
    EXPECT_TRUE(summaries[0].contains(QStringLiteral("1 file"))) << summaries[0].toStdString();
    EXPECT_TRUE(summaries[0].contains(QStringLiteral("Containerfile")));
    ASSERT_TRUE(file.open(QIODevice::ReadOnly));
    EXPECT_EQ(file.readAll(), before);
    file.close();
    confirm = true;
    QSignalSpy applied(&pins, &PinsView::applied);
    pins.applyUpdate();
    ASSERT_TRUE(applied.wait(10000));
    EXPECT_TRUE(applied[0][0].toBool());
    ASSERT_TRUE(file.open(QIODevice::ReadOnly));
    EXPECT_EQ(file.readAll(), QByteArray(before).replace(old.toUtf8(), now.toUtf8()));
    ASSERT_TRUE(other.open(QIODevice::ReadOnly));
    EXPECT_EQ(other.readAll(), before); // not selected: not changed
    other.close();
    ASSERT_TRUE(scanned.wait(20000)); // scanned again after applying
    // "pin unpinned", as scan --pin: the unpinned reference gets the current digest
    pins.tree()->clearSelection();
    pins.pinUnpinnedBox()->setChecked(true);
    pins.previewUpdate();
    EXPECT_TRUE(pins.diff()->toPlainText().contains(QStringLiteral("dev/Dockerfile")));
    EXPECT_TRUE(pins.diff()->toPlainText().contains(QStringLiteral("/team/app:1@") + now));

    QSignalSpy watch(&pins, &PinsView::watchRequested);
    pins.tree()->topLevelItem(3)->child(0)->setSelected(true); // the "current" group
    QMetaObject::invokeMethod(&pins, [&pins] {
        for (QPushButton *b : pins.findChildren<QPushButton *>()) {
            if (b->text().contains(QStringLiteral("Watch")))
                b->click();
        }
    });
    ASSERT_EQ(watch.size(), 1);
    EXPECT_EQ(watch[0][0].toStringList(), QStringList{registry.host() + QStringLiteral("/team/app:1")});
}

TEST(AddDialog, TagFamilyChoice)
{
    AddDialog dialog(3600);
    dialog.setText(QStringLiteral("python:3.13"));
    dialog.setFamily(true, QStringLiteral("3\\.13([.-].+)?"));
    EXPECT_TRUE(dialog.isAcceptable());
    ASSERT_TRUE(dialog.family().has_value());
    EXPECT_EQ(dialog.family()->first, QStringLiteral("docker.io/library/python"));
    EXPECT_EQ(dialog.family()->second, QStringLiteral("3\\.13([.-].+)?"));
    dialog.setFamily(true, QStringLiteral("3.13("));
    EXPECT_FALSE(dialog.isAcceptable());
    dialog.setFamily(true, QStringLiteral("3.*"));
    dialog.setText(QStringLiteral("python:3.13\nalpine:3"));
    EXPECT_FALSE(dialog.isAcceptable()); // a family is one repository
    dialog.setFamily(false);
    EXPECT_TRUE(dialog.isAcceptable());
    EXPECT_FALSE(dialog.family().has_value());
}

TEST(WatchlistModel, SilentRebuildsOnlyFilter)
{
    KnownHistory h;
    WatchlistModel model;
    WatchlistFilter filter;
    filter.setSourceModel(&model);
    model.setTags(*h.db.store->watchlist(false, 0));
    filter.setSilentOnly(true);
    EXPECT_EQ(filter.rowCount(), 2); // python and alpine; the never-resolved tag has none
    // a version move alone does not count as silent
    const qint64 floating = h.db.watch(QStringLiteral("redis:7"));
    const qint64 specific = h.db.watch(QStringLiteral("redis:7.2.4"));
    const qint64 next = h.db.watch(QStringLiteral("redis:7.2.5"));
    auto state = [](const char *seed) {
        TagState s;
        s.digest = sha256Digest(seed);
        s.detailed = true;
        return s;
    };
    const qint64 t = h.db.clock.nowMs();
    ASSERT_TRUE(h.db.store
                    ->record({Observation{floating, t, TagStatus::Ok, {}, state("r1")},
                              Observation{specific, t, TagStatus::Ok, {}, state("r1")}},
                             classifyRebuild)
                    .ok());
    ASSERT_TRUE(h.db.store
                    ->record({Observation{floating, t + 1, TagStatus::Ok, {}, state("r2")},
                              Observation{next, t + 1, TagStatus::Ok, {}, state("r2")},
                              Observation{specific, t + 1, TagStatus::Ok, {}, state("r1")}},
                             classifyRebuild)
                    .ok());
    model.setTags(*h.db.store->watchlist(false, 0));
    const WatchedTag *redis = model.tag(floating);
    ASSERT_NE(redis, nullptr);
    EXPECT_EQ(redis->rebuildsInPeriod, 1);
    EXPECT_EQ(redis->silentInPeriod, 0);
    EXPECT_EQ(filter.rowCount(), 2);
}

TEST(Translation, GermanLabelsUnderAGermanLocale)
{
    if (QLocale::system().language() != QLocale::German)
        GTEST_SKIP() << "run with LANG=de_DE.UTF-8 (the test suite does)";
    ASSERT_TRUE(installTranslations(*QCoreApplication::instance()));
    AddDialog dialog(3600);
    EXPECT_EQ(dialog.windowTitle(), QStringLiteral("Images beobachten"));
    WindowFixture f;
    QStringList texts;
    for (QAction *action : f.window.findChildren<QAction *>())
        texts.append(action->text());
    EXPECT_TRUE(texts.contains(QStringLiteral("&Hinzufügen…"))) << texts.join(u'|').toStdString();
    EXPECT_TRUE(texts.contains(QStringLiteral("&Jetzt prüfen")));
    EXPECT_EQ(f.window.model()->headerData(WatchlistModel::LastCheckedColumn, Qt::Horizontal).toString(),
              QStringLiteral("Zuletzt geprüft"));
}

TEST(MainWindow, AcknowledgeARebuildAndChooseTheCountPeriod)
{
    WindowFixture f;
    f.window.show();
    ASSERT_TRUE(QTest::qWaitFor([&] { return f.window.model()->tags().size() == 3; }, 10000));
    // The known history is older than 90 days by the real clock: counted only over all time.
    EXPECT_EQ(f.window.model()->tag(f.history.python)->rebuildsInPeriod, 0);
    auto *period = f.window.findChild<QComboBox *>(QStringLiteral("countPeriod"));
    ASSERT_NE(period, nullptr);
    period->setCurrentIndex(period->findData(0));
    ASSERT_TRUE(QTest::qWaitFor(
        [&] { return f.window.model()->tag(f.history.python)->rebuildsInPeriod == 2; }, 10000));
    EXPECT_EQ(f.window.model()->headerData(WatchlistModel::RebuildsColumn, Qt::Horizontal).toString(),
              QStringLiteral("Rebuilds"));

    f.window.selectTag(f.history.python);
    ASSERT_TRUE(QTest::qWaitFor([&] { return f.window.details()->topLevelItemCount() == 2; }, 10000));
    QTreeWidgetItem *latest = f.window.details()->topLevelItem(1)->child(0);
    f.window.details()->setCurrentItem(latest);
    f.window.acknowledgeSelectedRebuild();
    ASSERT_TRUE(QTest::qWaitFor(
        [&] {
            return f.window.details()->topLevelItemCount() == 2 &&
                   f.window.details()->topLevelItem(1)->child(0)->text(2).contains(
                       QStringLiteral("acknowledged"));
        },
        10000));
    auto history = f.history.db.store->history(f.history.python);
    EXPECT_TRUE(history->rebuilds.last().acknowledged);
}

TEST(PinsView, OpensTheFileAtTheLineWithTheConfiguredEditor)
{
    QTemporaryDir project;
    QFile file(project.filePath(QStringLiteral("Dockerfile")));
    ASSERT_TRUE(file.open(QIODevice::WriteOnly));
    file.write("# base\nFROM ${BASE}:1\n");
    file.close();
    const QString opened = project.filePath(QStringLiteral("opened"));
    QSettings().setValue(QStringLiteral("pins/editor"),
                         QStringLiteral("sh -c \"echo %f:%l > '%1'\"").arg(opened));
    WindowFixture f;
    PinsView pins(f.engine);
    QSignalSpy scanned(&pins, &PinsView::scanned);
    pins.scan(project.path());
    ASSERT_TRUE(scanned.wait(20000));
    ASSERT_EQ(pins.results().size(), 1); // unresolved (a variable), still listed
    QTreeWidgetItem *unresolved = pins.tree()->topLevelItem(2)->child(0);
    ASSERT_NE(unresolved, nullptr);
    unresolved->setSelected(true);
    pins.openSelected();
    ASSERT_TRUE(
        QTest::qWaitFor([&] { return QFile::exists(opened) && QFileInfo(opened).size() > 0; }, 10000));
    QFile result(opened);
    ASSERT_TRUE(result.open(QIODevice::ReadOnly));
    EXPECT_EQ(result.readAll().trimmed(), (file.fileName() + QStringLiteral(":2")).toUtf8());
    QSettings().remove(QStringLiteral("pins/editor"));
}

TEST(WatchlistModel, FamilyRowsExpandToTheirTagsAndChecksUpdateRowsInPlace)
{
    KnownHistory h;
    auto family = h.db.store->addFamily(QStringLiteral("docker.io"), QStringLiteral("library/redis"),
                                        QStringLiteral("^7(\\..*)?$"), 3600);
    ASSERT_TRUE(family.ok());
    ASSERT_TRUE(h.db.store
                    ->syncFamily(*family,
                                 {QStringLiteral("7"), QStringLiteral("7.2"), QStringLiteral("7.2.4")}, 3600,
                                 h.db.clock.nowMs())
                    .ok());
    auto id = [&](const char *tag) {
        return (*h.db.store->tag(QStringLiteral("docker.io/library/redis:") + QLatin1String(tag)))->id;
    };
    const qint64 t = h.db.clock.nowMs();
    // 7.2.4 silently rebuilt
    ASSERT_TRUE(h.db.store->record({seen(id("7.2.4"), t, d("r1"), {})}, classifyRebuild).ok());
    ASSERT_TRUE(h.db.store->record({seen(id("7.2.4"), t + 1, d("r2"), {})}, classifyRebuild).ok());

    WatchlistModel model;
    QAbstractItemModelTester tester(&model, QAbstractItemModelTester::FailureReportingMode::Fatal);
    model.setTags(*h.db.store->watchlist(false, 0));
    ASSERT_EQ(model.rowCount(), 4); // python, alpine, the never-resolved tag, and the redis family
    QModelIndex familyRow;
    for (int row = 0; row < model.rowCount(); ++row) {
        if (model.index(row, 0).data(WatchlistModel::FamilyIdRole).toLongLong() == *family)
            familyRow = model.index(row, 0);
    }
    ASSERT_TRUE(familyRow.isValid());
    EXPECT_EQ(familyRow.data(WatchlistModel::TagIdRole).toLongLong(), 0);
    ASSERT_EQ(model.rowCount(familyRow), 3);
    QStringList children;
    for (int row = 0; row < 3; ++row)
        children.append(model.index(row, WatchlistModel::ImageColumn, familyRow).data().toString());
    EXPECT_EQ(children,
              (QStringList{QStringLiteral("7"), QStringLiteral("7.2"), QStringLiteral("7.2.4 · build 2")}));
    EXPECT_EQ(model.indexOf(id("7.2.4")).parent(), familyRow);
    EXPECT_EQ(familyRow.data(WatchlistModel::MemberIdsRole).value<QList<qint64>>().size(), 3);
    EXPECT_EQ(model.index(familyRow.row(), WatchlistModel::RebuildsColumn).data().toInt(), 1);
    EXPECT_TRUE(familyRow.data().toString().contains(QStringLiteral("redis")));

    WatchlistFilter filter;
    filter.setSourceModel(&model);
    filter.setSilentOnly(true);
    // python and alpine, and the family with only its silently rebuilt tag
    ASSERT_EQ(filter.rowCount(), 3);
    const QModelIndex shownFamily = filter.mapFromSource(familyRow);
    ASSERT_TRUE(shownFamily.isValid());
    ASSERT_EQ(filter.rowCount(shownFamily), 1);
    EXPECT_EQ(filter.index(0, 0, shownFamily).data(WatchlistModel::TagIdRole).toLongLong(), id("7.2.4"));
    filter.setSilentOnly(false);
    filter.setText(QStringLiteral("redis"));
    ASSERT_EQ(filter.rowCount(), 1);
    EXPECT_EQ(filter.rowCount(filter.index(0, 0)), 3); // a matching family shows all its tags

    // a check that left the digest alone changes its row in place: no reset, the family summary follows
    QSignalSpy reset(&model, &QAbstractItemModel::modelReset);
    QSignalSpy changed(&model, &QAbstractItemModel::dataChanged);
    PollResult failed;
    failed.tagId = id("7");
    failed.status = TagStatus::Error;
    failed.error = QStringLiteral("registry unreachable");
    failed.checkedAt = t + 5;
    model.applyChecks({failed});
    EXPECT_EQ(reset.size(), 0);
    EXPECT_GE(changed.size(), 1);
    EXPECT_EQ(model.tag(id("7"))->status, TagStatus::Error);
    EXPECT_EQ(model.indexOf(id("7"), WatchlistModel::StatusColumn).data(Qt::ToolTipRole).toString(),
              failed.error);
    EXPECT_EQ(model.index(familyRow.row(), WatchlistModel::StatusColumn).data().toString(),
              QStringLiteral("1 of 3 ok, 1 rebuilt")); // 7.2.4, rebuilt; 7 failed, 7.2 was never checked
    EXPECT_TRUE(familyRow.data(WatchlistModel::AttentionRole).toBool());
}

TEST(WatchlistModel, APublicationAnnouncesOnlyTheRowsThatChanged)
{
    KnownHistory h;
    WatchlistModel model;
    QList<WatchedTag> tags = *h.db.store->watchlist(false, 0);
    model.setTags(tags);
    QSignalSpy reset(&model, &QAbstractItemModel::modelReset);
    QSignalSpy changed(&model, &QAbstractItemModel::dataChanged);
    model.setTags(tags);
    EXPECT_EQ(changed.size(), 0); // nothing differs: nothing to re-sort or repaint
    const int row = model.indexOf(h.alpine).row();
    tags[row].status = TagStatus::NotFound;
    model.setTags(tags);
    EXPECT_EQ(reset.size(), 0);
    ASSERT_EQ(changed.size(), 1);
    EXPECT_EQ(changed[0][0].toModelIndex().row(), row);
    EXPECT_EQ(changed[0][1].toModelIndex().row(), row);
    EXPECT_EQ(model.indexOf(h.alpine, WatchlistModel::StatusColumn).data().toString(),
              QStringLiteral("not found"));
    // a row the engine read again after a new digest replaces the one shown, in place
    changed.clear();
    WatchedTag moved = tags[row];
    moved.currentDigest = d("x9");
    moved.status = TagStatus::Ok;
    model.updateTags({moved});
    EXPECT_EQ(reset.size(), 0);
    ASSERT_EQ(changed.size(), 1);
    EXPECT_EQ(changed[0][0].toModelIndex().row(), row);
    EXPECT_EQ(model.indexOf(h.alpine, WatchlistModel::DigestColumn).data(Qt::ToolTipRole).toString(),
              d("x9"));
    WatchedTag stranger = moved;
    stranger.id = 987654; // not in the window yet: waits for the next whole list
    model.updateTags({stranger});
    EXPECT_EQ(model.tag(987654), nullptr);
    // rows far apart are announced each on its own, not with every row between them
    changed.clear();
    const int last = model.rowCount() - 1;
    ASSERT_GE(last, 2);
    QList<WatchedTag> ends;
    for (int r : {0, last}) {
        WatchedTag t = *model.tag(model.index(r, 0).data(WatchlistModel::TagIdRole).toLongLong());
        t.status = TagStatus::Error;
        ends.append(t);
    }
    model.updateTags(ends);
    QSet<int> announced;
    for (const QList<QVariant> &signal : std::as_const(changed)) {
        for (int r = signal[0].toModelIndex().row(); r <= signal[1].toModelIndex().row(); ++r)
            announced.insert(r);
    }
    EXPECT_EQ(announced, (QSet<int>{0, last}));
}

namespace {
// The POSIX locks this process holds on a file, from /proc/locks (the inode is the last field of
// "MAJ:MIN:INODE").
int locksHeldOn(const QString &path)
{
    struct stat st;
    if (::stat(QFile::encodeName(path).constData(), &st) != 0)
        return 0;
    QFile locks(QStringLiteral("/proc/locks"));
    if (!locks.open(QIODevice::ReadOnly))
        return 0;
    int held = 0;
    const QByteArray pid = QByteArray::number(QCoreApplication::applicationPid());
    for (const QByteArray &line : locks.readAll().split('\n')) {
        const QList<QByteArray> f = line.simplified().split(' ');
        if (f.size() >= 6 && f[1] == "POSIX" && f[4] == pid &&
            f[5].split(':').value(2) == QByteArray::number(quint64(st.st_ino)))
            ++held;
    }
    return held;
}
} // namespace

TEST(FileDialogs, ListingTheDatabasesFolderKeepsSqlitesLocks)
{
    WindowFixture f; // the history in a folder of its own, open in the engine (and in the test's store)
    f.window.show();
    ASSERT_TRUE(QTest::qWaitFor([&] { return f.window.model()->tags().size() == 3; }, 10000));
    const QString db = f.history.db.path();
    const QString folder = QFileInfo(db).absolutePath();
    const QString shm = db + QStringLiteral("-shm");
    ASSERT_TRUE(QFileInfo::exists(shm));
    ASSERT_GT(locksHeldOn(db), 0);
    ASSERT_GT(locksHeldOn(shm), 0);
    // Every kind of dialog the app opens (Add and Pins: a folder; Export and the timeline: a file to save),
    // on the database's folder, each left only once every file of it is listed with its icon and type.
    for (const QFileDialog::FileMode mode : {QFileDialog::Directory, QFileDialog::AnyFile}) {
        std::unique_ptr<QFileDialog> dialog(FileDialogs::make(&f.window, QStringLiteral("t"), mode, folder));
        auto *model = dialog->findChild<QFileSystemModel *>();
        ASSERT_NE(model, nullptr);
        QSignalSpy loaded(model, &QFileSystemModel::directoryLoaded);
        dialog->open();
        ASSERT_TRUE(loaded.wait(10000));
        // a folder dialog lists folders only; a save dialog lists the files too, with their icons and types
        for (const QString &file : {db, shm, db + QStringLiteral("-wal")}) {
            if (mode == QFileDialog::Directory)
                break;
            const QModelIndex index = model->index(file);
            EXPECT_TRUE(QTest::qWaitFor([&] { return !model->type(index).isEmpty(); }, 10000))
                << file.toStdString();
            EXPECT_FALSE(model->data(index, Qt::DecorationRole).value<QIcon>().isNull());
        }
        dialog->reject();
    }
    EXPECT_GT(locksHeldOn(db), 0) << "a dialog opened and closed the database file";
    EXPECT_GT(locksHeldOn(shm), 0) << "a dialog opened and closed the -shm file";

    // Another program still sees the app: it leaves the WAL in place, and sees what the app writes.
    CliRunner cli;
    ASSERT_EQ(cli.run({QStringLiteral("--db"), db, QStringLiteral("watch"), QStringLiteral("list")}).exitCode,
              0);
    EXPECT_TRUE(QFileInfo::exists(db + QStringLiteral("-wal")));
    ASSERT_TRUE(
        f.history.db.store
            ->addWatches({WatchRequest{*ImageReference::parse(QStringLiteral("debian:13")), 60, {}, 0}})
            .ok());
    const CliRun list =
        cli.run({QStringLiteral("--db"), db, QStringLiteral("watch"), QStringLiteral("list")});
    EXPECT_TRUE(list.out.contains("debian:13")) << list.out.toStdString();
    EXPECT_TRUE(QFileInfo::exists(db + QStringLiteral("-wal")));
}

TEST(AddDialog, ADroppedHistoryFileIsNeverOpened)
{
    KnownHistory history;
    AddDialog dialog(3600);
    // the -shm file has no name pattern: reading it to guess its kind would drop SQLite's locks
    const QString shm = history.db.path() + QStringLiteral("-shm");
    ASSERT_GT(locksHeldOn(shm), 0);
    EXPECT_EQ(dialog.importFrom(shm), 0);
    EXPECT_EQ(dialog.importFrom(history.db.path()), 0);
    EXPECT_GT(locksHeldOn(shm), 0);
    EXPECT_GT(locksHeldOn(history.db.path()), 0);
}

TEST(ErrorText, TheAppWordsErrorsByTheirCodeAndKeepsTheDetails)
{
    const QString detail = QStringLiteral("127.0.0.1:5000 did not answer");
    const QString network = errorText(Error{ErrorCode::Network, detail});
    const QString disk = errorText(Error{ErrorCode::Io, detail});
    EXPECT_TRUE(network.endsWith(detail));
    EXPECT_TRUE(disk.endsWith(detail));
    EXPECT_NE(network, disk); // the kind of trouble is said, by the app
    EXPECT_FALSE(errorText(Error{ErrorCode::Database, {}}).isEmpty());
}

// SIGTERM (logout, systemd, kill) ends the app as its Quit menu does, with exit code 0 and what it
// checked written, instead of dying mid-write with 143.
TEST(App, SigtermQuitsCleanly)
{
    QTemporaryDir dir;
    const QString db = dir.filePath(QStringLiteral("h.sqlite"));
    QProcess app;
    QProcessEnvironment env = QProcessEnvironment::systemEnvironment();
    env.insert(QStringLiteral("QT_QPA_PLATFORM"), QStringLiteral("offscreen"));
    env.insert(QStringLiteral("XDG_CONFIG_HOME"), dir.filePath(QStringLiteral("config")));
    env.insert(QStringLiteral("XDG_DATA_HOME"), dir.filePath(QStringLiteral("data")));
    app.setProcessEnvironment(env);
    app.start(QStringLiteral(REBUILDRADAR_APP_PATH), {QStringLiteral("--db"), db});
    ASSERT_TRUE(app.waitForStarted(10000));
    // up once its engine has opened the history (the WAL index exists then)
    ASSERT_TRUE(QTest::qWaitFor([&] { return QFileInfo::exists(db + QStringLiteral("-shm")); }, 20000))
        << app.readAllStandardError().toStdString();
    ::kill(pid_t(app.processId()), SIGTERM);
    ASSERT_TRUE(QTest::qWaitFor([&] { return app.state() == QProcess::NotRunning; }, 20000));
    EXPECT_EQ(app.exitStatus(), QProcess::NormalExit) << app.readAllStandardError().toStdString();
    EXPECT_EQ(app.exitCode(), 0);
}

// A rebuild stands out until acknowledged: bold, badged rows saying "rebuilt", a count on the tray's
// icon and in its tooltip, a filter; the details' Acknowledge button clears it for the shown image.
TEST(Attention, RebuildsStandOutUntilAcknowledged)
{
    WindowFixture f;
    f.window.show();
    ASSERT_TRUE(QTest::qWaitFor([&] { return f.window.model()->tags().size() == 3; }, 10000));
    WatchlistModel *model = f.window.model();
    const QModelIndex python = model->indexOf(f.history.python);
    EXPECT_TRUE(python.data(WatchlistModel::AttentionRole).toBool());
    EXPECT_TRUE(python.data(Qt::FontRole).value<QFont>().bold());
    EXPECT_FALSE(python.data(Qt::DecorationRole).isNull()); // the badge
    EXPECT_EQ(model->indexOf(f.history.python, WatchlistModel::StatusColumn).data().toString(),
              QStringLiteral("rebuilt"));
    const QModelIndex pending = model->indexOf(f.history.pending);
    EXPECT_FALSE(pending.data(WatchlistModel::AttentionRole).toBool());
    EXPECT_FALSE(pending.data(Qt::FontRole).value<QFont>().bold());
    EXPECT_TRUE(pending.data(Qt::DecorationRole).isNull());

    // the tray: python and alpine were rebuilt after they were first checked
    EXPECT_EQ(f.window.trayToolTip(), QStringLiteral("Rebuild Radar: 2 images rebuilt"));
    const QImage plain = f.window.windowIcon().pixmap(32, 32).toImage();
    const QImage badged = f.window.trayIcon().pixmap(32, 32).toImage();
    ASSERT_EQ(plain.size(), badged.size());
    EXPECT_NE(plain, badged);

    // the "needs attention" filter
    auto *attentionOnly = f.window.findChild<QCheckBox *>(QStringLiteral("attentionOnly"));
    ASSERT_NE(attentionOnly, nullptr);
    attentionOnly->setChecked(true);
    EXPECT_EQ(shownImages(f.window.filter()), 2);

    // the details say it and acknowledge it
    f.window.selectTag(f.history.python);
    QPushButton *acknowledge = f.window.detailsPane()->acknowledgeButton();
    ASSERT_TRUE(QTest::qWaitFor([&] { return acknowledge->isEnabled(); }, 10000));
    EXPECT_TRUE(acknowledge->isVisible());
    QTest::mouseClick(acknowledge, Qt::LeftButton);
    ASSERT_TRUE(QTest::qWaitFor(
        [&] { return !model->indexOf(f.history.python).data(WatchlistModel::AttentionRole).toBool(); },
        10000));
    EXPECT_EQ(f.window.trayToolTip(), QStringLiteral("Rebuild Radar: 1 image rebuilt"));
    EXPECT_EQ(shownImages(f.window.filter()), 1); // alpine only
    EXPECT_FALSE(model->indexOf(f.history.python).data(Qt::FontRole).value<QFont>().bold());
    const auto acknowledged = f.history.db.store->history(f.history.python);
    ASSERT_TRUE(acknowledged.ok());
    for (const Rebuild &r : acknowledged->rebuilds)
        EXPECT_TRUE(r.acknowledged);
    ASSERT_TRUE(QTest::qWaitFor([&] { return !acknowledge->isEnabled(); }, 10000));
}

TEST(Attention, TheSummaryUsesPluralFormsInEnglishGermanAndFrench)
{
    EXPECT_EQ((AttentionSummary{3, 1}.text()), QStringLiteral("3 images rebuilt, 1 rollout in progress"));
    EXPECT_EQ((AttentionSummary{1, 2}.text()), QStringLiteral("1 image rebuilt, 2 rollouts in progress"));
    EXPECT_EQ((AttentionSummary{0, 1}.text()), QStringLiteral("1 rollout in progress"));
    EXPECT_TRUE((AttentionSummary{0, 0}.text()).isEmpty());
    EXPECT_EQ(WatchlistModel::rebuildsTooltip(1, 2), QStringLiteral("1 silent rebuild, 2 version moves"));
    for (const auto &[language, one, three] :
         {std::tuple{"de", "1 Image neu gebaut", "3 Images neu gebaut"},
          std::tuple{"fr", "1 image reconstruite", "3 images reconstruites"}}) {
        QTranslator translator;
        ASSERT_TRUE(translator.load(QStringLiteral(":/i18n/rebuildradar_") + QLatin1String(language)));
        QCoreApplication::installTranslator(&translator);
        EXPECT_EQ((AttentionSummary{1, 0}.text()), QString::fromUtf8(one));
        EXPECT_EQ((AttentionSummary{3, 0}.text()), QString::fromUtf8(three));
        QCoreApplication::removeTranslator(&translator);
    }
    // the badge: nothing drawn for no rebuilds
    const QIcon icon(QStringLiteral(":/icons/rebuildradar.svg"));
    EXPECT_EQ(badgedIcon(icon, 0).pixmap(24, 24).toImage(), icon.pixmap(24, 24).toImage());
    EXPECT_NE(badgedIcon(icon, 1).pixmap(24, 24).toImage(), badgedIcon(icon, 2).pixmap(24, 24).toImage());
}

// The filter matches what the rows show ("rebuilt", "arm64", "auth failed"), not hidden status names;
// Esc in the filter clears it.
TEST(WatchlistModel, TheFilterMatchesTheDisplayedTextAndEscClearsIt)
{
    WindowFixture f;
    f.window.show();
    ASSERT_TRUE(QTest::qWaitFor([&] { return f.window.model()->tags().size() == 3; }, 10000));
    WatchlistFilter *filter = f.window.filter();
    auto *edit = f.window.findChild<QLineEdit *>();
    ASSERT_NE(edit, nullptr);
    edit->setFocus();
    QTest::keyClicks(edit, QStringLiteral("arm64"));
    EXPECT_EQ(shownImages(filter), 2); // python and alpine show linux/arm64/v8
    edit->clear();
    QTest::keyClicks(edit, QStringLiteral("rebuilt"));
    EXPECT_EQ(shownImages(filter), 2);
    edit->clear();
    // every checked row is "rebuilt" here: "ok" matches no status shown
    QTest::keyClicks(edit, QStringLiteral("ok"));
    EXPECT_EQ(shownImages(filter), 0);
    QTest::keyClick(edit, Qt::Key_Escape);
    EXPECT_TRUE(edit->text().isEmpty());
    EXPECT_EQ(shownImages(filter), 3);
}

// The details show the build, the cause's sentence, upstream and detection times and the lag inline.
TEST(MainWindow, TheDetailsSayWhyAndWhenWithoutHovering)
{
    WindowFixture f;
    f.window.show();
    ASSERT_TRUE(QTest::qWaitFor([&] { return f.window.model()->tags().size() == 3; }, 10000));
    f.window.selectTag(f.history.python);
    DetailsPane *pane = f.window.detailsPane();
    ASSERT_TRUE(QTest::qWaitFor([&] { return !pane->text(QStringLiteral("cause")).isEmpty(); }, 10000));
    EXPECT_TRUE(pane->text(QStringLiteral("build")).startsWith(QStringLiteral("build 3 · ")))
        << pane->text(QStringLiteral("build")).toStdString();
    EXPECT_EQ(pane->text(QStringLiteral("rebuild")), QStringLiteral("build 2 → build 3"));
    EXPECT_EQ(pane->text(QStringLiteral("platforms")), QStringLiteral("linux/amd64, linux/arm64/v8"));
    EXPECT_FALSE(pane->text(QStringLiteral("detected")).isEmpty());
    EXPECT_FALSE(pane->text(QStringLiteral("upstream")).isEmpty());
    // shown as labelled rows, not in a tooltip
    auto *cause = pane->findChild<QLabel *>(QStringLiteral("cause"));
    ASSERT_NE(cause, nullptr);
    EXPECT_EQ(cause->text(), pane->text(QStringLiteral("cause")));
    // the digests in the tree carry their build numbers
    ASSERT_TRUE(QTest::qWaitFor([&] { return f.window.details()->topLevelItemCount() == 2; }, 10000));
    EXPECT_TRUE(
        f.window.details()->topLevelItem(0)->child(0)->text(0).startsWith(QStringLiteral("build 3 · ")));
}

TEST(DetailsPane, TheCauseSentenceAndTheLag)
{
    TagHistory h;
    h.tag.currentDigest = d("new");
    h.tag.currentBuild = 8;
    Span before;
    before.digest = d("old");
    before.build = 7;
    Span after;
    after.digest = d("new");
    after.build = 8;
    after.firstSeen = 10 * 3600 * 1000;
    after.builtAt = 1 * 3600 * 1000;
    after.pushedAt = 2 * 3600 * 1000;
    h.spans = {before, after};
    Rebuild r;
    r.detectedAt = 10 * 3600 * 1000;
    r.from = before.digest;
    r.to = after.digest;
    r.platformsChanged = {QStringLiteral("linux/arm/v7"), QStringLiteral("linux/arm64/v8")};
    r.causes = {Cause{CauseKind::BaseImage, QStringLiteral("base image debian changed (a → b)")}};
    h.rebuilds = {r};
    QHash<QString, QString> rows;
    for (const DetailRow &row : detailRows(h))
        rows.insert(row.key, row.text);
    EXPECT_EQ(rows.value(QStringLiteral("rebuild")), QStringLiteral("build 7 → build 8"));
    EXPECT_EQ(rows.value(QStringLiteral("cause")),
              QStringLiteral("Rebuilt on a changed base image: base image debian changed (a → b)."));
    EXPECT_EQ(rows.value(QStringLiteral("lag")), QStringLiteral("8 h 0 min after upstream"));
    EXPECT_EQ(rows.value(QStringLiteral("platforms")), QStringLiteral("linux/arm/v7, linux/arm64/v8"));
    EXPECT_TRUE(rows.value(QStringLiteral("upstream")).contains(QStringLiteral("built")));
    EXPECT_TRUE(rows.value(QStringLiteral("upstream")).contains(QStringLiteral("pushed")));
}

// What changed inside (issue 21): a line in the details, the marker's tooltip and the notice's body,
// once the rebuild was analysed, and nothing before.
TEST(DetailsPane, WhatChangedInsideOnceAnalysed)
{
    TagHistory h;
    Span before;
    before.digest = d("old");
    Span after;
    after.digest = d("new");
    h.spans = {before, after};
    Rebuild r;
    r.from = before.digest;
    r.to = after.digest;
    r.platformsChanged = {QStringLiteral("linux/amd64")};
    h.rebuilds = {r};
    auto keys = [&] {
        QStringList out;
        for (const DetailRow &row : detailRows(h))
            out.append(row.key);
        return out;
    };
    EXPECT_FALSE(keys().contains(QStringLiteral("packages")));
    EXPECT_FALSE(rebuildTooltip(h.rebuilds[0], &h).contains(QStringLiteral("Inside")));
    PackageAnalysis a;
    a.diff.changed.append(PackageChange{QStringLiteral("libssl3"), QStringLiteral("3.0.15-1"),
                                        QStringLiteral("3.0.17-1"), QStringLiteral("openssl"),
                                        Ecosystem::Debian, VersionDirection::Upgrade});
    a.fixes = QList<SecurityFix>{{QStringLiteral("CVE-2025-9230"), QStringLiteral("openssl")}};
    h.rebuilds[0].packages.insert(QStringLiteral("linux/amd64"), a);
    const QString expected = QStringLiteral("openssl 3.0.15-1 → 3.0.17-1 (fixes CVE-2025-9230)");
    QHash<QString, QString> rows;
    for (const DetailRow &row : detailRows(h))
        rows.insert(row.key, row.text);
    EXPECT_EQ(rows.value(QStringLiteral("packages")), expected);
    EXPECT_TRUE(rebuildTooltip(h.rebuilds[0], &h).contains(QStringLiteral("Inside: ") + expected));
    RolloutNotice notice;
    notice.kind = RolloutNotice::Kind::StartedAndDone;
    notice.userPlatformsDone = {QStringLiteral("linux/amd64")};
    notice.rebuild = h.rebuilds[0];
    EXPECT_TRUE(Notifier::body(notice).contains(expected)) << Notifier::body(notice).toStdString();
}

// A notification names the builds: "rebuilt: build 7 → 8".
TEST(Notifier, TheBodyNamesTheBuilds)
{
    RolloutNotice notice;
    notice.kind = RolloutNotice::Kind::StartedAndDone;
    notice.userPlatformsDone = {QStringLiteral("linux/amd64")};
    notice.fromBuild = 7;
    notice.toBuild = 8;
    EXPECT_TRUE(Notifier::body(notice).startsWith(QStringLiteral("rebuilt: build 7 → 8")))
        << Notifier::body(notice).toStdString();
    notice.fromBuild = 0;
    EXPECT_FALSE(Notifier::body(notice).contains(QStringLiteral("build")));
}

// The Edit dialog opens with what the image has (OK alone changes nothing), takes custom intervals and
// refuses what is not one.
TEST(EditWatchDialog, OpensWithTheImagesSettingsAndTakesCustomIntervals)
{
    WatchedTag tag;
    tag.reference = QStringLiteral("docker.io/library/python:3.13");
    tag.intervalSeconds = 900;
    tag.platforms = {QStringLiteral("linux/arm64")};
    EditWatchDialog dialog(tag);
    EXPECT_EQ(dialog.intervalBox()->currentText(), QStringLiteral("15m"));
    EXPECT_EQ(dialog.intervalSeconds(), 900);
    EXPECT_EQ(dialog.platforms(), tag.platforms);
    EXPECT_FALSE(dialog.muted());
    EXPECT_FALSE(dialog.changesSomething());
    EXPECT_TRUE(dialog.isAcceptable());
    dialog.intervalBox()->setEditText(QStringLiteral("1h30m"));
    EXPECT_EQ(dialog.intervalSeconds(), 5400);
    EXPECT_TRUE(dialog.changesSomething());
    dialog.intervalBox()->setEditText(QStringLiteral("soon"));
    EXPECT_FALSE(dialog.isAcceptable());
    dialog.intervalBox()->setEditText(QStringLiteral("10m"));
    dialog.platformsEdit()->setText(QStringLiteral("linux/amd64,not a platform"));
    EXPECT_FALSE(dialog.isAcceptable());
    dialog.platformsEdit()->clear(); // all platforms
    dialog.muteBox()->setChecked(true);
    EXPECT_TRUE(dialog.isAcceptable());
    EXPECT_TRUE(dialog.platforms().isEmpty());
    EXPECT_TRUE(dialog.muted());
}

// Editing changes what was chosen; adding an image watched already keeps its settings and says so;
// what the CLI (another connection) adds shows up while the window runs.
TEST(MainWindow, WatchesChangeOnlyWhenEditedAndTheViewFollowsOtherWriters)
{
    WindowFixture f;
    f.window.show();
    ASSERT_TRUE(QTest::qWaitFor([&] { return f.window.model()->tags().size() == 3; }, 10000));
    const int before = f.window.model()->tag(f.history.python)->intervalSeconds;
    EXPECT_EQ(f.window.model()->indexOf(f.history.python, WatchlistModel::IntervalColumn).data().toString(),
              formatDuration(before));
    // python:3.13 again with another interval, beside a new image
    f.window.addReferences({QStringLiteral("python:3.13"), QStringLiteral("redis:7")}, 86400, {});
    EXPECT_TRUE(f.window.statusBar()->currentMessage().contains(QStringLiteral("python:3.13")));
    ASSERT_TRUE(QTest::qWaitFor([&] { return f.window.model()->tags().size() == 4; }, 10000));
    EXPECT_EQ(f.window.model()->tag(f.history.python)->intervalSeconds, before);
    EXPECT_EQ((*f.history.db.store->tagById(f.history.python))->intervalSeconds, before);

    f.engine.call([e = f.engine.engine(), id = f.history.python] {
        e->editWatch(id, 600, {QStringLiteral("linux/amd64")}, true);
    });
    ASSERT_TRUE(QTest::qWaitFor(
        [&] { return f.window.model()->tag(f.history.python)->intervalSeconds == 600; }, 10000));
    EXPECT_EQ(f.window.model()->tag(f.history.python)->platforms, QStringList{QStringLiteral("linux/amd64")});
    EXPECT_TRUE(f.window.model()->tag(f.history.python)->muted);

    // another program (the CLI) adds a watch: the window shows it without a restart
    f.history.db.watch(QStringLiteral("nginx:1.27"));
    ASSERT_TRUE(QTest::qWaitFor([&] { return f.window.model()->tags().size() == 5; }, 10000));
}

// Actions that cannot apply are disabled: nothing selected, no Check now, Remove, Edit or Copy.
TEST(MainWindow, ActionsNeedingASelectionAreDisabledWithoutOne)
{
    WindowFixture f;
    f.window.show();
    ASSERT_TRUE(QTest::qWaitFor([&] { return f.window.model()->tags().size() == 3; }, 10000));
    auto action = [&](const char *name) { return f.window.findChild<QAction *>(QString::fromLatin1(name)); };
    for (const char *name : {"checkNow", "remove", "edit", "copyPinned"}) {
        ASSERT_NE(action(name), nullptr) << name;
        EXPECT_FALSE(action(name)->isEnabled()) << name;
    }
    auto *copyButton = f.window.findChild<QPushButton *>(QStringLiteral("copyPinnedButton"));
    ASSERT_NE(copyButton, nullptr);
    EXPECT_FALSE(copyButton->isEnabled());
    f.window.selectTag(f.history.python);
    for (const char *name : {"checkNow", "remove", "edit", "copyPinned"})
        EXPECT_TRUE(action(name)->isEnabled()) << name;
    EXPECT_TRUE(copyButton->isEnabled());
    f.window.table()->selectAll(); // several: no single-image actions
    EXPECT_TRUE(action("remove")->isEnabled());
    EXPECT_FALSE(action("edit")->isEnabled());
    EXPECT_FALSE(action("copyPinned")->isEnabled());
}

// The columns share the width at 1024 px without a horizontal scrollbar; widths and the sort order
// the user chose come back with the next window.
TEST(MainWindow, ColumnsFitAndWidthsAndSortOrderAreRemembered)
{
    QSettings().remove(QStringLiteral("ui/watchlistHeader"));
    const auto restore = qScopeGuard([] { QSettings().remove(QStringLiteral("ui/watchlistHeader")); });
    {
        WindowFixture f;
        f.window.resize(1024, 700);
        f.window.show();
        ASSERT_TRUE(QTest::qWaitFor([&] { return f.window.model()->tags().size() == 3; }, 10000));
        QHeaderView *header = f.window.table()->header();
        EXPECT_LE(header->length(), f.window.table()->viewport()->width() + 1);
        EXPECT_GE(header->sectionSize(WatchlistModel::ImageColumn), 200);
        header->resizeSection(WatchlistModel::ImageColumn, 333);
        f.window.table()->sortByColumn(WatchlistModel::RebuildsColumn, Qt::DescendingOrder);
        f.window.close();
    }
    WindowFixture again;
    again.window.resize(1600, 1000);
    again.window.show();
    QHeaderView *header = again.window.table()->header();
    EXPECT_EQ(header->sectionSize(WatchlistModel::ImageColumn), 333);
    EXPECT_EQ(header->sortIndicatorSection(), int(WatchlistModel::RebuildsColumn));
    EXPECT_EQ(header->sortIndicatorOrder(), Qt::DescendingOrder);
}

// A family on a registry with a port keeps its repository on the family row.
TEST(WatchlistModel, AFamilyOnARegistryWithAPortKeepsItsRepository)
{
    QList<WatchedTag> tags;
    for (const char *tag : {"1.2", "1.3"}) {
        WatchedTag t;
        t.id = tags.size() + 1;
        t.registry = QStringLiteral("127.0.0.1:5000");
        t.repository = QStringLiteral("org/app");
        t.tag = QString::fromLatin1(tag);
        t.reference = t.registry + u'/' + t.repository + u':' + t.tag;
        t.familyId = 1;
        t.familyPattern = QStringLiteral("^1\\..*$");
        tags.append(t);
    }
    WatchlistModel model;
    model.setTags(tags);
    ASSERT_EQ(model.rowCount(), 1);
    EXPECT_TRUE(model.index(0, WatchlistModel::ImageColumn)
                    .data()
                    .toString()
                    .startsWith(QStringLiteral("org/app — 2 tags")))
        << model.index(0, WatchlistModel::ImageColumn).data().toString().toStdString();
    EXPECT_EQ(model.index(0, WatchlistModel::RegistryColumn).data().toString(),
              QStringLiteral("127.0.0.1:5000"));
}

// Labels beside a layout get a buddy, so their mnemonic is one and no "&" shows literally.
TEST(Dialogs, MnemonicLabelsHaveBuddies)
{
    AddDialog add(3600);
    ExportDialog exportDialog({});
    for (QDialog *dialog : std::initializer_list<QDialog *>{&add, &exportDialog}) {
        for (QLabel *label : dialog->findChildren<QLabel *>()) {
            if (label->text().contains(u'&') && !label->text().contains(QStringLiteral("&&"))) {
                EXPECT_NE(label->buddy(), nullptr) << label->text().toStdString();
            }
        }
    }
}

// The time axis fits the data: a short history fills the chart with time-of-day ticks, whatever the
// range; a long one is cut to the range with dates; 24 h and 7 d ranges exist; a legend names marks.
TEST(Timeline, TheRangeFitsTheDataWithTimeOfDayTicksAndALegend)
{
    const qint64 hour = 3600 * 1000;
    TimelineData data;
    data.segments.append(TimelineData::Segment{});
    data.first = 1000 * hour;
    data.last = 1003 * hour;
    TimeAxis axis = timeAxis(data, 1003 * hour, 90 * 24);
    EXPECT_EQ(axis.end, 1003 * hour);
    EXPECT_GE(axis.start, 1000 * hour - hour / 2); // not 90 days of empty grid
    EXPECT_LT(axis.start, 1000 * hour);            // a margin before the first sighting
    EXPECT_EQ(axis.format, QStringLiteral("HH:mm"));
    axis = timeAxis(data, 1003 * hour, 0);
    EXPECT_EQ(axis.format, QStringLiteral("HH:mm"));
    data.first = 0;
    axis = timeAxis(data, 1003 * hour, 24);
    EXPECT_EQ(axis.start, 979 * hour);
    EXPECT_EQ(axis.format, QStringLiteral("HH:mm"));
    axis = timeAxis(data, 1003 * hour, 7 * 24);
    EXPECT_EQ(axis.format, QStringLiteral("MM-dd HH:mm"));
    axis = timeAxis(data, 1003 * hour, 0);
    EXPECT_EQ(axis.format, QStringLiteral("yyyy-MM-dd"));

    KnownHistory h;
    TimelineView view;
    view.setHistory(*h.db.store->history(h.python), h.db.clock.nowMs(), kDefaultRolloutWindowMs);
    auto *range = view.findChild<QComboBox *>(QStringLiteral("timelineRange"));
    ASSERT_NE(range, nullptr);
    EXPECT_GE(range->findData(24), 0);
    EXPECT_GE(range->findData(7 * 24), 0);
    range->setCurrentIndex(range->findData(0));
    auto *x = qobject_cast<QDateTimeAxis *>(view.chart()->axes(Qt::Horizontal).first());
    ASSERT_NE(x, nullptr);
    auto history = h.db.store->history(h.python);
    EXPECT_LT(x->min().toMSecsSinceEpoch(), history->spans.first().firstSeen);
    EXPECT_GT(x->min().toMSecsSinceEpoch(), history->spans.first().firstSeen - 2 * kDay);
    QStringList legend;
    for (QLegendMarker *marker : view.chart()->legend()->markers()) {
        if (marker->isVisible())
            legend.append(marker->label());
    }
    EXPECT_TRUE(legend.contains(QStringLiteral("silent rebuilds"))) << legend.join(u'|').toStdString();
    EXPECT_FALSE(legend.contains(d("p1"))); // digests are not legend entries
    EXPECT_EQ(legend.count(QStringLiteral("rollout closed, platforms left out")), 1);
}

// While an image stays selected its timeline follows what another program records.
TEST(MainWindow, TheTimelineFollowsRebuildsWhileSelected)
{
    WindowFixture f;
    f.window.show();
    ASSERT_TRUE(QTest::qWaitFor([&] { return f.window.model()->tags().size() == 3; }, 10000));
    f.window.selectTag(f.history.python);
    ASSERT_TRUE(QTest::qWaitFor([&] { return f.window.timeline()->data().segments.size() == 9; }, 10000));
    const QMap<QString, PlatformImage> platforms{
        {QStringLiteral("linux/amd64"), PlatformImage{d("a4"), {}}},
        {QStringLiteral("linux/arm64/v8"), PlatformImage{d("b4"), {}}}};
    ASSERT_TRUE(f.history.db.store
                    ->record({seen(f.history.python, f.history.db.clock.nowMs() + 1000, d("p4"), platforms)},
                             classifyRebuild)
                    .ok());
    ASSERT_TRUE(QTest::qWaitFor([&] { return f.window.timeline()->data().segments.size() == 12; }, 10000));
    EXPECT_TRUE(f.window.detailsPane()->text(QStringLiteral("build")).startsWith(QStringLiteral("build 4")));
}

// Tab goes from the filter through the filter row into the table, which then takes the arrow keys
// without a click; from the table on to the timeline and the details, never back to the top.
TEST(MainWindow, KeyboardTabOrderAndArrowsWithoutAClick)
{
    WindowFixture f;
    f.window.show();
    QApplication::setActiveWindow(&f.window);
    ASSERT_TRUE(QTest::qWaitForWindowActive(&f.window));
    ASSERT_TRUE(QTest::qWaitFor([&] { return f.window.model()->tags().size() == 3; }, 10000));
    QTest::keyClick(&f.window, Qt::Key_F, Qt::ControlModifier);
    ASSERT_TRUE(qobject_cast<QLineEdit *>(QApplication::focusWidget()));
    QStringList visited;
    for (int i = 0; i < 4; ++i) {
        QTest::keyClick(QApplication::focusWidget(), Qt::Key_Tab);
        ASSERT_NE(QApplication::focusWidget(), nullptr);
        EXPECT_TRUE(QApplication::focusWidget()->isVisible());
        visited.append(QApplication::focusWidget()->objectName());
    }
    EXPECT_EQ(visited, (QStringList{QStringLiteral("countPeriod"), QString(), QStringLiteral("attentionOnly"),
                                    QStringLiteral("watchlist")}));
    ASSERT_EQ(QApplication::focusWidget(), f.window.table());
    ASSERT_TRUE(f.window.table()->currentIndex().isValid()); // a row to move from, no click needed
    const int first = f.window.table()->currentIndex().row();
    QTest::keyClick(f.window.table(), Qt::Key_Down);
    EXPECT_EQ(f.window.table()->currentIndex().row(), first + 1);
    EXPECT_EQ(f.window.selectedTagIds().size(), 1);
    // on from the table: the timeline's range, not the top of the window
    QTest::keyClick(f.window.table(), Qt::Key_Tab);
    EXPECT_EQ(QApplication::focusWidget()->objectName(), QStringLiteral("timelineRange"));
}

// First start: a call to action instead of an empty table (add, scan a project, import from running
// containers); the Help menu says where the history is.
TEST(MainWindow, FirstStartOffersAddingScanningAndImportingAndHelpSaysWhereTheHistoryIs)
{
    TempStore empty;
    SystemClock clock;
    EngineHost engine(clock, std::make_unique<CredentialChain>());
    MainWindow window(engine, clock);
    window.setDatabasePath(empty.path());
    EngineConfig config;
    config.databasePath = empty.path();
    QSignalSpy published(engine.engine(), &WatchEngine::watchlistChanged); // emitted on the engine's thread
    engine.call([e = engine.engine()] { e->setPaused(true); });
    engine.call([e = engine.engine(), config] { e->open(config); });
    window.show();
    // the engine's first (empty) watchlist, and the window's queued share of it
    ASSERT_TRUE(QTest::qWaitFor([&] { return !published.isEmpty(); }, 10000));
    QCoreApplication::processEvents();
    EXPECT_TRUE(window.firstStartPage()->isVisible());
    EXPECT_FALSE(window.table()->isVisible());
    for (const char *name : {"firstStartAdd", "firstStartScan", "firstStartRunning"}) {
        auto *button = window.findChild<QPushButton *>(QString::fromLatin1(name));
        ASSERT_NE(button, nullptr) << name;
        EXPECT_TRUE(button->isVisible()) << name;
    }
    QStringList menus;
    for (QAction *action : window.menuBar()->actions())
        menus.append(action->text());
    EXPECT_TRUE(menus.contains(QStringLiteral("&Help")));
    EXPECT_TRUE(window.databaseLocationText().contains(QFileInfo(empty.path()).fileName()));
    // on a team history it says whose mutes and acknowledgements this window shows
    MainWindow team(engine, clock);
    team.setDatabasePath(QStringLiteral("postgresql://radar@db.example.org/rebuildradar"));
    EXPECT_TRUE(team.databaseLocationText().contains(QStringLiteral("db.example.org")));
    EXPECT_TRUE(team.databaseLocationText().contains(Database::userName()));
    // the first watch replaces the call to action by the table
    empty.watch(QStringLiteral("python:3.13"));
    ASSERT_TRUE(QTest::qWaitFor([&] { return window.table()->isVisible(); }, 10000));
    EXPECT_FALSE(window.firstStartPage()->isVisible());
}

// "Test login" tries the registry's login on a watched image of it, through the engine; a registry
// with nothing watched says so.
TEST(CredentialsDialog, TestLoginTriesAWatchedImageOfTheRegistry)
{
    LocalRegistry registry;
    ASSERT_TRUE(registry.isRunning()) << registry.error().toStdString();
    Pusher push(registry.host());
    TestImage image;
    image.layer = "v1";
    push.tagImage(QStringLiteral("team/app"), QStringLiteral("1"), image);
    WindowFixture f;
    f.history.db.watch(registry.host() + QStringLiteral("/team/app:1"));
    QSignalSpy tested(f.engine.engine(), &WatchEngine::loginTested);
    f.engine.call([e = f.engine.engine(), host = registry.host()] { e->testLogin(host); });
    ASSERT_TRUE(QTest::qWaitFor([&] { return tested.size() >= 1; }, 20000)); // emitted on the engine's thread
    EXPECT_EQ(tested[0][0].toString(), registry.host());
    EXPECT_TRUE(tested[0][1].toBool()) << tested[0][2].toString().toStdString();
    f.engine.call([e = f.engine.engine()] { e->testLogin(QStringLiteral("quay.io")); });
    ASSERT_TRUE(QTest::qWaitFor([&] { return tested.size() >= 2; }, 10000));
    EXPECT_FALSE(tested[1][1].toBool());
    EXPECT_TRUE(tested[1][2].toString().contains(QStringLiteral("no watched image")))
        << tested[1][2].toString().toStdString();

    // the dialog asks with the registry as written, and shows the answer
    CredentialsDialog dialog;
    QSignalSpy asked(&dialog, &CredentialsDialog::testRequested);
    dialog.setRegistry(QStringLiteral(" quay.io "));
    dialog.findChild<QPushButton *>(QStringLiteral("testLogin"))->click();
    ASSERT_EQ(asked.size(), 1);
    EXPECT_EQ(asked[0][0].toString(), QStringLiteral("quay.io"));
    dialog.showTestResult(false, tested[1][2].toString());
    EXPECT_TRUE(dialog.statusText().startsWith(QStringLiteral("The login did not work")));
}
