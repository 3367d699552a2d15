// The main window's actions and what they do: the toolbar and its shortcuts (add, check, edit, remove,
// copy, mute, pause, export, pins, running, logins, channels, settings, quit), the dialogs they open,
// and the calls they make on the engine. What can apply to the selection is enabled in MainWindow.cpp
// (updateActions); watching new images always leaves the ones watched already as they are.

#include "MainWindow.h"

#include "AddDialog.h"
#include "ChannelsDialog.h"
#include "CredentialsDialog.h"
#include "EditWatchDialog.h"
#include "EngineHost.h"
#include "ExportDialog.h"
#include "FileDialogs.h"
#include "Notifier.h"
#include "PinsView.h"
#include "RunningView.h"
#include "TimelineView.h"
#include "WatchlistModel.h"
#include "reference/ImageReference.h"

#include <QAction>
#include <QApplication>
#include <QClipboard>
#include <QDesktopServices>
#include <QDir>
#include <QFileInfo>
#include <QItemSelectionModel>
#include <QLineEdit>
#include <QMessageBox>
#include <QPushButton>
#include <QStatusBar>
#include <QToolBar>
#include <QTreeView>
#include <QTreeWidget>
#include <QUrl>

#include <algorithm>

namespace RebuildRadar {

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

} // namespace RebuildRadar
