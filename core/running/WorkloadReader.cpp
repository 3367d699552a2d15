#include "running/WorkloadReader.h"

#include "running/DockerApi.h"
#include "running/EngineClient.h"
#include "running/KubernetesPods.h"

#include <QPointer>
#include <QProcess>
#include <QStandardPaths>
#include <QTimer>

#include <memory>

namespace RebuildRadar {

namespace {

QString lastLine(const QByteArray &text)
{
    const QStringList lines = QString::fromUtf8(text).trimmed().split(u'\n', Qt::SkipEmptyParts);
    return lines.isEmpty() ? QString() : lines.last().trimmed();
}

} // namespace

WorkloadReader::WorkloadReader(QObject *parent)
    : QObject(parent)
{
    m_pool.setMaxThreadCount(4);
}

WorkloadReader::~WorkloadReader()
{
    // Transfers end within their deadline; their answers, posted to this object, are dropped with it.
    m_pool.waitForDone();
}

bool WorkloadReader::read(const QList<WorkloadSource> &sources, int timeoutMs)
{
    if (m_pending > 0)
        return false;
    m_readings.clear();
    for (const WorkloadSource &source : sources)
        m_readings.append(SourceReading{source, source.address, {}, {}});
    m_pending = int(sources.size());
    if (m_pending == 0) {
        QTimer::singleShot(0, this, [this] { emit finished({}); });
        return true;
    }
    for (int i = 0; i < sources.size(); ++i) {
        if (sources[i].kind == WorkloadSourceKind::Kubernetes)
            readKubernetes(i, timeoutMs);
        else
            readEngine(i, timeoutMs);
    }
    return true;
}

void WorkloadReader::readEngine(int index, int timeoutMs)
{
    const WorkloadSource source = m_readings[index].source;
    auto address = source.kind == WorkloadSourceKind::Podman ? podmanAddress(source.address)
                                                             : dockerAddress(source.address);
    if (!address) {
        SourceReading reading = m_readings[index];
        reading.error = address.error().message;
        QTimer::singleShot(0, this, [this, index, reading] { done(index, reading); });
        return;
    }
    m_readings[index].host = address->display;
    const EngineAddress resolved = *address;
    m_pool.start([this, index, source, resolved, timeoutMs] {
        SourceReading reading{source, resolved.display, {}, {}};
        auto workloads = readEngineWorkloads(resolved, source.kind, source.includeStopped, timeoutMs);
        if (workloads)
            reading.workloads = *workloads;
        else
            reading.error = workloads.error().message;
        // Back to the reader's thread; dropped if the reader is gone by then.
        QMetaObject::invokeMethod(
            this, [this, index, reading] { done(index, reading); }, Qt::QueuedConnection);
    });
}

void WorkloadReader::readKubernetes(int index, int timeoutMs)
{
    const WorkloadSource source = m_readings[index].source;
    const QString kubectl = QStandardPaths::findExecutable(QStringLiteral("kubectl"));
    if (kubectl.isEmpty()) {
        SourceReading reading = m_readings[index];
        reading.error = QStringLiteral("kubectl is not installed (or not on PATH)");
        QTimer::singleShot(0, this, [this, index, reading] { done(index, reading); });
        return;
    }
    if (!source.address.isEmpty()) {
        runKubectl(index, source.address, source.namespaces, timeoutMs);
        return;
    }
    // The current context's name, so each pod says where it runs.
    auto *process = new QProcess(this);
    connect(process, &QProcess::finished, this, [this, process, index, source, timeoutMs](int code) {
        process->deleteLater();
        const QString context = QString::fromUtf8(process->readAllStandardOutput()).trimmed();
        if (code != 0 || context.isEmpty()) {
            SourceReading reading = m_readings[index];
            reading.error = QStringLiteral("kubectl has no current context: %1")
                                .arg(lastLine(process->readAllStandardError()));
            done(index, reading);
            return;
        }
        runKubectl(index, context, source.namespaces, timeoutMs);
    });
    connect(process, &QProcess::errorOccurred, this, [this, process, index](QProcess::ProcessError error) {
        if (error != QProcess::FailedToStart)
            return;
        process->deleteLater();
        SourceReading reading = m_readings[index];
        reading.error = QStringLiteral("kubectl could not be started: %1").arg(process->errorString());
        done(index, reading);
    });
    process->start(kubectl, {QStringLiteral("config"), QStringLiteral("current-context")});
}

void WorkloadReader::runKubectl(int index, const QString &context, QStringList namespaces, int timeoutMs)
{
    m_readings[index].host = context;
    if (namespaces.isEmpty())
        namespaces.append(QString());
    // One kubectl per namespace, one after another; the first failure ends the source's reading.
    const QString ns = namespaces.takeFirst();
    auto *process = new QProcess(this);
    auto *deadline = new QTimer(process);
    deadline->setSingleShot(true);
    connect(deadline, &QTimer::timeout, process, &QProcess::kill);
    connect(process, &QProcess::finished, this,
            [this, process, index, context, namespaces, timeoutMs](int code, QProcess::ExitStatus status) {
                process->deleteLater();
                SourceReading &reading = m_readings[index];
                if (status != QProcess::NormalExit || code != 0) {
                    SourceReading failed = reading;
                    const QString why = lastLine(process->readAllStandardError());
                    failed.error =
                        QStringLiteral("kubectl (context %1) failed: %2")
                            .arg(context, why.isEmpty() ? QStringLiteral("no answer in time") : why);
                    failed.workloads.clear();
                    done(index, failed);
                    return;
                }
                auto pods = parsePodList(process->readAllStandardOutput(), context);
                if (!pods) {
                    SourceReading failed = reading;
                    failed.error = pods.error().message;
                    done(index, failed);
                    return;
                }
                reading.workloads += *pods;
                if (namespaces.isEmpty())
                    done(index, reading);
                else
                    runKubectl(index, context, namespaces, timeoutMs);
            });
    connect(process, &QProcess::errorOccurred, this, [this, process, index](QProcess::ProcessError error) {
        if (error != QProcess::FailedToStart)
            return;
        process->deleteLater();
        SourceReading failed = m_readings[index];
        failed.error = QStringLiteral("kubectl could not be started: %1").arg(process->errorString());
        done(index, failed);
    });
    deadline->start(timeoutMs);
    process->start(QStandardPaths::findExecutable(QStringLiteral("kubectl")),
                   kubectlPodArguments(context, ns));
}

void WorkloadReader::done(int index, SourceReading reading)
{
    if (index < 0 || index >= m_readings.size() || m_pending <= 0)
        return;
    m_readings[index] = std::move(reading);
    if (--m_pending == 0)
        emit finished(m_readings);
}

} // namespace RebuildRadar
