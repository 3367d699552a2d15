#include "HistoryOpener.h"

#include "EngineHost.h"
#include "credentials/DatabasePasswords.h"
#include "store/Database.h"

#include <QInputDialog>

namespace RebuildRadar {

HistoryOpener::HistoryOpener(EngineHost &engine, QWidget *window, EngineConfig config)
    : QObject(window)
    , m_engine(engine)
    , m_window(window)
    , m_config(std::move(config))
{
    askPassword = [this](const QString &error) {
        bool given = false;
        const QString password = QInputDialog::getText(
            m_window, tr("Team history login"),
            tr("%1\n\nPassword for %2 (kept in the keychain):").arg(error, m_config.databasePath),
            QLineEdit::Password, QString(), &given);
        return given ? password : QString();
    };
    connect(m_engine.engine(), &WatchEngine::opened, this, &HistoryOpener::openedWith);
}

void HistoryOpener::open()
{
    m_engine.call([e = m_engine.engine(), config = m_config] { e->open(config); });
}

void HistoryOpener::openedWith(bool ok, const QString &error)
{
    if (ok)
        return;
    const bool loginRefused = Database::isPostgresLocation(m_config.databasePath) &&
                              error.contains(QStringLiteral("refused the login"));
    // the engine tried the keychain's password already
    if (!loginRefused || m_userAsked) {
        emit failed(error);
        return;
    }
    ask(error);
}

void HistoryOpener::ask(const QString &error)
{
    m_userAsked = true;
    const QString password = askPassword(error);
    if (password.isEmpty()) {
        emit failed(error);
        return;
    }
    m_config.databasePassword = password;
    // kept for the next start; the history opens now whatever the keychain says
    DatabasePasswords::save(m_config.databasePath, password, this, [](Status) {});
    open();
}

} // namespace RebuildRadar
