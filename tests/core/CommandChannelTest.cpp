// The daemon's --on-rebuild command as a channel: its variables, its timeout, its bound on commands
// running at once, and its failures.
#include "notify/CommandChannel.h"

#include <QCoreApplication>
#include <QDir>
#include <QFile>
#include <QProcess>
#include <QSignalSpy>
#include <QTemporaryDir>
#include <QTest>

#include <gtest/gtest.h>

using namespace RebuildRadar;

namespace {

RolloutNotice notice(RolloutNotice::Kind kind,
                     const QString &reference = QStringLiteral("docker.io/library/x:1"))
{
    RolloutNotice n;
    n.kind = kind;
    n.tag.reference = reference;
    n.rebuild.from = QStringLiteral("sha256:") + QString(64, u'a');
    n.rebuild.to = QStringLiteral("sha256:") + QString(64, u'b');
    n.rebuild.platformsChanged = {QStringLiteral("linux/arm64")};
    n.rebuild.platformsAdded = {QStringLiteral("linux/riscv64")};
    n.rebuild.causes = {Cause{CauseKind::BaseImage, QStringLiteral("base moved")},
                        Cause{CauseKind::Created, QStringLiteral("built again")}};
    n.userPlatformsDone = {QStringLiteral("linux/amd64"), QStringLiteral("linux/arm64")};
    return n;
}

QString read(const QString &path)
{
    QFile f(path);
    return f.open(QIODevice::ReadOnly) ? QString::fromUtf8(f.readAll()) : QString();
}

} // namespace

TEST(CommandChannel, TheCommandSeesTheNoticeInItsVariables)
{
    QTemporaryDir dir;
    const QString out = dir.filePath(QStringLiteral("out"));
    CommandChannel channel(
        QStringLiteral("printf '%s|%s|%s|%s|%s|%s|%s\\n' \"$REBUILDRADAR_REFERENCE\" "
                       "\"$REBUILDRADAR_ROLLOUT\" \"$REBUILDRADAR_FROM\" \"$REBUILDRADAR_TO\" "
                       "\"$REBUILDRADAR_PLATFORMS\" \"$REBUILDRADAR_CAUSES\" "
                       "\"$REBUILDRADAR_PLATFORMS_DONE\" >> '") +
        out + u'\'');
    QSignalSpy delivered(&channel, &CommandChannel::delivered);
    channel.deliver(notice(RolloutNotice::Kind::Started));
    channel.deliver(notice(RolloutNotice::Kind::StartedAndDone));
    channel.deliver(notice(RolloutNotice::Kind::Closed));
    channel.deliver(notice(RolloutNotice::Kind::Completed)); // the desktop's quiet summary: no command
    ASSERT_TRUE(QTest::qWaitFor([&] { return delivered.size() == 3 && channel.running() == 0; }, 20000));
    QStringList lines = read(out).split(u'\n', Qt::SkipEmptyParts);
    lines.sort();
    const QString rest = QStringLiteral("|sha256:%1|sha256:%2|linux/arm64,linux/riscv64|base-image,created|"
                                        "linux/amd64,linux/arm64")
                             .arg(QString(64, u'a'), QString(64, u'b'));
    EXPECT_EQ(lines, (QStringList{QStringLiteral("docker.io/library/x:1|closed") + rest,
                                  QStringLiteral("docker.io/library/x:1|complete") + rest,
                                  QStringLiteral("docker.io/library/x:1|started") + rest}));
}

TEST(CommandChannel, AHangingCommandIsEndedAtItsTimeoutAndReported)
{
    CommandChannelOptions options;
    options.timeoutMs = 300;
    CommandChannel channel(QStringLiteral("exec sleep 600"), options);
    QSignalSpy failed(&channel, &CommandChannel::failed);
    channel.deliver(notice(RolloutNotice::Kind::Started));
    ASSERT_TRUE(failed.wait(20000));
    EXPECT_EQ(failed[0][1].toString(), QStringLiteral("docker.io/library/x:1"));
    EXPECT_TRUE(failed[0][2].toString().contains(QStringLiteral("without finishing")));
    EXPECT_EQ(channel.running(), 0);
}

