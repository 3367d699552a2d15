#pragma once

// The desktop app's main window (MainWindow.cpp: the views and the engine's publications;
// MainWindowActions.cpp: the actions; MainWindowFirstStart.cpp: first start and Help).

#include "Settings.h"
#include "domain/History.h"
#include "history/Rollouts.h"
#include "registry/RegistryClient.h"
#include "running/RunningMatch.h"

#include <QIcon>
#include <QMainWindow>
#include <QMap>

class QAction;
class QLabel;
class QLineEdit;
class QProgressBar;
class QStackedWidget;
class QSystemTrayIcon;
class QTreeView;
class QTreeWidget;

namespace RebuildRadar {

class DetailsPane;
class EngineHost;
class Notifier;
class TimelineView;
class WatchlistFilter;
class WatchlistModel;

class MainWindow : public QMainWindow
{
    Q_OBJECT
public:
    MainWindow(EngineHost &engine, const Clock &clock, QWidget *parent = nullptr);
    // The history the app runs on (for "start at login", which must start it on the same one).
    void setDatabasePath(const QString &path) { m_databasePath = path; }
    ~MainWindow() override;

    WatchlistModel *model() const { return m_model; }
    WatchlistFilter *filter() const { return m_filter; }
    QTreeView *table() const { return m_table; }
    TimelineView *timeline() const { return m_timeline; }
    QTreeWidget *details() const { return m_details; }
    DetailsPane *detailsPane() const { return m_detailsPane; }
    // What the tray says and shows: "3 images rebuilt, 1 rollout in progress" and a badge with the count.
    QString trayToolTip() const;
    QIcon trayIcon() const;
    Notifier *notifier() const { return m_notifier; }
    QLabel *rateLabel() const { return m_rateLabel; }
    QProgressBar *progress() const { return m_progress; }

    void selectTag(qint64 tagId);
    void showAndRaise();
    QString pinnedReferenceOfSelection() const;
    QList<qint64> selectedTagIds() const;
    void addReferences(const QStringList &references, int intervalSeconds, const QStringList &platforms);

public slots:
    void openAddDialog();
    void checkSelected();
    void checkAll();
    void removeSelected();
    void setPaused(bool paused);
    void openSettings();
    void openCredentials();
    void openChannels();
    void copyPinnedReference();
    void copyDigest();
    void openExportDialog();
    void exportTimelineImage();
    void openPins();
    void openRunning();
    // First start: the Running window with every image running here that is not watched checked.
    void importRunning();
    void acknowledgeSelectedRebuild();
    // Every rebuild of the image shown in the details: it no longer needs attention.
    void acknowledgeShownTag();
    void editSelected(); // the Edit dialog of the one selected image

    // The watchlist's columns and sort order as the user left them (kept in the settings).
    void saveTableState() const;

    // What Help → Database location says: where the history is kept.
    QString databaseLocationText() const;
    QWidget *firstStartPage() const { return m_firstStart; }

protected:
    bool eventFilter(QObject *watched, QEvent *event) override;
    void closeEvent(QCloseEvent *event) override;
    void showEvent(QShowEvent *event) override;

private:
    void createActions();
    void createTray();
    void onSelectionChanged();
    void requestShownHistory(); // the selected tag's history, read again
    void onHistory(const TagHistory &history);
    void onRateLimit(const QString &registry, const RateLimit &limit);
    void onNotice(const RolloutNotice &notice);
    void onExportFinished(bool ok, const QString &pathOrError);
    void applySettings();
    void updateAttention(); // the tray's count and tooltip, from the model's rows
    void updateActions();   // what can apply to the selection is enabled, nothing else
    void fitColumns();      // first start: the columns share the table's width
    void createHelpMenu();
    QWidget *createFirstStartPage();
    void showFirstStartWhenEmpty(); // a call to action instead of an empty table
    void expandRegistries();        // the rows of registries open
    // Pins' and Running's "Watch": new images at the default interval, watched ones left as they are.
    void watchKeepingExisting(const QStringList &references);

    EngineHost &m_engine;
    const Clock &m_clock;
    AppSettings m_settings;
    QString m_databasePath;
    WatchlistModel *m_model;
    WatchlistFilter *m_filter;
    QTreeView *m_table;
    QLineEdit *m_filterEdit;
    TimelineView *m_timeline;
    QTreeWidget *m_details;
    DetailsPane *m_detailsPane;
    QProgressBar *m_progress;
    QLabel *m_rateLabel;
    QSystemTrayIcon *m_tray = nullptr;
    Notifier *m_notifier = nullptr;
    QList<RunningStatus> m_workloads; // the engine's last reading of what runs where
    QAction *m_pause = nullptr;
    QAction *m_mute = nullptr;
    QMap<QString, RateLimit> m_rateLimits;
    qint64 m_shownTag = 0;
    TagHistory m_history;
    bool m_quitting = false;
    QString m_trayToolTip;
    QIcon m_trayIcon;
    int m_trayCount = -1; // the count the tray's icon was drawn for
    bool m_columnsPlaced = false;
    QStackedWidget *m_tableStack = nullptr;
    QWidget *m_firstStart = nullptr;
    QList<QAction *> m_needSelection; // enabled while one or more images are selected
    QList<QAction *> m_needOne;       // enabled while exactly one image is selected
};

} // namespace RebuildRadar
