#include "Settings.h"

#include "common/SharedSettings.h"
#include "reference/ImageReference.h"

#include <QCheckBox>
#include <QComboBox>
#include <QDialogButtonBox>
#include <QDir>
#include <QFile>
#include <QFormLayout>
#include <QLineEdit>
#include <QMessageBox>
#include <QPlainTextEdit>
#include <QSettings>
#include <QSpinBox>
#include <QStandardPaths>
#include <QVBoxLayout>

namespace RebuildRadar {

qint64 AppSettings::rolloutWindowMs() const
{
    SharedSettings shared;
    shared.rolloutWindowHours = rolloutWindowHours;
    return shared.rolloutWindowMs();
}

AppSettings AppSettings::load()
{
    QSettings s;
    AppSettings a;
    a.defaultIntervalSeconds =
        s.value(QStringLiteral("polling/defaultInterval"), a.defaultIntervalSeconds).toInt();
    a.notifications = s.value(QStringLiteral("notifications/enabled"), a.notifications).toBool();
    a.notifyIndexOnly = s.value(QStringLiteral("notifications/indexOnly"), a.notifyIndexOnly).toBool();
    a.insecureRegistries = s.value(QStringLiteral("registries/insecure")).toStringList();
    a.runningSources = s.value(QStringLiteral("running/sources")).toStringList();
    a.startMinimized = s.value(QStringLiteral("ui/startMinimized"), a.startMinimized).toBool();
    a.startAtLogin = s.value(QStringLiteral("ui/startAtLogin"), a.startAtLogin).toBool();
    a.rolloutWindowHours = s.value(QStringLiteral("rollouts/windowHours"), a.rolloutWindowHours).toInt();
    a.editorCommand = s.value(QStringLiteral("pins/editor")).toString();
    return a;
}

void AppSettings::save() const
{
    QSettings s;
    s.setValue(QStringLiteral("polling/defaultInterval"), defaultIntervalSeconds);
    s.setValue(QStringLiteral("notifications/enabled"), notifications);
    s.setValue(QStringLiteral("notifications/indexOnly"), notifyIndexOnly);
    s.setValue(QStringLiteral("registries/insecure"), insecureRegistries);
    s.setValue(QStringLiteral("running/sources"), runningSources);
    s.setValue(QStringLiteral("ui/startMinimized"), startMinimized);
    s.setValue(QStringLiteral("ui/startAtLogin"), startAtLogin);
    s.setValue(QStringLiteral("rollouts/windowHours"), rolloutWindowHours);
    s.setValue(QStringLiteral("pins/editor"), editorCommand);
}

QString autostartPath()
{
    return QStandardPaths::writableLocation(QStandardPaths::GenericConfigLocation) +
           QStringLiteral("/autostart/io.github.rebuildradar.RebuildRadar.desktop");
}

namespace {
// An argument of an Exec line, quoted as the Desktop Entry specification asks.
QByteArray execArgument(const QString &argument)
{
    QString quoted = argument;
    for (const char *special : {"\\", "\"", "`", "$"})
        quoted.replace(QString::fromLatin1(special), u'\\' + QString::fromLatin1(special));
    return '"' + quoted.toUtf8() + '"';
}
} // namespace

bool applyAutostart(bool enabled, const QString &executable, const QString &databasePath)
{
    const QString path = autostartPath();
    if (!enabled)
        return !QFile::exists(path) || QFile::remove(path);
    QDir().mkpath(QFileInfo(path).absolutePath());
    QFile file(path);
    if (!file.open(QIODevice::WriteOnly | QIODevice::Truncate))
        return false;
    file.write(
        "[Desktop Entry]\nType=Application\nName=Rebuild Radar\nIcon=io.github.rebuildradar.RebuildRadar\n"
        "Exec=" +
        execArgument(executable) + " --minimized --db " + execArgument(databasePath) +
        "\nX-GNOME-Autostart-enabled=true\n");
    return true;
}

SettingsDialog::SettingsDialog(const AppSettings &settings, QWidget *parent)
    : QDialog(parent)
    , m_interval(new QComboBox(this))
    , m_notifications(new QCheckBox(tr("Show &notifications for rebuilds"), this))
    , m_indexOnly(
          new QCheckBox(tr("Also for &index-only changes (new attestations, no image changed)"), this))
    , m_insecure(new QPlainTextEdit(this))
    , m_minimized(new QCheckBox(tr("Start &minimized to the tray"), this))
    , m_login(new QCheckBox(tr("Start at &login"), this))
    , m_rolloutHours(new QSpinBox(this))
    , m_editor(new QLineEdit(this))
{
    m_editor->setText(settings.editorCommand);
    m_editor->setPlaceholderText(QStringLiteral("code -g %f:%l"));
    m_rolloutHours->setRange(1, 720);
    m_rolloutHours->setSuffix(tr(" h"));
    m_rolloutHours->setValue(settings.rolloutWindowHours);
    setWindowTitle(tr("Settings"));
    for (const auto &[label, seconds] :
         std::initializer_list<std::pair<QString, int>>{{tr("every 15 minutes"), 900},
                                                        {tr("every hour"), 3600},
                                                        {tr("every 6 hours"), 21600},
                                                        {tr("every day"), 86400}})
        m_interval->addItem(label, seconds);
    const int index = m_interval->findData(settings.defaultIntervalSeconds);
    m_interval->setCurrentIndex(index >= 0 ? index : 2);
    m_notifications->setChecked(settings.notifications);
    m_indexOnly->setChecked(settings.notifyIndexOnly);
    m_insecure->setPlainText(settings.insecureRegistries.join(u'\n'));
    m_insecure->setPlaceholderText(
        tr("registry.internal:5000 (one per line): plain HTTP, no certificate check"));
    m_insecure->setTabChangesFocus(true);
    m_minimized->setChecked(settings.startMinimized);
    m_login->setChecked(settings.startAtLogin);
    auto *form = new QFormLayout;
    form->addRow(tr("Default &check interval:"), m_interval);
    form->addRow(m_notifications);
    form->addRow(m_indexOnly);
    form->addRow(tr("&Insecure registries:"), m_insecure);
    form->addRow(m_minimized);
    form->addRow(m_login);
    form->addRow(tr("A &rollout groups rebuilds within:"), m_rolloutHours);
    form->addRow(tr("&Editor for pins (%f file, %l line):"), m_editor);
    auto *buttons = new QDialogButtonBox(QDialogButtonBox::Ok | QDialogButtonBox::Cancel, this);
    connect(buttons, &QDialogButtonBox::accepted, this, [this] {
        const QStringList p = problems();
        if (!p.isEmpty()) {
            QMessageBox::warning(this, tr("Settings"), p.join(u'\n'));
            return;
        }
        accept();
    });
    connect(buttons, &QDialogButtonBox::rejected, this, &QDialog::reject);
    auto *layout = new QVBoxLayout(this);
    layout->addLayout(form);
    layout->addWidget(buttons);
}

QStringList SettingsDialog::problems() const
{
    QStringList out;
    for (const QString &line : m_insecure->toPlainText().split(u'\n', Qt::SkipEmptyParts)) {
        if (auto host = normalizeRegistryHost(line.trimmed()); !host)
            out.append(host.error().message);
    }
    return out;
}

AppSettings SettingsDialog::settings() const
{
    AppSettings a;
    a.defaultIntervalSeconds = m_interval->currentData().toInt();
    a.notifications = m_notifications->isChecked();
    a.notifyIndexOnly = m_indexOnly->isChecked();
    for (const QString &line : m_insecure->toPlainText().split(u'\n', Qt::SkipEmptyParts)) {
        if (auto host = normalizeRegistryHost(line.trimmed()))
            a.insecureRegistries.append(*host);
    }
    a.startMinimized = m_minimized->isChecked();
    a.startAtLogin = m_login->isChecked();
    a.rolloutWindowHours = m_rolloutHours->value();
    a.editorCommand = m_editor->text().trimmed();
    return a;
}

} // namespace RebuildRadar
