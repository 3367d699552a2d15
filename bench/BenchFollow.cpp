// Delivery benchmark (issue 23): how soon the real `rebuildradar-cli follow --json` prints a rebuild
// another program recorded. On a SQLite file and on a throwaway PostgreSQL database, this process
// records N rebuilds of one tag through HistoryStore, one at a time (a random pause of up to two of
// follow's looks at SQLite's data_version between them, so the commits fall anywhere in a look's
// period), and times each from the commit (record() returned) to its line arriving on follow's stdout.
// On PostgreSQL follow listens for the commit's notice instead. Prints a table and a JSON line.
#include "CliRunner.h"
#include "LocalPostgres.h"
#include "cli/FollowCommand.h"
#include "history/RebuildClassifier.h"
#include "registry/ManifestParser.h"
#include "store/Database.h"
#include "store/HistoryStore.h"

#include <QCoreApplication>
#include <QElapsedTimer>
#include <QJsonDocument>
#include <QJsonObject>
#include <QRandomGenerator>
#include <QThread>

#include <algorithm>
#include <cmath>
#include <csignal>
#include <cstdio>

using namespace RebuildRadar;
using namespace RebuildRadar::Test;

namespace {

const QString kReference = QStringLiteral("127.0.0.1:5000/acme/api:1");

TagState build(int n)
{
    TagState s;
    s.digest = sha256Digest(QByteArray("index-") + QByteArray::number(n));
    s.mediaType = MediaType::OciIndex;
    s.detailed = true;
    for (const QString &p : {QStringLiteral("linux/amd64"), QStringLiteral("linux/arm64")})
        s.platforms.insert(p, PlatformImage{sha256Digest(p.toUtf8() + QByteArray::number(n)), {}});
    return s;
}

struct Delivery
{
    QString error;
    QList<double> latencyMs; // commit → line on follow's stdout
    QList<double> recordMs;  // record() itself, commit included
};

double percentile(QList<double> values, double p)
{
    if (values.isEmpty())
        return 0;
    std::sort(values.begin(), values.end());
    // nearest rank
    const auto rank = qsizetype(std::ceil(p / 100 * double(values.size())));
    return values.at(std::clamp<qsizetype>(rank - 1, 0, values.size() - 1));
}

// One line of follow's stdout, waited for up to `timeoutMs`; empty when none came.
QByteArray nextLine(QProcess &follow, QByteArray &buffer, int timeoutMs)
{
    QElapsedTimer waited;
    waited.start();
    while (!buffer.contains('\n')) {
        const qint64 left = timeoutMs - waited.elapsed();
        if (left <= 0 || !follow.waitForReadyRead(int(left)))
            return {};
        buffer += follow.readAllStandardOutput();
    }
    const qsizetype end = buffer.indexOf('\n');
    const QByteArray line = buffer.left(end);
    buffer.remove(0, end + 1);
    return line;
}

Delivery measure(CliRunner &cli, const QString &location, int rebuilds)
{
    Delivery d;
    cli.env().insert(QStringLiteral("REBUILDRADAR_DB"), location);
    const CliRun added = cli.run({QStringLiteral("watch"), QStringLiteral("add"), kReference});
    if (added.exitCode != 0) {
        d.error = QStringLiteral("watch add failed: %1").arg(QString::fromUtf8(added.err));
        return d;
    }
    auto db = Database::open(location);
    if (!db) {
        d.error = db.error().message;
        return d;
    }
    qint64 now = QDateTime::currentMSecsSinceEpoch();
    HistoryStore store(**db, [&now] { return now; });
    auto tag = store.tag(kReference);
    if (!tag || !tag->has_value()) {
        d.error = QStringLiteral("the tag was not added");
        return d;
    }
    const qint64 tagId = (*tag)->id;
    if (auto first = store.record({Observation{tagId, now, TagStatus::Ok, {}, build(0)}}, classifyRebuild);
        !first) {
        d.error = first.error().message;
        return d;
    }

    auto follow = cli.start({QStringLiteral("follow"), QStringLiteral("--json")});
    QByteArray said;
    follow->setReadChannel(QProcess::StandardError); // what waitForReadyRead waits for
    while (!said.contains("following")) {
        if (!follow->waitForReadyRead(20000)) {
            d.error = QStringLiteral("follow did not start: %1").arg(QString::fromUtf8(said));
            return d;
        }
        said += follow->readAllStandardError();
    }
    follow->setReadChannel(QProcess::StandardOutput);
    QElapsedTimer clock;
    clock.start();
    QByteArray buffer;
    for (int n = 1; n <= rebuilds; ++n) {
        QThread::msleep(QRandomGenerator::global()->bounded(2 * FollowCommand::kLookEveryMs));
        now += 60000;
        const TagState next = build(n);
        const qint64 before = clock.nsecsElapsed();
        auto recorded = store.record({Observation{tagId, now, TagStatus::Ok, {}, next}}, classifyRebuild);
        const qint64 committed = clock.nsecsElapsed();
        if (!recorded || recorded->size() != 1) {
            d.error = recorded ? QStringLiteral("no rebuild recorded") : recorded.error().message;
            break;
        }
        const QByteArray line = nextLine(*follow, buffer, 10000);
        const qint64 arrived = clock.nsecsElapsed();
        const QString to = QJsonDocument::fromJson(line).object().value(QStringLiteral("to")).toString();
        if (to != next.digest) {
            d.error = QStringLiteral("rebuild %1: follow printed \"%2\"").arg(n).arg(QString::fromUtf8(line));
            break;
        }
        d.recordMs.append(double(committed - before) / 1e6);
        d.latencyMs.append(double(arrived - committed) / 1e6);
    }
    ::kill(pid_t(follow->processId()), SIGTERM);
    if (!follow->waitForFinished(10000))
        follow->kill();
    return d;
}

} // namespace

