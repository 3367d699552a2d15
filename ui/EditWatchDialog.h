#pragma once

// Changes one watched image's settings, and only when asked: how often it is checked (a preset or any
// interval people type, "10m", "1h30m"), the platforms the user runs, and whether it notifies. What the
// dialog opens with is what the image has now, so OK without changes changes nothing.

#include "domain/History.h"

#include <QDialog>

class QCheckBox;
class QComboBox;
class QDialogButtonBox;
class QLabel;
class QLineEdit;

namespace RebuildRadar {

class EditWatchDialog : public QDialog
{
    Q_OBJECT
public:
    explicit EditWatchDialog(const WatchedTag &tag, QWidget *parent = nullptr);

    int intervalSeconds() const; // 0 while what is typed is not an interval
    QStringList platforms() const;
    bool muted() const;
    bool isAcceptable() const;
    // Whether OK would change anything.
    bool changesSomething() const;

    QComboBox *intervalBox() const { return m_interval; }
    QLineEdit *platformsEdit() const { return m_platforms; }
    QCheckBox *muteBox() const { return m_mute; }

private:
    void revalidate();

    WatchedTag m_tag;
    QComboBox *m_interval;
    QLineEdit *m_platforms;
    QCheckBox *m_mute;
    QLabel *m_error;
    QDialogButtonBox *m_buttons;
};

} // namespace RebuildRadar
