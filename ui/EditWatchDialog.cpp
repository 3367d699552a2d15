#include "EditWatchDialog.h"

#include "common/Duration.h"
#include "common/PlatformList.h"
#include "reference/ImageReference.h"

#include <QCheckBox>
#include <QComboBox>
#include <QDialogButtonBox>
#include <QFormLayout>
#include <QLabel>
#include <QLineEdit>
#include <QPushButton>
#include <QVBoxLayout>

namespace RebuildRadar {

EditWatchDialog::EditWatchDialog(const WatchedTag &tag, QWidget *parent)
    : QDialog(parent)
    , m_tag(tag)
    , m_interval(new QComboBox(this))
    , m_platforms(new QLineEdit(this))
    , m_mute(new QCheckBox(tr("&Mute notifications for this image"), this))
    , m_error(new QLabel(this))
    , m_buttons(new QDialogButtonBox(QDialogButtonBox::Ok | QDialogButtonBox::Cancel, this))
{
    setWindowTitle(tr("Edit %1").arg(familiarOf(tag.reference)));
    // presets, and anything typed in the interval syntax of the CLI's --every
    m_interval->setEditable(true);
    m_interval->setInsertPolicy(QComboBox::NoInsert);
    for (const int seconds : {300, 900, 3600, 21600, 86400})
        m_interval->addItem(formatDuration(seconds));
    m_interval->setCurrentText(formatDuration(tag.intervalSeconds));
    m_interval->setToolTip(tr("How often to check: 30s, 15m, 6h, 1d, or sums such as 1h30m"));
    m_platforms->setText(tag.platforms.join(u','));
    m_platforms->setPlaceholderText(tr("all platforms, or e.g. linux/amd64,linux/arm64"));
    m_mute->setChecked(tag.muted);
    m_error->setWordWrap(true);
    m_error->setStyleSheet(QStringLiteral("color: #b00020"));
    m_error->hide();

    auto *form = new QFormLayout;
    form->addRow(tr("Check &every:"), m_interval);
    form->addRow(tr("&Platforms I run:"), m_platforms);
    form->addRow(QString(), m_mute);
    auto *layout = new QVBoxLayout(this);
    layout->addLayout(form);
    layout->addWidget(m_error);
    layout->addWidget(m_buttons);
    connect(m_buttons, &QDialogButtonBox::accepted, this, &QDialog::accept);
    connect(m_buttons, &QDialogButtonBox::rejected, this, &QDialog::reject);
    connect(m_interval, &QComboBox::editTextChanged, this, &EditWatchDialog::revalidate);
    connect(m_platforms, &QLineEdit::textChanged, this, &EditWatchDialog::revalidate);
    revalidate();
}

int EditWatchDialog::intervalSeconds() const
{
    auto parsed = parseDuration(m_interval->currentText().trimmed());
    return parsed ? *parsed : 0;
}

QStringList EditWatchDialog::platforms() const
{
    if (m_platforms->text().trimmed().isEmpty())
        return {};
    auto parsed = parsePlatforms(m_platforms->text());
    return parsed ? *parsed : QStringList();
}

bool EditWatchDialog::muted() const
{
    return m_mute->isChecked();
}

bool EditWatchDialog::isAcceptable() const
{
    return m_buttons->button(QDialogButtonBox::Ok)->isEnabled();
}

bool EditWatchDialog::changesSomething() const
{
    return intervalSeconds() != m_tag.intervalSeconds || platforms() != m_tag.platforms ||
           muted() != m_tag.muted;
}

void EditWatchDialog::revalidate()
{
    QStringList errors;
    if (auto interval = parseDuration(m_interval->currentText().trimmed()); !interval)
        errors.append(interval.error().message);
    if (!m_platforms->text().trimmed().isEmpty()) {
        if (auto parsed = parsePlatforms(m_platforms->text()); !parsed)
            errors.append(parsed.error().message);
    }
    m_error->setText(errors.join(u'\n'));
    m_error->setVisible(!errors.isEmpty());
    m_buttons->button(QDialogButtonBox::Ok)->setEnabled(errors.isEmpty());
}

} // namespace RebuildRadar
