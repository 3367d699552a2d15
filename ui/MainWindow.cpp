#include "MainWindow.h"
#include "ErrorText.h"
#include "FileDialogs.h"

#include "AddDialog.h"
#include "Attention.h"
#include "ChannelsDialog.h"
#include "CredentialsDialog.h"
#include "DetailsPane.h"
#include "EditWatchDialog.h"
#include "EngineHost.h"
#include "ExportDialog.h"
#include "Notifier.h"
#include "PinsView.h"
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
#include <QClipboard>
#include <QCloseEvent>
#include <QComboBox>
#include <QDateTime>
#include <QDesktopServices>
#include <QDir>
#include <QFileInfo>
#include <QHBoxLayout>
#include <QHeaderView>
#include <QLabel>
#include <QLineEdit>
#include <QLocale>
#include <QMenu>
#include <QMenuBar>
#include <QMessageBox>
#include <QProgressBar>
#include <QPushButton>
#include <QSettings>
#include <QSplitter>
#include <QStackedWidget>
#include <QStatusBar>
#include <QSystemTrayIcon>
#include <QToolBar>
#include <QTreeView>
#include <QTreeWidget>
#include <QUrl>
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
    // First start: what to do instead of an empty table
    m_firstStart = new QWidget(this);
    m_firstStart->setObjectName(QStringLiteral("firstStart"));
    auto *firstLayout = new QVBoxLayout(m_firstStart);
    auto *hint = new QLabel(tr("No image is watched yet. Add the images you run, find them in a "
                               "project's Dockerfiles, compose, Kubernetes and Helm files, or import "
                               "those of the containers running here."),
                            m_firstStart);
    hint->setWordWrap(true);
    hint->setAlignment(Qt::AlignCenter);
    auto *addImages = new QPushButton(tr("Add &images…"), m_firstStart);
    addImages->setObjectName(QStringLiteral("firstStartAdd"));
    connect(addImages, &QPushButton::clicked, this, &MainWindow::openAddDialog);
    auto *scanProject = new QPushButton(tr("Scan a pro&ject for pins…"), m_firstStart);
    scanProject->setObjectName(QStringLiteral("firstStartScan"));
    connect(scanProject, &QPushButton::clicked, this, &MainWindow::openPins);
    auto *importRunning = new QPushButton(tr("Import from &running containers…"), m_firstStart);
    importRunning->setObjectName(QStringLiteral("firstStartRunning"));
    connect(importRunning, &QPushButton::clicked, this, &MainWindow::importRunning);
    auto *firstButtons = new QHBoxLayout;
    firstButtons->addStretch();
    firstButtons->addWidget(addImages);
    firstButtons->addWidget(scanProject);
    firstButtons->addWidget(importRunning);
    firstButtons->addStretch();
    firstLayout->addStretch();
    firstLayout->addWidget(hint);
    firstLayout->addLayout(firstButtons);
    firstLayout->addStretch();
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

