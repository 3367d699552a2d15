#pragma once

// Opens the engine's history for the desktop app. A team history (PostgreSQL) whose server refuses a
// login though libpq's places (~/.pgpass, PGPASSFILE, PGPASSWORD) and the keychain were tried (the
// engine does both): the user is asked once, the answer is saved in the keychain (never in settings),
// and the history is opened again. Anything else that keeps the history closed is `failed`.

#include "engine/WatchEngine.h"

#include <QObject>
#include <QPointer>
#include <QWidget>

namespace RebuildRadar {

class EngineHost;

class HistoryOpener : public QObject
{
    Q_OBJECT
public:
    HistoryOpener(EngineHost &engine, QWidget *window, EngineConfig config);
    void open();
    // The question to ask (tests answer it): the password, or empty when the user declined.
    std::function<QString(const QString &error)> askPassword;

signals:
    void failed(const QString &error);

private:
    void openedWith(bool ok, const QString &error);
    void ask(const QString &error);

    EngineHost &m_engine;
    QPointer<QWidget> m_window;
    EngineConfig m_config;
    bool m_userAsked = false;
};

} // namespace RebuildRadar
