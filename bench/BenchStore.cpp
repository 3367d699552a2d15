// Store benchmark: a database of N tags with D days of history (hourly polls, a rebuild every few days,
// 4 platforms); its size, a sweep's batch write and the store's sweep throughput (unchanged tags, and
// 10% of them rebuilt), a timeline query, the watchlist query, and a full CSV export. On a SQLite file
// by default; with --postgres the same on a PostgreSQL database too (a throwaway server like the tests',
// or the URI given), side by side. Prints a table and a JSON line.
#include "LocalPostgres.h"
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
#include <QSqlError>
#include <QSqlQuery>
#include <QTemporaryDir>

#include <algorithm>
#include <cstdio>
#include <sys/resource.h>

using namespace RebuildRadar;

namespace {

constexpr int kRepeats = 3; // each sweep is timed this often; the median is reported
const QStringList kPlatforms{QStringLiteral("linux/amd64"), QStringLiteral("linux/arm64/v8"),
                             QStringLiteral("linux/arm/v7"), QStringLiteral("linux/s390x")};

double ms(QElapsedTimer &t)
{
    return double(t.nsecsElapsed()) / 1e6;
}
double median(QList<double> values)
{
    std::sort(values.begin(), values.end());
    return values.isEmpty() ? 0 : values.at(values.size() / 2);
}
long peakRssKb()
{
    rusage usage{};
    getrusage(RUSAGE_SELF, &usage);
    return usage.ru_maxrss;
}

// Rows gathered into multi-row INSERTs: one statement per few hundred rows, so filling a PostgreSQL
// database is not one round trip per row. The values are made here (digests, fixed names), never input.
class BulkInsert
{
public:
    // `parent`: the rows these refer to, written first (foreign keys are checked at once).
    BulkInsert(QSqlDatabase &db, QString head, BulkInsert *parent = nullptr)
        : m_db(db)
        , m_head(std::move(head))
        , m_parent(parent)
    {}
    void add(const QString &row)
    {
        m_rows += (m_count == 0 ? QStringLiteral("(") : QStringLiteral(",(")) + row + u')';
        if (++m_count == 400)
            flush();
    }
    void flush()
    {
        if (m_count == 0)
            return;
        if (m_parent)
            m_parent->flush();
        QSqlQuery q(m_db);
        if (!q.exec(m_head + QStringLiteral(" VALUES ") + m_rows) && m_error.isEmpty())
            m_error = q.lastError().text();
        m_rows.clear();
        m_count = 0;
    }
    const QString &error() const { return m_error; }

private:
    QSqlDatabase &m_db;
    QString m_head;
    BulkInsert *m_parent;
    QString m_rows;
    int m_count = 0;
    QString m_error;
};

QString quoted(const QString &text)
{
    return u'\'' + text + u'\'';
}

struct Measures
{
    QString error;
    int tags = 0;
    qint64 spans = 0;
    qint64 bytes = 0;
    double fillS = 0;
    double unchangedMs = 0; // one sweep's batch, nothing changed (median)
    double changedMs = 0;   // one sweep's batch, 10% rebuilt (median)
    int rebuildsPerChangedSweep = 0;
    double roundTripUs = 0; // one prepared statement, executed and read
    double timelineMs = 0;
    double watchlistMs = 0;
    double watchlistAgainMs = 0;
    qint64 watchlistRows = 0;
    double exportMs = 0;
    bool exported = false;
};

// On stderr, as it goes: a long fill is not a hang.
void progress(const Database &db, const QString &what)
{
    std::fprintf(stderr, "  %s: %s\n", db.backend() == Backend::PostgreSQL ? "PostgreSQL" : "SQLite",
                 qPrintable(what));
}

// What hourly polling would have left (spans, not polls), written with SQL directly.
QString fill(Database &db, int tags, int days, qint64 now)
{
    const qint64 start = now - qint64(days) * 86400000;
    QSqlDatabase &sql = db.sql();
    sql.transaction();
    BulkInsert tag(sql, QStringLiteral("INSERT INTO tags (id, reference, registry, repository, tag, "
                                       "interval_seconds, added_at, status, last_checked)"));
    BulkInsert span(sql,
                    QStringLiteral("INSERT INTO spans (id, tag_id, digest, media_type, first_seen, "
                                   "last_seen)"),
                    &tag);
    BulkInsert platform(sql, QStringLiteral("INSERT INTO span_platforms (span_id, platform, digest)"), &span);
    BulkInsert rebuild(sql,
                       QStringLiteral("INSERT INTO rebuilds (tag_id, detected_at, from_digest, "
                                      "to_digest, platforms_changed, platforms_added,"
                                      " platforms_removed, causes)"),
                       &tag);
    const QString rebuildTail = QStringLiteral(
        ",'[\"linux/amd64\"]','[]','[]','[{\"kind\":\"base-image\",\"detail\":\"base image changed\"}]'");
    qint64 spanId = 0;
    for (int t = 1; t <= tags; ++t) {
        const QString repo = QStringLiteral("org%1/app%2").arg(t % 50).arg(t);
        tag.add(QStringLiteral("%1,'ghcr.io/%2:v1','ghcr.io','%2','v1',3600,%3,'ok',%4")
                    .arg(t)
                    .arg(repo)
                    .arg(start)
                    .arg(now));
        qint64 at = start;
        QString previous;
        while (at < now) {
            const qint64 next =
                std::min(now, at + (2 + qint64(QRandomGenerator::global()->bounded(4))) * 86400000);
            const QString digest = sha256Digest(QByteArray::number(t) + '-' + QByteArray::number(at));
            ++spanId;
            span.add(QStringLiteral("%1,%2,%3,%4,%5,%6")
                         .arg(spanId)
                         .arg(t)
                         .arg(quoted(digest), quoted(MediaType::OciIndex))
                         .arg(at)
                         .arg(next - 3600000));
            for (const QString &p : kPlatforms)
                platform.add(QStringLiteral("%1,%2,%3")
                                 .arg(spanId)
                                 .arg(quoted(p), quoted(sha256Digest(digest.toUtf8() + p.toUtf8()))));
            if (!previous.isEmpty())
                rebuild.add(
                    QStringLiteral("%1,%2,%3,%4").arg(t).arg(at).arg(quoted(previous), quoted(digest)) +
                    rebuildTail);
            previous = digest;
            at = next;
        }
    }
    for (BulkInsert *each : {&tag, &span, &platform, &rebuild}) {
        each->flush();
        if (!each->error().isEmpty()) {
            sql.rollback();
            return each->error();
        }
    }
    progress(db, QStringLiteral("rows inserted"));
    const bool postgres = db.backend() == Backend::PostgreSQL;
    QSqlQuery q(sql);
    QStringList summary;
    if (postgres) // without statistics the planner reads all spans for each tag's subqueries below
        summary << QStringLiteral("ANALYZE");
    summary << QStringList{
        // a tag's spans are numbered in time order: its newest is its current one
        QStringLiteral(
            "UPDATE tags SET current_span_id = (SELECT MAX(s.id) FROM spans s WHERE s.tag_id = tags.id)"),
        QStringLiteral(
            "UPDATE tags SET rebuild_count = (SELECT COUNT(*) FROM rebuilds r WHERE r.tag_id = tags.id),"
            " silent_count = (SELECT COUNT(*) FROM rebuilds r WHERE r.tag_id = tags.id),"
            " last_rebuild_at = (SELECT MAX(r.detected_at) FROM rebuilds r WHERE r.tag_id = tags.id),"
            " current_digest = (SELECT s.digest FROM spans s WHERE s.id = tags.current_span_id),"
            " current_seen = (SELECT s.last_seen FROM spans s WHERE s.id = tags.current_span_id),"
            " current_media_type = (SELECT s.media_type FROM spans s WHERE s.id = tags.current_span_id),"
            " current_platforms = (SELECT %1(p.platform, ',') FROM span_platforms p"
            "  WHERE p.span_id = tags.current_span_id)")
            .arg(postgres ? QStringLiteral("string_agg") : QStringLiteral("GROUP_CONCAT")),
    };
    if (postgres) // the ids given above leave the identity sequences behind
        summary << QStringLiteral("SELECT setval(pg_get_serial_sequence('tags', 'id'), %1)").arg(tags)
                << QStringLiteral("SELECT setval(pg_get_serial_sequence('spans', 'id'), %1)").arg(spanId);
    for (const QString &statement : summary) {
        if (!q.exec(statement)) {
            const QString error = q.lastError().text();
            q.finish();
            sql.rollback();
            return error;
        }
    }
    q.finish();
    if (!sql.commit())
        return sql.lastError().text();
    // As a server that has run a while would have them (autovacuum would gather these within a minute).
    q.exec(postgres ? QStringLiteral("ANALYZE") : QStringLiteral("PRAGMA wal_checkpoint(TRUNCATE)"));
    q.finish();
    return {};
}

qint64 scalar(Database &db, const QString &statement)
{
    QSqlQuery q(db.sql());
    const qint64 value = q.exec(statement) && q.next() ? q.value(0).toLongLong() : 0;
    q.finish(); // a statement still open would keep the store's transaction from committing
    return value;
}

TagState rebuilt(qint64 tagId, qint64 at)
{
    TagState s;
    s.digest = sha256Digest(QByteArray::number(tagId) + "-rebuilt-" + QByteArray::number(at));
    s.mediaType = MediaType::OciIndex;
    s.detailed = true;
    for (const QString &p : kPlatforms)
        s.platforms.insert(p, PlatformImage{sha256Digest(s.digest.toUtf8() + p.toUtf8()), {}});
    return s;
}

Measures measure(const QString &location, int tags, int days)
{
    Measures m;
    auto db = Database::open(location);
    if (!db) {
        m.error = db.error().message;
        return m;
    }
    const bool postgres = (*db)->backend() == Backend::PostgreSQL;
    qint64 now = QDateTime::currentMSecsSinceEpoch();
    HistoryStore store(**db, [&now] { return now; });

    // A database kept from an earlier run (bench_desktop's) is reused, not refilled.
    const qint64 stored = scalar(**db, QStringLiteral("SELECT COUNT(*) FROM tags"));
    QElapsedTimer filling;
    filling.start();
    if (stored == 0) {
        m.error = fill(**db, tags, days, now);
        if (!m.error.isEmpty())
            return m;
    }
    m.fillS = ms(filling) / 1000;
    progress(**db, QStringLiteral("filled in %1 s").arg(m.fillS, 0, 'f', 1));
    // A reused database's sightings may be later than now (an earlier run's sweeps are an hour apart):
    // this run's sweeps come after them, or the store would rightly ignore them as outdated.
    now = std::max(now, scalar(**db, QStringLiteral("SELECT MAX(last_checked) FROM tags")));
    m.tags = int(scalar(**db, QStringLiteral("SELECT COUNT(*) FROM tags")));
    m.spans = scalar(**db, QStringLiteral("SELECT COUNT(*) FROM spans"));
    m.bytes = postgres ? scalar(**db, QStringLiteral("SELECT pg_database_size(current_database())"))
                       : QFileInfo(location).size();

    // Unchanged digests: what each tag has now, as the poller would have it.
    QHash<qint64, QString> currentDigest;
    {
        QSqlQuery digests((*db)->sql());
        digests.exec(QStringLiteral("SELECT id, current_digest FROM tags"));
        while (digests.next())
            currentDigest.insert(digests.value(0).toLongLong(), digests.value(1).toString());
        digests.finish();
    }
    // A sweep's results, recorded in one batch as the poller does at a sweep's end; every tag checked
    // an hour after the last sweep. `changedShare` of them (every tenth, a different tenth each time)
    // has a new digest on all four platforms: a span, its platforms and a classified rebuild each.
    auto sweep = [&](int round, bool withChanges, double &elapsedMs) -> QString {
        now += 3600000;
        QList<Observation> batch;
        batch.reserve(currentDigest.size());
        for (auto it = currentDigest.begin(); it != currentDigest.end(); ++it) {
            TagState s;
            if (withChanges && it.key() % 10 == round) {
                s = rebuilt(it.key(), now);
                *it = s.digest;
            } else {
                s.digest = *it;
            }
            batch.append(Observation{it.key(), now, TagStatus::Ok, {}, s});
        }
        QElapsedTimer write;
        write.start();
        auto recorded = store.record(batch, classifyRebuild);
        elapsedMs = ms(write);
        if (!recorded)
            return recorded.error().message;
        if (withChanges)
            m.rebuildsPerChangedSweep = int(recorded->size());
        return {};
    };
    QList<double> unchanged, changed;
    for (int round = 0; round < kRepeats; ++round) {
        double elapsed = 0;
        if (m.error = sweep(round, false, elapsed); !m.error.isEmpty())
            return m;
        unchanged.append(elapsed);
    }
    for (int round = 0; round < kRepeats; ++round) {
        double elapsed = 0;
        if (m.error = sweep(round, true, elapsed); !m.error.isEmpty())
            return m;
        changed.append(elapsed);
    }
    m.unchangedMs = median(unchanged);
    progress(**db, QStringLiteral("sweeps recorded"));
    m.changedMs = median(changed);

    // The floor under a write that costs one statement per tag: a prepared statement's round trip.
    {
        QSqlQuery echo((*db)->sql());
        echo.prepare(QStringLiteral("SELECT ?"));
        constexpr int kEchoes = 2000;
        QElapsedTimer echoes;
        echoes.start();
        for (int i = 0; i < kEchoes; ++i) {
            echo.addBindValue(i);
            echo.exec();
            echo.next();
        }
        m.roundTripUs = ms(echoes) * 1000 / kEchoes;
        echo.finish();
    }

    QElapsedTimer timeline;
    timeline.start();
    constexpr int kTimelineQueries = 100;
    for (int i = 0; i < kTimelineQueries; ++i)
        (void)store.history(1 + QRandomGenerator::global()->bounded(m.tags));
    m.timelineMs = ms(timeline) / kTimelineQueries;

    QElapsedTimer watchlist;
    watchlist.start();
    const auto list = store.watchlist(false, now - 90LL * 86400000);
    m.watchlistMs = ms(watchlist);
    m.watchlistRows = list ? list->size() : 0;
    watchlist.start(); // again, as the app asks when rows change: what the first one worked out is kept
    (void)store.watchlist(false, now - 90LL * 86400000);
    m.watchlistAgainMs = ms(watchlist);

    QElapsedTimer exportTimer;
    exportTimer.start();
    QFile sink(QStringLiteral("/dev/null"));
    sink.open(QIODevice::WriteOnly);
    m.exported = Exporter::write(store, ExportOptions{ExportFormat::Csv, {}, {}}, sink, now).ok();
    m.exportMs = ms(exportTimer);
    progress(**db, QStringLiteral("exported in %1 s").arg(m.exportMs / 1000, 0, 'f', 1));
    return m;
}

QJsonObject json(const Measures &m)
{
    return QJsonObject{{QStringLiteral("tags"), m.tags},
                       {QStringLiteral("spans"), m.spans},
                       {QStringLiteral("database_bytes"), m.bytes},
                       {QStringLiteral("batch_write_ms"), m.unchangedMs},
                       {QStringLiteral("write_us_per_tag"), m.unchangedMs * 1000 / std::max(1, m.tags)},
                       {QStringLiteral("sweep_unchanged_tags_per_s"), m.tags / (m.unchangedMs / 1000)},
                       {QStringLiteral("sweep_10pct_changed_ms"), m.changedMs},
                       {QStringLiteral("sweep_10pct_changed_tags_per_s"), m.tags / (m.changedMs / 1000)},
                       {QStringLiteral("statement_round_trip_us"), m.roundTripUs},
                       {QStringLiteral("timeline_query_ms"), m.timelineMs},
                       {QStringLiteral("watchlist_query_ms"), m.watchlistMs},
                       {QStringLiteral("watchlist_query_again_ms"), m.watchlistAgainMs},
                       {QStringLiteral("csv_export_ms"), m.exportMs}};
}

} // namespace

