// What WatchlistModel's rows show: names, texts, icons, fonts, tooltips and sort keys of a tag's row, a
// family's and a registry's. The rows themselves (tree, grouping, updates) are in WatchlistModel.cpp.
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
    if (index.isValid() && nodeAt(index).kind == Node::SectionRow)
        return sectionData(m_sections[nodeAt(index).section], index.column(), role);
    return {};
}

QVariant WatchlistModel::sectionData(const Section &section, int column, int role) const
{
    int count = 0;
    int rebuilds = 0;
    int silent = 0;
    bool attention = false;
    for (int group : section.groups) {
        for (int member : m_top[group].members) {
            const WatchedTag &t = m_tags[member];
            ++count;
            rebuilds += t.rebuildsInPeriod;
            silent += t.silentInPeriod;
            attention = attention || t.needsAttention();
        }
    }
    switch (role) {
    case TagIdRole:
    case FamilyIdRole:
        return qint64(0);
    case RegistrySectionRole:
        return true;
    case MemberIdsRole: // a registry's row stands for no image: Remove or Check now never take them all
        return QVariant::fromValue(QList<qint64>{});
    case MemberReferencesRole:
        return QStringList{};
    case ReferenceRole:
        return section.registry;
    case SilentRebuildsRole:
        return silent;
    case AttentionRole:
        return attention;
    case Qt::FontRole:
        if (attention) {
            QFont bold;
            bold.setBold(true);
            return bold;
        }
        return {};
    case Qt::DecorationRole:
        return column == ImageColumn ? QVariant(QApplication::style()->standardIcon(QStyle::SP_DriveNetIcon))
                                     : QVariant();
    case Qt::DisplayRole:
        if (column == ImageColumn)
            return tr("%1 — %n image(s)", nullptr, count).arg(section.registry);
        if (column == RegistryColumn)
            return section.registry;
        if (column == RebuildsColumn)
            return rebuilds;
        return {};
    case SortRole:
        // registries by name, or by their rebuilds when the images are sorted so
        return column == RebuildsColumn ? QVariant(rebuilds) : QVariant(section.registry);
    case Qt::ToolTipRole:
        if (column == ImageColumn || column == RegistryColumn)
            return tr("The images watched on %1").arg(section.registry);
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

} // namespace RebuildRadar
