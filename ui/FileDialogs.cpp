#include "FileDialogs.h"

#include <QApplication>
#include <QFileInfo>
#include <QMimeDatabase>
#include <QStyle>

namespace RebuildRadar {

QIcon NameOnlyIconProvider::icon(IconType type) const
{
    QStyle *style = QApplication::style();
    switch (type) {
    case Computer:
        return style->standardIcon(QStyle::SP_ComputerIcon);
    case Drive:
        return style->standardIcon(QStyle::SP_DriveHDIcon);
    case Folder:
        return style->standardIcon(QStyle::SP_DirIcon);
    case Trashcan:
        return style->standardIcon(QStyle::SP_TrashIcon);
    case Desktop:
        return style->standardIcon(QStyle::SP_DesktopIcon);
    case Network:
        return style->standardIcon(QStyle::SP_DriveNetIcon);
    case File:
        break;
    }
    return style->standardIcon(QStyle::SP_FileIcon);
}

QIcon NameOnlyIconProvider::icon(const QFileInfo &info) const
{
    if (info.isRoot())
        return icon(Drive);
    return icon(info.isDir() ? Folder : File);
}

QString NameOnlyIconProvider::type(const QFileInfo &info) const
{
    if (info.isRoot())
        return QApplication::translate("RebuildRadar::FileDialogs", "Drive");
    if (info.isDir())
        return QApplication::translate("RebuildRadar::FileDialogs", "Folder");
    // by name only: MatchExtension never opens the file
    return QMimeDatabase().mimeTypeForFile(info, QMimeDatabase::MatchExtension).comment();
}

namespace FileDialogs {

QFileDialog *make(QWidget *parent, const QString &caption, QFileDialog::FileMode mode, const QString &start,
                  const QString &filter)
{
    auto *dialog = new QFileDialog(parent, caption, start, filter);
    static NameOnlyIconProvider provider; // outlives every dialog
    dialog->setOptions(QFileDialog::DontUseNativeDialog | QFileDialog::DontUseCustomDirectoryIcons);
    dialog->setIconProvider(&provider);
    dialog->setFileMode(mode);
    if (mode == QFileDialog::Directory)
        dialog->setOption(QFileDialog::ShowDirsOnly);
    else
        dialog->setAcceptMode(QFileDialog::AcceptSave);
    return dialog;
}

namespace {
QString run(QFileDialog *dialog)
{
    const std::unique_ptr<QFileDialog> owned(dialog);
    if (dialog->exec() != QDialog::Accepted || dialog->selectedFiles().isEmpty())
        return {};
    return dialog->selectedFiles().first();
}
} // namespace

QString existingDirectory(QWidget *parent, const QString &caption, const QString &start)
{
    return run(make(parent, caption, QFileDialog::Directory, start));
}

QString saveFileName(QWidget *parent, const QString &caption, const QString &start, const QString &filter)
{
    return run(make(parent, caption, QFileDialog::AnyFile, start, filter));
}

} // namespace FileDialogs

} // namespace RebuildRadar
