#include "WatchlistModel.h"

#include "export/JsonShapes.h"

#include <QApplication>
#include <QDateTime>
#include <QLocale>
#include <QStyle>

namespace RebuildRadar {

namespace {
QString localTime(const std::optional<qint64> &ms)
{
    if (!ms)
        return {};
    return QLocale().toString(QDateTime::fromMSecsSinceEpoch(*ms).toLocalTime(), QLocale::ShortFormat);
}
} // namespace

WatchlistModel::WatchlistModel(QObject *parent)
    : QAbstractTableModel(parent)
{}

int WatchlistModel::rowCount(const QModelIndex &parent) const
{
    return parent.isValid() ? 0 : int(m_tags.size());
}

int WatchlistModel::columnCount(const QModelIndex &parent) const
{
    return parent.isValid() ? 0 : ColumnCount;
}

const WatchedTag *WatchlistModel::tag(qint64 id) const
{
    const int row = rowOf(id);
    return row < 0 ? nullptr : &m_tags[row];
}

int WatchlistModel::rowOf(qint64 id) const
{
    for (int i = 0; i < m_tags.size(); ++i) {
        if (m_tags[i].id == id)
            return i;
    }
    return -1;
}

void WatchlistModel::setTags(const QList<WatchedTag> &tags)
{
    // Same rows in the same order: update in place, so selection and scrolling stay.
    bool sameRows = tags.size() == m_tags.size();
    for (int i = 0; sameRows && i < tags.size(); ++i)
        sameRows = tags[i].id == m_tags[i].id;
    if (sameRows) {
        m_tags = tags;
        if (!m_tags.isEmpty())
            emit dataChanged(index(0, 0), index(int(m_tags.size()) - 1, ColumnCount - 1));
        return;
    }
    beginResetModel();
    m_tags = tags;
    endResetModel();
}

void WatchlistModel::setPeriodDays(int days)
{
    m_periodDays = days;
    emit headerDataChanged(Qt::Horizontal, RebuildsColumn, RebuildsColumn);
}

void WatchlistModel::setChecking(qint64 tagId, bool checking)
{
    if (checking)
        m_checking.insert(tagId);
    else
        m_checking.remove(tagId);
    const int row = rowOf(tagId);
    if (row >= 0)
        emit dataChanged(index(row, StatusColumn), index(row, StatusColumn));
}

QVariant WatchlistModel::headerData(int section, Qt::Orientation orientation, int role) const
{
    if (orientation != Qt::Horizontal || role != Qt::DisplayRole)
        return {};
    switch (section) {
    case ImageColumn:
        return tr("Image");
    case RegistryColumn:
        return tr("Registry");
    case DigestColumn:
        return tr("Digest");
    case PlatformsColumn:
        return tr("Platforms");
    case LastCheckedColumn:
        return tr("Last checked");
    case LastRebuildColumn:
        return tr("Last rebuild");
    case RebuildsColumn:
        return m_periodDays > 0 ? tr("Rebuilds (%1 d)").arg(m_periodDays) : tr("Rebuilds");
    case StatusColumn:
        return tr("Status");
    }
    return {};
}

QVariant WatchlistModel::data(const QModelIndex &index, int role) const
{
    if (!index.isValid() || index.row() >= m_tags.size())
        return {};
    const WatchedTag &t = m_tags[index.row()];
    const bool checking = m_checking.contains(t.id);
    switch (role) {
    case TagIdRole:
        return t.id;
    case ReferenceRole:
        return t.reference;
    case FullDigestRole:
        return t.currentDigest;
    case SilentRebuildsRole:
        return t.silentInPeriod;
    case StatusRole:
        return checking ? QStringLiteral("checking") : t.status;
    case Qt::DisplayRole:
    case SortRole:
        switch (index.column()) {
        case ImageColumn: {
            QString name = familiarOf(t.reference);
            if (!t.aliases.isEmpty() && role == Qt::DisplayRole)
                name += QStringLiteral("  (= %1)").arg(t.aliases.join(QStringLiteral(", ")));
            return name;
        }
        case RegistryColumn:
            return t.registry;
        case DigestColumn:
            return role == SortRole ? t.currentDigest : shortDigest(t.currentDigest);
        case PlatformsColumn:
            return role == SortRole ? QVariant(int(t.currentPlatforms.size()))
                                    : QVariant(t.currentPlatforms.join(QStringLiteral(", ")));
        case LastCheckedColumn:
            return role == SortRole ? QVariant(t.lastChecked.value_or(0))
                                    : QVariant(localTime(t.lastChecked));
        case LastRebuildColumn:
            return role == SortRole ? QVariant(t.lastRebuild.value_or(0))
                                    : QVariant(localTime(t.lastRebuild));
        case RebuildsColumn:
            return t.rebuildsInPeriod;
        case StatusColumn:
            if (checking)
                return tr("checking");
            if (t.status == TagStatus::Ok && t.rolloutTotal > 0)
                return tr("rebuilding: %1 of %2 platforms").arg(t.rolloutDone).arg(t.rolloutTotal);
            if (t.status == TagStatus::Ok)
                return t.muted ? tr("ok (muted)") : tr("ok");
            if (t.status == TagStatus::Pending)
                return tr("pending");
            if (t.status == TagStatus::NotFound)
                return tr("not found");
            if (t.status == TagStatus::AuthFailed)
                return tr("auth failed");
            return tr("error");
        }
        return {};
    case Qt::ToolTipRole:
        if (index.column() == DigestColumn)
            return t.currentDigest;
        if (index.column() == StatusColumn && !t.lastError.isEmpty())
            return t.lastError;
        if (index.column() == ImageColumn)
            return t.familyPattern.isEmpty()
                       ? t.reference
                       : tr("%1\nfamily: tags matching %2").arg(t.reference, t.familyPattern);
        if (index.column() == RebuildsColumn)
            return tr("%1 silent rebuild(s), %2 version move(s)")
                .arg(t.silentInPeriod)
                .arg(t.rebuildsInPeriod - t.silentInPeriod);
        return {};
    case Qt::DecorationRole:
        if (index.column() != StatusColumn)
            return {};
        {
            QStyle *style = QApplication::style();
            if (checking)
                return style->standardIcon(QStyle::SP_BrowserReload);
            if (t.status == TagStatus::Ok)
                return style->standardIcon(QStyle::SP_DialogApplyButton);
            if (t.status == TagStatus::Pending)
                return style->standardIcon(QStyle::SP_MessageBoxQuestion);
            if (t.status == TagStatus::NotFound)
                return style->standardIcon(QStyle::SP_MessageBoxWarning);
            return style->standardIcon(QStyle::SP_MessageBoxCritical);
        }
    case Qt::TextAlignmentRole:
        if (index.column() == RebuildsColumn)
            return int(Qt::AlignRight | Qt::AlignVCenter);
        return {};
    }
    return {};
}

WatchlistFilter::WatchlistFilter(QObject *parent)
    : QSortFilterProxyModel(parent)
{
    setSortRole(WatchlistModel::SortRole);
    setSortCaseSensitivity(Qt::CaseInsensitive);
}

void WatchlistFilter::setSilentOnly(bool on)
{
    m_silentOnly = on;
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
    if (m_silentOnly && model->data(image, WatchlistModel::SilentRebuildsRole).toInt() == 0)
        return false;
    if (m_text.isEmpty())
        return true;
    for (const QString &word : m_text.split(u' ', Qt::SkipEmptyParts)) {
        const bool hit =
            model->data(image, WatchlistModel::ReferenceRole)
                .toString()
                .contains(word, Qt::CaseInsensitive) ||
            model->data(image, Qt::DisplayRole).toString().contains(word, Qt::CaseInsensitive) ||
            model->data(image, WatchlistModel::StatusRole).toString().contains(word, Qt::CaseInsensitive);
        if (!hit)
            return false;
    }
    return true;
}

} // namespace RebuildRadar