TEST(CommandChannel, FailuresAreReportedWithTheirStatus)
{
    CommandChannel channel(QStringLiteral("exit 7"));
    QSignalSpy failed(&channel, &CommandChannel::failed);
    QSignalSpy delivered(&channel, &CommandChannel::delivered);
    channel.deliver(notice(RolloutNotice::Kind::Started));
    ASSERT_TRUE(failed.wait(20000));
    EXPECT_TRUE(failed[0][2].toString().contains(u'7'));
    EXPECT_EQ(delivered.size(), 0);
}

TEST(CommandChannel, AtMostTheBoundRunAtOnceAndTheRestWaitTheirTurn)
{
    QTemporaryDir dir;
    const QString release = dir.filePath(QStringLiteral("release"));
    const QString started = dir.filePath(QStringLiteral("started"));
    CommandChannelOptions options;
    options.maxRunning = 2;
    // each command says it started, then waits until the test lets it finish
    CommandChannel channel(
        QStringLiteral("echo x >> '%1'; while [ ! -e '%2' ]; do sleep 0.05; done").arg(started, release),
        options);
    QSignalSpy delivered(&channel, &CommandChannel::delivered);
    for (int i = 0; i < 5; ++i)
        channel.deliver(
            notice(RolloutNotice::Kind::Started, QStringLiteral("docker.io/library/x:%1").arg(i)));
    EXPECT_EQ(channel.running(), 2);
    ASSERT_TRUE(QTest::qWaitFor([&] { return read(started).count(u'x') == 2; }, 20000));
    // none can finish before the release, so the others wait
    EXPECT_EQ(channel.running(), 2);
    QFile(release).open(QIODevice::WriteOnly);
    ASSERT_TRUE(QTest::qWaitFor([&] { return delivered.size() == 5; }, 20000));
    EXPECT_EQ(read(started).count(u'x'), 5);
}

TEST(CommandChannel, StoppingEndsRunningCommands)
{
    QTemporaryDir dir;
    CommandChannel channel(QStringLiteral("exec sleep 600"));
    channel.deliver(notice(RolloutNotice::Kind::Started));
    ASSERT_EQ(channel.running(), 1);
    channel.stop();
    EXPECT_EQ(channel.running(), 0);
    // nothing is left running: no child of this process sleeps (from /proc: "pid (comm) state ppid …")
    int sleeping = 0;
    for (const QString &entry : QDir(QStringLiteral("/proc")).entryList(QDir::Dirs)) {
        QFile stat(QStringLiteral("/proc/%1/stat").arg(entry));
        if (!entry.front().isDigit() || !stat.open(QIODevice::ReadOnly))
            continue;
        const QByteArray line = stat.readAll();
        const QList<QByteArray> rest = line.mid(line.lastIndexOf(')') + 2).split(' ');
        if (line.contains("(sleep)") && rest.value(1).toLongLong() == QCoreApplication::applicationPid())
            ++sleeping;
    }
    EXPECT_EQ(sleeping, 0);
}

TEST(CommandChannel, WhatChangedInsideIsPassedWhenAnalysedAndEmptyOtherwise)
{
    QTemporaryDir dir;
    const QString out = dir.filePath(QStringLiteral("out"));
    CommandChannel channel(QStringLiteral("printf '[%s]\\n' \"$REBUILDRADAR_PACKAGES\" >> '") + out + u'\'');
    QSignalSpy delivered(&channel, &CommandChannel::delivered);
    RolloutNotice analysed = notice(RolloutNotice::Kind::StartedAndDone);
    PackageAnalysis same; // nothing changed, security data read
    same.fixes = QList<SecurityFix>{};
    analysed.rebuild.packages.insert(QStringLiteral("linux/arm64"), same);
    channel.deliver(analysed);
    ASSERT_TRUE(QTest::qWaitFor([&] { return delivered.size() == 1 && channel.running() == 0; }, 20000));
    channel.deliver(notice(RolloutNotice::Kind::Started));
    ASSERT_TRUE(QTest::qWaitFor([&] { return delivered.size() == 2 && channel.running() == 0; }, 20000));
    EXPECT_EQ(read(out).split(u'\n', Qt::SkipEmptyParts),
              (QStringList{QStringLiteral("[no package changed: rebuilt with the same packages]"),
                           QStringLiteral("[]")}));
}
