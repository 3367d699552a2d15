#include "credentials/DatabasePasswords.h"

#include <QPointer>
#include <QTimer>
#include <qt6keychain/keychain.h>

namespace RebuildRadar::DatabasePasswords {

void read(const QString &uri, QObject *context, std::function<void(QString)> done, int timeoutMs)
{
    // No parent: a job deleted while the keychain still answers it would be called back dead. It goes
    // when it finishes, whoever asked and whenever; the caller hears once, within the timeout.
    auto *job = new QKeychain::ReadPasswordJob(serviceName());
    job->setAutoDelete(false);
    QObject::connect(job, &QKeychain::Job::finished, job, &QObject::deleteLater);
    job->setKey(uri);
    auto answered = std::make_shared<bool>(false);
    auto finish = [job, asker = QPointer<QObject>(context), answered, done](const QString &password) {
        if (*answered || !asker) // answered, or nobody is left to hear it
            return;
        *answered = true;
        QObject::disconnect(job, nullptr, asker, nullptr);
        done(password);
    };
    QObject::connect(job, &QKeychain::Job::finished, context, [job, finish](QKeychain::Job *) {
        finish(job->error() == QKeychain::NoError ? job->textData() : QString());
    });
    QTimer::singleShot(timeoutMs, job, [finish] { finish(QString()); });
    job->start();
}

void save(const QString &uri, const QString &password, QObject *context, std::function<void(Status)> done,
          int timeoutMs)
{
    QKeychain::Job *job = nullptr;
    if (password.isEmpty()) {
        auto *remove = new QKeychain::DeletePasswordJob(serviceName());
        remove->setKey(uri);
        job = remove;
    } else {
        auto *write = new QKeychain::WritePasswordJob(serviceName());
        write->setKey(uri);
        write->setTextData(password);
        job = write;
    }
    job->setAutoDelete(false);
    QObject::connect(job, &QKeychain::Job::finished, job, &QObject::deleteLater); // as read()'s
    job->setInsecureFallback(false); // a password never goes to a plain file
    auto answered = std::make_shared<bool>(false);
    auto finish = [job, asker = QPointer<QObject>(context), answered, done](Status status) {
        if (*answered || !asker)
            return;
        *answered = true;
        QObject::disconnect(job, nullptr, asker, nullptr);
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
