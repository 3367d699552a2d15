#pragma once

#include "Settings.h"
#include "domain/History.h"
#include "history/Rollouts.h"
#include "registry/RegistryClient.h"
#include "running/RunningMatch.h"

#include <QMainWindow>
#include <QMap>

class QAction;
class QLabel;
class QLineEdit;
class QProgressBar;
class QSystemTrayIcon;
class QTreeView;
class QTreeWidget;

namespace RebuildRadar {

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
    void acknowledgeSelectedRebuild();

protected:
    void closeEvent(QCloseEvent *event) override;

private:
    void createActions();
    void createTray();
    void onSelectionChanged();
    void requestShownHistory(); // the selected tag's history, read again
    void onHistory(const TagHistory &history);
    void onRateLimit(const QString &registry, const RateLimit &limit);
    void onNotice(const RolloutNotice &notice);
    void applySettings();

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
};

} // namespace RebuildRadar
