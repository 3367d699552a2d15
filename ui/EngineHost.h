#pragma once

#include "engine/WatchEngine.h"

#include <QObject>
#include <QThread>

namespace RebuildRadar {

// Runs the WatchEngine on its own thread and forwards calls to it, queued. Its signals reach the UI thread
// queued as well: the window never waits on the network or on the database.
class EngineHost : public QObject
{
    Q_OBJECT
public:
    EngineHost(const Clock &clock, std::unique_ptr<CredentialChain> credentials, QObject *parent = nullptr);
    ~EngineHost() override;

    WatchEngine *engine() const { return m_engine; }

    template <typename F> void call(F &&work)
    {
        QMetaObject::invokeMethod(m_engine, std::forward<F>(work), Qt::QueuedConnection);
    }

private:
    QThread m_thread;
    WatchEngine *m_engine;
};

} // namespace RebuildRadar
