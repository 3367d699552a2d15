#include "WatchlistModel.h"

#include "common/Duration.h"
#include "reference/ImageReference.h"

#include <QApplication>
#include <QDateTime>
#include <QFont>
#include <QLocale>
#include <QPainter>
#include <QPixmap>
#include <QStyle>

#include <algorithm>

namespace RebuildRadar {

namespace {
QString localTime(const std::optional<qint64> &ms)
{
    if (!ms)
        return {};
    return QLocale().toString(QDateTime::fromMSecsSinceEpoch(*ms).toLocalTime(), QLocale::ShortFormat);
}

QString shortNameOf(const WatchedTag &t)
{
    const QString familiar = familiarOf(t.reference);
    const QString prefix = t.registry + u'/';
    return familiar.startsWith(prefix) ? familiar.mid(prefix.size()) : familiar;
}

// The badge of an image with a rebuild to look at: drawn, so it reads the same in every style.
QIcon attentionIcon()
{
    static const QIcon icon = [] {
        QPixmap pixmap(16, 16);
        pixmap.fill(Qt::transparent);
        QPainter painter(&pixmap);
        painter.setRenderHint(QPainter::Antialiasing);
        painter.setPen(Qt::NoPen);
        painter.setBrush(QColor(0xe6, 0x7e, 0x22));
        painter.drawEllipse(QRectF(2, 2, 12, 12));
        painter.setBrush(Qt::white);
        painter.drawRect(QRectF(7, 4.5, 2, 5));
        painter.drawRect(QRectF(7, 10.5, 2, 2));
        return QIcon(pixmap);
    }();
    return icon;
}
} // namespace

WatchlistModel::WatchlistModel(QObject *parent)
    : QAbstractItemModel(parent)
{}

// internalId: 0 for a top-level row, 1 + the family's top-level row for a tag under a family.
QModelIndex WatchlistModel::index(int row, int column, const QModelIndex &parent) const
{
    if (column < 0 || column >= ColumnCount || row < 0)
        return {};
    if (!parent.isValid())
        return row < m_top.size() ? createIndex(row, column, quintptr(0)) : QModelIndex();
    if (parent.internalId() != 0 || parent.row() >= m_top.size())
        return {};
    const Group &group = m_top[parent.row()];
    if (group.familyId == 0 || row >= group.members.size())
        return {};
    return createIndex(row, column, quintptr(parent.row() + 1));
}

QModelIndex WatchlistModel::parent(const QModelIndex &child) const
{
    if (!child.isValid() || child.internalId() == 0)
        return {};
    return createIndex(int(child.internalId() - 1), 0, quintptr(0));
}

int WatchlistModel::rowCount(const QModelIndex &parent) const
{
    if (!parent.isValid())
        return int(m_top.size());
    if (parent.column() != 0 || parent.internalId() != 0 || parent.row() >= m_top.size())
        return 0;
    const Group &group = m_top[parent.row()];
    return group.familyId == 0 ? 0 : int(group.members.size());
}

int WatchlistModel::columnCount(const QModelIndex &) const
{
    return ColumnCount;
}

int WatchlistModel::tagAt(const QModelIndex &index) const
{
    if (!index.isValid())
        return -1;
    if (index.internalId() == 0) {
        const Group &group = m_top[index.row()];
        return group.familyId == 0 ? group.members.first() : -1;
    }
    return m_top[int(index.internalId() - 1)].members[index.row()];
}

const WatchlistModel::Group *WatchlistModel::familyAt(const QModelIndex &index) const
{
    if (!index.isValid() || index.internalId() != 0 || m_top[index.row()].familyId == 0)
        return nullptr;
    return &m_top[index.row()];
}

const WatchedTag *WatchlistModel::tag(qint64 id) const
{
    const auto place = m_places.constFind(id);
    return place == m_places.constEnd() ? nullptr : &m_tags[place->tag];
}

QModelIndex WatchlistModel::indexOf(qint64 tagId, int column) const
{
    const auto place = m_places.constFind(tagId);
    if (place == m_places.constEnd())
        return {};
    if (place->child < 0)
        return index(place->top, column);
    return index(place->child, column, index(place->top, 0));
}

QStringList WatchlistModel::namesOf(const QList<WatchedTag> &tags)
{
    // Under its family row a tag alone says enough; elsewhere repository:tag, the registry having its
    // own column (Docker Hub's official images as people write them: python:3.13).
    QStringList names;
    names.reserve(tags.size());
    for (const WatchedTag &t : tags)
        names.append(t.familyId != 0 ? t.tag : shortNameOf(t));
    return names;
}

QList<WatchlistModel::Group> WatchlistModel::groupsOf(const QList<WatchedTag> &tags)
{
    // A family sits where its first tag would; its tags follow in the store's order.
    QList<Group> groups;
    QHash<qint64, int> familyRow;
    for (int i = 0; i < tags.size(); ++i) {
        const qint64 family = tags[i].familyId;
        if (family == 0) {
            groups.append(Group{0, {i}});
            continue;
        }
        const auto known = familyRow.constFind(family);
        if (known != familyRow.constEnd()) {
            groups[*known].members.append(i);
            continue;
        }
        familyRow.insert(family, int(groups.size()));
        groups.append(Group{family, {i}});
    }
    return groups;
}

QString WatchlistModel::rebuildsTooltip(int silent, int versionMoves)
{
    return tr("%n silent rebuild(s)", nullptr, silent) + QStringLiteral(", ") +
           tr("%n version move(s)", nullptr, versionMoves);
}

QString WatchlistModel::shownName(int tag) const
{
    const WatchedTag &t = m_tags[tag];
    QString name = m_names[tag];
    if (t.currentBuild > 0)
        name = tr("%1 · build %2").arg(name).arg(t.currentBuild);
    if (!t.aliases.isEmpty())
        name += QStringLiteral("  (= %1)").arg(t.aliases.join(QStringLiteral(", ")));
    return name;
}

void WatchlistModel::setTags(const QList<WatchedTag> &tags)
{
    QList<Group> groups = groupsOf(tags);
    // Same rows in the same places: update in place, so selection, expansion and scrolling stay.
    bool sameRows = groups.size() == m_top.size();
    for (int i = 0; sameRows && i < groups.size(); ++i) {
        sameRows =
            groups[i].familyId == m_top[i].familyId && groups[i].members.size() == m_top[i].members.size();
        for (int j = 0; sameRows && j < groups[i].members.size(); ++j)
            sameRows = tags[groups[i].members[j]].id == m_tags[m_top[i].members[j]].id;
    }
    m_checking.clear();
    if (sameRows) {
        // Only the rows that differ are announced: a sorted view re-sorts what it is told.
        const QList<WatchedTag> old = std::exchange(m_tags, tags); // same tags: m_names still hold
        m_top = std::move(groups);
        QList<qint64> changed;
        for (qsizetype i = 0; i < old.size(); ++i) {
            if (!(std::as_const(m_tags)[i] == old[i]))
                changed.append(old[i].id);
        }
        announceTouched(changed);
        return;
    }
    beginResetModel();
    m_tags = tags;
    m_names = namesOf(m_tags);
    m_top = std::move(groups);
    m_places.clear();
    for (int top = 0; top < m_top.size(); ++top) {
        const Group &group = m_top[top];
        for (int child = 0; child < group.members.size(); ++child)
            m_places.insert(std::as_const(m_tags)[group.members[child]].id,
                            Place{group.members[child], top, group.familyId == 0 ? -1 : child});
    }
    endResetModel();
}

void WatchlistModel::applyChecks(const QList<PollResult> &results)
{
    QList<qint64> touched;
    for (const PollResult &r : results) {
        const auto place = m_places.constFind(r.tagId);
        if (place == m_places.constEnd())
            continue;
        WatchedTag &t = m_tags[place->tag];
        t.status = r.status;
        t.lastError = r.error;
        t.lastChecked = r.checkedAt;
        m_checking.remove(r.tagId);
        touched.append(r.tagId);
    }
    announceTouched(touched);
}

void WatchlistModel::updateTags(const QList<WatchedTag> &tags)
{
    QList<qint64> touched;
    for (const WatchedTag &t : tags) {
        const auto place = m_places.constFind(t.id);
        // a tag the window does not have yet comes with the next whole list
        if (place == m_places.constEnd() || m_tags[place->tag].familyId != t.familyId)
            continue;
        m_tags[place->tag] = t;
        m_checking.remove(t.id);
        touched.append(t.id);
    }
    announceTouched(touched);
}

void WatchlistModel::announceTouched(const QList<qint64> &tagIds)
{
    // Runs of touched rows, not the span from the first to the last: a sorted view re-checks every row
    // it is told of, and a sweep's rows lie all over the list.
    QHash<int, QList<int>> rows; // parent (-1: top level) -> touched rows
    for (qint64 id : tagIds) {
        const Place place = m_places.value(id);
        rows[-1].append(place.top); // a tag's own row, or its family's summary
        if (place.child >= 0)
            rows[place.top].append(place.child);
    }
    for (auto it = rows.begin(); it != rows.end(); ++it) {
        QList<int> &list = *it;
        std::sort(list.begin(), list.end());
        list.erase(std::unique(list.begin(), list.end()), list.end());
        const QModelIndex parent = it.key() < 0 ? QModelIndex() : index(it.key(), 0);
        for (qsizetype first = 0; first < list.size();) {
            qsizetype last = first;
            while (last + 1 < list.size() && list[last + 1] == list[last] + 1)
                ++last;
            emit dataChanged(index(list[first], 0, parent), index(list[last], ColumnCount - 1, parent));
            first = last + 1;
        }
    }
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
    const QModelIndex status = indexOf(tagId, StatusColumn);
    if (status.isValid())
        emit dataChanged(status, status);
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
    case IntervalColumn:
        return tr("Every");
    case StatusColumn:
        return tr("Status");
    }
    return {};
}

