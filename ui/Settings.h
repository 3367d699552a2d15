#pragma once

#include <QDialog>
#include <QStringList>

class QCheckBox;
class QComboBox;
class QPlainTextEdit;
class QSpinBox;
class QLineEdit;

namespace RebuildRadar {

// The app's settings, in QSettings (the CLI reads the insecure registries from there too).
struct AppSettings
{
    int defaultIntervalSeconds = 21600;
    bool notifications = true;
    bool notifyIndexOnly = false;
    QStringList insecureRegistries;
    bool startMinimized = false;
    bool startAtLogin = false;
    int rolloutWindowHours = 72;
    QString editorCommand;      // opens a file at a line: %f the file, %l the line
    QStringList runningSources; // where workloads run (SharedSettings::runningSources)

    qint64 rolloutWindowMs() const; // the shared rule (SharedSettings)
    static AppSettings load();
    void save() const;
};

// Writes or removes the XDG autostart entry ($XDG_CONFIG_HOME/autostart) for "start at login".
// The entry starts the app on the history it runs on now (`--db`), so a chosen database is kept.
bool applyAutostart(bool enabled, const QString &executable, const QString &databasePath);
QString autostartPath();

class SettingsDialog : public QDialog
{
    Q_OBJECT
public:
    explicit SettingsDialog(const AppSettings &settings, QWidget *parent = nullptr);
    AppSettings settings() const;
    // Invalid registry names, one message each; empty when all are valid.
    QStringList problems() const;

private:
    QComboBox *m_interval;
    QCheckBox *m_notifications;
    QCheckBox *m_indexOnly;
    QPlainTextEdit *m_insecure;
    QCheckBox *m_minimized;
    QCheckBox *m_login;
    QSpinBox *m_rolloutHours;
    QLineEdit *m_editor;
};

} // namespace RebuildRadar
