#pragma once

#include "FakeClock.h"
#include "LocalPostgres.h"
#include "registry/ManifestParser.h"
#include "store/Database.h"
#include "store/HistoryStore.h"

#include <QSqlError>
#include <QSqlQuery>
#include <QTemporaryDir>

#include <gtest/gtest.h>

namespace RebuildRadar::Test {

// A fresh history database, with a fake clock for its timestamps: a file in a temporary folder, or a
// new database on the test binary's PostgreSQL server.
struct TempStore
{
    explicit TempStore(Backend backend = Backend::SQLite)
    {
        if (backend == Backend::PostgreSQL) {
            LocalPostgres &server = LocalPostgres::shared();
            if (!server.isRunning()) {
                ADD_FAILURE() << "no PostgreSQL server: " << server.error().toStdString();
                return;
            }
            uri = server.createDatabase();
        }
        auto opened = Database::open(path());
        if (!opened)
            ADD_FAILURE() << opened.error().message.toStdString();
        else
            db = std::move(opened).value();
        store = std::make_unique<HistoryStore>(*db, [this] { return clock.nowMs(); });
    }
    QString path() const { return uri.isEmpty() ? dir.filePath(QStringLiteral("history.sqlite")) : uri; }
    qint64 watch(const QString &reference, int interval = 60)
    {
        auto ref = ImageReference::parse(reference);
        EXPECT_TRUE(ref.ok());
        EXPECT_TRUE(store->addWatches({WatchRequest{*ref, interval, {}, 0}}).ok());
        return (*store->tag(ref->tagReference()))->id;
    }

    QTemporaryDir dir;
    QString uri; // a PostgreSQL database's
    FakeClock clock;
    std::unique_ptr<Database> db;
    std::unique_ptr<HistoryStore> store;
};

// What a check saw of build `build` of a multi-platform image: its index and one image per platform,
// each digest derived from the build's name (the index's is buildIndexDigest, a platform's
// buildPlatformDigest).
inline QString buildIndexDigest(const QByteArray &build)
{
    return sha256Digest("index-" + build);
}
inline QString buildPlatformDigest(const QString &platform, const QByteArray &build)
{
    return sha256Digest(platform.toUtf8() + '-' + build);
}
inline Observation buildSeen(qint64 tagId, qint64 at, const QByteArray &build,
                             const QStringList &platforms = {QStringLiteral("linux/amd64"),
                                                             QStringLiteral("linux/arm64")},
                             bool detailed = true)
{
    TagState s;
    s.digest = buildIndexDigest(build);
    s.mediaType = MediaType::OciIndex;
    s.detailed = detailed;
    for (const QString &p : platforms)
        s.platforms.insert(p, PlatformImage{buildPlatformDigest(p, build), {}});
    return Observation{tagId, at, TagStatus::Ok, {}, s};
}

// Runs the schema's steps up to `version` (at most this code's) on a raw SQLite connection and stamps it
// with `stamp` (default: `version`): a history file as an earlier, or a newer, Rebuild Radar left it.
inline testing::AssertionResult writeSchemaSteps(QSqlQuery &q, int version, int stamp = -1)
{
    for (int step = 1; step <= std::min(version, int(Database::kSchemaVersion)); ++step) {
        for (const QString &sql : Database::migrationStep(step)) {
            if (!q.exec(sql))
                return testing::AssertionFailure()
                       << sql.toStdString() << ": " << q.lastError().text().toStdString();
        }
    }
    if (!q.exec(QStringLiteral("PRAGMA user_version = %1").arg(stamp < 0 ? version : stamp)))
        return testing::AssertionFailure() << "cannot stamp the schema";
    return testing::AssertionSuccess();
}

} // namespace RebuildRadar::Test

namespace RebuildRadar {
// Test names say which backend a parametrised store test ran on.
inline std::string PrintToString(Backend backend)
{
    return backend == Backend::SQLite ? "SQLite" : "PostgreSQL";
}
} // namespace RebuildRadar
