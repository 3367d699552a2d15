// The main window's first start and help: the call to action shown instead of an empty watchlist (add
// images, scan a project for pins, import the images of running containers), the columns' first
// layout before the user sized them, and the Help menu (about, the command-line tool, where the
// history is kept).

#include "MainWindow.h"

#include "WatchlistModel.h"
#include "store/Database.h"

#include <QApplication>
#include <QDesktopServices>
#include <QDir>
#include <QFileInfo>
#include <QHBoxLayout>
#include <QHeaderView>
#include <QLabel>
#include <QMenu>
#include <QMenuBar>
#include <QMessageBox>
#include <QPushButton>
#include <QStackedWidget>
#include <QTreeView>
#include <QUrl>
#include <QVBoxLayout>

#include <algorithm>

namespace RebuildRadar {

QWidget *MainWindow::createFirstStartPage()
{
    auto *page = new QWidget(this);
    page->setObjectName(QStringLiteral("firstStart"));
    auto *firstLayout = new QVBoxLayout(page);
    auto *hint = new QLabel(tr("No image is watched yet. Add the images you run, find them in a "
                               "project's Dockerfiles, compose, Kubernetes and Helm files, or import "
                               "those of the containers running here."),
                            page);
    hint->setWordWrap(true);
    hint->setAlignment(Qt::AlignCenter);
    auto *addImages = new QPushButton(tr("Add &images…"), page);
    addImages->setObjectName(QStringLiteral("firstStartAdd"));
    connect(addImages, &QPushButton::clicked, this, &MainWindow::openAddDialog);
    auto *scanProject = new QPushButton(tr("Scan a pro&ject for pins…"), page);
    scanProject->setObjectName(QStringLiteral("firstStartScan"));
    connect(scanProject, &QPushButton::clicked, this, &MainWindow::openPins);
    auto *importRunning = new QPushButton(tr("Import from &running containers…"), page);
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
    return page;
}

void MainWindow::showFirstStartWhenEmpty()
{
    m_tableStack->setCurrentWidget(m_model->rowCount() == 0 ? m_firstStart : static_cast<QWidget *>(m_table));
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
        // a team history lives on its server: there is no folder to open
        QAbstractButton *open = Database::isPostgresLocation(m_databasePath)
                                    ? nullptr
                                    : box.addButton(tr("Open &folder"), QMessageBox::ActionRole);
        box.exec();
        if (open && box.clickedButton() == open)
            QDesktopServices::openUrl(QUrl::fromLocalFile(QFileInfo(m_databasePath).absolutePath()));
    });
}

QString MainWindow::databaseLocationText() const
{
    if (m_databasePath.isEmpty())
        return tr("The history's location is not known to the window.");
    if (Database::isPostgresLocation(m_databasePath))
        return tr("The team history is kept in the PostgreSQL database %1; its daemons poll the "
                  "registries and this window follows what they record. Your mutes, acknowledgements "
                  "and chosen platforms are yours alone, kept under your account name, %2.")
            .arg(m_databasePath, Database::userName());
    return tr("The history is kept in %1 (give --db PATH to use another).")
        .arg(QDir::toNativeSeparators(QFileInfo(m_databasePath).absoluteFilePath()));
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

} // namespace RebuildRadar
