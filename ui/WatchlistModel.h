#pragma once

#include "domain/History.h"
#include "poll/Poller.h"
#include "reference/ImageReference.h"

#include <QAbstractItemModel>
#include <QHash>
#include <QSet>

namespace RebuildRadar {

// The watched tags: a row per tag, and a row per tag family that expands to its tags; where several
// registries are watched and grouping is on, a row per registry holds its tags and families. Rows come
// whole from the engine (watchlistChanged) or as check results (applyChecks); the model only adds what
// the UI thread knows: which tags are being checked right now.
class WatchlistModel : public QAbstractItemModel
{
    Q_OBJECT
public:
    enum Column
    {
        ImageColumn,
        RegistryColumn,
        DigestColumn,
        PlatformsColumn,
        LastCheckedColumn,
        LastRebuildColumn,
        RebuildsColumn,
        IntervalColumn,
        StatusColumn,
        ColumnCount
    };
    enum Role
    {
        TagIdRole = Qt::UserRole + 1, // 0 on a family row
        ReferenceRole,
        SortRole,
        StatusRole,
        FullDigestRole,
        SilentRebuildsRole,
        MemberIdsRole,        // the tag's id, or every tag of a family (QList<qint64>)
        MemberReferencesRole, // the same as references (QStringList)
        FamilyIdRole,
        AttentionRole,       // a rebuild not acknowledged yet (of one of a family's tags, on a family row)
        RegistrySectionRole, // true on a registry's row (TagIdRole 0, no members: selecting it acts on none)
    };

    explicit WatchlistModel(QObject *parent = nullptr);

    QModelIndex index(int row, int column, const QModelIndex &parent = {}) const override;
    QModelIndex parent(const QModelIndex &child) const override;
    int rowCount(const QModelIndex &parent = {}) const override;
    int columnCount(const QModelIndex &parent = {}) const override;
    QVariant data(const QModelIndex &index, int role = Qt::DisplayRole) const override;
    QVariant headerData(int section, Qt::Orientation orientation, int role = Qt::DisplayRole) const override;

    void setTags(const QList<WatchedTag> &tags);
    // Results of checks that left every digest as it was: status and times change in place.
    void applyChecks(const QList<PollResult> &results);
    // Rows the engine read again (a digest moved, a rollout's state is known): replaced in place.
    void updateTags(const QList<WatchedTag> &tags);
    void setChecking(qint64 tagId, bool checking);
    const WatchedTag *tag(qint64 id) const;
    const QList<WatchedTag> &tags() const { return m_tags; }
    QModelIndex indexOf(qint64 tagId, int column = 0) const;
    void setPeriodDays(int days);
    // Rows under a row per registry when tags of several registries are watched (one registry: no
    // such rows). Off by default: the rows are the tags and families.
    void setGroupByRegistry(bool on);
    // "2 silent rebuilds, 1 version move", with each language's plural forms.
    static QString rebuildsTooltip(int silent, int versionMoves);

private:
    // A top-level row: one tag, or a family of tags (members index m_tags).
    struct Group
    {
        qint64 familyId = 0;
        QList<int> members;
    };
    // A registry's row: the groups (indexes in m_top) of its tags.
    struct Section
    {
        QString registry;
        QList<int> groups;
        bool operator==(const Section &) const = default;
    };
    struct Place
    {
        int tag = -1;   // in m_tags
        int top = -1;   // the group (in m_top)
        int child = -1; // the row under a family, or -1 for a tag of its own
    };
    // What an index is: a registry's row, a tag's or family's row (a group), or a tag under a family.
    struct Node
    {
        enum Kind
        {
            SectionRow,
            GroupRow,
            MemberRow
        } kind = GroupRow;
        int section = -1;
        int group = -1;
        int child = -1;
    };
    Node nodeAt(const QModelIndex &index) const;
    QModelIndex groupIndex(int group, int column) const;
    bool grouped() const { return !m_sections.isEmpty(); }
    int tagAt(const QModelIndex &index) const; // in m_tags, or -1 for a family or registry row
    const Group *familyAt(const QModelIndex &index) const;
    QVariant tagData(int tag, int column, int role) const;
    QVariant familyData(const Group &group, int column, int role) const;
    QVariant sectionData(const Section &section, int column, int role) const;
    static QList<Group> groupsOf(const QList<WatchedTag> &tags);
    // By registry, in the order they first appear; none with grouping off or a single registry.
    static QList<Section> sectionsOf(const QList<WatchedTag> &tags, const QList<Group> &groups, bool on);
    void placeSections();
    static QStringList namesOf(const QList<WatchedTag> &tags);
    // "python:3.13 · build 7": what the image column shows of a tag.
    QString shownName(int tag) const;
    // Announces the rows of these tags (and their families' rows), a dataChanged per run of adjacent rows.
    void announceTouched(const QList<qint64> &tagIds);

    QList<WatchedTag> m_tags;
    QStringList m_names; // each tag as people write it, worked out once (sorting asks often)
    QList<Group> m_top;
    QList<Section> m_sections;
    QList<int> m_sectionOf;    // per group: its section
    QList<int> m_rowInSection; // per group: its row under the section
    bool m_groupByRegistry = false;
    QHash<qint64, Place> m_places;
    QSet<qint64> m_checking;
    int m_periodDays = 90;
};

} // namespace RebuildRadar
