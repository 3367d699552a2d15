#include "RunningView.h"

#include "EngineHost.h"
#include "engine/WatchEngine.h"
#include "reference/ImageReference.h"

#include <QCheckBox>
#include <QDateTime>
#include <QDialogButtonBox>
#include <QFormLayout>
#include <QHBoxLayout>
#include <QHeaderView>
#include <QLabel>
#include <QLineEdit>
#include <QPushButton>
#include <QTreeWidget>
#include <QVBoxLayout>

#include <algorithm>

namespace RebuildRadar {

namespace {

enum Column
{
    ColumnWorkload,
    ColumnTag,
    ColumnBuild,
    ColumnMissing,
    ColumnChanges,
    ColumnState,
    ColumnCount,
};

} // namespace

RunningView::RunningView(EngineHost &engine, const QStringList &sources, QWidget *parent)
    : QDialog(parent)
    , m_engine(engine)
    , m_sources(new QLineEdit(sources.join(QStringLiteral(", ")), this))
    , m_staleOnly(new QCheckBox(tr("Stale only"), this))
    , m_tree(new QTreeWidget(this))
    , m_status(new QLabel(this))
    , m_watch(new QPushButton(tr("&Watch checked images"), this))
{
    setWindowTitle(tr("Running"));
    m_sources->setPlaceholderText(tr("docker, podman, kubernetes=CONTEXT"));
    m_sources->setToolTip(
        tr("Where workloads run: docker, docker=unix:///PATH, podman, kubernetes, kubernetes=CONTEXT"));
    auto *apply = new QPushButton(tr("Apply"), this);
    auto *refresh = new QPushButton(tr("Refresh"), this);
    auto *sourcesRow = new QHBoxLayout;
    sourcesRow->addWidget(new QLabel(tr("Sources:"), this));
    sourcesRow->addWidget(m_sources, 1);
    sourcesRow->addWidget(apply);
    sourcesRow->addWidget(refresh);
    m_tree->setColumnCount(ColumnCount);
    m_tree->setHeaderLabels(
        {tr("Workload"), tr("Tag"), tr("Build"), tr("Missing"), tr("Newer build changed"), tr("State")});
    m_tree->setRootIsDecorated(false);
    m_tree->header()->setSectionResizeMode(ColumnWorkload, QHeaderView::ResizeToContents);
    auto *buttons = new QDialogButtonBox(QDialogButtonBox::Close, this);
    connect(buttons, &QDialogButtonBox::rejected, this, &QDialog::reject);
    m_watch->setObjectName(QStringLiteral("watchChecked"));
    m_watch->setToolTip(tr("Watch the checked images that run here and are not watched yet"));
    m_watch->setAutoDefault(false);
    buttons->addButton(m_watch, QDialogButtonBox::ActionRole);
    connect(m_watch, &QPushButton::clicked, this, [this] {
        const QStringList references = checkedReferences();
        if (references.isEmpty())
            return;
        m_checked.clear();
        fill();
        emit watchRequested(references);
    });
    connect(m_tree, &QTreeWidget::itemChanged, this, &RunningView::onItemChanged);
    auto *layout = new QVBoxLayout(this);
    layout->addLayout(sourcesRow);
    layout->addWidget(m_staleOnly);
    layout->addWidget(m_tree, 1);
    layout->addWidget(m_status);
    layout->addWidget(buttons);
    connect(apply, &QPushButton::clicked, this, &RunningView::applySources);
    connect(m_sources, &QLineEdit::returnPressed, this, &RunningView::applySources);
    connect(refresh, &QPushButton::clicked, this,
            [this] { m_engine.call([e = m_engine.engine()] { e->refreshWorkloads(); }); });
    connect(m_staleOnly, &QCheckBox::toggled, this, &RunningView::fill);
    resize(900, 480);
    fill();
}

namespace {

// The tag an image running here would be watched by; empty when it cannot be (watched already, built
// locally, no tag).
QString watchableTag(const RunningStatus &status)
{
    if (status.watched || status.match == RunningMatchKind::Local ||
        status.match == RunningMatchKind::Unparsed)
        return {};
    const auto reference = ImageReference::parse(status.reference);
    return reference && reference->hasTag() ? reference->tagReference() : QString();
}

} // namespace

QStringList RunningView::checkedReferences() const
{
    QStringList out(m_checked.begin(), m_checked.end());
    out.sort();
    return out;
}

void RunningView::checkUnwatched()
{
    m_checkUnwatched = true;
    for (const RunningStatus &status : std::as_const(m_workloads)) {
        if (const QString tag = watchableTag(status); !tag.isEmpty())
            m_checked.insert(tag);
    }
    fill();
}

void RunningView::useDefaultSourceIfNone()
{
    if (!parseSources(m_sources->text()).isEmpty())
        return;
    m_sources->setText(workloadSourceName(WorkloadSourceKind::Docker));
    applySources();
}

void RunningView::onItemChanged(QTreeWidgetItem *item, int column)
{
    const QString reference = item->data(ColumnTag, Qt::UserRole).toString();
    if (column != ColumnTag || reference.isEmpty()) // only the rows of images to watch have a box
        return;
    const bool checked = item->checkState(ColumnTag) == Qt::Checked;
    if (checked)
        m_checked.insert(reference);
    else
        m_checked.remove(reference);
    // the other containers of the same image follow
    const QSignalBlocker blocker(m_tree);
    for (int row = 0; row < m_tree->topLevelItemCount(); ++row) {
        QTreeWidgetItem *other = m_tree->topLevelItem(row);
        if (other != item && other->data(ColumnTag, Qt::UserRole).toString() == reference)
            other->setCheckState(ColumnTag, checked ? Qt::Checked : Qt::Unchecked);
    }
    updateWatchButton();
}

void RunningView::updateWatchButton()
{
    m_watch->setEnabled(!m_checked.isEmpty());
}

QStringList RunningView::parseSources(const QString &text, QStringList *problems)
{
    QStringList out;
    for (const QString &part : text.split(u',', Qt::SkipEmptyParts)) {
        const QString entry = part.trimmed();
        if (entry.isEmpty())
            continue;
        if (workloadSourcesFromSettings({entry}).isEmpty()) {
            if (problems)
                problems->append(tr("%1 is not a source (docker, podman or kubernetes, with =ADDRESS or "
                                    "=CONTEXT)")
                                     .arg(entry));
            continue;
        }
        out.append(entry);
    }
    return out;
}

void RunningView::applySources()
{
    QStringList problems;
    const QStringList sources = parseSources(m_sources->text(), &problems);
    if (!problems.isEmpty()) {
        m_status->setText(problems.join(u'\n'));
        return; // bad input changes nothing
    }
    emit sourcesChanged(sources);
    const QList<WorkloadSource> parsed = workloadSourcesFromSettings(sources);
    m_engine.call([e = m_engine.engine(), parsed] { e->setWorkloadSources(parsed); });
}

QString RunningView::buildText(const RunningStatus &status)
{
    switch (status.match) {
    case RunningMatchKind::Build:
        return tr("%1 of %2").arg(status.build).arg(status.builds);
    case RunningMatchKind::OlderThanHistory:
        return tr("older than the recorded history");
    case RunningMatchKind::Local:
        return tr("built locally");
    case RunningMatchKind::NoDigest:
        return tr("not pulled yet");
    case RunningMatchKind::NotRecorded:
        return status.watched ? tr("not checked yet") : tr("not watched");
    case RunningMatchKind::Unparsed:
        return tr("unknown image");
    }
    return {};
}

QString RunningView::missText(const RunningStatus &status)
{
    if (!status.stale)
        return {};
    if (!status.rebuildsBehind || !status.newerSince)
        return tr("a newer build");
    return tr("%n rebuild(s) behind, newer since %1", nullptr, *status.rebuildsBehind)
        .arg(QLocale().toString(QDateTime::fromMSecsSinceEpoch(*status.newerSince).date(),
                                QLocale::ShortFormat));
}

void RunningView::showWorkloads(const QList<RunningStatus> &workloads)
{
    m_workloads = workloads;
    // Stale first, then the furthest behind, then by name.
    std::stable_sort(m_workloads.begin(), m_workloads.end(),
                     [](const RunningStatus &a, const RunningStatus &b) {
                         if (a.stale != b.stale)
                             return a.stale;
                         if (a.rebuildsBehind.value_or(0) != b.rebuildsBehind.value_or(0))
                             return a.rebuildsBehind.value_or(0) > b.rebuildsBehind.value_or(0);
                         return a.workload.name < b.workload.name;
                     });
    fill();
}

void RunningView::fill()
{
    const QSignalBlocker blocker(m_tree); // filling checks boxes: not the user's choice
    m_tree->clear();
    QSet<QString> watchableNow;
    for (const RunningStatus &status : std::as_const(m_workloads)) {
        const QString tag = watchableTag(status);
        if (tag.isEmpty())
            continue;
        watchableNow.insert(tag);
        if (m_checkUnwatched && !m_offered.contains(tag))
            m_checked.insert(tag);
        m_offered.insert(tag);
    }
    m_checked.intersect(watchableNow); // watched meanwhile, or no longer running
    int stale = 0;
    for (const RunningStatus &status : m_workloads) {
        stale += status.stale ? 1 : 0;
        if (m_staleOnly->isChecked() && !status.stale)
            continue;
        const Workload &w = status.workload;
        const QString where = w.namespace_.isEmpty() ? w.host : w.host + u'/' + w.namespace_;
        auto *item = new QTreeWidgetItem(m_tree);
        item->setText(ColumnWorkload, w.name);
        item->setToolTip(ColumnWorkload, workloadSourceName(w.source) + u' ' + where);
        item->setText(ColumnTag, familiarOf(status.reference));
        if (const QString tag = watchableTag(status); !tag.isEmpty()) {
            item->setData(ColumnTag, Qt::UserRole, tag);
            item->setCheckState(ColumnTag, m_checked.contains(tag) ? Qt::Checked : Qt::Unchecked);
            item->setToolTip(ColumnTag, tr("Not watched: check it, then Watch checked images"));
        }
        item->setText(ColumnBuild, buildText(status));
        item->setText(ColumnMissing, missText(status));
        item->setToolTip(ColumnMissing, status.currentDigest);
        // what the builds it misses changed inside, once analysed (the line can be long)
        item->setText(ColumnChanges, status.newerChanges);
        item->setToolTip(ColumnChanges, status.newerChanges);
        item->setText(ColumnState, w.state);
        if (status.stale) {
            QFont font = item->font(ColumnMissing);
            font.setBold(true);
            item->setFont(ColumnMissing, font);
        }
    }
    m_status->setText(tr("%n workload(s)", nullptr, int(m_workloads.size())) + QStringLiteral(" · ") +
                      tr("%n stale", nullptr, stale));
    updateWatchButton();
}

} // namespace RebuildRadar
