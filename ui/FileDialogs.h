#pragma once

// Every file dialog of the app. They never read the contents of the files they list: Qt's default
// icon provider asks the MIME database, which opens and sniffs each file, and opening and closing the
// history database (or its -wal/-shm) anywhere in this process drops SQLite's POSIX locks on it, after
// which another program may remove the WAL (see Database::isOpenHistoryFile). Qt's own dialog is used
// everywhere, never a platform dialog that might sniff files in this process.

#include <QAbstractFileIconProvider>
#include <QFileDialog>

namespace RebuildRadar {

// Icons and type names from a file's kind and name only.
class NameOnlyIconProvider : public QAbstractFileIconProvider
{
public:
    QIcon icon(IconType type) const override;
    QIcon icon(const QFileInfo &info) const override;
    QString type(const QFileInfo &info) const override;
};

namespace FileDialogs {
// A dialog set up as the app's dialogs are, for a folder or a file to save; not shown yet.
QFileDialog *make(QWidget *parent, const QString &caption, QFileDialog::FileMode mode,
                  const QString &start = {}, const QString &filter = {});
// Modal, like QFileDialog's static functions; empty when cancelled.
QString existingDirectory(QWidget *parent, const QString &caption, const QString &start = {});
QString saveFileName(QWidget *parent, const QString &caption, const QString &start = {},
                     const QString &filter = {});
} // namespace FileDialogs

} // namespace RebuildRadar
