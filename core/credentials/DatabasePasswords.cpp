#include "credentials/DatabasePasswords.h"

#include <QEventLoop>
#include <QTimer>
#include <qt6keychain/keychain.h>

namespace RebuildRadar::DatabasePasswords {

QString read(const QString &uri, int timeoutMs)
{
    QEventLoop loop;
    QKeychain::ReadPasswordJob job(serviceName());
    job.setAutoDelete(false);
    job.setKey(uri);
    QString password;
    QObject::connect(&job, &QKeychain::Job::finished, &loop, [&](QKeychain::Job *) {
        if (job.error() == QKeychain::NoError)
            password = job.textData();
        loop.quit();
    });
    QTimer::singleShot(timeoutMs, &loop, &QEventLoop::quit);
    job.start();
    loop.exec();
    QObject::disconnect(&job, nullptr, &loop, nullptr);
    return password;
}

void save(const QString &uri, const QString &password, QObject *context, std::function<void(Status)> done,
          int timeoutMs)
{
    QKeychain::Job *job = nullptr;
    if (password.isEmpty()) {
        auto *remove = new QKeychain::DeletePasswordJob(serviceName(), context);
        remove->setKey(uri);
        job = remove;
    } else {
        auto *write = new QKeychain::WritePasswordJob(serviceName(), context);
        write->setKey(uri);
        write->setTextData(password);
        job = write;
    }
    job->setAutoDelete(false);
    job->setInsecureFallback(false); // a password never goes to a plain file
    auto answered = std::make_shared<bool>(false);
    auto finish = [job, context, answered, done](Status status) {
        if (*answered)
            return;
        *answered = true;
        QObject::disconnect(job, nullptr, context, nullptr);
        job->deleteLater();
        done(std::move(status));
    };
    QObject::connect(job, &QKeychain::Job::finished, context, [job, finish](QKeychain::Job *) {
        if (job->error() == QKeychain::NoError || job->error() == QKeychain::EntryNotFound)
            finish(Ok{});
        else
            finish(makeError(ErrorCode::Io,
                             QStringLiteral("the OS keychain refused: %1").arg(job->errorString())));
    });
    QTimer::singleShot(timeoutMs, job, [finish] {
        finish(makeError(ErrorCode::Io, QStringLiteral("no OS keychain service answered")));
    });
    job->start();
}

} // namespace RebuildRadar::DatabasePasswords
