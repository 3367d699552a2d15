// WatchlistModel's rows: the tree of registries, families and tags, built from the engine's lists and
// kept in place as checks and publications change them. What each row shows is in WatchlistRows.cpp.
#include "WatchlistModel.h"

#include <algorithm>
#include <utility>

namespace RebuildRadar {

WatchlistModel::WatchlistModel(QObject *parent)
    : QAbstractItemModel(parent)
{}

namespace {
// internalId: 0 for a top-level row; 1 + its section for a group's row under a registry's row; the
// member bit with 1 + the group for a tag under a family.
constexpr quintptr kMemberBit = quintptr(1) << 30;
} // namespace

WatchlistModel::Node WatchlistModel::nodeAt(const QModelIndex &index) const
{
    const quintptr id = index.internalId();
    if (id == 0)
        return grouped() ? Node{Node::SectionRow, index.row()} : Node{Node::GroupRow, -1, index.row()};
    if (id & kMemberBit)
        return Node{Node::MemberRow, -1, int((id & ~kMemberBit) - 1), index.row()};
    return Node{Node::GroupRow, int(id - 1), m_sections[int(id - 1)].groups[index.row()]};
}

QModelIndex WatchlistModel::groupIndex(int group, int column) const
{
    if (!grouped())
        return createIndex(group, column, quintptr(0));
    return createIndex(m_rowInSection[group], column, quintptr(m_sectionOf[group] + 1));
}

QModelIndex WatchlistModel::index(int row, int column, const QModelIndex &parent) const
{
    if (column < 0 || column >= ColumnCount || row < 0)
        return {};
    if (!parent.isValid())
        return row < (grouped() ? m_sections.size() : m_top.size()) ? createIndex(row, column, quintptr(0))
                                                                    : QModelIndex();
    if (parent.column() != 0)
        return {};
    const Node node = nodeAt(parent);
    if (node.kind == Node::SectionRow) {
        return row < m_sections[node.section].groups.size()
                   ? createIndex(row, column, quintptr(node.section + 1))
                   : QModelIndex();
    }
    if (node.kind == Node::MemberRow)
        return {};
    const Group &group = m_top[node.group];
    if (group.familyId == 0 || row >= group.members.size())
        return {};
    return createIndex(row, column, kMemberBit | quintptr(node.group + 1));
}

QModelIndex WatchlistModel::parent(const QModelIndex &child) const
{
    if (!child.isValid() || child.internalId() == 0)
        return {};
    const Node node = nodeAt(child);
    if (node.kind == Node::MemberRow)
        return groupIndex(node.group, 0);
    return createIndex(node.section, 0, quintptr(0));
}

int WatchlistModel::rowCount(const QModelIndex &parent) const
{
    if (!parent.isValid())
        return int(grouped() ? m_sections.size() : m_top.size());
    if (parent.column() != 0)
        return 0;
    const Node node = nodeAt(parent);
    if (node.kind == Node::SectionRow)
        return int(m_sections[node.section].groups.size());
    if (node.kind == Node::MemberRow)
        return 0;
    const Group &group = m_top[node.group];
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
    const Node node = nodeAt(index);
    if (node.kind == Node::MemberRow)
        return m_top[node.group].members[node.child];
    if (node.kind == Node::GroupRow && m_top[node.group].familyId == 0)
        return m_top[node.group].members.first();
    return -1;
}

const WatchlistModel::Group *WatchlistModel::familyAt(const QModelIndex &index) const
{
    if (!index.isValid())
        return nullptr;
    const Node node = nodeAt(index);
    if (node.kind != Node::GroupRow || m_top[node.group].familyId == 0)
        return nullptr;
    return &m_top[node.group];
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
        return groupIndex(place->top, column);
    return index(place->child, column, groupIndex(place->top, 0));
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

QList<WatchlistModel::Section> WatchlistModel::sectionsOf(const QList<WatchedTag> &tags,
                                                          const QList<Group> &groups, bool on)
{
    QList<Section> sections;
    if (!on)
        return sections;
    QHash<QString, int> sectionOf;
    for (int group = 0; group < groups.size(); ++group) {
        const QString &registry = tags[groups[group].members.first()].registry; // a family's tags share it
        auto known = sectionOf.constFind(registry);
        if (known == sectionOf.constEnd()) {
            known = sectionOf.insert(registry, int(sections.size()));
            sections.append(Section{registry, {}});
        }
        sections[*known].groups.append(group);
    }
    if (sections.size() < 2)
        sections.clear(); // one registry: its name in every row says enough
    return sections;
}

void WatchlistModel::placeSections()
{
    m_sectionOf = QList<int>(m_top.size(), -1);
    m_rowInSection = QList<int>(m_top.size(), -1);
    for (int section = 0; section < m_sections.size(); ++section) {
        const QList<int> &groups = m_sections[section].groups;
        for (int row = 0; row < groups.size(); ++row) {
            m_sectionOf[groups[row]] = section;
            m_rowInSection[groups[row]] = row;
        }
    }
}

void WatchlistModel::setGroupByRegistry(bool on)
{
    if (on == m_groupByRegistry)
        return;
    beginResetModel();
    m_groupByRegistry = on;
    m_sections = sectionsOf(m_tags, m_top, on);
    placeSections();
    endResetModel();
}

void WatchlistModel::setTags(const QList<WatchedTag> &tags)
{
    QList<Group> groups = groupsOf(tags);
    QList<Section> sections = sectionsOf(tags, groups, m_groupByRegistry);
    // Same rows in the same places: update in place, so selection, expansion and scrolling stay.
    bool sameRows = groups.size() == m_top.size() && sections == m_sections;
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
    m_sections = std::move(sections);
    placeSections();
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
    QHash<QModelIndex, QList<int>> rows; // parent -> touched rows
    for (qint64 id : tagIds) {
        const auto place = m_places.constFind(id);
        if (place == m_places.constEnd())
            continue;
        const QModelIndex group = groupIndex(place->top, 0);
        rows[group.parent()].append(group.row()); // a tag's own row, or its family's summary
        if (grouped())
            rows[QModelIndex()].append(m_sectionOf[place->top]); // its registry's summary
        if (place->child >= 0)
            rows[group].append(place->child);
    }
    for (auto it = rows.begin(); it != rows.end(); ++it) {
        QList<int> &list = *it;
        std::sort(list.begin(), list.end());
        list.erase(std::unique(list.begin(), list.end()), list.end());
        const QModelIndex parent = it.key();
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

} // namespace RebuildRadar
