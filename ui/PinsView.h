#pragma once

#include "scan/PinScanner.h"

#include <QDialog>

#include <functional>

class QCheckBox;
class QComboBox;
class QLabel;
class QPlainTextEdit;
class QTreeWidget;
class QUrl;

namespace RebuildRadar {

class EngineHost;

// Project folders and their digest pins, grouped by status; open a file at its line, preview and
// apply the update (of the selected references, or all), after a confirmation, optionally pinning
// unpinned ones as the CLI's --pin does; add found tags to the watchlist. Scans run on the engine thread.
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
    // Asked before Apply writes, with a summary of what it will change; a message box unless a test
    // answers instead.
    void setConfirmation(std::function<bool(const QString &summary)> confirm)
    {
        m_confirm = std::move(confirm);
    }
    // How a file opens when no editor is set: the desktop's default application unless a test stands
    // in (returning false as a desktop without a handler does).
    void setUrlOpener(std::function<bool(const QUrl &)> open) { m_openUrl = std::move(open); }
    QCheckBox *pinUnpinnedBox() const { return m_pinUnpinned; }
    QLabel *statusLabel() const { return m_status; }

signals:
    void watchRequested(const QStringList &references);
    void scanned();
    void applied(bool ok);

private:
    void showResults(const QString &root, const QList<PinResult> &results, const QString &error);
    void addFolder();
    void watchSelected();
    // The selected results (all of them when none is selected): what Preview and Apply act on.
    QList<PinResult> chosenResults() const;

    EngineHost &m_engine;
    QComboBox *m_folders;
    QTreeWidget *m_tree;
    QPlainTextEdit *m_diff;
    QLabel *m_status;
    QCheckBox *m_pinUnpinned;
    std::function<bool(const QString &)> m_confirm;
    std::function<bool(const QUrl &)> m_openUrl;
    QList<PinResult> m_results;
    QList<FileUpdate> m_planned;
};

} // namespace RebuildRadar
