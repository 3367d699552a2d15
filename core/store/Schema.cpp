// The schema's steps, one set for both backends, and every difference between SQLite and PostgreSQL
// that the schema and its bookkeeping have: the steps are written in SQLite's words and said again in
// PostgreSQL's here (identity keys, 64-bit integers, triggers as functions, the change notifications
// that stand in for SQLite's data_version), so no other file of the store knows a dialect's DDL.

#include "store/Database.h"

#include <QRegularExpression>

namespace RebuildRadar {

namespace {

QStringList sqliteStep(int toVersion)
{
    switch (toVersion) {
    case 1:
        return {
            QStringLiteral("CREATE TABLE tags ("
                           " id INTEGER PRIMARY KEY,"
                           " reference TEXT NOT NULL UNIQUE,"
                           " registry TEXT NOT NULL,"
                           " repository TEXT NOT NULL,"
                           " tag TEXT NOT NULL,"
                           " watched INTEGER NOT NULL DEFAULT 1,"
                           " interval_seconds INTEGER NOT NULL,"
                           " pinned_digest TEXT,"
                           " status TEXT NOT NULL DEFAULT 'pending',"
                           " last_error TEXT,"
                           " last_checked BIGINT,"
                           " current_span_id BIGINT,"
                           " added_at BIGINT NOT NULL)"),
            QStringLiteral("CREATE INDEX tags_repository ON tags(registry, repository)"),
            QStringLiteral("CREATE TABLE spans ("
                           " id INTEGER PRIMARY KEY,"
                           " tag_id BIGINT NOT NULL REFERENCES tags(id) ON DELETE CASCADE,"
                           " digest TEXT NOT NULL,"
                           " media_type TEXT,"
                           " first_seen BIGINT NOT NULL,"
                           " last_seen BIGINT NOT NULL,"
                           " built_at BIGINT,"
                           " annotations TEXT,"
                           " source TEXT NOT NULL DEFAULT 'poll')"),
            QStringLiteral("CREATE INDEX spans_tag_time ON spans(tag_id, first_seen)"),
            QStringLiteral("CREATE INDEX spans_digest ON spans(digest)"),
            QStringLiteral("CREATE TABLE span_platforms ("
                           " span_id BIGINT NOT NULL REFERENCES spans(id) ON DELETE CASCADE,"
                           " platform TEXT NOT NULL,"
                           " digest TEXT NOT NULL,"
                           " annotations TEXT,"
                           " PRIMARY KEY (span_id, platform))"),
            QStringLiteral("CREATE TABLE rebuilds ("
                           " id INTEGER PRIMARY KEY,"
                           " tag_id BIGINT NOT NULL REFERENCES tags(id) ON DELETE CASCADE,"
                           " detected_at BIGINT NOT NULL,"
                           " from_digest TEXT NOT NULL,"
                           " to_digest TEXT NOT NULL,"
                           " platforms_changed TEXT NOT NULL,"
                           " platforms_added TEXT NOT NULL,"
                           " platforms_removed TEXT NOT NULL,"
                           " causes TEXT NOT NULL)"),
            QStringLiteral("CREATE INDEX rebuilds_tag_time ON rebuilds(tag_id, detected_at)"),
        };
    case 2:
        // Per-tag platforms of interest, muting and acknowledgement, tag families.
        return {
            QStringLiteral("ALTER TABLE tags ADD COLUMN platforms TEXT"),
            QStringLiteral("ALTER TABLE tags ADD COLUMN muted INTEGER NOT NULL DEFAULT 0"),
            QStringLiteral("ALTER TABLE tags ADD COLUMN family_id BIGINT"),
            QStringLiteral("ALTER TABLE rebuilds ADD COLUMN acknowledged INTEGER NOT NULL DEFAULT 0"),
            QStringLiteral("CREATE TABLE families ("
                           " id INTEGER PRIMARY KEY,"
                           " registry TEXT NOT NULL,"
                           " repository TEXT NOT NULL,"
                           " pattern TEXT NOT NULL,"
                           " interval_seconds INTEGER NOT NULL,"
                           " last_listed BIGINT,"
                           " UNIQUE (registry, repository, pattern))"),
        };
    case 3:
        // A sweep of unchanged tags writes only the compact tags table: the current span's last
        // sighting lives on its tag and is copied into the span when the span ends.
        return {
            QStringLiteral("ALTER TABLE tags ADD COLUMN current_seen BIGINT"),
            QStringLiteral("UPDATE tags SET current_seen ="
                           " (SELECT s.last_seen FROM spans s WHERE s.id = tags.current_span_id)"),
        };
    case 4:
        // When upstream pushed a digest, where the registry says (Docker Hub's tag API, tag histories).
        return {
            QStringLiteral("ALTER TABLE spans ADD COLUMN pushed_at BIGINT"),
            QStringLiteral("ALTER TABLE span_platforms ADD COLUMN pushed_at BIGINT"),
        };
    case 5:
        // The watchlist's counts from an index alone: each rebuild says whether it is a version move,
        // and each tag keeps its total.
        return {
            QStringLiteral("ALTER TABLE rebuilds ADD COLUMN version_move INTEGER NOT NULL DEFAULT 0"),
            QStringLiteral("UPDATE rebuilds SET version_move = 1 WHERE causes LIKE '%\"kind\":\"version\"%'"),
            QStringLiteral("DROP INDEX rebuilds_tag_time"),
            QStringLiteral("CREATE INDEX rebuilds_tag_time ON rebuilds(tag_id, detected_at, version_move)"),
            QStringLiteral("ALTER TABLE tags ADD COLUMN rebuild_count INTEGER NOT NULL DEFAULT 0"),
            QStringLiteral(
                "UPDATE tags SET rebuild_count = (SELECT COUNT(*) FROM rebuilds r WHERE r.tag_id = tags.id)"),
        };
    case 6:
        // The watchlist from the tags table alone: what the current span holds and the last rebuild live
        // on the tag row (reading them per tag was seconds on a cold cache), and the counts of a period
        // come from one range of a time index.
        return {
            QStringLiteral("ALTER TABLE tags ADD COLUMN current_digest TEXT"),
            QStringLiteral("ALTER TABLE tags ADD COLUMN current_media_type TEXT"),
            QStringLiteral("ALTER TABLE tags ADD COLUMN current_platforms TEXT"),
            QStringLiteral("ALTER TABLE tags ADD COLUMN last_rebuild_at BIGINT"),
            QStringLiteral("ALTER TABLE tags ADD COLUMN silent_count INTEGER NOT NULL DEFAULT 0"),
            QStringLiteral(
                "UPDATE tags SET"
                " current_digest = (SELECT s.digest FROM spans s WHERE s.id = tags.current_span_id),"
                " current_media_type = (SELECT s.media_type FROM spans s WHERE s.id = tags.current_span_id),"
                " current_platforms = (SELECT GROUP_CONCAT(p.platform, ',') FROM span_platforms p"
                "  WHERE p.span_id = tags.current_span_id),"
                " last_rebuild_at = (SELECT MAX(r.detected_at) FROM rebuilds r WHERE r.tag_id = tags.id),"
                " silent_count = (SELECT COUNT(*) FROM rebuilds r WHERE r.tag_id = tags.id"
                "  AND r.version_move = 0)"),
            QStringLiteral("CREATE INDEX rebuilds_time ON rebuilds(detected_at, tag_id, version_move)"),
        };
    case 7:
        // Several programs share one history. Each one that announces (the desktop, the daemon's
        // channels) keeps a cursor over the rebuilds it has turned into notices, and its notices wait in
        // an outbox until delivered, so a rebuild recorded by anyone is announced by each consumer once,
        // and a notice in hand when a program is killed is delivered after it restarts. The watchlist's
        // generation moves with every change of what is watched, so the others reload only then.
        return {
            QStringLiteral("CREATE TABLE outbox_cursors (consumer TEXT PRIMARY KEY,"
                           " last_rebuild_id INTEGER NOT NULL)"),
            QStringLiteral("CREATE TABLE notices ("
                           " id INTEGER PRIMARY KEY,"
                           " consumer TEXT NOT NULL,"
                           " tag_id INTEGER NOT NULL REFERENCES tags(id),"
                           " rebuild_id INTEGER NOT NULL REFERENCES rebuilds(id),"
                           " kind TEXT NOT NULL,"
                           " created_at BIGINT NOT NULL,"
                           " delivered_at BIGINT,"
                           " attempts INTEGER NOT NULL DEFAULT 0,"
                           " last_error TEXT)"),
            QStringLiteral("CREATE INDEX notices_pending ON notices(consumer, delivered_at, id)"),
            QStringLiteral("CREATE TABLE watchlist_generation (id INTEGER PRIMARY KEY CHECK (id = 1),"
                           " generation INTEGER NOT NULL)"),
            QStringLiteral("INSERT INTO watchlist_generation (id, generation) VALUES (1, 0)"),
            QStringLiteral("CREATE TRIGGER watchlist_added AFTER INSERT ON tags BEGIN"
                           " UPDATE watchlist_generation SET generation = generation + 1; END"),
            QStringLiteral("CREATE TRIGGER watchlist_changed AFTER UPDATE OF watched, interval_seconds,"
                           " platforms, muted, family_id, pinned_digest ON tags BEGIN"
                           " UPDATE watchlist_generation SET generation = generation + 1; END"),
            QStringLiteral("CREATE TRIGGER watchlist_removed AFTER DELETE ON tags BEGIN"
                           " UPDATE watchlist_generation SET generation = generation + 1; END"),
        };
    case 8:
        // What changed inside each rebuild, per platform (issue 21): the analysis once done, or why it
        // could not be done. A row is also a claim: the program analysing it marks it first, so two
        // programs on one history analyse each rebuild once, and a claim left by a dead one expires.
        return {
            QStringLiteral("CREATE TABLE rebuild_packages ("
                           " rebuild_id INTEGER NOT NULL REFERENCES rebuilds(id),"
                           " platform TEXT NOT NULL,"
                           " state TEXT NOT NULL,"
                           " record TEXT,"
                           " reason TEXT,"
                           " attempts INTEGER NOT NULL DEFAULT 0,"
                           " updated_at BIGINT NOT NULL,"
                           " PRIMARY KEY (rebuild_id, platform))"),
        };
    case 9:
        // Notification channels (webhooks, chat, e-mail): what each one is, with its URL masked (the
        // URL itself, a secret, lives in the keychain or a 0600 file) and its filters. Each channel is
        // an outbox consumer ("channel:NAME"). One program at a time delivers a channel: it holds the
        // lease, renewed while it runs, so the desktop and the daemon never send the same notice twice.
        return {
            QStringLiteral("CREATE TABLE channels ("
                           " name TEXT PRIMARY KEY,"
                           " kind TEXT NOT NULL,"
                           " masked_url TEXT NOT NULL,"
                           " tags_pattern TEXT,"
                           " platforms TEXT,"
                           " events TEXT NOT NULL,"
                           " batch_seconds INTEGER NOT NULL DEFAULT 0,"
                           " insecure INTEGER NOT NULL DEFAULT 0,"
                           " secret_store TEXT NOT NULL,"
                           " created_at BIGINT NOT NULL,"
                           " lease_owner TEXT,"
                           " lease_until BIGINT)"),
        };
    case 10:
        // The watchlist's build number and unacknowledged rebuilds per tag, kept on the tag row (as its
        // totals are) so a watchlist of thousands reads no span or rebuild. -1: to be worked out again
        // (a write that changes either marks the tag; the next watchlist read works it out and keeps it).
        return {
            QStringLiteral("ALTER TABLE tags ADD COLUMN current_build INTEGER NOT NULL DEFAULT -1"),
            QStringLiteral("ALTER TABLE tags ADD COLUMN unacknowledged INTEGER NOT NULL DEFAULT 0"),
        };
    case 11:
        // Several daemons on one shared history take due tags by lease (issue 23): a tag is checked by
        // the program holding its lease, and a dead program's leases expire so the others take them.
        return {
            QStringLiteral("ALTER TABLE tags ADD COLUMN lease_owner TEXT"),
            QStringLiteral("ALTER TABLE tags ADD COLUMN lease_until BIGINT"),
        };
    case 12:
        // Per-user state on one history (issue 23): each user's platforms of a tag (NULL: the tag's,
        // as it was watched; '': all), mute, the attention count kept for the watchlist (-1: to be
        // worked out), and acknowledged rebuilds; a channel follows the state of whoever added it. What
        // was muted or acknowledged before is the state of the user who upgrades (Database::migrate
        // gives the '' rows their name), not of everyone.
        return {
            QStringLiteral("CREATE TABLE user_tags ("
                           " user_name TEXT NOT NULL,"
                           " tag_id BIGINT NOT NULL REFERENCES tags(id) ON DELETE CASCADE,"
                           " platforms TEXT,"
                           " muted INTEGER,"
                           " unacknowledged INTEGER NOT NULL DEFAULT -1,"
                           " PRIMARY KEY (user_name, tag_id))"),
            QStringLiteral("CREATE INDEX user_tags_tag ON user_tags(tag_id)"),
            QStringLiteral("CREATE TABLE user_acknowledgements ("
                           " user_name TEXT NOT NULL,"
                           " tag_id BIGINT NOT NULL REFERENCES tags(id) ON DELETE CASCADE,"
                           " rebuild_id BIGINT NOT NULL REFERENCES rebuilds(id) ON DELETE CASCADE,"
                           " PRIMARY KEY (user_name, rebuild_id))"),
            QStringLiteral("CREATE INDEX user_acknowledgements_tag"
                           " ON user_acknowledgements(user_name, tag_id, rebuild_id)"),
            QStringLiteral("INSERT INTO user_tags (user_name, tag_id, muted) SELECT '', id, 1 FROM tags"
                           " WHERE muted = 1"),
            QStringLiteral("UPDATE tags SET muted = 0 WHERE muted = 1"),
            QStringLiteral("INSERT INTO user_acknowledgements (user_name, tag_id, rebuild_id)"
                           " SELECT '', tag_id, id FROM rebuilds WHERE acknowledged = 1"),
            QStringLiteral("UPDATE rebuilds SET acknowledged = 0 WHERE acknowledged = 1"),
            QStringLiteral("ALTER TABLE channels ADD COLUMN added_by TEXT NOT NULL DEFAULT ''"),
            // A user's choice moves the watchlist's generation, so that user's other programs show it;
            // the attention count kept on a read does not.
            QStringLiteral("CREATE TRIGGER user_watch_added AFTER INSERT ON user_tags"
                           " WHEN NEW.platforms IS NOT NULL OR NEW.muted IS NOT NULL BEGIN"
                           " UPDATE watchlist_generation SET generation = generation + 1; END"),
            QStringLiteral("CREATE TRIGGER user_watch_changed AFTER UPDATE OF platforms, muted ON user_tags"
                           " BEGIN UPDATE watchlist_generation SET generation = generation + 1; END"),
            QStringLiteral("CREATE TRIGGER user_acknowledged AFTER INSERT ON user_acknowledgements BEGIN"
                           " UPDATE watchlist_generation SET generation = generation + 1; END"),
        };
    default:
        return {};
    }
}

// What SQLite's triggers do, as PostgreSQL functions and triggers.
QStringList postgresTriggers(int toVersion)
{
    switch (toVersion) {
    case 7:
        return {
            QStringLiteral("CREATE FUNCTION rebuildradar_watchlist_changed() RETURNS trigger LANGUAGE plpgsql"
                           " AS $$ BEGIN UPDATE watchlist_generation SET generation = generation + 1;"
                           " RETURN NULL; END $$"),
            QStringLiteral("CREATE TRIGGER watchlist_added AFTER INSERT ON tags FOR EACH ROW"
                           " EXECUTE FUNCTION rebuildradar_watchlist_changed()"),
            QStringLiteral("CREATE TRIGGER watchlist_changed AFTER UPDATE OF watched, interval_seconds,"
                           " platforms, muted, family_id, pinned_digest ON tags FOR EACH ROW"
                           " EXECUTE FUNCTION rebuildradar_watchlist_changed()"),
            QStringLiteral("CREATE TRIGGER watchlist_removed AFTER DELETE ON tags FOR EACH ROW"
                           " EXECUTE FUNCTION rebuildradar_watchlist_changed()"),
        };
    case 11: {
        // Every committed change is announced to the listening programs (LISTEN rebuildradar), as
        // SQLite's data_version tells a program that another one wrote; one notice per table and
        // transaction (PostgreSQL folds repeats), sent at commit.
        QStringList statements{
            QStringLiteral("CREATE FUNCTION rebuildradar_changed() RETURNS trigger LANGUAGE plpgsql"
                           " AS $$ BEGIN PERFORM pg_notify('%1', TG_TABLE_NAME); RETURN NULL; END $$")
                .arg(QLatin1String(Database::kChangeChannel))};
        for (const char *table : {"tags", "spans", "span_platforms", "rebuilds", "families", "notices",
                                  "outbox_cursors", "watchlist_generation", "rebuild_packages", "channels"})
            statements.append(
                QStringLiteral("CREATE TRIGGER %1_changed AFTER INSERT OR UPDATE OR DELETE ON %1"
                               " FOR EACH STATEMENT EXECUTE FUNCTION rebuildradar_changed()")
                    .arg(QLatin1String(table)));
        return statements;
    }
    case 12:
        return {
            QStringLiteral("CREATE TRIGGER user_watch_added AFTER INSERT ON user_tags FOR EACH ROW"
                           " WHEN (NEW.platforms IS NOT NULL OR NEW.muted IS NOT NULL)"
                           " EXECUTE FUNCTION rebuildradar_watchlist_changed()"),
            QStringLiteral("CREATE TRIGGER user_watch_changed AFTER UPDATE OF platforms, muted ON user_tags"
                           " FOR EACH ROW EXECUTE FUNCTION rebuildradar_watchlist_changed()"),
            QStringLiteral("CREATE TRIGGER user_acknowledged AFTER INSERT ON user_acknowledgements"
                           " FOR EACH ROW EXECUTE FUNCTION rebuildradar_watchlist_changed()"),
        };
    default:
        return {};
    }
}

QString inPostgresWords(QString statement)
{
    static const QRegularExpression integer(QStringLiteral("\\bINTEGER\\b"));
    statement.replace(QStringLiteral("INTEGER PRIMARY KEY"),
                      QStringLiteral("BIGINT GENERATED BY DEFAULT AS IDENTITY PRIMARY KEY"));
    statement.replace(integer, QStringLiteral("BIGINT"));
    statement.replace(QStringLiteral("GROUP_CONCAT("), QStringLiteral("string_agg("));
    return statement;
}

} // namespace

QStringList Database::migrationStep(int toVersion, Backend backend)
{
    const QStringList sqlite = sqliteStep(toVersion);
    if (backend == Backend::SQLite)
        return sqlite;
    QStringList statements;
    if (toVersion == 1) // PostgreSQL has no user_version: the schema's number is a table of its own
        statements << QStringLiteral("CREATE TABLE rebuildradar_schema (version INTEGER NOT NULL)")
                   << QStringLiteral("INSERT INTO rebuildradar_schema (version) VALUES (0)");
    for (const QString &statement : sqlite) {
        if (!statement.startsWith(QStringLiteral("CREATE TRIGGER")))
            statements.append(inPostgresWords(statement));
    }
    return statements + postgresTriggers(toVersion);
}

QString Database::versionStatement(Backend backend, int version)
{
    return backend == Backend::SQLite
               ? QStringLiteral("PRAGMA user_version = %1").arg(version)
               : QStringLiteral("UPDATE rebuildradar_schema SET version = %1").arg(version);
}

} // namespace RebuildRadar