QVariant WatchlistModel::data(const QModelIndex &index, int role) const
{
    if (const int t = tagAt(index); t >= 0)
        return tagData(t, index.column(), role);
    if (const Group *family = familyAt(index))
        return familyData(*family, index.column(), role);
    return {};
}

QVariant WatchlistModel::tagData(int tag, int column, int role) const
{
    const WatchedTag &t = m_tags[tag];
    const bool checking = m_checking.contains(t.id);
    switch (role) {
    case TagIdRole:
        return t.id;
    case MemberIdsRole:
        return QVariant::fromValue(QList<qint64>{t.id});
    case MemberReferencesRole:
        return QStringList{t.reference};
    case FamilyIdRole:
        return t.familyId;
    case ReferenceRole:
        return t.reference;
    case FullDigestRole:
        return t.currentDigest;
    case SilentRebuildsRole:
        return t.silentInPeriod;
    case StatusRole:
        return checking ? QStringLiteral("checking") : tagStatusName(t.status);
    case AttentionRole:
        return t.needsAttention();
    case Qt::FontRole:
        if (t.needsAttention()) {
            QFont bold;
            bold.setBold(true);
            return bold;
        }
        return {};
    case Qt::DisplayRole:
    case SortRole:
        switch (column) {
        case ImageColumn:
            return role == SortRole ? m_names[tag] : shownName(tag);
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
        case IntervalColumn:
            return role == SortRole ? QVariant(t.intervalSeconds)
                                    : QVariant(formatDuration(t.intervalSeconds));
        case StatusColumn:
            if (checking)
                return tr("checking");
            if (t.status == TagStatus::Ok && t.rolloutTotal > 0)
                return tr("rebuilding: %1 of %2 platforms").arg(t.rolloutDone).arg(t.rolloutTotal);
            if (t.status == TagStatus::Ok && t.needsAttention())
                return tr("rebuilt");
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
        if (column == DigestColumn)
            return t.currentDigest;
        if (column == StatusColumn && !t.lastError.isEmpty())
            return t.lastError;
        if (column == LastRebuildColumn && t.lastRebuild)
            return tr("When Rebuild Radar detected the last new digest (upstream times are in the details)");
        if (column == IntervalColumn)
            return tr("Checked every %1 (Edit… changes it)").arg(formatDuration(t.intervalSeconds));
        if (column == StatusColumn && t.needsAttention())
            return tr("Rebuilt since you last acknowledged it: select it and press Acknowledge");
        if (column == ImageColumn)
            return t.familyPattern.isEmpty()
                       ? t.reference
                       : tr("%1\nfamily: tags matching %2").arg(t.reference, t.familyPattern);
        if (column == RebuildsColumn)
            return rebuildsTooltip(t.silentInPeriod, t.rebuildsInPeriod - t.silentInPeriod);
        return {};
    case Qt::DecorationRole:
        if (column == ImageColumn)
            return t.needsAttention() ? QVariant(attentionIcon()) : QVariant();
        if (column != StatusColumn)
            return {};
        {
            QStyle *style = QApplication::style();
            if (checking)
                return style->standardIcon(QStyle::SP_BrowserReload);
            // a rebuild under way or not looked at is no green tick
            if (t.status == TagStatus::Ok && (t.rolloutTotal > 0 || t.needsAttention()))
                return style->standardIcon(QStyle::SP_MessageBoxInformation);
            if (t.status == TagStatus::Ok)
                return style->standardIcon(QStyle::SP_DialogApplyButton);
            if (t.status == TagStatus::Pending)
                return style->standardIcon(QStyle::SP_MessageBoxQuestion);
            if (t.status == TagStatus::NotFound)
                return style->standardIcon(QStyle::SP_MessageBoxWarning);
            return style->standardIcon(QStyle::SP_MessageBoxCritical);
        }
    case Qt::TextAlignmentRole:
        if (column == RebuildsColumn)
            return int(Qt::AlignRight | Qt::AlignVCenter);
        return {};
    }
    return {};
}

QVariant WatchlistModel::familyData(const Group &group, int column, int role) const
{
    const WatchedTag &first = m_tags[group.members.first()];
    int rebuilds = 0;
    int silent = 0;
    int ok = 0;
    int attention = 0;
    qint64 lastChecked = 0;
    qint64 lastRebuild = 0;
    QList<qint64> ids;
    QStringList references;
    for (int member : group.members) {
        const WatchedTag &t = m_tags[member];
        rebuilds += t.rebuildsInPeriod;
        silent += t.silentInPeriod;
        ok += t.status == TagStatus::Ok ? 1 : 0;
        attention += t.needsAttention() ? 1 : 0;
        lastChecked = std::max(lastChecked, t.lastChecked.value_or(0));
        lastRebuild = std::max(lastRebuild, t.lastRebuild.value_or(0));
        ids.append(t.id);
        references.append(t.reference);
    }
    const int count = int(group.members.size());
    // registry/repository without the tag; a registry's port (127.0.0.1:5000) is no tag
    const QString name = shortNameOf(first).left(shortNameOf(first).size() - first.tag.size() - 1);
    switch (role) {
    case TagIdRole:
        return qint64(0);
    case FamilyIdRole:
        return group.familyId;
    case MemberIdsRole:
        return QVariant::fromValue(ids);
    case MemberReferencesRole:
        return references;
    case ReferenceRole:
        return first.registry + u'/' + first.repository;
    case SilentRebuildsRole:
        return silent;
    case AttentionRole:
        return attention > 0;
    case Qt::FontRole:
        if (attention > 0) {
            QFont bold;
            bold.setBold(true);
            return bold;
        }
        return {};
    case Qt::DecorationRole:
        return column == ImageColumn && attention > 0 ? QVariant(attentionIcon()) : QVariant();
    case StatusRole:
        return tagStatusName(ok == count ? TagStatus::Ok : TagStatus::Error);
    case Qt::DisplayRole:
    case SortRole:
        switch (column) {
        case ImageColumn:
            return role == SortRole
                       ? name
                       : tr("%1 — %n tag(s) matching %2", nullptr, count).arg(name, first.familyPattern);
        case RegistryColumn:
            return first.registry;
        case LastCheckedColumn:
            return role == SortRole
                       ? QVariant(lastChecked)
                       : QVariant(localTime(lastChecked ? std::optional<qint64>(lastChecked) : std::nullopt));
        case LastRebuildColumn:
            return role == SortRole
                       ? QVariant(lastRebuild)
                       : QVariant(localTime(lastRebuild ? std::optional<qint64>(lastRebuild) : std::nullopt));
        case RebuildsColumn:
            return rebuilds;
        case IntervalColumn:
            return role == SortRole ? QVariant(first.intervalSeconds)
                                    : QVariant(formatDuration(first.intervalSeconds));
        case StatusColumn:
            return attention > 0 ? tr("%1 of %2 ok, %3 rebuilt").arg(ok).arg(count).arg(attention)
                                 : tr("%1 of %2 ok").arg(ok).arg(count);
        }
        return {};
    case Qt::ToolTipRole:
        if (column == ImageColumn)
            return tr("Tag family: the tags of %1 matching %2")
                .arg(first.registry + u'/' + first.repository, first.familyPattern);
        if (column == RebuildsColumn)
            return rebuildsTooltip(silent, rebuilds - silent);
        return {};
    case Qt::TextAlignmentRole:
        if (column == RebuildsColumn)
            return int(Qt::AlignRight | Qt::AlignVCenter);
        return {};
    }
    return {};
}

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
