#include "EngineHost.h"
#include "HistoryOpener.h"
#include "MainWindow.h"
#include "Settings.h"
#include "SingleInstance.h"
#include "cli/Cli.h"
#include "common/SharedSettings.h"
#include "common/SignalWatcher.h"
#include "common/Translations.h"
#include "credentials/Credential.h"
#include "history/Rollouts.h"
#include "running/Workload.h"
#include "store/Database.h"

#include <QApplication>
#include <QCommandLineParser>
#include <QLoggingCategory>
#include <QMessageBox>
#include <QNetworkProxyFactory>
#include <QSystemTrayIcon>

using namespace RebuildRadar;

int main(int argc, char **argv)
{
    QApplication app(argc, argv);
    QCoreApplication::setOrganizationName(QStringLiteral("RebuildRadar"));
    QCoreApplication::setApplicationName(QStringLiteral("rebuildradar"));
    QCoreApplication::setApplicationVersion(QStringLiteral(REBUILDRADAR_VERSION));
    QGuiApplication::setApplicationDisplayName(QStringLiteral("Rebuild Radar"));
    QGuiApplication::setDesktopFileName(QStringLiteral("io.github.rebuildradar.RebuildRadar"));
    QApplication::setQuitOnLastWindowClosed(false);
    QLoggingCategory::setFilterRules(QStringLiteral("rebuildradar.*.debug=false"));
    QNetworkProxyFactory::setUseSystemConfiguration(true);
    installTranslations(app);

    QCommandLineParser parser;
    parser.setApplicationDescription(
        QStringLiteral("Watches container image tags and records every silent rebuild."));
    parser.addHelpOption();
    parser.addVersionOption();
    const QCommandLineOption db(QStringLiteral("db"),
                                QStringLiteral("The history: a file, or a team's postgresql:// URI."),
                                QStringLiteral("PATH|URI"), Database::defaultPath());
    const QCommandLineOption minimized(QStringLiteral("minimized"), QStringLiteral("Start in the tray."));
    parser.addOption(db);
    parser.addOption(minimized);
    parser.process(app);
    const QString databasePath = parser.value(db);

    SingleInstance instance(databasePath);
    if (instance.notifyRunning())
        return 0;
    instance.listen();

    SystemClock clock;
    EngineHost engine(clock, makeDefaultCredentials());
    MainWindow window(engine, clock);
    window.setDatabasePath(databasePath);
    // SIGTERM (logout, systemd, kill) quits as the Quit menu does: the engine writes what it holds.
    SignalWatcher terminate;
    QObject::connect(&terminate, &SignalWatcher::terminationRequested, &app, &QCoreApplication::quit);
    QObject::connect(&instance, &SingleInstance::raiseRequested, &window, &MainWindow::showAndRaise);
    const AppSettings settings = AppSettings::load();
    auto insecure = insecureRegistries(settings.insecureRegistries, {});
    EngineConfig config = EngineConfig::forDesktop(databasePath, SharedSettings::load());
    config.insecureRegistries = insecure ? *insecure : QSet<QString>();
    config.announceIndexOnly = settings.notifyIndexOnly;
    config.rolloutWindowMs = settings.rolloutWindowMs();
    config.workloadSources = workloadSourcesFromSettings(settings.runningSources);
    HistoryOpener opener(engine, &window, config);
    QObject::connect(&opener, &HistoryOpener::failed, &window, [&window](const QString &error) {
        QMessageBox::critical(&window, QObject::tr("Rebuild Radar"),
                              QObject::tr("The history database cannot be used:\n%1").arg(error));
        QCoreApplication::exit(2);
    });
    opener.open();
    if (!(settings.startMinimized || parser.isSet(minimized)) || !QSystemTrayIcon::isSystemTrayAvailable())
        window.show();
    return app.exec();
}
