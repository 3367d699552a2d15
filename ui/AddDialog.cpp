#include "AddDialog.h"
#include "FileDialogs.h"
#include "store/Database.h"

#include "common/PlatformList.h"
#include "scan/PinScanner.h"

#include <QDragEnterEvent>
#include <QFileInfo>
#include <QMimeData>

#include "poll/FamilyWatcher.h"
#include <QCheckBox>
#include <QComboBox>
#include <QDialogButtonBox>
#include <QFormLayout>
#include <QHBoxLayout>
#include <QLabel>
#include <QLineEdit>
#include <QListWidget>
#include <QPlainTextEdit>
#include <QPushButton>
#include <QStyle>
#include <QVBoxLayout>

namespace RebuildRadar {

AddDialog::AddDialog(int defaultIntervalSeconds, QWidget *parent)
    : QDialog(parent)
    , m_input(new QPlainTextEdit(this))
    , m_preview(new QListWidget(this))
    , m_interval(new QComboBox(this))
    , m_platforms(new QLineEdit(this))
    , m_familyBox(new QCheckBox(tr("Watch the tag &family: every tag of the repository matching"), this))
    , m_pattern(new QLineEdit(this))
    , m_buttons(new QDialogButtonBox(QDialogButtonBox::Ok | QDialogButtonBox::Cancel, this))
{
    setWindowTitle(tr("Watch images"));
    m_input->setPlaceholderText(
        tr("One image per line, e.g.\npython:3.13\nghcr.io/org/app:1.2\ncgr.dev/chainguard/node:latest"));
    m_input->setTabChangesFocus(true);
    for (const auto &[label, seconds] :
         std::initializer_list<std::pair<QString, int>>{{tr("every 15 minutes"), 900},
                                                        {tr("every hour"), 3600},
                                                        {tr("every 6 hours"), 21600},
                                                        {tr("every day"), 86400}}) {
        m_interval->addItem(label, seconds);
    }
    const int index = m_interval->findData(defaultIntervalSeconds);
    m_interval->setCurrentIndex(index >= 0 ? index : 2);
    m_platforms->setPlaceholderText(tr("all platforms, or e.g. linux/amd64,linux/arm64"));
    m_buttons->button(QDialogButtonBox::Ok)->setText(tr("&Watch"));
    auto *import = m_buttons->addButton(tr("&Import from folder…"), QDialogButtonBox::ActionRole);
    connect(import, &QPushButton::clicked, this, [this] {
        const QString folder = FileDialogs::existingDirectory(this, tr("Project folder"));
        if (!folder.isEmpty())
            importFrom(folder);
    });
    setAcceptDrops(true);

    auto *form = new QFormLayout;
    auto *imagesLabel = new QLabel(tr("&Images:"), this);
    imagesLabel->setBuddy(m_input);
    form->addRow(imagesLabel, m_input);
    form->addRow(tr("Canonical form:"), m_preview);
    form->addRow(tr("&Check:"), m_interval);
    form->addRow(tr("&Platforms I run:"), m_platforms);
    auto *familyRow = new QHBoxLayout;
    auto *preset = new QPushButton(tr("This &version and more specific"), this);
    familyRow->addWidget(m_pattern, 1);
    familyRow->addWidget(preset);
    m_pattern->setPlaceholderText(QStringLiteral("3\\.13([.-].+)?"));
    m_pattern->setEnabled(false);
    preset->setEnabled(false);
    connect(m_familyBox, &QCheckBox::toggled, m_pattern, &QWidget::setEnabled);
    connect(m_familyBox, &QCheckBox::toggled, preset, &QWidget::setEnabled);
    connect(m_familyBox, &QCheckBox::toggled, this, &AddDialog::revalidate);
    connect(m_pattern, &QLineEdit::textChanged, this, &AddDialog::revalidate);
    connect(preset, &QPushButton::clicked, this, [this] {
        if (!m_lines.isEmpty() && m_lines.first().reference)
            m_pattern->setText(FamilyWatcher::moreSpecificPattern(m_lines.first().reference->tag()));
    });
    form->addRow(m_familyBox);
    auto *patternLabel = new QLabel(tr("Tag &pattern:"), this);
    patternLabel->setBuddy(m_pattern); // a label beside a layout has no buddy of its own: & shows
    form->addRow(patternLabel, familyRow);
    auto *layout = new QVBoxLayout(this);
    layout->addLayout(form);
    layout->addWidget(m_buttons);
    connect(m_buttons, &QDialogButtonBox::accepted, this, &QDialog::accept);
    connect(m_buttons, &QDialogButtonBox::rejected, this, &QDialog::reject);
    connect(m_input, &QPlainTextEdit::textChanged, this, &AddDialog::revalidate);
    connect(m_platforms, &QLineEdit::textChanged, this, &AddDialog::revalidate);
    resize(560, 420);
    revalidate();
}

QList<AddDialog::Line> AddDialog::validate(const QString &text, qsizetype maxLines)
{
    QList<Line> out;
    const QStringList lines = text.split(u'\n');
    for (qsizetype i = 0; i < lines.size(); ++i) {
        const QString line = lines[i].trimmed();
        if (line.isEmpty() || line.startsWith(u'#'))
            continue;
        if (out.size() >= maxLines) {
            out.append(Line{line, std::nullopt, tr("more than %1 images at once").arg(maxLines)});
            break;
        }
        auto ref = ImageReference::parse(line);
        if (!ref)
            out.append(Line{line, std::nullopt, ref.error().message});
        else if (!ref->hasTag())
            out.append(Line{line, std::nullopt, tr("a digest never changes: watch a tag")});
        else
            out.append(Line{line, *ref, {}});
    }
    return out;
}

void AddDialog::setText(const QString &text)
{
    m_input->setPlainText(text);
}

void AddDialog::revalidate()
{
    m_lines = validate(m_input->toPlainText());
    m_invalid = 0;
    m_preview->clear();
    // The preview shows at most a screenful of lines in detail; the count covers all of them.
    constexpr int kShown = 500;
    for (const Line &line : std::as_const(m_lines)) {
        if (!line.reference)
            ++m_invalid;
        if (m_preview->count() >= kShown)
            continue;
        auto *item = new QListWidgetItem(m_preview);
        if (line.reference) {
            item->setText(line.reference->tagReference());
            item->setIcon(style()->standardIcon(QStyle::SP_DialogApplyButton));
        } else {
            item->setText(line.error);
            item->setIcon(style()->standardIcon(QStyle::SP_MessageBoxCritical));
            item->setForeground(QColor(180, 0, 0));
        }
    }
    const bool platformsOk =
        m_platforms->text().trimmed().isEmpty() || parsePlatforms(m_platforms->text()).ok();
    m_platforms->setStyleSheet(platformsOk ? QString() : QStringLiteral("color: #b40000"));
    m_buttons->button(QDialogButtonBox::Ok)->setEnabled(isAcceptable());
}

bool AddDialog::isAcceptable() const
{
    const bool platformsOk =
        m_platforms->text().trimmed().isEmpty() || parsePlatforms(m_platforms->text()).ok();
    const bool familyOk =
        !m_familyBox->isChecked() || (m_lines.size() == 1 && FamilyWatcher::compile(m_pattern->text()).ok());
    return !m_lines.isEmpty() && m_invalid == 0 && platformsOk && familyOk;
}

std::optional<std::pair<QString, QString>> AddDialog::family() const
{
    if (!m_familyBox->isChecked() || m_lines.size() != 1 || !m_lines.first().reference)
        return std::nullopt;
    return std::make_pair(m_lines.first().reference->name(), m_pattern->text());
}

void AddDialog::setFamily(bool on, const QString &pattern)
{
    m_familyBox->setChecked(on);
    m_pattern->setText(pattern);
}

QStringList AddDialog::references() const
{
    QStringList out;
    for (const Line &line : m_lines) {
        if (line.reference && !out.contains(line.reference->canonical()))
            out.append(line.reference->canonical());
    }
    return out;
}

int AddDialog::intervalSeconds() const
{
    return m_interval->currentData().toInt();
}

QStringList AddDialog::platforms() const
{
    if (m_platforms->text().trimmed().isEmpty())
        return {};
    auto parsed = parsePlatforms(m_platforms->text());
    return parsed ? *parsed : QStringList();
}

} // namespace RebuildRadar

