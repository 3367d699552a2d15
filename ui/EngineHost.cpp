#include "EngineHost.h"

#include "credentials/Credential.h"

namespace RebuildRadar {

EngineHost::EngineHost(const Clock &clock, std::unique_ptr<CredentialChain> credentials, QObject *parent)
    : QObject(parent)
    , m_engine(new WatchEngine(clock, std::move(credentials)))
{
    m_thread.setObjectName(QStringLiteral("engine"));
    m_engine->moveToThread(&m_thread);
    connect(&m_thread, &QThread::finished, m_engine, &QObject::deleteLater);
    m_thread.start();
}

EngineHost::~EngineHost()
{
    m_thread.quit();
    m_thread.wait();
}

} // namespace RebuildRadar
