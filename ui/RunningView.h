#pragma once

// What runs where: the containers and pods of the configured sources, stale ones first, with the build
// of their tag they run and what they miss (rebuilds behind, since when a newer build exists). The
// engine reads and matches them (RunningWatch); this window shows its publications, edits the sources
// (setting running/sources) and asks for a reading. The images running that are not watched yet can be
// checked and watched from here (the first start's "Import from running containers" opens it so).

#include "running/RunningMatch.h"

#include <QDialog>
#include <QSet>

class QCheckBox;
class QLabel;
class QLineEdit;
class QPushButton;
class QTreeWidget;
class QTreeWidgetItem;

namespace RebuildRadar {

class EngineHost;

class RunningView : public QDialog
{
    Q_OBJECT
public:
    RunningView(EngineHost &engine, const QStringList &sources, QWidget *parent = nullptr);

    void showWorkloads(const QList<RebuildRadar::RunningStatus> &workloads);
    QTreeWidget *tree() const { return m_tree; }
    QCheckBox *staleOnly() const { return m_staleOnly; }
    QPushButton *watchButton() const { return m_watch; }
    // The images checked for watching (canonical tag references, sorted).
    QStringList checkedReferences() const;
    // Import: every unwatched image of this and later readings starts checked (what the user unchecks
    // stays unchecked).
    void checkUnwatched();
    // No source configured yet: the local Docker Engine, as `rebuildradar-cli running` reads then.
    void useDefaultSourceIfNone();
    // "docker, kubernetes=prod" → the setting's entries; the invalid ones named in `problems`.
    static QStringList parseSources(const QString &text, QStringList *problems = nullptr);
    // What a workload's build column says: "1 of 2".
    static QString buildText(const RunningStatus &status);
    static QString missText(const RunningStatus &status);

signals:
    void sourcesChanged(const QStringList &sources);
    // "Watch checked images": these canonical tag references, never watched yet when they were shown.
    void watchRequested(const QStringList &references);

private:
    void applySources();
    void fill();
    void onItemChanged(QTreeWidgetItem *item, int column);
    void updateWatchButton();

    EngineHost &m_engine;
    QLineEdit *m_sources;
    QCheckBox *m_staleOnly;
    QTreeWidget *m_tree;
    QLabel *m_status;
    QPushButton *m_watch;
    QList<RunningStatus> m_workloads;
    QSet<QString> m_checked; // references checked for watching
    QSet<QString> m_offered; // unwatched references shown so far (import checks each once)
    bool m_checkUnwatched = false;
};

} // namespace RebuildRadar
