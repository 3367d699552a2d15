// Store benchmark: a database of N tags with two years of history (hourly polls, a rebuild every few
// days, 4 platforms); file size, a sweep's batch write, a timeline query, the watchlist query, and a
// full CSV export. Prints a table and a JSON line.
#include "export/Exporter.h"
#include "history/RebuildClassifier.h"
#include "registry/ManifestParser.h"
#include "store/Database.h"
#include "store/HistoryStore.h"

#include <QCoreApplication>
#include <QElapsedTimer>
#include <QFile>
#include <QFileInfo>
#include <QJsonDocument>
#include <QJsonObject>
#include <QRandomGenerator>
#include <QSqlQuery>
#include <QTemporaryDir>

#include <cstdio>
#include <sys/resource.h>

using namespace RebuildRadar;

namespace {
double ms(QElapsedTimer &t)
{
    return double(t.nsecsElapsed()) / 1e6;
}
long peakRssKb()
{
    rusage usage{};
    getrusage(RUSAGE_SELF, &usage);
    return usage.ru_maxrss;
}
} // namespace

int main(int argc, char **argv)
{
    QCoreApplication app(argc, argv);
    const int tags = app.arguments().value(1, QStringLiteral("10000")).toInt();
    const int days = app.arguments().value(2, QStringLiteral("730")).toInt();
    // A third argument keeps the database at that path (for bench_desktop); an existing one is reused.
    const QString keep = app.arguments().value(3);
    QTemporaryDir dir;
    const QString path = keep.isEmpty() ? dir.filePath(QStringLiteral("bench.sqlite")) : keep;
    const bool reuse = !keep.isEmpty() && QFile::exists(keep);
    auto db = Database::open(path);
    if (!db) {
        std::fprintf(stderr, "%s\n", qPrintable(db.error().message));
        return 1;
    }
    const qint64 start = QDateTime::currentMSecsSinceEpoch() - qint64(days) * 86400000;
    qint64 now = QDateTime::currentMSecsSinceEpoch();
    HistoryStore store(**db, [&now] { return now; });
    const QStringList platforms{QStringLiteral("linux/amd64"), QStringLiteral("linux/arm64/v8"),
                                QStringLiteral("linux/arm/v7"), QStringLiteral("linux/s390x")};

    // Fill with SQL directly: what hourly polling would have left (spans, not polls).
    QElapsedTimer fill;
    fill.start();
    QSqlQuery q((*db)->sql());
    q.exec(reuse ? QStringLiteral("SELECT 1") : QStringLiteral("BEGIN"));
    QSqlQuery tag((*db)->sql()), span((*db)->sql()), platform((*db)->sql()), rebuild((*db)->sql()),
        current((*db)->sql());
    tag.prepare(QStringLiteral("INSERT INTO tags (id, reference, registry, repository, tag, "
                               "interval_seconds, added_at, status, last_checked)"
                               " VALUES (?, ?, 'ghcr.io', ?, ?, 3600, ?, 'ok', ?)"));
    span.prepare(QStringLiteral("INSERT INTO spans (id, tag_id, digest, media_type, first_seen, last_seen) "
                                "VALUES (?, ?, ?, ?, ?, ?)"));
    platform.prepare(
        QStringLiteral("INSERT INTO span_platforms (span_id, platform, digest) VALUES (?, ?, ?)"));
    rebuild.prepare(
        QStringLiteral("INSERT INTO rebuilds (tag_id, detected_at, from_digest, to_digest, "
                       "platforms_changed, platforms_added,"
                       " platforms_removed, causes) VALUES (?, ?, ?, ?, '[\"linux/amd64\"]', '[]', '[]',"
                       " '[{\"kind\":\"base-image\",\"detail\":\"base image changed\"}]')"));
    current.prepare(QStringLiteral("UPDATE tags SET current_span_id = ? WHERE id = ?"));
    qint64 spanId = 0;
    qint64 spans = 0;
    for (int t = 1; t <= (reuse ? 0 : tags); ++t) {
        const QString repo = QStringLiteral("org%1/app%2").arg(t % 50).arg(t);
        tag.addBindValue(t);
        tag.addBindValue(QStringLiteral("ghcr.io/%1:v1").arg(repo));
        tag.addBindValue(repo);
        tag.addBindValue(QStringLiteral("v1"));
        tag.addBindValue(start);
        tag.addBindValue(now);
        tag.exec();
        qint64 at = start;
        QString previous;
        while (at < now) {
            const qint64 next =
                std::min(now, at + (2 + qint64(QRandomGenerator::global()->bounded(4))) * 86400000);
            const QString digest = sha256Digest(QByteArray::number(t) + '-' + QByteArray::number(at));
            ++spanId;
            ++spans;
            span.addBindValue(spanId);
            span.addBindValue(t);
            span.addBindValue(digest);
            span.addBindValue(MediaType::OciIndex);
            span.addBindValue(at);
            span.addBindValue(next - 3600000);
            span.exec();
            for (const QString &p : platforms) {
                platform.addBindValue(spanId);
                platform.addBindValue(p);
                platform.addBindValue(sha256Digest(digest.toUtf8() + p.toUtf8()));
                platform.exec();
            }
            if (!previous.isEmpty()) {
                rebuild.addBindValue(t);
                rebuild.addBindValue(at);
                rebuild.addBindValue(previous);
                rebuild.addBindValue(digest);
                rebuild.exec();
            }
            previous = digest;
            at = next;
        }
        current.addBindValue(spanId);
        current.addBindValue(t);
        current.exec();
    }
    if (!reuse)
        q.exec(QStringLiteral(
            "UPDATE tags SET rebuild_count = (SELECT COUNT(*) FROM rebuilds r WHERE r.tag_id = tags.id),"
            " silent_count = (SELECT COUNT(*) FROM rebuilds r WHERE r.tag_id = tags.id),"
            " last_rebuild_at = (SELECT MAX(r.detected_at) FROM rebuilds r WHERE r.tag_id = tags.id),"
            " current_digest = (SELECT s.digest FROM spans s WHERE s.id = tags.current_span_id),"
            " current_media_type = (SELECT s.media_type FROM spans s WHERE s.id = tags.current_span_id),"
            " current_platforms = (SELECT GROUP_CONCAT(p.platform, ',') FROM span_platforms p"
            "  WHERE p.span_id = tags.current_span_id)"));
    if (reuse) {
        q.exec(QStringLiteral("SELECT COUNT(*) FROM spans"));
        spans = q.next() ? q.value(0).toLongLong() : 0;
    } else {
        q.exec(QStringLiteral("COMMIT"));
    }
    q.exec(QStringLiteral("PRAGMA wal_checkpoint(TRUNCATE)"));
    const double fillMs = ms(fill);
    const qint64 size = QFileInfo(path).size();

    // A sweep's batch: every tag checked, nothing changed (spans extended).
    QList<Observation> batch;
    for (int t = 1; t <= tags; ++t)
        batch.append(Observation{t, now, TagStatus::Ok, {}, std::nullopt});
    // Unchanged digests: resolve what each tag has now, as the poller would have it.
    QSqlQuery digests((*db)->sql());
    digests.exec(
        QStringLiteral("SELECT t.id, s.digest FROM tags t JOIN spans s ON s.id = t.current_span_id"));
    QHash<qint64, QString> currentDigest;
    while (digests.next())
        currentDigest.insert(digests.value(0).toLongLong(), digests.value(1).toString());
    // Statements still open would keep the store's transaction from committing.
    for (QSqlQuery *open : {&digests, &q, &tag, &span, &platform, &rebuild, &current})
        open->finish();
    for (Observation &o : batch) {
        TagState s;
        s.digest = currentDigest.value(o.tagId);
        o.state = s;
    }
    now += 3600000;
    for (Observation &o : batch)
        o.checkedAt = now;
    QElapsedTimer write;
    write.start();
    auto recorded = store.record(batch, classifyRebuild);
    const double writeMs = ms(write);
    if (!recorded) {
        std::fprintf(stderr, "%s\n", qPrintable(recorded.error().message));
        return 1;
    }

    QElapsedTimer timeline;
    timeline.start();
    constexpr int kTimelineQueries = 100;
    for (int i = 0; i < kTimelineQueries; ++i)
        (void)store.history(1 + QRandomGenerator::global()->bounded(tags));
    const double timelineMs = ms(timeline) / kTimelineQueries;

    QElapsedTimer watchlist;
    watchlist.start();
    const auto list = store.watchlist(false, now - 90LL * 86400000);
    const double watchlistMs = ms(watchlist);

    QElapsedTimer exportTimer;
    exportTimer.start();
    QFile sink(QStringLiteral("/dev/null"));
    sink.open(QIODevice::WriteOnly);
    const Status exported = Exporter::write(store, ExportOptions{ExportFormat::Csv, {}, {}}, sink, now);
    const double exportMs = ms(exportTimer);

    std::printf("store benchmark: %d tags, %d days, %lld spans (%lld platform rows)\n", tags, days, spans,
                spans * 4);
    std::printf("  %-36s %10.1f MB\n", "database file", double(size) / 1e6);
    std::printf("  %-36s %10.1f ms   (target <= 200 ms)\n", "batch write of a sweep's results", writeMs);
    std::printf("  %-36s %10.2f ms   (target <= 5 ms)\n", "timeline query (one tag)", timelineMs);
    std::printf("  %-36s %10.1f ms   (%lld rows)\n", "watchlist query", watchlistMs,
                qint64(list ? list->size() : 0));
    std::printf("  %-36s %10.1f ms   %s\n", "full CSV export", exportMs, exported ? "" : "FAILED");
    std::printf("  %-36s %10.1f MB\n", "peak resident memory", double(peakRssKb()) / 1024);
    std::printf("  %-36s %10.1f s\n", "(filling the database)", fillMs / 1000);
    std::printf("%s\n", QJsonDocument(QJsonObject{{QStringLiteral("tags"), tags},
                                                  {QStringLiteral("spans"), spans},
                                                  {QStringLiteral("file_bytes"), size},
                                                  {QStringLiteral("batch_write_ms"), writeMs},
                                                  {QStringLiteral("timeline_query_ms"), timelineMs},
                                                  {QStringLiteral("watchlist_query_ms"), watchlistMs},
                                                  {QStringLiteral("csv_export_ms"), exportMs},
                                                  {QStringLiteral("peak_rss_kb"), qint64(peakRssKb())}})
                            .toJson(QJsonDocument::Compact)
                            .constData());
    return 0;
}
