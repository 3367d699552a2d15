#include "cli/Cli.h"
#include "common/Translations.h"

#include <QCoreApplication>
#include <QLoggingCategory>
#include <QNetworkProxyFactory>
#include <QTimer>

int main(int argc, char **argv)
{
    QCoreApplication app(argc, argv);
    QCoreApplication::setOrganizationName(QStringLiteral("RebuildRadar"));
    QCoreApplication::setApplicationName(QStringLiteral("rebuildradar"));
    QCoreApplication::setApplicationVersion(QStringLiteral(REBUILDRADAR_VERSION));
    QLoggingCategory::setFilterRules(QStringLiteral("rebuildradar.*.debug=false\nrebuildradar.*.info=false"));
    QNetworkProxyFactory::setUseSystemConfiguration(true);
    RebuildRadar::installTranslations(app);

    RebuildRadar::SystemClock clock;
    RebuildRadar::Cli cli(app.arguments(), clock, RebuildRadar::SharedSettings::load());
    int exitCode = 0;
    QObject::connect(&cli, &RebuildRadar::Cli::finished, &app, [&exitCode](int code) {
        exitCode = code;
        QCoreApplication::exit(code);
    });
    QTimer::singleShot(0, &cli, &RebuildRadar::Cli::run);
    const int loop = app.exec();
    return exitCode ? exitCode : loop;
}
