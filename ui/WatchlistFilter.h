#pragma once

#include <QSortFilterProxyModel>

namespace RebuildRadar {

// Filter by text over the reference and what the row shows (every column, as displayed); optional
// "silent rebuilds only" and "needs attention" (both keep tag families for their matching tags).
class WatchlistFilter : public QSortFilterProxyModel
{
    Q_OBJECT
public:
    explicit WatchlistFilter(QObject *parent = nullptr);
    void setText(const QString &text);
    void setSilentOnly(bool on);
    // Only the images with a rebuild the user has not acknowledged.
    void setAttentionOnly(bool on);

protected:
    bool filterAcceptsRow(int sourceRow, const QModelIndex &sourceParent) const override;

private:
    QString m_text;
    bool m_silentOnly = false;
    bool m_attentionOnly = false;
};

} // namespace RebuildRadar
