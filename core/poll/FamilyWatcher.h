#pragma once

#include "common/Clock.h"
#include "common/Result.h"

#include <QObject>
#include <QRegularExpression>
#include <QTimer>

#include <functional>

namespace RebuildRadar {

class HistoryStore;
class RegistryClient;

// Keeps tag families complete: lists each family's repository on the family's own (slower) interval
// and watches every new tag that fully matches its pattern.
class FamilyWatcher : public QObject
{
    Q_OBJECT
public:
    FamilyWatcher(HistoryStore &store, RegistryClient &client, const Clock &clock, QObject *parent = nullptr);

    // Validates a pattern (ECMAScript-like, as QRegularExpression reads it) and anchors it.
    static Result<QRegularExpression> compile(const QString &pattern);
    // "This version and every more specific one": 3.13 → 3.13, 3.13.8, 3.13-slim, 3.13.8-bookworm…
    static QString moreSpecificPattern(const QString &version);
    // How often a family is listed when its tags are checked every `tagInterval` seconds.
    static int familyInterval(int tagIntervalSeconds) { return std::max(4 * tagIntervalSeconds, 3600); }

    using Callback = std::function<void(Result<QStringList>)>; // the references newly watched
    void sync(qint64 familyId, int tagIntervalSeconds, QObject *context, Callback callback);

    void start();
    void stop();
    void tick();

signals:
    void newTags(qint64 familyId, const QStringList &references);
    void failed(const QString &message);

private:
    void arm();
    HistoryStore &m_store;
    RegistryClient &m_client;
    const Clock &m_clock;
    QTimer m_timer;
    QSet<qint64> m_inFlight;
    bool m_running = false;
};

} // namespace RebuildRadar