void MainWindow::createActions()
{
    auto *toolbar = addToolBar(tr("Main"));
    toolbar->setObjectName(QStringLiteral("main"));
    toolbar->setToolButtonStyle(Qt::ToolButtonTextBesideIcon);
    auto add = [this, toolbar](const QString &text, const QKeySequence &key, auto slot, bool onToolbar = true,
                               bool onTable = false) {
        auto *action = new QAction(text, this);
        action->setShortcut(key);
        connect(action, &QAction::triggered, this, slot);
        if (onToolbar)
            toolbar->addAction(action);
        else
            addAction(action);
        if (onTable)
            m_table->addAction(action);
        return action;
    };
    add(tr("&Add…"), QKeySequence::New, &MainWindow::openAddDialog);
    auto *checkNow = add(tr("Check &now"), QKeySequence::Refresh, &MainWindow::checkSelected, true, true);
    checkNow->setObjectName(QStringLiteral("checkNow"));
    add(tr("Check &all"), QKeySequence(Qt::CTRL | Qt::SHIFT | Qt::Key_R), &MainWindow::checkAll);
    auto *edit =
        add(tr("&Edit…"), QKeySequence(Qt::ALT | Qt::Key_Return), &MainWindow::editSelected, true, true);
    edit->setObjectName(QStringLiteral("edit"));
    auto *remove = add(tr("&Remove"), QKeySequence::Delete, &MainWindow::removeSelected, true, true);
    remove->setObjectName(QStringLiteral("remove"));
    auto *copyDigest = add(tr("Copy &digest"), QKeySequence::Copy, &MainWindow::copyDigest, false, true);
    auto *copyPinned = add(tr("Copy &pinned reference"), QKeySequence(Qt::CTRL | Qt::SHIFT | Qt::Key_C),
                           &MainWindow::copyPinnedReference, false, true);
    copyPinned->setObjectName(QStringLiteral("copyPinned"));
    m_needSelection = {checkNow, remove, copyDigest};
    m_needOne = {edit, copyPinned};
    m_mute = add(
        tr("&Mute notifications"), QKeySequence(Qt::CTRL | Qt::Key_M),
        [this] {
            for (qint64 id : selectedTagIds()) {
                const WatchedTag *t = m_model->tag(id);
                const bool muted = t && !t->muted;
                m_engine.call([e = m_engine.engine(), id, muted] { e->setMuted(id, muted); });
            }
        },
        false, true);
    m_needSelection.append(m_mute);
    m_pause = add(tr("&Pause polling"), QKeySequence(Qt::CTRL | Qt::Key_P), &MainWindow::setPaused);
    m_pause->setCheckable(true);
    add(tr("&Export…"), QKeySequence(Qt::CTRL | Qt::Key_E), &MainWindow::openExportDialog);
    add(tr("P&ins…"), QKeySequence(Qt::CTRL | Qt::Key_I), &MainWindow::openPins);
    add(tr("R&unning…"), QKeySequence(Qt::CTRL | Qt::Key_U), &MainWindow::openRunning);
    toolbar->addSeparator();
    add(tr("Registry &logins…"), QKeySequence(), &MainWindow::openCredentials);
    add(tr("&Notification channels…"), QKeySequence(), &MainWindow::openChannels);
    add(tr("&Settings…"), QKeySequence::Preferences, &MainWindow::openSettings);
    add(
        tr("&Filter"), QKeySequence::Find,
        [this] {
            m_filterEdit->setFocus();
            m_filterEdit->selectAll();
        },
        false);
    add(
        tr("&Quit"), QKeySequence::Quit,
        [this] {
            m_quitting = true;
            close();
            qApp->quit();
        },
        false);
}

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

