#include "WatchlistFilter.h"

#include "WatchlistModel.h"

#include <algorithm>

namespace RebuildRadar {

WatchlistFilter::WatchlistFilter(QObject *parent)
    : QSortFilterProxyModel(parent)
{
    // a family row stays while one of its tags matches; a matching family shows all its tags
    setRecursiveFilteringEnabled(true);
    setAutoAcceptChildRows(true);
    setSortRole(WatchlistModel::SortRole);
    setSortCaseSensitivity(Qt::CaseInsensitive);
}

void WatchlistFilter::setSilentOnly(bool on)
{
    m_silentOnly = on;
    invalidateFilter();
}

void WatchlistFilter::setAttentionOnly(bool on)
{
    m_attentionOnly = on;
    invalidateFilter();
}

void WatchlistFilter::setText(const QString &text)
{
    m_text = text.trimmed();
    invalidateFilter();
}

bool WatchlistFilter::filterAcceptsRow(int sourceRow, const QModelIndex &sourceParent) const
{
    const QAbstractItemModel *model = sourceModel();
    const QModelIndex image = model->index(sourceRow, WatchlistModel::ImageColumn, sourceParent);
    const bool familyRow = model->data(image, WatchlistModel::TagIdRole).toLongLong() == 0;
    // a family row shows when one of its tags does, and then with only the tags that match
    if (m_silentOnly && (familyRow || model->data(image, WatchlistModel::SilentRebuildsRole).toInt() == 0))
        return false;
    if (m_attentionOnly && (familyRow || !model->data(image, WatchlistModel::AttentionRole).toBool()))
        return false;
    if (m_text.isEmpty())
        return true;
    // What the row shows, as shown ("rebuilding", "arm64"), and the whole reference
    QStringList shown{model->data(image, WatchlistModel::ReferenceRole).toString()};
    for (int column = 0; column < WatchlistModel::ColumnCount; ++column)
        shown.append(model->index(sourceRow, column, sourceParent).data(Qt::DisplayRole).toString());
    for (const QString &word : m_text.split(u' ', Qt::SkipEmptyParts)) {
        const bool hit = std::any_of(shown.begin(), shown.end(), [&](const QString &text) {
            return text.contains(word, Qt::CaseInsensitive);
        });
        if (!hit)
            return false;
    }
    return true;
}

} // namespace RebuildRadar
