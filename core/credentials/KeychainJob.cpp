#include "credentials/KeychainJob.h"

#include <QCoreApplication>
#include <QTimer>
#include <qt6keychain/keychain.h>

#include <memory>
#include <utility>

namespace RebuildRadar::KeychainJob {

namespace {

// Made on the application's thread with each job: concludes it once (its answer, or the timeout) and
// takes the conclusion to the asker.
class Carrier : public QObject
{
    Q_OBJECT
public:
    bool m_concluded = false;
signals:
    void concluded();
};

// QtKeychain's jobs share one executor, which belongs to the thread that made the first job, and a job
// is not safe to use from another thread. So every job is made, run and concluded on the application's
// thread, and only its conclusion (a value) reaches the asker, on `context`'s thread (the engine's, for
// one); nothing once `context` is gone.
template <typename R>
void run(std::function<QKeychain::Job *()> make, std::function<R(const QKeychain::Job *)> conclude,
         R noAnswer, QObject *context, int timeoutMs, std::function<void(R)> done)
{
    Q_ASSERT(QCoreApplication::instance());
    // Written once on the application's thread before `concluded` is emitted; read where it arrives.
    auto conclusion = std::make_shared<R>(noAnswer);
    auto *carrier = new Carrier;
    // Queued when `context` lives on another thread, and dropped by Qt when it is gone by then.
    QObject::connect(carrier, &Carrier::concluded, context, [done, conclusion] { done(*conclusion); });
    carrier->moveToThread(QCoreApplication::instance()->thread());
    QMetaObject::invokeMethod(carrier, [carrier, make, conclude, conclusion, noAnswer, timeoutMs] {
        auto concludeOnce = [carrier, conclusion](R value) {
            if (std::exchange(carrier->m_concluded, true))
                return;
            *conclusion = std::move(value);
            emit carrier->concluded();
        };
        QKeychain::Job *job = make();
        job->setAutoDelete(false);
        // Counted here, from the job's start: a busy window does not time out an engine's lookup.
        QTimer::singleShot(timeoutMs, carrier, [concludeOnce, noAnswer] { concludeOnce(noAnswer); });
        // Job and carrier go when the job finishes, so the keychain never answers a dead job.
        QObject::connect(job, &QKeychain::Job::finished, carrier,
                         [carrier, conclude, concludeOnce](QKeychain::Job *finished) {
                             concludeOnce(conclude(finished));
                             finished->deleteLater();
                             carrier->deleteLater();
                         });
        job->start();
    });
}

Error noAnswer()
{
    return makeError(ErrorCode::Io, QStringLiteral("no OS keychain service answered"));
}

Error refused(const QKeychain::Job &job)
{
    return makeError(ErrorCode::Io, QStringLiteral("the OS keychain refused: %1").arg(job.errorString()));
}

// A write's or delete's end: done (a delete of what was not there included) or refused.
Status changed(const QKeychain::Job *job)
{
    if (job->error() == QKeychain::NoError || job->error() == QKeychain::EntryNotFound)
        return Ok{};
    return refused(*job);
}

void write(std::function<void(QKeychain::WritePasswordJob &)> fill, const QString &service,
           const QString &key, QObject *context, int timeoutMs, std::function<void(Status)> done)
{
    run<Status>(
        [fill, service, key] {
            auto *job = new QKeychain::WritePasswordJob(service);
            job->setKey(key);
            job->setInsecureFallback(false); // a secret never goes to a plain file
            fill(*job);
            return job;
        },
        changed, noAnswer(), context, timeoutMs, std::move(done));
}

} // namespace

void read(const QString &service, const QString &key, QObject *context, int timeoutMs,
          std::function<void(Result<QByteArray>)> done)
{
    run<Result<QByteArray>>(
        [service, key] {
            auto *job = new QKeychain::ReadPasswordJob(service);
            job->setKey(key);
            return job;
        },
        [](const QKeychain::Job *finished) -> Result<QByteArray> {
            if (finished->error() == QKeychain::NoError)
                return static_cast<const QKeychain::ReadPasswordJob *>(finished)->binaryData();
            if (finished->error() == QKeychain::EntryNotFound)
                return makeError(ErrorCode::NotFound, QStringLiteral("the OS keychain holds no such entry"));
            return refused(*finished);
        },
        noAnswer(), context, timeoutMs, std::move(done));
}

void writeText(const QString &service, const QString &key, const QString &text, QObject *context,
               int timeoutMs, std::function<void(Status)> done)
{
    write([text](QKeychain::WritePasswordJob &job) { job.setTextData(text); }, service, key, context,
          timeoutMs, std::move(done));
}

void writeBinary(const QString &service, const QString &key, const QByteArray &data, QObject *context,
                 int timeoutMs, std::function<void(Status)> done)
{
    write([data](QKeychain::WritePasswordJob &job) { job.setBinaryData(data); }, service, key, context,
          timeoutMs, std::move(done));
}

void remove(const QString &service, const QString &key, QObject *context, int timeoutMs,
            std::function<void(Status)> done)
{
    run<Status>(
        [service, key] {
            auto *job = new QKeychain::DeletePasswordJob(service);
            job->setKey(key);
            job->setInsecureFallback(false);
            return job;
        },
        changed, noAnswer(), context, timeoutMs, std::move(done));
}

} // namespace RebuildRadar::KeychainJob

#include "KeychainJob.moc"
