// The main window: the watchlist (filter, period, attention), the timeline and the details of the one
// image selected, the status bar and the tray, wired to the engine's publications. Its actions live in
// MainWindowActions.cpp, the first start and the Help menu in MainWindowFirstStart.cpp.

#include "MainWindow.h"
#include "ErrorText.h"

#include "Attention.h"
#include "DetailsPane.h"
#include "EngineHost.h"
#include "Notifier.h"
#include "RunningView.h"
#include "TimelineView.h"
#include "WatchlistFilter.h"
#include "WatchlistModel.h"
#include "common/Duration.h"
#include "history/Rollouts.h"
#include "reference/ImageReference.h"

#include <QAction>
#include <QApplication>
#include <QCheckBox>
#include <QCloseEvent>
#include <QComboBox>
#include <QDateTime>
#include <QHBoxLayout>
#include <QHeaderView>
#include <QLabel>
#include <QLineEdit>
#include <QLocale>
#include <QMenu>
#include <QProgressBar>
#include <QPushButton>
#include <QSettings>
#include <QSplitter>
#include <QStackedWidget>
#include <QStatusBar>
#include <QSystemTrayIcon>
#include <QTreeView>
#include <QTreeWidget>
#include <QVBoxLayout>

#include <algorithm>

namespace RebuildRadar {

MainWindow::MainWindow(EngineHost &engine, const Clock &clock, QWidget *parent)
    : QMainWindow(parent)
    , m_engine(engine)
    , m_clock(clock)
    , m_settings(AppSettings::load())
    , m_model(new WatchlistModel(this))
    , m_filter(new WatchlistFilter(this))
    , m_table(new QTreeView(this))
    , m_filterEdit(new QLineEdit(this))
    , m_timeline(new TimelineView(this))
    , m_details(new QTreeWidget(this))
    , m_detailsPane(new DetailsPane(this))
    , m_progress(new QProgressBar(this))
    , m_rateLabel(new QLabel(this))
{
    setWindowTitle(tr("Rebuild Radar"));
    setWindowIcon(QIcon(QStringLiteral(":/icons/rebuildradar.svg")));
    m_model->setGroupByRegistry(true); // a row per registry where several are watched
    m_filter->setSourceModel(m_model);
    m_table->setModel(m_filter);
    // Registries' rows open, whenever they (re)appear: they group, they do not hide
    connect(m_filter, &QAbstractItemModel::modelReset, this, &MainWindow::expandRegistries);
    connect(m_filter, &QAbstractItemModel::rowsInserted, this, [this](const QModelIndex &under) {
        if (!under.isValid())
            expandRegistries();
    });
    m_table->setSortingEnabled(true);
    m_table->sortByColumn(WatchlistModel::ImageColumn, Qt::AscendingOrder); // unless a kept state says
    m_table->setSelectionBehavior(QAbstractItemView::SelectRows);
    m_table->setSelectionMode(QAbstractItemView::ExtendedSelection);
    m_table->setRootIsDecorated(true);   // tag families expand to their tags
    m_table->setUniformRowHeights(true); // lays out 10,000 rows without measuring each
    // Columns the user can size; the last one takes what is left. Widths and sort order are kept.
    m_table->header()->setStretchLastSection(true);
    m_table->header()->setSectionResizeMode(QHeaderView::Interactive);
    m_table->header()->setSectionsMovable(true);
    if (const QByteArray state = QSettings().value(QStringLiteral("ui/watchlistHeader")).toByteArray();
        !state.isEmpty() && m_table->header()->restoreState(state))
        m_columnsPlaced = true;
    m_table->setObjectName(QStringLiteral("watchlist"));
    m_table->setContextMenuPolicy(Qt::ActionsContextMenu);
    m_table->setAlternatingRowColors(true);

    m_filterEdit->setPlaceholderText(tr("Filter (Ctrl+F): name, registry or status"));
    m_filterEdit->setClearButtonEnabled(true);
    connect(m_filterEdit, &QLineEdit::textChanged, m_filter, &WatchlistFilter::setText);
    auto *period = new QComboBox(this);
    period->setObjectName(QStringLiteral("countPeriod"));
    period->setToolTip(tr("The period the rebuild count covers"));
    for (const auto &[label, days] : std::initializer_list<std::pair<QString, int>>{
             {tr("30 days"), 30}, {tr("90 days"), 90}, {tr("1 year"), 365}, {tr("All"), 0}})
        period->addItem(label, days);
    period->setCurrentIndex(1);
    connect(period, &QComboBox::currentIndexChanged, this, [this, period] {
        const int days = period->currentData().toInt();
        m_model->setPeriodDays(days);
        m_engine.call([e = m_engine.engine(), days] { e->setCountPeriodDays(days); });
    });
    auto *silentOnly = new QCheckBox(tr("&Silent rebuilds only"), this);
    connect(silentOnly, &QCheckBox::toggled, m_filter, &WatchlistFilter::setSilentOnly);
    auto *attentionOnly = new QCheckBox(tr("Needs a&ttention"), this);
    attentionOnly->setObjectName(QStringLiteral("attentionOnly"));
    attentionOnly->setToolTip(tr("Only the images rebuilt since you last acknowledged them"));
    connect(attentionOnly, &QCheckBox::toggled, m_filter, &WatchlistFilter::setAttentionOnly);
    // Esc in the filter clears it
    auto *clearFilter = new QAction(m_filterEdit);
    clearFilter->setShortcut(Qt::Key_Escape);
    clearFilter->setShortcutContext(Qt::WidgetShortcut);
    connect(clearFilter, &QAction::triggered, m_filterEdit, &QLineEdit::clear);
    m_filterEdit->addAction(clearFilter);

    m_details->setHeaderLabels({tr("Digest / rebuild"), tr("When"), tr("Details")});
    m_details->setRootIsDecorated(true);
    // platform names whole (linux/arm64/v8 beside linux/arm/v7), whatever is expanded
    m_details->header()->setSectionResizeMode(0, QHeaderView::ResizeToContents);
    m_details->header()->setSectionResizeMode(1, QHeaderView::ResizeToContents);
    connect(m_detailsPane, &DetailsPane::acknowledgeRequested, this, &MainWindow::acknowledgeShownTag);
    m_details->setContextMenuPolicy(Qt::ActionsContextMenu);
    auto *acknowledge = new QAction(tr("&Acknowledge: do not announce this rollout again"), m_details);
    connect(acknowledge, &QAction::triggered, this, &MainWindow::acknowledgeSelectedRebuild);
    m_details->addAction(acknowledge);
    auto *copyPin = new QPushButton(tr("Copy &pinned reference"), this);
    copyPin->setObjectName(QStringLiteral("copyPinnedButton"));
    connect(copyPin, &QPushButton::clicked, this, &MainWindow::copyPinnedReference);
    auto *detailsBox = new QWidget(this);
    auto *detailsLayout = new QVBoxLayout(detailsBox);
    detailsLayout->setContentsMargins(0, 0, 0, 0);
    detailsLayout->addWidget(m_detailsPane);
    detailsLayout->addWidget(m_details, 1);
    detailsLayout->addWidget(copyPin);

    auto *bottom = new QSplitter(Qt::Horizontal, this);
    bottom->addWidget(m_timeline);
    bottom->addWidget(detailsBox);
    bottom->setStretchFactor(0, 3);
    bottom->setStretchFactor(1, 2);
    auto *top = new QWidget(this);
    auto *topLayout = new QVBoxLayout(top);
    topLayout->setContentsMargins(0, 0, 0, 0);
    auto *filterRow = new QHBoxLayout;
    filterRow->addWidget(m_filterEdit, 1);
    filterRow->addWidget(period);
    filterRow->addWidget(silentOnly);
    filterRow->addWidget(attentionOnly);
    topLayout->addLayout(filterRow);
    m_firstStart = createFirstStartPage(); // what to do instead of an empty table
    m_tableStack = new QStackedWidget(this);
    m_tableStack->addWidget(m_table);
    m_tableStack->addWidget(m_firstStart);
    topLayout->addWidget(m_tableStack, 1);
    // Keyboard: top to bottom, left to right; the table takes arrows from the first Tab
    setTabOrder(m_filterEdit, period);
    setTabOrder(period, silentOnly);
    setTabOrder(silentOnly, attentionOnly);
    setTabOrder(attentionOnly, m_table);
    setTabOrder(m_table, m_timeline->findChild<QComboBox *>(QStringLiteral("timelineRange")));
    setTabOrder(m_timeline->findChild<QComboBox *>(QStringLiteral("timelineRange")), m_timeline->chartView());
    setTabOrder(m_timeline->chartView(), m_detailsPane->acknowledgeButton());
    setTabOrder(m_detailsPane->acknowledgeButton(), m_details);
    setTabOrder(m_details, copyPin);
    m_table->installEventFilter(this);
    auto *split = new QSplitter(Qt::Vertical, this);
    split->addWidget(top);
    split->addWidget(bottom);
    split->setStretchFactor(0, 1);
    split->setStretchFactor(1, 1);
    setCentralWidget(split);

    m_progress->setMaximumWidth(220);
    m_progress->setTextVisible(true);
    m_progress->hide();
    statusBar()->addPermanentWidget(m_rateLabel);
    statusBar()->addPermanentWidget(m_progress);

    createActions();
    createHelpMenu();
    createTray();
    m_notifier = new Notifier(m_tray, this);
    m_notifier->setEnabled(m_settings.notifications);
    connect(m_notifier, &Notifier::activated, this, [this](qint64 id) {
        showAndRaise();
        selectTag(id);
    });

    WatchEngine *e = m_engine.engine();
    connect(e, &WatchEngine::watchlistChanged, this, [this](const QList<WatchedTag> &tags) {
        m_model->setTags(tags);
        if (m_shownTag && !m_model->tag(m_shownTag)) {
            m_shownTag = 0;
            m_timeline->clear();
            m_details->clear();
            m_detailsPane->clear();
        } else if (m_shownTag) {
            requestShownHistory();
        }
    });
    connect(e, &WatchEngine::checkStarted, this, [this](qint64 id) { m_model->setChecking(id, true); });
    connect(e, &WatchEngine::tagsUpdated, this, [this](const QList<WatchedTag> &tags) {
        m_model->updateTags(tags);
        if (std::any_of(tags.begin(), tags.end(), [this](const WatchedTag &t) { return t.id == m_shownTag; }))
            requestShownHistory();
    });
    connect(e, &WatchEngine::tagsChecked, this, [this](const QList<PollResult> &results) {
        m_model->applyChecks(results);
        if (std::any_of(results.begin(), results.end(),
                        [this](const PollResult &r) { return r.tagId == m_shownTag; }))
            requestShownHistory();
    });
    connect(e, &WatchEngine::sweepProgress, this, [this](int done, int total) {
        m_progress->setVisible(done < total);
        m_progress->setRange(0, total);
        m_progress->setValue(done);
        m_progress->setFormat(tr("checking %1 of %2").arg(done).arg(total));
    });
    connect(e, &WatchEngine::historyReady, this, &MainWindow::onHistory);
    // what changed inside a rebuild of the image shown was found out: its details and timeline say so
    connect(e, &WatchEngine::packagesAnalysed, this, [this](qint64 tagId, qint64) {
        if (tagId == m_shownTag)
            requestShownHistory();
    });
    connect(e, &WatchEngine::exportFinished, this, &MainWindow::onExportFinished);
    connect(e, &WatchEngine::rateLimitChanged, this, &MainWindow::onRateLimit);
    connect(e, &WatchEngine::rolloutNotice, this, &MainWindow::onNotice);
    connect(e, &WatchEngine::workloadsChanged, this, [this](const QList<RunningStatus> &workloads) {
        m_workloads = workloads;
        if (auto *view = findChild<RunningView *>())
            view->showWorkloads(workloads);
    });
    connect(e, &WatchEngine::workloadsLeftBehind, this,
            [this](const QList<RunningStatus> &workloads) { m_notifier->notifyLeftBehind(workloads); });
    connect(e, &WatchEngine::failed, this,
            [this](const Error &error) { statusBar()->showMessage(errorText(error), 15000); });
    connect(m_table->selectionModel(), &QItemSelectionModel::selectionChanged, this,
            &MainWindow::onSelectionChanged);
    connect(m_table->selectionModel(), &QItemSelectionModel::selectionChanged, this,
            &MainWindow::updateActions);
    connect(m_model, &QAbstractItemModel::modelReset, this, &MainWindow::updateActions);
    connect(m_model, &QAbstractItemModel::modelReset, this, &MainWindow::showFirstStartWhenEmpty);
    showFirstStartWhenEmpty();
    connect(m_table->header(), &QHeaderView::sectionResized, this, &MainWindow::saveTableState);
    connect(m_table->header(), &QHeaderView::sortIndicatorChanged, this, &MainWindow::saveTableState);
    connect(m_table->header(), &QHeaderView::sectionMoved, this, &MainWindow::saveTableState);
    updateActions();
    // the tray follows every change of the rows (the attention state comes with them from the engine)
    connect(m_model, &QAbstractItemModel::modelReset, this, &MainWindow::updateAttention);
    connect(m_model, &QAbstractItemModel::dataChanged, this, &MainWindow::updateAttention);
    updateAttention();
    resize(1100, 720);
}

MainWindow::~MainWindow() = default;

void MainWindow::createTray()
{
    if (!QSystemTrayIcon::isSystemTrayAvailable())
        return;
    m_tray = new QSystemTrayIcon(windowIcon(), this);
    m_tray->setToolTip(tr("Rebuild Radar"));
    auto *menu = new QMenu(this);
    menu->addAction(tr("&Show"), this, &MainWindow::showAndRaise);
    menu->addAction(tr("Check &all now"), this, &MainWindow::checkAll);
    menu->addAction(m_pause);
    menu->addSeparator();
    menu->addAction(tr("&Quit"), this, [this] {
        m_quitting = true;
        qApp->quit();
    });
    m_tray->setContextMenu(menu);
    connect(m_tray, &QSystemTrayIcon::activated, this, [this](QSystemTrayIcon::ActivationReason reason) {
        if (reason == QSystemTrayIcon::Trigger)
            isVisible() ? hide() : showAndRaise();
    });
    m_tray->show();
}

void MainWindow::showAndRaise()
{
    showNormal();
    raise();
    activateWindow();
}

QList<qint64> MainWindow::selectedTagIds() const
{
    QList<qint64> ids;
    for (const QModelIndex &index : m_table->selectionModel()->selectedRows()) {
        for (qint64 id : index.data(WatchlistModel::MemberIdsRole).value<QList<qint64>>()) {
            if (!ids.contains(id))
                ids.append(id);
        }
    }
    return ids;
}

void MainWindow::selectTag(qint64 tagId)
{
    const QModelIndex source = m_model->indexOf(tagId);
    if (!source.isValid())
        return;
    if (!m_filter->mapFromSource(source).isValid())
        m_filterEdit->clear();
    const QModelIndex shown = m_filter->mapFromSource(source);
    m_table->scrollTo(shown); // expands its family
    m_table->setCurrentIndex(shown);
    m_table->selectionModel()->select(shown, QItemSelectionModel::ClearAndSelect | QItemSelectionModel::Rows);
}

void MainWindow::onSelectionChanged()
{
    const QList<qint64> ids = selectedTagIds();
    if (ids.size() != 1) {
        m_shownTag = 0;
        m_timeline->clear();
        m_details->clear();
        m_detailsPane->clear();
        return;
    }
    m_shownTag = ids.first();
    requestShownHistory();
}

void MainWindow::requestShownHistory()
{
    m_engine.call([e = m_engine.engine(), id = m_shownTag] { e->requestHistory(id); });
}

void MainWindow::onHistory(const TagHistory &history)
{
    if (history.tag.id != m_shownTag)
        return; // an answer for a tag no longer selected
    m_history = history;
    m_timeline->setHistory(history, m_clock.nowMs(), m_settings.rolloutWindowMs());
    m_detailsPane->setHistory(history);
    m_details->clear();
    auto when = [](qint64 ms) {
        return QLocale().toString(QDateTime::fromMSecsSinceEpoch(ms).toLocalTime(), QLocale::ShortFormat);
    };
    auto *digests = new QTreeWidgetItem(m_details, {tr("Digests (%1)").arg(history.spans.size())});
    for (auto it = history.spans.crbegin(); it != history.spans.crend(); ++it) {
        QStringList upstream;
        if (it->pushedAt)
            upstream.append(tr("pushed %1").arg(when(*it->pushedAt)));
        if (it->builtAt)
            upstream.append(tr("built %1").arg(when(*it->builtAt)));
        const QString name = it->build > 0 ? tr("build %1 · %2").arg(it->build).arg(shortDigest(it->digest))
                                           : shortDigest(it->digest);
        auto *item =
            new QTreeWidgetItem(digests, {name, tr("%1 – %2").arg(when(it->firstSeen), when(it->lastSeen)),
                                          upstream.join(QStringLiteral(" · "))});
        item->setToolTip(0, it->digest);
        item->setForeground(0, digestColor(it->digest).darker(130));
        for (auto p = it->platforms.begin(); p != it->platforms.end(); ++p) {
            auto *platform = new QTreeWidgetItem(
                item, {p.key(), p->pushedAt ? tr("pushed %1").arg(when(*p->pushedAt)) : QString(),
                       shortDigest(p->digest)});
            platform->setToolTip(2, p->digest);
        }
    }
    auto *rebuilds = new QTreeWidgetItem(m_details, {tr("Rebuilds (%1)").arg(history.rebuilds.size())});
    for (auto it = history.rebuilds.crbegin(); it != history.rebuilds.crend(); ++it) {
        QStringList kinds;
        for (const Cause &c : it->causes)
            kinds.append(causeKindName(c.kind));
        const auto lag = detectionLagMs(history, *it);
        const QString detected =
            lag ? tr("%1 (%2 after upstream)").arg(when(it->detectedAt), humanDuration(*lag))
                : when(it->detectedAt);
        auto *item =
            new QTreeWidgetItem(rebuilds, {tr("%1 → %2").arg(shortDigest(it->from), shortDigest(it->to)),
                                           detected, kinds.join(QStringLiteral(", "))});
        item->setToolTip(0, rebuildTooltip(*it, &history));
        item->setToolTip(2, rebuildTooltip(*it, &history));
        item->setData(0, Qt::UserRole, it->id);
        if (it->acknowledged)
            item->setText(2, item->text(2) + tr(" (acknowledged)"));
    }
    digests->setExpanded(true);
    rebuilds->setExpanded(true);
}

void MainWindow::updateAttention()
{
    const AttentionSummary summary = AttentionSummary::of(m_model->tags());
    const QString text = summary.text();
    m_trayToolTip = text.isEmpty() ? tr("Rebuild Radar") : tr("Rebuild Radar: %1").arg(text);
    if (summary.rebuilt != m_trayCount) {
        m_trayCount = summary.rebuilt;
        m_trayIcon = badgedIcon(windowIcon(), summary.rebuilt);
        if (m_tray)
            m_tray->setIcon(m_trayIcon);
    }
    if (m_tray)
        m_tray->setToolTip(m_trayToolTip);
}

QString MainWindow::trayToolTip() const
{
    return m_trayToolTip;
}

QIcon MainWindow::trayIcon() const
{
    return m_trayIcon;
}

void MainWindow::expandRegistries()
{
    for (int row = 0; row < m_filter->rowCount(); ++row) {
        const QModelIndex index = m_filter->index(row, 0);
        if (index.data(WatchlistModel::RegistrySectionRole).toBool())
            m_table->expand(index);
    }
}

bool MainWindow::eventFilter(QObject *watched, QEvent *event)
{
    // Arrows work from the first Tab into the table, without a click: a current row to move from.
    if (watched == m_table && event->type() == QEvent::FocusIn && !m_table->currentIndex().isValid() &&
        m_filter->rowCount() > 0) {
        QModelIndex first = m_filter->index(0, 0);
        if (first.data(WatchlistModel::RegistrySectionRole).toBool() && m_filter->rowCount(first) > 0)
            first = m_filter->index(0, 0, first); // an image, not its registry's row
        m_table->setCurrentIndex(first);
    }
    return QMainWindow::eventFilter(watched, event);
}

void MainWindow::updateActions()
{
    const QList<qint64> ids = selectedTagIds();
    for (QAction *action : std::as_const(m_needSelection))
        action->setEnabled(!ids.isEmpty());
    for (QAction *action : std::as_const(m_needOne))
        action->setEnabled(ids.size() == 1);
    if (auto *copyPin = findChild<QPushButton *>(QStringLiteral("copyPinnedButton")))
        copyPin->setEnabled(ids.size() == 1);
}

void MainWindow::saveTableState() const
{
    if (m_columnsPlaced) // not the widths of a table not laid out yet
        QSettings().setValue(QStringLiteral("ui/watchlistHeader"), m_table->header()->saveState());
}

void MainWindow::showEvent(QShowEvent *event)
{
    QMainWindow::showEvent(event);
    if (!m_columnsPlaced)
        fitColumns();
}

void MainWindow::onRateLimit(const QString &registry, const RateLimit &limit)
{
    m_rateLimits.insert(registry, limit);
    QStringList parts;
    for (auto it = m_rateLimits.begin(); it != m_rateLimits.end(); ++it)
        parts.append(tr("%1: %2 of %3 pulls left").arg(it.key()).arg(it->remaining).arg(it->limit));
    m_rateLabel->setText(parts.join(QStringLiteral("  ·  ")));
}

void MainWindow::onNotice(const RolloutNotice &notice)
{
    m_notifier->notify(notice);
}

void MainWindow::closeEvent(QCloseEvent *event)
{
    saveTableState();
    if (m_tray && m_tray->isVisible() && !m_quitting) {
        // Polling goes on in the tray; say so once.
        QSettings settings;
        if (!settings.value(QStringLiteral("ui/trayHintShown")).toBool()) {
            m_tray->showMessage(tr("Rebuild Radar keeps watching"),
                                tr("Polling goes on in the tray. Quit from the tray menu to stop it."));
            settings.setValue(QStringLiteral("ui/trayHintShown"), true);
        }
        hide();
        event->ignore();
        return;
    }
    event->accept();
}

} // namespace RebuildRadar