namespace RebuildRadar {

int AddDialog::importFrom(const QString &path)
{
    const QFileInfo info(path);
    QList<FoundReference> found;
    if (info.isDir()) {
        auto results = PinScanner::find(path);
        if (results) {
            for (const PinResult &r : *results)
                found.append(r.found);
        }
    } else if (!Database::isOpenHistoryFile(path)) { // opening it would drop SQLite's locks on it
        QFile file(path);
        if (file.open(QIODevice::ReadOnly)) {
            const QByteArray content = file.read(4 * 1024 * 1024);
            const FileKind kind = fileKindOf(info.fileName());
            // A dropped file is read by its name, or as YAML when the name says nothing.
            found = kind == FileKind::Dockerfile ? findInDockerfile(content)
                                                 : findInYaml(content, info.fileName());
        }
    }
    QStringList lines;
    for (const FoundReference &f : std::as_const(found)) {
        if (f.templated)
            continue;
        auto ref = ImageReference::parse(f.text);
        if (ref && ref->hasTag() && !lines.contains(ref->tagReference()))
            lines.append(ref->tagReference());
    }
    if (lines.isEmpty())
        return 0;
    QString text = m_input->toPlainText().trimmed();
    if (!text.isEmpty())
        text += u'\n';
    m_input->setPlainText(text + lines.join(u'\n'));
    return int(lines.size());
}

void AddDialog::dragEnterEvent(QDragEnterEvent *event)
{
    if (event->mimeData()->hasUrls())
        event->acceptProposedAction();
}

void AddDialog::dropEvent(QDropEvent *event)
{
    for (const QUrl &url : event->mimeData()->urls()) {
        if (url.isLocalFile())
            importFrom(url.toLocalFile());
    }
    event->acceptProposedAction();
}

} // namespace RebuildRadar