void MainWindow::showFirstStartWhenEmpty()
{
    m_tableStack->setCurrentWidget(m_model->rowCount() == 0 ? m_firstStart : static_cast<QWidget *>(m_table));
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

void MainWindow::createHelpMenu()
{
    QMenu *help = menuBar()->addMenu(tr("&Help"));
    help->addAction(tr("&About Rebuild Radar"), this, [this] {
        QMessageBox::about(this, tr("About Rebuild Radar"),
                           tr("Rebuild Radar %1\nWatches container image tags and records every silent "
                              "rebuild: which digest a tag pointed to, when, and why it moved.")
                               .arg(QCoreApplication::applicationVersion()));
    });
    help->addAction(tr("The &command-line tool"), this, [this] {
        const QString cli =
            QDir(QCoreApplication::applicationDirPath()).filePath(QStringLiteral("rebuildradar-cli"));
        QMessageBox::information(
            this, tr("The command-line tool"),
            tr("rebuildradar-cli works on the same history: watch, poll, history, export, scan and daemon "
               "(a headless watcher). \"%1 --help\" lists every command and option; docs/CLI.md "
               "describes them.")
                .arg(QDir::toNativeSeparators(cli)));
    });
    help->addAction(tr("&Database location"), this, [this] {
        QMessageBox box(QMessageBox::Information, tr("Database location"), databaseLocationText(),
                        QMessageBox::Close, this);
        auto *open = box.addButton(tr("Open &folder"), QMessageBox::ActionRole);
        box.exec();
        if (box.clickedButton() == open)
            QDesktopServices::openUrl(QUrl::fromLocalFile(QFileInfo(m_databasePath).absolutePath()));
    });
}

QString MainWindow::databaseLocationText() const
{
    return m_databasePath.isEmpty()
               ? tr("The history's location is not known to the window.")
               : tr("The history is kept in %1 (give --db PATH to use another).")
                     .arg(QDir::toNativeSeparators(QFileInfo(m_databasePath).absoluteFilePath()));
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

void MainWindow::fitColumns()
{
    // Shares of the table's width, the status (last) taking the rest: the name gets the most, times
    // and counts what they need. At 1024 px nothing is cut that matters; at 1600 the names breathe.
    // the stack's width: the table itself may not be shown yet (the first start page is)
    const int width = std::max(600, m_tableStack->width() - 2 * m_table->frameWidth() - 2);
    const std::pair<int, int> shares[] = {
        {WatchlistModel::ImageColumn, 24},       {WatchlistModel::RegistryColumn, 9},
        {WatchlistModel::DigestColumn, 10},      {WatchlistModel::PlatformsColumn, 14},
        {WatchlistModel::LastCheckedColumn, 10}, {WatchlistModel::LastRebuildColumn, 10},
        {WatchlistModel::RebuildsColumn, 6},     {WatchlistModel::IntervalColumn, 5},
    };
    for (const auto &[column, percent] : shares)
        m_table->header()->resizeSection(column, width * percent / 100);
    m_columnsPlaced = true;
}

void MainWindow::editSelected()
{
    const QList<qint64> ids = selectedTagIds();
    if (ids.size() != 1)
        return;
    const WatchedTag *tag = m_model->tag(ids.first());
    if (!tag)
        return;
    EditWatchDialog dialog(*tag, this);
    if (dialog.exec() != QDialog::Accepted || !dialog.changesSomething())
        return;
    m_engine.call([e = m_engine.engine(), id = tag->id, interval = dialog.intervalSeconds(),
                   platforms = dialog.platforms(),
                   muted = dialog.muted()] { e->editWatch(id, interval, platforms, muted); });
}

void MainWindow::acknowledgeShownTag()
{
    if (!m_shownTag)
        return;
    m_engine.call([e = m_engine.engine(), tag = m_shownTag] { e->acknowledgeTag(tag); });
}

QString MainWindow::pinnedReferenceOfSelection() const
{
    const QList<qint64> ids = selectedTagIds();
    if (ids.size() != 1)
        return {};
    const WatchedTag *t = m_model->tag(ids.first());
    if (!t || t->currentDigest.isEmpty())
        return {};
    return familiarOf(t->reference) + u'@' + t->currentDigest;
}

void MainWindow::copyPinnedReference()
{
    const QString pinned = pinnedReferenceOfSelection();
    if (pinned.isEmpty())
        return;
    QApplication::clipboard()->setText(pinned);
    statusBar()->showMessage(tr("Copied %1").arg(pinned), 5000);
}

void MainWindow::copyDigest()
{
    QStringList digests;
    for (qint64 id : selectedTagIds()) {
        if (const WatchedTag *t = m_model->tag(id); t && !t->currentDigest.isEmpty())
            digests.append(t->currentDigest);
    }
    if (!digests.isEmpty())
        QApplication::clipboard()->setText(digests.join(u'\n'));
}

void MainWindow::acknowledgeSelectedRebuild()
{
    const QTreeWidgetItem *item = m_details->currentItem();
    if (!item || !item->data(0, Qt::UserRole).isValid() || !m_shownTag)
        return;
    const qint64 rebuild = item->data(0, Qt::UserRole).toLongLong();
    m_engine.call([e = m_engine.engine(), tag = m_shownTag, rebuild] { e->acknowledge(tag, rebuild); });
}

void MainWindow::openExportDialog()
{
    QStringList selected;
    for (const QModelIndex &index : m_table->selectionModel()->selectedRows())
        selected.append(index.data(WatchlistModel::MemberReferencesRole).toStringList());
    ExportDialog dialog(selected, this);
    if (dialog.exec() != QDialog::Accepted)
        return;
    const ExportOptions options = dialog.options();
    const QString path = dialog.path();
    m_engine.call([e = m_engine.engine(), options, path] { e->exportReport(options, path); });
}

void MainWindow::openRunning()
{
    auto *view = findChild<RunningView *>();
    if (!view) {
        view = new RunningView(m_engine, m_settings.runningSources, this);
        connect(view, &RunningView::sourcesChanged, this, [this](const QStringList &sources) {
            m_settings.runningSources = sources;
            m_settings.save();
        });
        connect(view, &RunningView::watchRequested, this, [this](const QStringList &references) {
            watchKeepingExisting(references);
            // the window then shows them watched
            m_engine.call([e = m_engine.engine()] { e->refreshWorkloads(); });
        });
        view->showWorkloads(m_workloads);
    }
    view->show();
    view->raise();
}

void MainWindow::importRunning()
{
    openRunning();
    auto *view = findChild<RunningView *>();
    view->checkUnwatched();
    if (m_settings.runningSources.isEmpty())
        view->useDefaultSourceIfNone(); // the engine reads it at once
    else
        m_engine.call([e = m_engine.engine()] { e->refreshWorkloads(); });
}

void MainWindow::watchKeepingExisting(const QStringList &references)
{
    // images watched already keep their interval and platforms: nobody chose new ones here
    const int interval = m_settings.defaultIntervalSeconds;
    m_engine.call(
        [e = m_engine.engine(), references, interval] { e->addWatches(references, interval, {}, true); });
}

void MainWindow::onExportFinished(bool ok, const QString &pathOrError)
{
    // Not modal: the report may take a while, and the user went on meanwhile.
    auto *box =
        new QMessageBox(ok ? QMessageBox::Information : QMessageBox::Warning, tr("Export"),
                        ok ? tr("The report is written: %1").arg(QDir::toNativeSeparators(pathOrError))
                           : tr("The report could not be written: %1").arg(pathOrError),
                        QMessageBox::Close, this);
    box->setObjectName(QStringLiteral("exportFinished"));
    box->setAttribute(Qt::WA_DeleteOnClose);
    if (ok) {
        auto *open = box->addButton(tr("Open &folder"), QMessageBox::ActionRole);
        open->setObjectName(QStringLiteral("openFolder"));
        const QString folder = QFileInfo(pathOrError).absolutePath();
        connect(open, &QPushButton::clicked, this,
                [folder] { QDesktopServices::openUrl(QUrl::fromLocalFile(folder)); });
        statusBar()->showMessage(tr("Exported %1").arg(pathOrError), 10000);
    }
    box->setWindowModality(Qt::NonModal);
    box->show();
}

void MainWindow::openPins()
{
    auto *pins = findChild<PinsView *>();
    if (!pins) {
        pins = new PinsView(m_engine, this);
        connect(pins, &PinsView::watchRequested, this, &MainWindow::watchKeepingExisting);
    }
    pins->show();
    pins->raise();
}

void MainWindow::exportTimelineImage()
{
    if (m_timeline->data().segments.isEmpty())
        return;
    const QString path =
        FileDialogs::saveFileName(this, tr("Save the timeline"), QStringLiteral("timeline.png"),
                                  tr("PNG image (*.png);;SVG image (*.svg)"));
    if (path.isEmpty())
        return;
    if (!saveChartImage(m_timeline->chartView(), path))
        QMessageBox::warning(this, tr("Export"), tr("Cannot write %1").arg(path));
}

void MainWindow::openAddDialog()
{
    AddDialog dialog(m_settings.defaultIntervalSeconds, this);
    if (dialog.exec() != QDialog::Accepted)
        return;
    if (const auto family = dialog.family()) {
        const int interval = dialog.intervalSeconds();
        m_engine.call([e = m_engine.engine(), family, interval] {
            e->addFamily(family->first, family->second, interval);
        });
        return;
    }
    addReferences(dialog.references(), dialog.intervalSeconds(), dialog.platforms());
}

void MainWindow::addReferences(const QStringList &references, int intervalSeconds,
                               const QStringList &platforms)
{
    if (references.isEmpty())
        return;
    // An image watched already keeps its settings: changing them is the Edit dialog's, never a side
    // effect of adding it again. Say so.
    QStringList watched;
    QStringList added;
    for (const QString &reference : references) {
        const auto ref = ImageReference::parse(reference);
        const QString canonical = ref ? ref->tagReference() : reference;
        const bool known = std::any_of(m_model->tags().begin(), m_model->tags().end(),
                                       [&](const WatchedTag &t) { return t.reference == canonical; });
        (known ? watched : added).append(reference);
    }
    if (!added.isEmpty())
        m_engine.call([e = m_engine.engine(), added, intervalSeconds, platforms] {
            e->addWatches(added, intervalSeconds, platforms);
        });
    if (!watched.isEmpty())
        statusBar()->showMessage(tr("Watched already, settings kept (Edit… changes them): %1")
                                     .arg(watched.join(QStringLiteral(", "))),
                                 10000);
    else
        statusBar()->showMessage(tr("Watching %n more image(s)", nullptr, int(added.size())), 5000);
}

void MainWindow::checkSelected()
{
    const QList<qint64> ids = selectedTagIds();
    if (ids.isEmpty())
        return;
    m_engine.call([e = m_engine.engine(), ids] { e->checkNow(ids); });
}

void MainWindow::checkAll()
{
    m_engine.call([e = m_engine.engine()] { e->checkNow({}); });
}

void MainWindow::removeSelected()
{
    QStringList references;
    for (const QModelIndex &index : m_table->selectionModel()->selectedRows())
        references.append(index.data(WatchlistModel::MemberReferencesRole).toStringList());
    if (references.isEmpty())
        return;
    if (QMessageBox::question(this, tr("Stop watching"),
                              tr("Stop watching %n image(s)? Their history is kept.", nullptr,
                                 int(references.size()))) != QMessageBox::Yes)
        return;
    m_engine.call([e = m_engine.engine(), references] { e->removeWatches(references); });
}

void MainWindow::setPaused(bool paused)
{
    m_pause->setChecked(paused);
    m_engine.call([e = m_engine.engine(), paused] { e->setPaused(paused); });
    statusBar()->showMessage(paused ? tr("Polling paused") : tr("Polling resumed"), 5000);
}

void MainWindow::openSettings()
{
    SettingsDialog dialog(m_settings, this);
    if (dialog.exec() != QDialog::Accepted)
        return;
    const QStringList runningSources = m_settings.runningSources; // edited in the Running window
    m_settings = dialog.settings();
    m_settings.runningSources = runningSources;
    m_settings.save();
    applyAutostart(m_settings.startAtLogin, QCoreApplication::applicationFilePath(), m_databasePath);
    applySettings();
}

void MainWindow::applySettings()
{
    QSet<QString> insecure(m_settings.insecureRegistries.begin(), m_settings.insecureRegistries.end());
    const bool indexOnly = m_settings.notifyIndexOnly;
    const qint64 window = m_settings.rolloutWindowMs();
    m_engine.call([e = m_engine.engine(), insecure, indexOnly, window] {
        e->setInsecureRegistries(insecure);
        e->setNotificationRules(window, indexOnly);
    });
    m_notifier->setEnabled(m_settings.notifications);
}

void MainWindow::openCredentials()
{
    CredentialsDialog dialog(this);
    if (const QList<qint64> ids = selectedTagIds(); ids.size() == 1) {
        if (const WatchedTag *t = m_model->tag(ids.first()))
            dialog.setRegistry(t->registry);
    }
    connect(&dialog, &CredentialsDialog::saved, this,
            [this] { m_engine.call([e = m_engine.engine()] { e->clearAuthCache(); }); });
    connect(&dialog, &CredentialsDialog::testRequested, this, [this](const QString &registry) {
        m_engine.call([e = m_engine.engine(), registry] { e->testLogin(registry); });
    });
    connect(
        m_engine.engine(), &WatchEngine::loginTested, &dialog,
        [&dialog](const QString &, bool ok, const QString &message) { dialog.showTestResult(ok, message); });
    dialog.exec();
}

void MainWindow::openChannels()
{
    ChannelsDialog dialog(m_engine, this);
    dialog.exec();
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
