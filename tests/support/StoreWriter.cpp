// A child process for store tests: writes batches of new digests and says after each commit
// "committed N", so a test can kill it at any moment and know what must have survived.
#include "history/RebuildClassifier.h"
#include "registry/ManifestParser.h"
#include "store/Database.h"
#include "store/HistoryStore.h"

#include <QCoreApplication>
#include <QDateTime>

#include <cstdio>

using namespace RebuildRadar;

int main(int argc, char **argv)
{
    QCoreApplication app(argc, argv);
    const QStringList args = app.arguments();
    if (args.size() < 4) {
        std::fprintf(stderr, "usage: store_writer DB PREFIX BATCHES\n");
        return 2;
    }
    auto db = Database::open(args[1]);
    if (!db) {
        std::fprintf(stderr, "%s\n", qPrintable(db.error().message));
        return 1;
    }
    qint64 clock = 1767225600000;
    HistoryStore store(**db, [&clock] { return clock; });
    const QString prefix = args[2];
    const int batches = args[3].toInt();
    constexpr int kTags = 20;
    QList<WatchRequest> requests;
    for (int t = 0; t < kTags; ++t)
        requests.append(WatchRequest{
            ImageReference::parse(QStringLiteral("localhost:1/writer/%1:t%2").arg(prefix).arg(t)).value(),
            60,
            {},
            0});
    if (auto ok = store.addWatches(requests); !ok) {
        std::fprintf(stderr, "%s\n", qPrintable(ok.error().message));
        return 1;
    }
    QList<qint64> ids;
    for (int t = 0; t < kTags; ++t)
        ids.append((*store.tag(QStringLiteral("localhost:1/writer/%1:t%2").arg(prefix).arg(t)))->id);
    for (int b = 0; b < batches; ++b) {
        clock += 60000;
        QList<Observation> batch;
        for (qint64 id : ids) {
            TagState state;
            state.digest = sha256Digest(QStringLiteral("%1-%2-%3").arg(prefix).arg(id).arg(b).toUtf8());
            state.mediaType = MediaType::OciIndex;
            state.detailed = true;
            state.platforms.insert(QStringLiteral("linux/amd64"),
                                   PlatformImage{sha256Digest(state.digest.toUtf8()), {}});
            batch.append(Observation{id, clock, TagStatus::Ok, {}, state});
        }
        auto recorded = store.record(batch, classifyRebuild);
        if (!recorded) {
            std::fprintf(stderr, "%s\n", qPrintable(recorded.error().message));
            return 1;
        }
        std::printf("committed %d\n", b + 1);
        std::fflush(stdout);
    }
    return 0;
}
