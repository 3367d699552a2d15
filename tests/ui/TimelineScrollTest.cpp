// The timeline's lanes when they do not fit: a vertical scrollbar shows, the wheel and the arrow keys
// move it and the lanes the chart shows, Ctrl+wheel zooms the time axis without touching the lanes.

#include "TempStore.h"
#include "TimelineView.h"
#include "history/RebuildClassifier.h"
#include "registry/ManifestParser.h"

#include <QApplication>
#include <QCategoryAxis>
#include <QChart>
#include <QDateTimeAxis>
#include <QLabel>
#include <QScrollBar>
#include <QTest>
#include <QWheelEvent>

#include <gtest/gtest.h>

using namespace RebuildRadar;
using namespace RebuildRadar::Test;

namespace {

// A tag seen once on `platforms` platforms: a lane for the tag and one for each platform.
TagHistory historyWithPlatforms(TempStore &db, int platforms)
{
    const qint64 tag = db.watch(QStringLiteral("python:3.13"));
    TagState state;
    state.digest = sha256Digest(QByteArray("index"));
    state.mediaType = MediaType::OciIndex;
    state.detailed = true;
    for (int i = 0; i < platforms; ++i)
        state.platforms.insert(QStringLiteral("linux/arch%1").arg(i, 2, 10, QLatin1Char('0')),
                               PlatformImage{sha256Digest(QByteArray::number(i)), {}});
    EXPECT_TRUE(
        db.store->record({Observation{tag, db.clock.nowMs(), TagStatus::Ok, {}, state}}, classifyRebuild)
            .ok());
    db.clock.advance(3600 * 1000);
    auto history = db.store->history(tag);
    EXPECT_TRUE(history.ok());
    return history.ok() ? *history : TagHistory{};
}

void wheel(QWidget *target, int delta, Qt::KeyboardModifiers modifiers = Qt::NoModifier)
{
    const QPointF at(target->width() / 2.0, target->height() / 2.0);
    QWheelEvent event(at, target->mapToGlobal(at), QPoint(), QPoint(0, delta), Qt::NoButton, modifiers,
                      Qt::NoScrollPhase, false);
    QApplication::sendEvent(target, &event);
}

// The lanes the vertical axis shows, top first, by their labels.
QStringList shownLanes(const TimelineView &view)
{
    auto *y = qobject_cast<QCategoryAxis *>(view.chart()->axes(Qt::Vertical).value(0));
    if (!y)
        return {};
    QStringList shown;
    const QStringList labels = y->categoriesLabels();
    for (const QString &label : labels) {
        const qreal value = y->endValue(label);
        if (value >= y->min() && value <= y->max())
            shown.prepend(label);
    }
    return shown;
}

} // namespace

TEST(Timeline, LanesThatDoNotFitScrollWithAScrollbarAndTheWheel)
{
    TempStore db;
    TimelineView view;
    view.resize(800, 320);
    view.show();
    ASSERT_TRUE(QTest::qWaitForWindowExposed(&view));
    view.setHistory(historyWithPlatforms(db, 12), db.clock.nowMs(), 3600 * 1000);
    ASSERT_EQ(view.data().lanes.size(), 13);
    QScrollBar *bar = view.laneScrollBar();
    ASSERT_TRUE(QTest::qWaitFor([&] { return bar->isVisible(); }, 5000));
    EXPECT_EQ(bar->value(), 0);
    EXPECT_GT(bar->maximum(), 0);
    const QStringList first = shownLanes(view);
    ASSERT_FALSE(first.isEmpty());
    EXPECT_LT(first.size(), 13);
    EXPECT_EQ(first.first(), view.data().lanes.first()); // the tag's lane on top

    // the wheel, down: the next lanes; the time axis stays
    auto *x = qobject_cast<QDateTimeAxis *>(view.chart()->axes(Qt::Horizontal).value(0));
    ASSERT_NE(x, nullptr);
    const QDateTime xMin = x->min();
    const QDateTime xMax = x->max();
    wheel(view.chartView()->viewport(), -120);
    EXPECT_EQ(bar->value(), 1);
    EXPECT_EQ(shownLanes(view).first(), view.data().lanes[1]);
    EXPECT_EQ(x->min(), xMin);
    EXPECT_EQ(x->max(), xMax);
    // the scrollbar itself moves the lanes too, and the last lane can be reached
    bar->setValue(bar->maximum());
    EXPECT_EQ(shownLanes(view).last(), view.data().lanes.last());
    wheel(view.chartView()->viewport(), 120);
    EXPECT_EQ(bar->value(), bar->maximum() - 1);
    view.chartView()->setFocus();
    QTest::keyClick(view.chartView(), Qt::Key_Up);
    EXPECT_EQ(bar->value(), bar->maximum() - 2);

    // Ctrl+wheel zooms time, not lanes
    ASSERT_TRUE(QTest::qWaitFor([&] { return !view.chart()->plotArea().isEmpty(); }, 5000));
    const int lanesAt = bar->value();
    const qint64 span = x->min().msecsTo(x->max());
    wheel(view.chartView()->viewport(), 120, Qt::ControlModifier);
    EXPECT_EQ(bar->value(), lanesAt);
    EXPECT_LT(x->min().msecsTo(x->max()), span);

    // the way to zoom is said where the timeline is
    auto *hint = view.findChild<QLabel *>(QStringLiteral("timelineHint"));
    ASSERT_NE(hint, nullptr);
    EXPECT_TRUE(hint->text().contains(QStringLiteral("Ctrl+wheel")));

    // taller: every lane fits, no scrollbar
    view.resize(800, 900);
    ASSERT_TRUE(QTest::qWaitFor([&] { return !bar->isVisible(); }, 5000));
    EXPECT_EQ(shownLanes(view).size(), 13);
}

TEST(Timeline, AFewLanesNeedNoScrollbar)
{
    TempStore db;
    TimelineView view;
    view.resize(800, 320);
    view.show();
    ASSERT_TRUE(QTest::qWaitForWindowExposed(&view));
    view.setHistory(historyWithPlatforms(db, 2), db.clock.nowMs(), 3600 * 1000);
    ASSERT_EQ(view.data().lanes.size(), 3);
    QApplication::processEvents();
    EXPECT_FALSE(view.laneScrollBar()->isVisible());
    EXPECT_EQ(shownLanes(view).size(), 3);
}
