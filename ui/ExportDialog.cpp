#include "ExportDialog.h"
#include "FileDialogs.h"

#include <QCheckBox>
#include <QComboBox>
#include <QDateEdit>
#include <QDialogButtonBox>
#include <QDir>
#include <QFormLayout>
#include <QHBoxLayout>
#include <QLabel>
#include <QLineEdit>
#include <QPainter>
#include <QPushButton>
#include <QRadioButton>
#include <QSettings>
#include <QSvgGenerator>
#include <QVBoxLayout>

namespace RebuildRadar {

ExportDialog::ExportDialog(const QStringList &selectedReferences, QWidget *parent)
    : QDialog(parent)
    , m_format(new QComboBox(this))
    , m_all(new QRadioButton(tr("&All images"), this))
    , m_selection(new QRadioButton(tr("The &selected images (%1)").arg(selectedReferences.size()), this))
    , m_useSince(new QCheckBox(tr("&From"), this))
    , m_since(new QDateEdit(QDate::currentDate().addDays(-90), this))
    , m_useUntil(new QCheckBox(tr("&Until"), this))
    , m_until(new QDateEdit(QDate::currentDate(), this))
    , m_platforms(new QCheckBox(tr("Include per-&platform digests"), this))
    , m_indexOnly(new QCheckBox(tr("Include &index-only changes"), this))
    , m_path(new QLineEdit(this))
    , m_selected(selectedReferences)
{
    setWindowTitle(tr("Export report"));
    m_format->addItem(tr("PDF report"), toString(ExportFormat::Pdf));
    m_format->addItem(tr("HTML report"), toString(ExportFormat::Html));
    m_format->addItem(tr("Markdown"), toString(ExportFormat::Markdown));
    m_format->addItem(tr("CSV"), toString(ExportFormat::Csv));
    m_format->addItem(tr("JSON"), toString(ExportFormat::Json));
    m_selection->setEnabled(!selectedReferences.isEmpty());
    // "All images" once chosen stays chosen, whatever is selected the next time
    const bool all =
        selectedReferences.isEmpty() || QSettings().value(QStringLiteral("export/allImages"), false).toBool();
    (all ? m_all : m_selection)->setChecked(true);
    connect(this, &QDialog::accepted, this,
            [this] { QSettings().setValue(QStringLiteral("export/allImages"), m_all->isChecked()); });
    m_useSince->setChecked(true);
    m_since->setCalendarPopup(true);
    m_until->setCalendarPopup(true);
    m_since->setDisplayFormat(QStringLiteral("yyyy-MM-dd"));
    m_until->setDisplayFormat(QStringLiteral("yyyy-MM-dd"));
    connect(m_useSince, &QCheckBox::toggled, m_since, &QWidget::setEnabled);
    connect(m_useUntil, &QCheckBox::toggled, m_until, &QWidget::setEnabled);
    m_until->setEnabled(false);
    m_platforms->setChecked(true);
    m_indexOnly->setChecked(false);
    m_path->setText(QDir::home().filePath(QStringLiteral("rebuild-report.pdf")));
    connect(m_format, &QComboBox::currentIndexChanged, this, [this] {
        QString path = m_path->text();
        const qsizetype dot = path.lastIndexOf(u'.');
        if (dot > path.lastIndexOf(u'/'))
            path.truncate(dot);
        m_path->setText(path + u'.' + m_format->currentData().toString());
    });
    auto *browse = new QPushButton(tr("&Browse…"), this);
    connect(browse, &QPushButton::clicked, this, [this] {
        const QString chosen = FileDialogs::saveFileName(this, tr("Export to"), m_path->text());
        if (!chosen.isEmpty())
            m_path->setText(chosen);
    });
    auto *pathRow = new QHBoxLayout;
    pathRow->addWidget(m_path, 1);
    pathRow->addWidget(browse);
    auto *sinceRow = new QHBoxLayout;
    sinceRow->addWidget(m_useSince);
    sinceRow->addWidget(m_since);
    sinceRow->addWidget(m_useUntil);
    sinceRow->addWidget(m_until);
    auto *form = new QFormLayout;
    form->addRow(tr("&Format:"), m_format);
    form->addRow(tr("Images:"), m_all);
    form->addRow(QString(), m_selection);
    form->addRow(tr("Period:"), sinceRow);
    form->addRow(QString(), m_platforms);
    form->addRow(QString(), m_indexOnly);
    auto *fileLabel = new QLabel(tr("&File:"), this);
    fileLabel->setBuddy(m_path); // a label beside a layout has no buddy of its own: & shows
    form->addRow(fileLabel, pathRow);
    auto *buttons = new QDialogButtonBox(QDialogButtonBox::Ok | QDialogButtonBox::Cancel, this);
    buttons->button(QDialogButtonBox::Ok)->setText(tr("&Export"));
    connect(buttons, &QDialogButtonBox::accepted, this, &QDialog::accept);
    connect(buttons, &QDialogButtonBox::rejected, this, &QDialog::reject);
    auto *layout = new QVBoxLayout(this);
    layout->addLayout(form);
    layout->addWidget(buttons);
}

void ExportDialog::setPath(const QString &path)
{
    m_path->setText(path);
}

void ExportDialog::setFormat(const QString &format)
{
    m_format->setCurrentIndex(m_format->findData(format));
}

bool ExportDialog::allImages() const
{
    return m_all->isChecked();
}

QString ExportDialog::path() const
{
    return m_path->text();
}

ExportOptions ExportDialog::options() const
{
    ExportOptions o;
    o.format = exportFormatFromString(m_format->currentData().toString()).value();
    if (m_selection->isChecked())
        o.references = m_selected;
    if (m_useSince->isChecked())
        o.report.since = QDateTime(m_since->date(), QTime(0, 0), Qt::UTC).toMSecsSinceEpoch();
    if (m_useUntil->isChecked())
        o.report.until = QDateTime(m_until->date().addDays(1), QTime(0, 0), Qt::UTC).toMSecsSinceEpoch() - 1;
    o.report.includePlatforms = m_platforms->isChecked();
    o.report.includeIndexOnly = m_indexOnly->isChecked();
    return o;
}

bool saveChartImage(QWidget *chartView, const QString &path)
{
    if (path.endsWith(QStringLiteral(".svg"), Qt::CaseInsensitive)) {
        QSvgGenerator generator;
        generator.setFileName(path);
        generator.setSize(chartView->size());
        generator.setViewBox(chartView->rect());
        generator.setTitle(QStringLiteral("Rebuild Radar timeline"));
        QPainter painter;
        if (!painter.begin(&generator))
            return false;
        chartView->render(&painter);
        return painter.end();
    }
    return chartView->grab().save(path);
}

} // namespace RebuildRadar
