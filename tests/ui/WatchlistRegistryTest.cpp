// The watchlist grouped by registry where several are watched: a row per registry holding its tags and
// families, none with one registry; sorting, filtering, checks in place and selection keep working.

#include "EngineHost.h"
#include "MainWindow.h"
#include "TempStore.h"
#include "WatchlistFilter.h"
#include "WatchlistModel.h"
#include "common/Clock.h"
#include "credentials/Credential.h"
#include "engine/WatchEngine.h"

#include <QAbstractItemModelTester>
#include <QAction>
#include <QFont>
#include <QLineEdit>
#include <QSignalSpy>
#include <QTest>
#include <QTreeView>

#include <gtest/gtest.h>

using namespace RebuildRadar;
using namespace RebuildRadar::Test;

namespace {

WatchedTag watched(qint64 id, const QString &registry, const QString &repository, const QString &tag)
{
    WatchedTag t;
    t.id = id;
    t.registry = registry;
    t.repository = repository;
    t.tag = tag;
    t.reference = registry + u'/' + repository + u':' + tag;
    t.status = TagStatus::Ok;
    return t;
}

// python and alpine on Docker Hub (python rebuilt, not acknowledged); a tool and a family of two tags on
// ghcr.io.
QList<WatchedTag> twoRegistries()
{
    const QString hub = QStringLiteral("docker.io");
    const QString ghcr = QStringLiteral("ghcr.io");
    QList<WatchedTag> tags{watched(1, hub, QStringLiteral("library/python"), QStringLiteral("3.13")),
                           watched(2, ghcr, QStringLiteral("org/tool"), QStringLiteral("1")),
                           watched(3, hub, QStringLiteral("library/alpine"), QStringLiteral("3")),
                           watched(4, ghcr, QStringLiteral("org/app"), QStringLiteral("1.2")),
                           watched(5, ghcr, QStringLiteral("org/app"), QStringLiteral("1.3"))};
    tags[0].rebuildsInPeriod = 2;
    tags[0].silentInPeriod = 2;
    tags[0].unacknowledged = 1;
    for (int i : {3, 4}) {
        tags[i].familyId = 7;
        tags[i].familyPattern = QStringLiteral("^1\\..*$");
    }
    return tags;
}

QStringList shownTexts(const QAbstractItemModel &model, const QModelIndex &parent = {})
{
    QStringList texts;
    for (int row = 0; row < model.rowCount(parent); ++row)
        texts.append(model.index(row, WatchlistModel::ImageColumn, parent).data().toString());
    return texts;
}

} // namespace

TEST(WatchlistModel, TagsAreGroupedByRegistryWhereSeveralAreWatched)
{
    WatchlistModel model;
    QAbstractItemModelTester tester(&model, QAbstractItemModelTester::FailureReportingMode::Fatal);
    model.setGroupByRegistry(true);
    model.setTags(twoRegistries());
    ASSERT_EQ(model.rowCount(), 2);
    EXPECT_EQ(shownTexts(model),
              (QStringList{QStringLiteral("docker.io — 2 images"), QStringLiteral("ghcr.io — 3 images")}));
    const QModelIndex hub = model.index(0, 0);
    const QModelIndex ghcr = model.index(1, 0);
    EXPECT_TRUE(hub.data(WatchlistModel::RegistrySectionRole).toBool());
    EXPECT_EQ(model.index(0, WatchlistModel::RegistryColumn).data().toString(), QStringLiteral("docker.io"));
    EXPECT_TRUE(hub.data(WatchlistModel::MemberIdsRole).value<QList<qint64>>().isEmpty());
    EXPECT_EQ(model.index(0, WatchlistModel::RebuildsColumn).data().toInt(), 2);
    EXPECT_TRUE(hub.data(WatchlistModel::AttentionRole).toBool()); // python's rebuild
    EXPECT_TRUE(hub.data(Qt::FontRole).value<QFont>().bold());
    EXPECT_FALSE(ghcr.data(WatchlistModel::AttentionRole).toBool());

    // short names under their registry, the Registry column as before
    EXPECT_EQ(shownTexts(model, hub),
              (QStringList{QStringLiteral("python:3.13"), QStringLiteral("alpine:3")}));
    EXPECT_EQ(model.indexOf(1).parent(), hub);
    EXPECT_EQ(model.indexOf(1, WatchlistModel::RegistryColumn).data().toString(),
              QStringLiteral("docker.io"));
    EXPECT_FALSE(
        model.indexOf(1, WatchlistModel::RegistryColumn).data(WatchlistModel::RegistrySectionRole).toBool());
    // the family keeps its row, under its registry, with its tags under it
    ASSERT_EQ(model.rowCount(ghcr), 2);
    const QModelIndex family = model.indexOf(4).parent();
    EXPECT_EQ(family.parent(), ghcr);
    EXPECT_EQ(family.data(WatchlistModel::FamilyIdRole).toLongLong(), 7);
    EXPECT_EQ(shownTexts(model, family), (QStringList{QStringLiteral("1.2"), QStringLiteral("1.3")}));
    EXPECT_EQ(family.data(WatchlistModel::MemberIdsRole).value<QList<qint64>>(), (QList<qint64>{4, 5}));

    // a check changes its row and its registry's row in place
    QSignalSpy reset(&model, &QAbstractItemModel::modelReset);
    QSignalSpy changed(&model, &QAbstractItemModel::dataChanged);
    PollResult failed;
    failed.tagId = 2;
    failed.status = TagStatus::Error;
    failed.error = QStringLiteral("registry unreachable");
    failed.checkedAt = 1000;
    model.applyChecks({failed});
    EXPECT_EQ(reset.size(), 0);
    QSet<QModelIndex> announced;
    for (const QList<QVariant> &signal : std::as_const(changed))
        announced.insert(signal[0].toModelIndex().siblingAtColumn(0));
    EXPECT_TRUE(announced.contains(model.indexOf(2))) << announced.size();
    EXPECT_TRUE(announced.contains(ghcr));
    EXPECT_EQ(model.indexOf(2, WatchlistModel::StatusColumn).data().toString(), QStringLiteral("error"));
    // a publication with the same rows keeps them in place
    model.setTags(twoRegistries());
    EXPECT_EQ(reset.size(), 0);

    // filtering keeps the registry of what matches; sorting sorts within each registry
    WatchlistFilter filter;
    filter.setSourceModel(&model);
    filter.setText(QStringLiteral("python"));
    ASSERT_EQ(filter.rowCount(), 1);
    EXPECT_EQ(shownTexts(filter, filter.index(0, 0)), QStringList{QStringLiteral("python:3.13")});
    filter.setText(QStringLiteral("ghcr"));
    ASSERT_EQ(filter.rowCount(), 1);
    EXPECT_EQ(filter.rowCount(filter.index(0, 0)), 2);
    filter.setText(QString());
    filter.setSilentOnly(true);
    ASSERT_EQ(filter.rowCount(), 1);
    EXPECT_EQ(shownTexts(filter, filter.index(0, 0)), QStringList{QStringLiteral("python:3.13")});
    filter.setSilentOnly(false);
    filter.sort(WatchlistModel::ImageColumn, Qt::AscendingOrder);
    EXPECT_EQ(filter.index(0, 0).data(WatchlistModel::ReferenceRole).toString(), QStringLiteral("docker.io"));
    EXPECT_EQ(shownTexts(filter, filter.index(0, 0)),
              (QStringList{QStringLiteral("alpine:3"), QStringLiteral("python:3.13")}));
    filter.sort(WatchlistModel::ImageColumn, Qt::DescendingOrder);
    EXPECT_EQ(filter.index(0, 0).data(WatchlistModel::ReferenceRole).toString(), QStringLiteral("ghcr.io"));
    EXPECT_EQ(shownTexts(filter, filter.index(1, 0)),
              (QStringList{QStringLiteral("python:3.13"), QStringLiteral("alpine:3")}));

    // grouping off: the tags and the family at the top, as before
    model.setGroupByRegistry(false);
    EXPECT_EQ(model.rowCount(), 4);
    EXPECT_EQ(model.indexOf(1).parent(), QModelIndex());
}

