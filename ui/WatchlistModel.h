#pragma once

#include "history/Types.h"
#include "reference/ImageReference.h"

#include <QAbstractTableModel>
#include <QSet>
#include <QSortFilterProxyModel>

namespace RebuildRadar {

// The watched tags as a table. Rows come whole from the engine (watchlistChanged); the model only
// adds what the UI thread knows: which tags are being checked right now.
class WatchlistModel : public QAbstractTableModel
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
        StatusColumn,
        ColumnCount
    };
    enum Role
    {
        TagIdRole = Qt::UserRole + 1,
        ReferenceRole,
        SortRole,
        StatusRole,
        FullDigestRole,
        SilentRebuildsRole,
    };

    explicit WatchlistModel(QObject *parent = nullptr);

    int rowCount(const QModelIndex &parent = {}) const override;
    int columnCount(const QModelIndex &parent = {}) const override;
    QVariant data(const QModelIndex &index, int role = Qt::DisplayRole) const override;
    QVariant headerData(int section, Qt::Orientation orientation, int role = Qt::DisplayRole) const override;

    void setTags(const QList<WatchedTag> &tags);
    void setChecking(qint64 tagId, bool checking);
    const WatchedTag *tag(qint64 id) const;
    const QList<WatchedTag> &tags() const { return m_tags; }
    int rowOf(qint64 id) const;
    void setPeriodDays(int days);

private:
    QList<WatchedTag> m_tags;
    QSet<qint64> m_checking;
    int m_periodDays = 90;
};

// Filter by text over reference and status; optional "silent rebuilds only" stays for tag families.
class WatchlistFilter : public QSortFilterProxyModel
{
    Q_OBJECT
public:
    explicit WatchlistFilter(QObject *parent = nullptr);
    void setText(const QString &text);
    void setSilentOnly(bool on);

protected:
    bool filterAcceptsRow(int sourceRow, const QModelIndex &sourceParent) const override;

private:
    QString m_text;
    bool m_silentOnly = false;
};

} // namespace RebuildRadar
