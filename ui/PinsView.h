#pragma once

#include "scan/PinScanner.h"

#include <QDialog>

class QComboBox;
class QLabel;
class QPlainTextEdit;
class QTreeWidget;

namespace RebuildRadar {

class EngineHost;

// Project folders and their digest pins, grouped by status; open a file at its line, preview and
// apply the update, add found tags to the watchlist. Scans run on the engine thread.
class PinsView : public QDialog
{
    Q_OBJECT
public:
    PinsView(EngineHost &engine, QWidget *parent = nullptr);

    void scan(const QString &folder);
    QTreeWidget *tree() const { return m_tree; }
    QPlainTextEdit *diff() const { return m_diff; }
    const QList<PinResult> &results() const { return m_results; }
    QString currentFolder() const;
    void previewUpdate();
    void openSelected();
    void applyUpdate();

signals:
    void watchRequested(const QStringList &references);
    void scanned();
    void applied(bool ok);

private:
    void showResults(const QString &root, const QList<PinResult> &results, const QString &error);
    void addFolder();
    void watchSelected();

    EngineHost &m_engine;
    QComboBox *m_folders;
    QTreeWidget *m_tree;
    QPlainTextEdit *m_diff;
    QLabel *m_status;
    QList<PinResult> m_results;
    QList<FileUpdate> m_planned;
};

} // namespace RebuildRadar
