#pragma once

#include "FakeClock.h"
#include "store/Database.h"
#include "store/HistoryStore.h"

#include <QTemporaryDir>

#include <gtest/gtest.h>

namespace RebuildRadar::Test {

// A fresh history database in a temporary folder, with a fake clock for its timestamps.
struct TempStore
{
    TempStore()
    {
        auto opened = Database::open(path());
        if (!opened)
            ADD_FAILURE() << opened.error().message.toStdString();
        else
            db = std::move(opened).value();
        store = std::make_unique<HistoryStore>(*db, [this] { return clock.nowMs(); });
    }
    QString path() const { return dir.filePath(QStringLiteral("history.sqlite")); }
    qint64 watch(const QString &reference, int interval = 60)
    {
        auto ref = ImageReference::parse(reference);
        EXPECT_TRUE(ref.ok());
        EXPECT_TRUE(store->addWatches({WatchRequest{*ref, interval, {}, 0}}).ok());
        return (*store->tag(ref->tagReference()))->id;
    }

    QTemporaryDir dir;
    FakeClock clock;
    std::unique_ptr<Database> db;
    std::unique_ptr<HistoryStore> store;
};

} // namespace RebuildRadar::Test