int main(int argc, char **argv)
{
    QCoreApplication app(argc, argv);
    QStringList args = app.arguments().mid(1);
    // --postgres: also on a throwaway PostgreSQL server; --postgres=URI: also on that (empty) database.
    std::optional<QString> postgres;
    for (auto it = args.begin(); it != args.end();) {
        if (it->startsWith(QStringLiteral("--postgres"))) {
            postgres = it->section(u'=', 1);
            it = args.erase(it);
        } else {
            ++it;
        }
    }
    const int tags = args.value(0, QStringLiteral("10000")).toInt();
    const int days = args.value(1, QStringLiteral("730")).toInt();
    // A third argument keeps the SQLite database at that path (for bench_desktop); an existing one is
    // reused.
    const QString keep = args.value(2);
    QTemporaryDir dir;
    const QString path = keep.isEmpty() ? dir.filePath(QStringLiteral("bench.sqlite")) : keep;

    QList<QPair<QString, Measures>> runs;
    runs.append({QStringLiteral("SQLite"), measure(path, tags, days)});
    if (postgres) {
        QString uri = *postgres;
        if (uri.isEmpty()) {
            auto &server = Test::LocalPostgres::shared();
            if (!server.isRunning()) {
                std::fprintf(stderr, "PostgreSQL: %s\n", qPrintable(server.error()));
                return 1;
            }
            uri = server.createDatabase();
        }
        runs.append({QStringLiteral("PostgreSQL"), measure(uri, tags, days)});
        if (postgres->isEmpty())
            Test::LocalPostgres::shared().stop();
    }
    for (const auto &[name, m] : runs) {
        if (!m.error.isEmpty()) {
            std::fprintf(stderr, "%s: %s\n", qPrintable(name), qPrintable(m.error));
            return 1;
        }
    }

    const Measures &first = runs.first().second;
    std::printf("store benchmark: %d tags, %d days, %lld spans (%lld platform rows)\n", first.tags, days,
                first.spans, first.spans * 4);
    std::printf("  %-44s", "");
    for (const auto &[name, m] : runs)
        std::printf(" %14s", qPrintable(name));
    std::printf("\n");
    auto row = [&](const char *label, const char *format, auto value, const char *note = "") {
        std::printf("  %-44s", label);
        for (const auto &run : runs)
            std::printf(format, value(run.second));
        std::printf("   %s\n", note);
    };
    row("database size (MB)", " %14.1f", [](const Measures &m) { return double(m.bytes) / 1e6; });
    row(
        "batch write of a sweep, unchanged (ms)", " %14.1f", [](const Measures &m) { return m.unchangedMs; },
        "(median of 3; target <= 200 ms)");
    row("  per tag (us)", " %14.1f",
        [](const Measures &m) { return m.unchangedMs * 1000 / std::max(1, m.tags); });
    row("  sweep throughput (tags/s)", " %14.0f",
        [](const Measures &m) { return m.tags / (m.unchangedMs / 1000); });
    row(
        "batch write of a sweep, 10% rebuilt (ms)", " %14.1f", [](const Measures &m) { return m.changedMs; },
        "(median of 3)");
    row("  rebuilds recorded per sweep", " %14d",
        [](const Measures &m) { return m.rebuildsPerChangedSweep; });
    row("  sweep throughput (tags/s)", " %14.0f",
        [](const Measures &m) { return m.tags / (m.changedMs / 1000); });
    row(
        "statement round trip, SELECT ? (us)", " %14.1f", [](const Measures &m) { return m.roundTripUs; },
        "(mean of 2,000)");
    row(
        "timeline query, one tag (ms)", " %14.2f", [](const Measures &m) { return m.timelineMs; },
        "(mean of 100; target <= 5 ms)");
    row("watchlist query (ms)", " %14.1f", [](const Measures &m) { return m.watchlistMs; });
    row("  the same again (ms)", " %14.1f", [](const Measures &m) { return m.watchlistAgainMs; });
    row(
        "full CSV export (ms)", " %14.0f", [](const Measures &m) { return m.exported ? m.exportMs : -1.0; },
        "(-1: failed)");
    row("(filling the database, s)", " %14.1f", [](const Measures &m) { return m.fillS; });
    std::printf("  %-44s %14.1f   (this process, all runs)\n", "peak resident memory (MB)",
                double(peakRssKb()) / 1024);

    QJsonObject line{{QStringLiteral("tags"), first.tags},
                     {QStringLiteral("days"), days},
                     {QStringLiteral("peak_rss_kb"), qint64(peakRssKb())}};
    for (const auto &[name, m] : runs)
        line.insert(name.toLower(), json(m));
    std::printf("%s\n", QJsonDocument(line).toJson(QJsonDocument::Compact).constData());
    return 0;
}
