#pragma once

#include "export/Exporter.h"

#include <QDialog>

class QCheckBox;
class QComboBox;
class QDateEdit;
class QLineEdit;
class QRadioButton;

namespace RebuildRadar {

// Chooses what a report holds and where it goes; the engine writes it off the UI thread.
class ExportDialog : public QDialog
{
    Q_OBJECT
public:
    ExportDialog(const QStringList &selectedReferences, QWidget *parent = nullptr);

    ExportOptions options() const;
    QString path() const;
    void setPath(const QString &path);
    void setFormat(const QString &format);
    bool allImages() const;

private:
    QComboBox *m_format;
    QRadioButton *m_all;
    QRadioButton *m_selection;
    QCheckBox *m_useSince;
    QDateEdit *m_since;
    QCheckBox *m_useUntil;
    QDateEdit *m_until;
    QCheckBox *m_platforms;
    QCheckBox *m_indexOnly;
    QLineEdit *m_path;
    QStringList m_selected;
};

// The timeline chart as shown, as an image: PNG or SVG by the file's extension.
bool saveChartImage(QWidget *chartView, const QString &path);

} // namespace RebuildRadar
