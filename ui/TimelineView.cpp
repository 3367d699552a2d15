#include "TimelineView.h"

#include <QAreaSeries>
#include <QCategoryAxis>
#include <QComboBox>
#include <QDateTime>
#include <QDateTimeAxis>
#include <QHBoxLayout>
#include <QKeyEvent>
#include <QLabel>
#include <QLegend>
#include <QLegendMarker>
#include <QLineSeries>
#include <QMenu>
#include <QScatterSeries>
#include <QScrollBar>
#include <QSet>
#include <QSignalBlocker>
#include <QToolTip>
#include <QVBoxLayout>
#include <QValueAxis>
#include <QWheelEvent>

#include <algorithm>

namespace RebuildRadar {

namespace {
// A lane never gets thinner than this; what the chart's title, legend and time axis take of its height.
constexpr int kLaneHeight = 28;
constexpr int kChartChrome = 110;
} // namespace

TimelineView::TimelineView(QWidget *parent)
    : QWidget(parent)
    , m_view(new QChartView(this))
    , m_range(new QComboBox(this))
    , m_lanes(new QScrollBar(Qt::Vertical, this))
{
    m_view->setRenderHint(QPainter::Antialiasing);
    m_view->setRubberBand(QChartView::HorizontalRubberBand);
    m_view->setFocusPolicy(Qt::StrongFocus);
    m_view->installEventFilter(this);
    m_view->viewport()->installEventFilter(this); // wheel events reach the viewport first
    m_lanes->setObjectName(QStringLiteral("timelineLanes"));
    m_lanes->setToolTip(tr("More platforms: scroll with the wheel or the up and down arrows"));
    m_lanes->hide();
    connect(m_lanes, &QScrollBar::valueChanged, this, &TimelineView::applyLanes);
    m_view->setContextMenuPolicy(Qt::CustomContextMenu);
    connect(m_view, &QWidget::customContextMenuRequested, this, [this](const QPoint &pos) {
        QMenu menu;
        menu.addAction(tr("Export…"), this, &TimelineView::exportRequested);
        menu.addAction(tr("Reset zoom"), this, &TimelineView::applyRange);
        menu.exec(m_view->mapToGlobal(pos));
    });
    m_range->setObjectName(QStringLiteral("timelineRange"));
    m_range->addItem(tr("24 hours"), 24);
    m_range->addItem(tr("7 days"), 7 * 24);
    m_range->addItem(tr("30 days"), 30 * 24);
    m_range->addItem(tr("90 days"), 90 * 24);
    m_range->addItem(tr("1 year"), 365 * 24);
    m_range->addItem(tr("All"), 0);
    m_range->setCurrentIndex(3);
    connect(m_range, &QComboBox::currentIndexChanged, this, [this] {
        m_rangeHours = m_range->currentData().toInt();
        applyRange();
    });
    auto *top = new QHBoxLayout;
    auto *label = new QLabel(tr("&Range:"), this);
    label->setBuddy(m_range);
    top->addWidget(label);
    top->addWidget(m_range);
    top->addStretch();
    auto *hint = new QLabel(tr("Wheel: scroll the lanes · Ctrl+wheel or +/−: zoom · drag or ←/→: pan"), this);
    hint->setObjectName(QStringLiteral("timelineHint"));
    hint->setEnabled(false); // greyed: a hint, not a control
    top->addWidget(hint);
    auto *chartRow = new QHBoxLayout;
    chartRow->setSpacing(0);
    chartRow->addWidget(m_view, 1);
    chartRow->addWidget(m_lanes);
    auto *layout = new QVBoxLayout(this);
    layout->setContentsMargins(0, 0, 0, 0);
    layout->addLayout(top);
    layout->addLayout(chartRow, 1);
    clear();
}

QChart *TimelineView::chart() const
{
    return m_view->chart();
}

void TimelineView::clear()
{
    m_data = {};
    auto *chart = new QChart;
    chart->setTitle(tr("Select an image to see its history"));
    chart->legend()->hide();
    m_view->setChart(chart);
    applyLanes();
}

void TimelineView::setRangeDays(int days)
{
    const int index = m_range->findData(days * 24);
    if (index >= 0)
        m_range->setCurrentIndex(index);
}

void TimelineView::setHistory(const TagHistory &history, qint64 now, qint64 rolloutWindowMs)
{
    m_now = now;
    m_data = buildTimeline(history, now, rolloutWindowMs);
    rebuildChart();
}

namespace {
// Puts marks on the chart, each point with its own tooltip (by its place in the series).
void addMarks(QChart *chart, QScatterSeries *marks, const QStringList &tips, QAbstractAxis *x,
              QAbstractAxis *y)
{
    chart->addSeries(marks);
    marks->attachAxis(x);
    marks->attachAxis(y);
    QObject::connect(marks, &QScatterSeries::hovered, marks, [marks, tips](const QPointF &point, bool state) {
        if (!state)
            return;
        const auto points = marks->points();
        for (int i = 0; i < points.size(); ++i) {
            if (points[i] == point) { // QPointF compares fuzzily
                QToolTip::showText(QCursor::pos(), tips.value(i));
                return;
            }
        }
    });
}
} // namespace

void TimelineView::rebuildChart()
{
    auto *chart = new QChart;
    chart->setMargins(QMargins(4, 4, 4, 4));
    // A legend for the marks and bands; digest segments have their colours and tooltips instead.
    chart->legend()->setAlignment(Qt::AlignBottom);
    QSet<QString> legendNames;
    auto inLegend = [chart, &legendNames](QAbstractSeries *series, bool shown) {
        shown = shown && !legendNames.contains(series->name());
        legendNames.insert(series->name());
        for (QLegendMarker *marker : chart->legend()->markers(series))
            marker->setVisible(shown);
    };
    auto *x = new QDateTimeAxis;
    x->setFormat(QStringLiteral("yyyy-MM-dd"));
    auto *y = new QCategoryAxis;
    y->setLabelsPosition(QCategoryAxis::AxisLabelsPositionOnValue);
    const int lanes = int(m_data.lanes.size());
    // Categories must be appended by increasing value: the tag lane is on top, so it comes last.
    for (int i = lanes - 1; i >= 0; --i)
        y->append(m_data.lanes[i], lanes - 1 - i);
    y->setRange(-0.7, lanes - 0.3);
    chart->addAxis(x, Qt::AlignBottom);
    chart->addAxis(y, Qt::AlignLeft);

    // Rollouts first, so the lanes are drawn over their bands.
    for (const TimelineData::Band &band : m_data.rollouts) {
        auto *upper = new QLineSeries;
        auto *lower = new QLineSeries;
        upper->append(qreal(band.start), lanes - 0.5);
        upper->append(qreal(std::max(band.end, band.start + 60000)), lanes - 0.5);
        lower->append(qreal(band.start), -0.5);
        lower->append(qreal(std::max(band.end, band.start + 60000)), -0.5);
        auto *area = new QAreaSeries(upper, lower);
        area->setName(band.complete     ? tr("rollout complete")
                      : band.inProgress ? tr("rollout in progress")
                                        : tr("rollout closed, platforms left out"));
        area->setBrush(band.complete     ? QColor(40, 120, 200, 40)
                       : band.inProgress ? QColor(230, 140, 20, 60)
                                         : QColor(120, 120, 120, 40));
        area->setPen(Qt::NoPen);
        chart->addSeries(area);
        area->attachAxis(x);
        area->attachAxis(y);
        inLegend(area, true);
        connect(area, &QAreaSeries::hovered, this, [label = band.label](const QPointF &, bool state) {
            if (state)
                QToolTip::showText(QCursor::pos(), label);
        });
    }
    for (const TimelineData::Segment &s : m_data.segments) {
        auto *series = new QLineSeries;
        const qreal laneY = lanes - 1 - s.lane;
        series->append(qreal(s.start), laneY);
        series->append(qreal(s.end), laneY);
        QPen pen(digestColor(s.digest));
        pen.setWidth(s.lane == 0 ? 12 : 8);
        pen.setCapStyle(Qt::FlatCap);
        if (s.backfilled)
            pen.setStyle(Qt::DashLine);
        series->setPen(pen);
        series->setName(s.digest);
        chart->addSeries(series);
        series->attachAxis(x);
        series->attachAxis(y);
        inLegend(series, false);
        connect(series, &QLineSeries::hovered, this, [label = s.label()](const QPointF &, bool state) {
            if (state)
                QToolTip::showText(QCursor::pos(), label);
        });
    }
    // Upstream's push (or build): a small mark joined by a thin dashed line to our detection.
    if (!m_data.upstream.isEmpty()) {
        auto *marks = new QScatterSeries;
        marks->setMarkerShape(QScatterSeries::MarkerShapeTriangle);
        marks->setMarkerSize(10);
        marks->setColor(QColor(70, 70, 70));
        marks->setName(tr("pushed or built upstream"));
        QStringList tips;
        for (const TimelineData::Upstream &u : m_data.upstream) {
            const qreal laneY = lanes - 1 - u.lane + 0.3;
            auto *lag = new QLineSeries;
            lag->append(qreal(u.time), laneY);
            lag->append(qreal(u.detected), laneY);
            QPen pen(QColor(70, 70, 70));
            pen.setWidth(1);
            pen.setStyle(Qt::DashLine);
            lag->setPen(pen);
            chart->addSeries(lag);
            lag->attachAxis(x);
            lag->attachAxis(y);
            inLegend(lag, false);
            marks->append(qreal(u.time), laneY);
            tips.append(u.tooltip);
        }
        addMarks(chart, marks, tips, x, y);
        inLegend(marks, true);
    }
    for (const bool silent : {true, false}) {
        auto *markers = new QScatterSeries;
        markers->setMarkerSize(14);
        markers->setColor(silent ? QColor(200, 40, 40) : QColor(60, 90, 200));
        markers->setName(silent ? tr("silent rebuilds") : tr("version moves"));
        QStringList tips;
        for (const TimelineData::Marker &m : m_data.markers) {
            if (m.silent != silent)
                continue;
            markers->append(qreal(m.time), lanes - 1);
            tips.append(m.tooltip);
        }
        addMarks(chart, markers, tips, x, y);
        inLegend(markers, markers->count() > 0);
    }
    chart->setTitle(m_data.title);
    m_view->setChart(chart);
    applyLanes();
    applyRange();
}

void TimelineView::applyRange()
{
    auto axes = chart()->axes(Qt::Horizontal);
    if (axes.isEmpty() || m_data.segments.isEmpty())
        return;
    auto *x = static_cast<QDateTimeAxis *>(axes.first());
    const TimeAxis axis = timeAxis(m_data, m_now, m_rangeHours);
    x->setFormat(axis.format);
    x->setTickCount(axis.ticks);
    x->setRange(QDateTime::fromMSecsSinceEpoch(axis.start), QDateTime::fromMSecsSinceEpoch(axis.end));
}

void TimelineView::applyLanes()
{
    const int lanes = int(m_data.lanes.size());
    const int fit = std::max(2, (m_view->height() - kChartChrome) / kLaneHeight);
    const int shown = std::min(lanes, fit);
    {
        const QSignalBlocker block(m_lanes); // a value clamped here is applied below
        m_lanes->setRange(0, std::max(0, lanes - shown));
        m_lanes->setPageStep(std::max(1, shown));
    }
    m_lanes->setVisible(lanes > shown);
    const auto axes = chart()->axes(Qt::Vertical);
    if (axes.isEmpty() || lanes == 0)
        return;
    // The tag's lane is on top (the highest value): the scrollbar's value is the first lane shown.
    const qreal top = lanes - 1 - m_lanes->value();
    static_cast<QValueAxis *>(axes.first())->setRange(top - (shown - 1) - 0.7, top + 0.3);
}

void TimelineView::zoomTime(qreal factor)
{
    QRectF area = chart()->plotArea();
    if (area.isEmpty())
        return;
    const QPointF centre = area.center();
    area.setWidth(area.width() / factor);
    area.moveCenter(centre);
    chart()->zoomIn(area);
}

bool TimelineView::eventFilter(QObject *watched, QEvent *event)
{
    if (watched == m_view && event->type() == QEvent::Resize)
        applyLanes();
    // One rule wherever the wheel is: it scrolls the lanes, as in any list; Ctrl+wheel zooms the time
    // axis and a sideways wheel pans it.
    if ((watched == m_view || watched == m_view->viewport()) && event->type() == QEvent::Wheel) {
        const auto *wheel = static_cast<QWheelEvent *>(event);
        const QPoint delta = wheel->angleDelta();
        if (wheel->modifiers() & Qt::ControlModifier) {
            if (delta.y() != 0)
                zoomTime(delta.y() > 0 ? 1.25 : 0.8);
        } else if (delta.y() != 0) {
            const int notches = delta.y() / 120; // a touchpad's small steps still move a lane
            m_lanes->setValue(m_lanes->value() - (notches != 0 ? notches : (delta.y() > 0 ? 1 : -1)));
        } else if (delta.x() != 0) {
            chart()->scroll(-chart()->plotArea().width() * delta.x() / 1200.0, 0);
        }
        return true;
    }
    if (watched == m_view && event->type() == QEvent::KeyPress) {
        const auto *key = static_cast<QKeyEvent *>(event);
        switch (key->key()) {
        case Qt::Key_Plus:
        case Qt::Key_Equal:
            zoomTime(1.25);
            return true;
        case Qt::Key_Minus:
            zoomTime(0.8);
            return true;
        case Qt::Key_Up:
            m_lanes->triggerAction(QAbstractSlider::SliderSingleStepSub);
            return true;
        case Qt::Key_Down:
            m_lanes->triggerAction(QAbstractSlider::SliderSingleStepAdd);
            return true;
        case Qt::Key_Left:
            chart()->scroll(-chart()->plotArea().width() / 10, 0);
            return true;
        case Qt::Key_Right:
            chart()->scroll(chart()->plotArea().width() / 10, 0);
            return true;
        case Qt::Key_0:
            applyRange();
            return true;
        default:
            break;
        }
    }
    return QWidget::eventFilter(watched, event);
}

} // namespace RebuildRadar