TEST(WatchlistModel, OneRegistryIsNotGrouped)
{
    WatchlistModel model;
    QAbstractItemModelTester tester(&model, QAbstractItemModelTester::FailureReportingMode::Fatal);
    model.setGroupByRegistry(true);
    QList<WatchedTag> hubOnly = twoRegistries();
    hubOnly.remove(3, 2);
    hubOnly.remove(1);
    model.setTags(hubOnly);
    ASSERT_EQ(model.rowCount(), 2);
    EXPECT_EQ(shownTexts(model), (QStringList{QStringLiteral("python:3.13"), QStringLiteral("alpine:3")}));
    EXPECT_EQ(model.indexOf(1).parent(), QModelIndex());
    // a second registry appears: its row and Docker Hub's
    model.setTags(twoRegistries());
    EXPECT_EQ(model.rowCount(), 2);
    EXPECT_TRUE(model.index(0, 0).data(WatchlistModel::RegistrySectionRole).toBool());
}

TEST(MainWindow, RegistriesRowsAreOpenAndSelectNoImage)
{
    TempStore db;
    const qint64 python = db.watch(QStringLiteral("python:3.13"));
    db.watch(QStringLiteral("ghcr.io/org/tool:1"));
    SystemClock clock;
    EngineHost engine(clock, std::make_unique<CredentialChain>());
    MainWindow window(engine, clock);
    EngineConfig config;
    config.databasePath = db.path();
    engine.call([e = engine.engine()] { e->setPaused(true); });
    engine.call([e = engine.engine(), config] { e->open(config); });
    window.show();
    ASSERT_TRUE(QTest::qWaitFor([&] { return window.model()->tags().size() == 2; }, 10000));
    QTreeView *table = window.table();
    ASSERT_EQ(window.filter()->rowCount(), 2); // docker.io and ghcr.io
    for (int row = 0; row < 2; ++row) {
        const QModelIndex registry = window.filter()->index(row, 0);
        EXPECT_TRUE(registry.data(WatchlistModel::RegistrySectionRole).toBool());
        EXPECT_TRUE(table->isExpanded(registry)) << row;
    }
    // a registry's row selected is no image: nothing to check, remove or show
    table->selectionModel()->select(window.filter()->index(0, 0),
                                    QItemSelectionModel::ClearAndSelect | QItemSelectionModel::Rows);
    EXPECT_TRUE(window.selectedTagIds().isEmpty());
    auto *remove = window.findChild<QAction *>(QStringLiteral("remove"));
    ASSERT_NE(remove, nullptr);
    EXPECT_FALSE(remove->isEnabled());
    window.selectTag(python);
    EXPECT_EQ(window.selectedTagIds(), QList<qint64>{python});
    EXPECT_TRUE(remove->isEnabled());
    // rows that come back after a filter come back open
    auto *edit = window.findChild<QLineEdit *>();
    ASSERT_NE(edit, nullptr);
    edit->setText(QStringLiteral("nothing matches this"));
    EXPECT_EQ(window.filter()->rowCount(), 0);
    edit->clear();
    ASSERT_EQ(window.filter()->rowCount(), 2);
    EXPECT_TRUE(table->isExpanded(window.filter()->index(0, 0)));
    EXPECT_TRUE(table->isExpanded(window.filter()->index(1, 0)));
}
