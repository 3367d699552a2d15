// The engine's work that may take long (a report of years of history, a folder scan that waits on git):
// run on its thread pool with connections of their own, so checks go on meanwhile.
#include "engine/WatchEngine.h"

#include "engine/RunningWatch.h"
#include "export/Exporter.h"
#include "scan/PinScanner.h"
#include "store/Database.h"
#include "store/HistoryStore.h"

namespace RebuildRadar {

void WatchEngine::exportReport(const ExportOptions &options, const QString &path)
{
    if (!m_store) {
        emit exportFinished(false, tr("the database is not open"));
        return;
    }
    ExportOptions withWindow = options;
    withWindow.report.rolloutWindowMs = m_rolloutWindowMs; // the window the rest of the app groups by
    if (m_running && !m_running->sources().isEmpty() && !withWindow.running)
        withWindow.running = m_running->workloads(); // the last reading: a report never waits on a source
    // A report of years of history (a PDF above all) takes seconds: written on the pool with a
    // connection of its own, so checks go on meanwhile.
    m_pool.start([this, withWindow, path, database = m_db->path(), password = m_databasePassword,
                  now = m_clock.nowMs()] {
        Status written = Ok{};
        if (auto db = Database::open(database, Database::Access::ReadWrite, password); !db) {
            written = db.error();
        } else {
            HistoryStore store(**db, [now] { return now; });
            written = Exporter::writeFile(store, withWindow, path, now);
        }
        QMetaObject::invokeMethod(this, [this, written, path] {
            emit exportFinished(written.ok(), written ? path : written.error().message);
        });
    });
}

void WatchEngine::scanPins(const QString &root)
{
    if (!m_client) {
        emit pinsScanned(root, {}, tr("the database is not open"));
        return;
    }
    // Finding references reads the folder and may wait for git: on the pool. Resolving them goes
    // through the registry client, here.
    m_pool.start([this, root] {
        Result<QList<PinResult>> found = PinScanner::find(root);
        QMetaObject::invokeMethod(this, [this, root, found] {
            if (!found) {
                emit pinsScanned(root, {}, found.error().message);
                return;
            }
            auto *scanner = new PinScanner(*m_client, m_store.get(), m_clock, this);
            scanner->resolve(*found, this, [this, root, scanner](Result<QList<PinResult>> results) {
                scanner->deleteLater();
                emit pinsScanned(root, results ? *results : QList<PinResult>(),
                                 results ? QString() : results.error().message);
            });
        });
    });
}

void WatchEngine::applyPins(const QString &root, const QList<FileUpdate> &updates)
{
    const Status applied = PinScanner::apply(root, updates);
    emit pinsApplied(root, applied.ok(), applied ? QString() : applied.error().message);
}

} // namespace RebuildRadar
