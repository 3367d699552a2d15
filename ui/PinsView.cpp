#include "PinsView.h"
#include "FileDialogs.h"

#include "EngineHost.h"

#include <QCheckBox>
#include <QComboBox>
#include <QDesktopServices>
#include <QDir>
#include <QHBoxLayout>
#include <QHeaderView>
#include <QLabel>
#include <QMessageBox>
#include <QPlainTextEdit>
#include <QProcess>
#include <QPushButton>
#include <QSettings>
#include <QSplitter>
#include <QTreeWidget>
#include <QUrl>
#include <QVBoxLayout>

namespace RebuildRadar {

PinsView::PinsView(EngineHost &engine, QWidget *parent)
    : QDialog(parent)
    , m_engine(engine)
    , m_folders(new QComboBox(this))
    , m_tree(new QTreeWidget(this))
    , m_diff(new QPlainTextEdit(this))
    , m_status(new QLabel(this))
    , m_pinUnpinned(new QCheckBox(tr("Pin &unpinned references too"), this))
{
    m_pinUnpinned->setToolTip(tr("Give references without a digest their current one, as scan --pin does"));
    m_status->setWordWrap(true);
    m_openUrl = [](const QUrl &url) { return QDesktopServices::openUrl(url); };
    m_confirm = [this](const QString &summary) {
        return QMessageBox::question(this, tr("Apply the update"), summary) == QMessageBox::Yes;
    };
    setWindowTitle(tr("Pins"));
    m_folders->addItems(QSettings().value(QStringLiteral("pins/folders")).toStringList());
    m_tree->setHeaderLabels({tr("File"), tr("Line"), tr("Image"), tr("Pinned"), tr("Current"), tr("Note")});
    m_tree->setSelectionMode(QAbstractItemView::ExtendedSelection);
    m_tree->header()->setStretchLastSection(true);
    m_diff->setReadOnly(true);
    m_diff->setPlaceholderText(tr("Preview the update to see the diff here."));
    m_diff->setFont(QFont(QStringLiteral("monospace")));
    auto button = [this](const QString &text, auto slot) {
        auto *b = new QPushButton(text, this);
        connect(b, &QPushButton::clicked, this, slot);
        return b;
    };
    auto *top = new QHBoxLayout;
    top->addWidget(new QLabel(tr("Folder:"), this));
    top->addWidget(m_folders, 1);
    top->addWidget(button(tr("&Add folder…"), &PinsView::addFolder));
    top->addWidget(button(tr("&Scan"), [this] { scan(currentFolder()); }));
    auto *actions = new QHBoxLayout;
    actions->addWidget(button(tr("&Open file"), &PinsView::openSelected));
    actions->addWidget(button(tr("&Watch selected"), &PinsView::watchSelected));
    actions->addStretch();
    actions->addWidget(m_pinUnpinned);
    actions->addWidget(button(tr("&Preview update"), &PinsView::previewUpdate));
    actions->addWidget(button(tr("A&pply update"), &PinsView::applyUpdate));
    auto *split = new QSplitter(Qt::Vertical, this);
    split->addWidget(m_tree);
    split->addWidget(m_diff);
    auto *layout = new QVBoxLayout(this);
    layout->addLayout(top);
    layout->addWidget(split, 1);
    layout->addLayout(actions);
    layout->addWidget(m_status);
    connect(m_tree, &QTreeWidget::itemActivated, this, &PinsView::openSelected);
    connect(m_engine.engine(), &WatchEngine::pinsScanned, this, &PinsView::showResults);
    connect(m_engine.engine(), &WatchEngine::pinsApplied, this,
            [this](const QString &root, bool ok, const QString &error) {
                m_status->setText(ok ? tr("Updated. Scanning again…") : tr("Not applied: %1").arg(error));
                emit applied(ok);
                if (ok)
                    scan(root);
            });
    resize(980, 640);
}

QString PinsView::currentFolder() const
{
    return m_folders->currentText();
}

void PinsView::addFolder()
{
    const QString folder = FileDialogs::existingDirectory(this, tr("Project folder"));
    if (folder.isEmpty())
        return;
    if (m_folders->findText(folder) < 0)
        m_folders->addItem(folder);
    m_folders->setCurrentText(folder);
    QStringList all;
    for (int i = 0; i < m_folders->count(); ++i)
        all.append(m_folders->itemText(i));
    QSettings().setValue(QStringLiteral("pins/folders"), all);
    scan(folder);
}

void PinsView::scan(const QString &folder)
{
    if (folder.isEmpty())
        return;
    if (m_folders->findText(folder) < 0)
        m_folders->addItem(folder);
    m_folders->setCurrentText(folder);
    m_status->setText(tr("Scanning %1…").arg(folder));
    m_diff->clear();
    m_planned.clear();
    m_engine.call([e = m_engine.engine(), folder] { e->scanPins(folder); });
}

void PinsView::showResults(const QString &root, const QList<PinResult> &results, const QString &error)
{
    if (root != currentFolder())
        return;
    m_results = results;
    m_tree->clear();
    if (!error.isEmpty()) {
        m_status->setText(error);
        emit scanned();
        return;
    }
    QMap<QString, QTreeWidgetItem *> groups;
    for (const QString &status :
         {PinStatus::Stale, PinStatus::Unpinned, PinStatus::Unresolved, PinStatus::Current})
        groups.insert(status, new QTreeWidgetItem(m_tree, {status}));
    for (int i = 0; i < results.size(); ++i) {
        const PinResult &r = results[i];
        QString note = r.error;
        if (r.status == PinStatus::Stale && r.rebuildsSince)
            note = tr("%n rebuild(s) since the pin", nullptr, *r.rebuildsSince);
        auto *item = new QTreeWidgetItem(
            groups.value(r.status), {r.file, QString::number(r.found.line), r.found.text.section(u'@', 0, 0),
                                     r.pinnedDigest.left(19), r.currentDigest.left(19), note});
        item->setData(0, Qt::UserRole, i);
        item->setToolTip(2, r.reference);
    }
    for (auto *group : std::as_const(groups)) {
        group->setText(0, QStringLiteral("%1 (%2)").arg(group->text(0)).arg(group->childCount()));
        group->setExpanded(true);
    }
    m_tree->resizeColumnToContents(0);
    m_status->setText(tr("%n reference(s) found", nullptr, int(results.size())));
    emit scanned();
}

void PinsView::openSelected()
{
    for (QTreeWidgetItem *item : m_tree->selectedItems()) {
        const QVariant index = item->data(0, Qt::UserRole);
        if (!index.isValid())
            continue;
        const PinResult &r = m_results[index.toInt()];
        const QString path = QDir(currentFolder()).filePath(r.file);
        // An editor command from the settings opens the file at the line ("code -g %f:%l",
        // "kate -l %l %f"); without one the desktop's default application opens the file.
        const QString editor = QSettings().value(QStringLiteral("pins/editor")).toString().trimmed();
        if (!editor.isEmpty()) {
            QStringList args = QProcess::splitCommand(editor);
            for (QString &arg : args)
                arg.replace(QStringLiteral("%f"), path)
                    .replace(QStringLiteral("%l"), QString::number(r.found.line));
            if (!args.isEmpty() && QProcess::startDetached(args.takeFirst(), args))
                continue;
        }
        if (!m_openUrl(QUrl::fromLocalFile(path)))
            m_status->setText(
                tr("Nothing opened %1: set an editor for pins in Settings (e.g. \"code -g %f:%l\").")
                    .arg(path));
    }
}

QList<PinResult> PinsView::chosenResults() const
{
    QList<PinResult> chosen;
    for (QTreeWidgetItem *item : m_tree->selectedItems()) {
        if (const QVariant index = item->data(0, Qt::UserRole); index.isValid())
            chosen.append(m_results[index.toInt()]);
        for (int i = 0; i < item->childCount(); ++i) { // a selected group stands for its references
            if (const QVariant index = item->child(i)->data(0, Qt::UserRole); index.isValid())
                chosen.append(m_results[index.toInt()]);
        }
    }
    return chosen.isEmpty() ? m_results : chosen;
}

void PinsView::watchSelected()
{
    QStringList references;
    for (QTreeWidgetItem *item : m_tree->selectedItems()) {
        const QVariant index = item->data(0, Qt::UserRole);
        if (index.isValid() && !m_results[index.toInt()].tagReference.isEmpty())
            references.append(m_results[index.toInt()].tagReference);
    }
    references.removeDuplicates();
    if (!references.isEmpty())
        emit watchRequested(references);
}

void PinsView::previewUpdate()
{
    m_planned = PinScanner::plan(currentFolder(), chosenResults(), m_pinUnpinned->isChecked());
    QString text;
    for (const FileUpdate &u : std::as_const(m_planned))
        text += PinScanner::unifiedDiff(u);
    m_diff->setPlainText(text.isEmpty() ? tr("No stale pins: nothing to change.") : text);
}

void PinsView::applyUpdate()
{
    previewUpdate(); // what is chosen now, shown in the diff
    if (m_planned.isEmpty())
        return;
    QStringList files;
    for (const FileUpdate &u : std::as_const(m_planned))
        files.append(u.file);
    const QString summary = tr("Rewrite %n file(s) in %1?", nullptr, int(files.size())).arg(currentFolder()) +
                            u'\n' + files.join(u'\n') + u'\n' + tr("The diff below shows every change.");
    if (!m_confirm(summary)) {
        m_status->setText(tr("Nothing applied."));
        return;
    }
    const QString root = currentFolder();
    const QList<FileUpdate> updates = m_planned;
    m_planned.clear();
    m_engine.call([e = m_engine.engine(), root, updates] { e->applyPins(root, updates); });
}

} // namespace RebuildRadar
