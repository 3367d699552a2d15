#pragma once

#include "reference/ImageReference.h"

#include <QDialog>

class QCheckBox;
class QComboBox;
class QDialogButtonBox;
class QLineEdit;
class QListWidget;
class QPlainTextEdit;

namespace RebuildRadar {

// Adds one or many references (one per line, pasted or typed), validated as you type, each shown in
// its canonical form; nothing is added while any line is invalid.
class AddDialog : public QDialog
{
    Q_OBJECT
public:
    explicit AddDialog(int defaultIntervalSeconds, QWidget *parent = nullptr);

    void setText(const QString &text);
    QStringList references() const; // canonical, valid ones, in order, without duplicates
    int intervalSeconds() const;
    QStringList platforms() const;
    // Set when the user asked to watch a tag family: the repository and the tag pattern.
    std::optional<std::pair<QString, QString>> family() const;
    void setFamily(bool on, const QString &pattern = {});
    bool isAcceptable() const;
    int invalidCount() const { return m_invalid; }
    QListWidget *preview() const { return m_preview; }

    // Line by line: canonical form or the error. Blank lines and # comments are skipped.
    struct Line
    {
        QString text;
        std::optional<ImageReference> reference;
        QString error;
    };
    static QList<Line> validate(const QString &text, qsizetype maxLines = 100000);
    // Adds the tags named in a project folder's Dockerfiles, compose, Kubernetes and Helm files
    // (or in one such file); returns how many were found.
    int importFrom(const QString &path);

protected:
    void dragEnterEvent(QDragEnterEvent *event) override;
    void dropEvent(QDropEvent *event) override;

private:
    void revalidate();

    QPlainTextEdit *m_input;
    QListWidget *m_preview;
    QComboBox *m_interval;
    QLineEdit *m_platforms;
    QCheckBox *m_familyBox;
    QLineEdit *m_pattern;
    QDialogButtonBox *m_buttons;
    QList<Line> m_lines;
    int m_invalid = 0;
};

} // namespace RebuildRadar
