#pragma once

// What runs where: the containers and pods of the configured sources, stale ones first, with the build
// of their tag they run and what they miss (rebuilds behind, since when a newer build exists). The
// engine reads and matches them (RunningWatch); this window shows its publications, edits the sources
// (setting running/sources) and asks for a reading.

#include "running/RunningMatch.h"

#include <QDialog>

class QCheckBox;
class QLabel;
class QLineEdit;
class QTreeWidget;

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
    // "docker, kubernetes=prod" → the setting's entries; the invalid ones named in `problems`.
    static QStringList parseSources(const QString &text, QStringList *problems = nullptr);
    // What a workload's build column says: "1 of 2".
    static QString buildText(const RunningStatus &status);
    static QString missText(const RunningStatus &status);

signals:
    void sourcesChanged(const QStringList &sources);

private:
    void applySources();
    void fill();

    EngineHost &m_engine;
    QLineEdit *m_sources;
    QCheckBox *m_staleOnly;
    QTreeWidget *m_tree;
    QLabel *m_status;
    QList<RunningStatus> m_workloads;
};

} // namespace RebuildRadar
