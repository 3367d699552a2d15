#pragma once

// The selected image at a glance, without hovering: labelled rows (its build, the last rebuild, why it
// happened in a sentence, when upstream built and pushed it, when it was detected and the lag, the
// platforms it touched) and the Acknowledge button. Rows are plain values (DetailRow) built from a
// history, so other parts can add theirs (what changed inside, what runs).

#include "domain/History.h"

#include <QWidget>

class QFormLayout;
class QPushButton;

namespace RebuildRadar {

struct DetailRow
{
    QString key;   // stable, for code and tests: "build", "cause", "upstream", "detected", "lag", "platforms"
    QString label; // translated
    QString text;
    QString toolTip;
};

// A cause in words: what the kind means, then the detail the classifier found.
QString causeSentence(const Cause &cause);
// The rows for a tag's history (its newest rebuild), oldest-first lists as the store gives them.
QList<DetailRow> detailRows(const TagHistory &history);

class DetailsPane : public QWidget
{
    Q_OBJECT
public:
    explicit DetailsPane(QWidget *parent = nullptr);

    void setHistory(const TagHistory &history);
    void clear();
    // Rows added after the history's (by other views); they go when the history is set again.
    void addRow(const DetailRow &row);
    const QList<DetailRow> &rows() const { return m_rows; }
    QString text(const QString &key) const;
    QPushButton *acknowledgeButton() const { return m_acknowledge; }

signals:
    void acknowledgeRequested();

private:
    void rebuildLayout();

    QFormLayout *m_form;
    QPushButton *m_acknowledge;
    QList<DetailRow> m_rows;
};

} // namespace RebuildRadar
