#pragma once

#include "TimelineData.h"

#include <QChartView>
#include <QWidget>

class QComboBox;
class QDateTimeAxis;
class QValueAxis;

namespace RebuildRadar {

// The selected tag's history on a time axis: one lane for the tag and one per platform, each digest a
// segment, rebuilds as markers with a tooltip. Wheel or +/- zoom, drag or arrow keys pan, a range picker.
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

signals:
    void exportRequested();

protected:
    bool eventFilter(QObject *watched, QEvent *event) override;

private:
    void rebuildChart();
    void applyRange();

    QChartView *m_view;
    QComboBox *m_range;
    TimelineData m_data;
    qint64 m_now = 0;
    int m_rangeHours = 90 * 24; // 0: all
};

} // namespace RebuildRadar
