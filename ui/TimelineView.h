#pragma once

#include "TimelineData.h"

#include <QChartView>
#include <QWidget>

class QComboBox;
class QScrollBar;
class QDateTimeAxis;
class QValueAxis;

namespace RebuildRadar {

// The selected tag's history on a time axis: one lane for the tag and one per platform, each digest a
// segment, rebuilds as markers with a tooltip. Lanes that do not fit scroll with a scrollbar and the
// wheel; Ctrl+wheel or +/- zoom the time axis, dragging or the arrow keys pan it; a range picker.
class TimelineView : public QWidget
{
    Q_OBJECT
public:
    explicit TimelineView(QWidget *parent = nullptr);

    void setHistory(const TagHistory &history, qint64 now, qint64 rolloutWindowMs);
    void clear();
    const TimelineData &data() const { return m_data; }
    QChart *chart() const;
    QChartView *chartView() const { return m_view; }
    // 1 d, 7 d, 30 d, 90 d, 1 y, or all (0)
    void setRangeDays(int days);
    // Shown when the lanes do not all fit; its value is the first lane shown.
    QScrollBar *laneScrollBar() const { return m_lanes; }

signals:
    void exportRequested();

protected:
    bool eventFilter(QObject *watched, QEvent *event) override;

private:
    void rebuildChart();
    void applyRange();
    // Fits the lanes to the height: the scrollbar's range and the lanes the vertical axis shows.
    void applyLanes();
    // Zooms the time axis only, about its middle: lanes keep their height.
    void zoomTime(qreal factor);

    QChartView *m_view;
    QComboBox *m_range;
    QScrollBar *m_lanes;
    TimelineData m_data;
    qint64 m_now = 0;
    int m_rangeHours = 90 * 24; // 0: all
};

} // namespace RebuildRadar
