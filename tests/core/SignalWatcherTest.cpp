// The daemon's stop signal: SIGTERM and SIGINT raised in this very process reach the event loop as
// `terminationRequested`. The process's own handlers and signal mask are put back afterwards, so no
// other test runs with them changed.
#include "common/SignalWatcher.h"

#include <QSignalSpy>

#include <csignal>
#include <pthread.h>

#include <gtest/gtest.h>

using namespace RebuildRadar;

namespace {

// Saves the handlers and the mask, unblocks both signals for the test, and restores all on exit.
class SignalState
{
public:
    SignalState()
    {
        sigaction(SIGTERM, nullptr, &m_term);
        sigaction(SIGINT, nullptr, &m_int);
        sigset_t unblock;
        sigemptyset(&unblock);
        sigaddset(&unblock, SIGTERM);
        sigaddset(&unblock, SIGINT);
        pthread_sigmask(SIG_UNBLOCK, &unblock, &m_mask);
    }
    ~SignalState()
    {
        sigaction(SIGTERM, &m_term, nullptr);
        sigaction(SIGINT, &m_int, nullptr);
        pthread_sigmask(SIG_SETMASK, &m_mask, nullptr);
    }
    SignalState(const SignalState &) = delete;
    SignalState &operator=(const SignalState &) = delete;

private:
    struct sigaction m_term = {};
    struct sigaction m_int = {};
    sigset_t m_mask = {};
};

} // namespace

TEST(SignalWatcher, SigtermAndSigintBecomeTerminationRequested)
{
    SignalState saved;
    SignalWatcher watcher;
    QSignalSpy spy(&watcher, &SignalWatcher::terminationRequested);
    ASSERT_TRUE(spy.isValid());

    ASSERT_EQ(raise(SIGTERM), 0); // the process would have died here without the watcher's handler
    ASSERT_TRUE(spy.wait(5000));
    EXPECT_EQ(spy.count(), 1);

    ASSERT_EQ(raise(SIGINT), 0);
    ASSERT_TRUE(spy.wait(5000));
    EXPECT_EQ(spy.count(), 2);
}

TEST(SignalWatcher, ASecondWatcherStillHearsTheSignalAndTheDefaultIsBackAfterwards)
{
    SignalState saved;
    {
        SignalWatcher first;
    }
    struct sigaction afterFirst = {};
    sigaction(SIGTERM, nullptr, &afterFirst);
    EXPECT_EQ(afterFirst.sa_handler, SIG_DFL); // a finished watcher leaves no handler behind

    SignalWatcher second;
    QSignalSpy spy(&second, &SignalWatcher::terminationRequested);
    ASSERT_EQ(raise(SIGTERM), 0);
    ASSERT_TRUE(spy.wait(5000));
    EXPECT_EQ(spy.count(), 1);
}