int main(int argc, char **argv)
{
    QCoreApplication app(argc, argv);
    const int rebuilds = app.arguments().value(1, QStringLiteral("50")).toInt();

    QList<QPair<QString, Delivery>> runs;
    {
        CliRunner cli;
        runs.append({QStringLiteral("SQLite"), measure(cli, cli.dbPath(), rebuilds)});
    }
    auto &server = LocalPostgres::shared();
    if (server.isRunning()) {
        CliRunner cli;
        runs.append({QStringLiteral("PostgreSQL"), measure(cli, server.createDatabase(), rebuilds)});
        server.stop();
    } else {
        runs.append({QStringLiteral("PostgreSQL"), Delivery{server.error(), {}, {}}});
    }

    std::printf("delivery benchmark: record -> `rebuildradar-cli follow --json`, %d rebuilds one at a time"
                " (on SQLite follow looks every %d ms; on PostgreSQL it listens)\n",
                rebuilds, FollowCommand::kLookEveryMs);
    std::printf("  %-12s %10s %10s %10s %10s %14s\n", "backend", "median", "p95", "max", "min",
                "record() med.");
    QJsonObject line{{QStringLiteral("rebuilds"), rebuilds},
                     {QStringLiteral("sqlite_look_every_ms"), FollowCommand::kLookEveryMs}};
    bool failed = false;
    for (const auto &[name, d] : runs) {
        if (!d.error.isEmpty()) {
            std::fprintf(stderr, "%s: %s\n", qPrintable(name), qPrintable(d.error));
            failed = true;
        }
        std::printf("  %-12s %7.1f ms %7.1f ms %7.1f ms %7.1f ms %11.2f ms   (%lld delivered)\n",
                    qPrintable(name), percentile(d.latencyMs, 50), percentile(d.latencyMs, 95),
                    percentile(d.latencyMs, 100), percentile(d.latencyMs, 0), percentile(d.recordMs, 50),
                    qint64(d.latencyMs.size()));
        line.insert(name.toLower(),
                    QJsonObject{{QStringLiteral("delivered"), d.latencyMs.size()},
                                {QStringLiteral("median_ms"), percentile(d.latencyMs, 50)},
                                {QStringLiteral("p95_ms"), percentile(d.latencyMs, 95)},
                                {QStringLiteral("max_ms"), percentile(d.latencyMs, 100)},
                                {QStringLiteral("record_median_ms"), percentile(d.recordMs, 50)}});
    }
    std::printf("%s\n", QJsonDocument(line).toJson(QJsonDocument::Compact).constData());
    return failed ? 1 : 0;
}
