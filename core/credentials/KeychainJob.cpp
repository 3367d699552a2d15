#include "credentials/KeychainJob.h"

#include <QPointer>
#include <QTimer>
#include <qt6keychain/keychain.h>

#include <memory>

namespace RebuildRadar::KeychainJob {

namespace {

// Starts `job` (created without a parent) and answers `answer` once: with the job when it finished,
// with nullptr when it did not within `timeoutMs`.
void run(QKeychain::Job *job, QObject *context, int timeoutMs,
         std::function<void(const QKeychain::Job *)> answer)
{
    job->setAutoDelete(false);
    // It goes when it finishes, whoever asked and whenever, so the keychain never answers a dead job.
    QObject::connect(job, &QKeychain::Job::finished, job, &QObject::deleteLater);
    auto answered = std::make_shared<bool>(false);
    auto finish = [job, asker = QPointer<QObject>(context), answered,
                   answer](const QKeychain::Job *finished) {
        if (*answered || !asker) // answered, or nobody is left to hear it
            return;
        *answered = true;
        // Only our own connection: QtKeychain's job queue listens to the job too.
        QObject::disconnect(job, nullptr, asker, nullptr);
        answer(finished);
    };
    QObject::connect(job, &QKeychain::Job::finished, context,
                     [finish](QKeychain::Job *finished) { finish(finished); });
    QTimer::singleShot(timeoutMs, job, [finish] { finish(nullptr); });
    job->start();
}

Error noAnswer()
{
    return makeError(ErrorCode::Io, QStringLiteral("no OS keychain service answered"));
}

Error refused(const QKeychain::Job &job)
{
    return makeError(ErrorCode::Io, QStringLiteral("the OS keychain refused: %1").arg(job.errorString()));
}

// A write's or delete's end: done (a delete of what was not there included), refused or unanswered.
Status changed(const QKeychain::Job *job)
{
    if (!job)
        return noAnswer();
    if (job->error() == QKeychain::NoError || job->error() == QKeychain::EntryNotFound)
        return Ok{};
    return refused(*job);
}

void write(QKeychain::WritePasswordJob *job, QObject *context, int timeoutMs,
           std::function<void(Status)> done)
{
    job->setInsecureFallback(false); // a secret never goes to a plain file
    run(job, context, timeoutMs, [done](const QKeychain::Job *finished) { done(changed(finished)); });
}

} // namespace

void read(const QString &service, const QString &key, QObject *context, int timeoutMs,
          std::function<void(Result<QByteArray>)> done)
{
    auto *job = new QKeychain::ReadPasswordJob(service);
    job->setKey(key);
    run(job, context, timeoutMs, [done](const QKeychain::Job *finished) {
        if (!finished)
            done(noAnswer());
        else if (finished->error() == QKeychain::NoError)
            done(static_cast<const QKeychain::ReadPasswordJob *>(finished)->binaryData());
        else if (finished->error() == QKeychain::EntryNotFound)
            done(makeError(ErrorCode::NotFound, QStringLiteral("the OS keychain holds no such entry")));
        else
            done(refused(*finished));
    });
}

void writeText(const QString &service, const QString &key, const QString &text, QObject *context,
               int timeoutMs, std::function<void(Status)> done)
{
    auto *job = new QKeychain::WritePasswordJob(service);
    job->setKey(key);
    job->setTextData(text);
    write(job, context, timeoutMs, std::move(done));
}

void writeBinary(const QString &service, const QString &key, const QByteArray &data, QObject *context,
                 int timeoutMs, std::function<void(Status)> done)
{
    auto *job = new QKeychain::WritePasswordJob(service);
    job->setKey(key);
    job->setBinaryData(data);
    write(job, context, timeoutMs, std::move(done));
}

void remove(const QString &service, const QString &key, QObject *context, int timeoutMs,
            std::function<void(Status)> done)
{
    auto *job = new QKeychain::DeletePasswordJob(service);
    job->setKey(key);
    job->setInsecureFallback(false);
    run(job, context, timeoutMs, [done](const QKeychain::Job *finished) { done(changed(finished)); });
}

} // namespace RebuildRadar::KeychainJob
