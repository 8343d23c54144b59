#include "module/worker_wake.hpp"

#include <gtest/gtest.h>

#include <functional>
#include <thread>
#include <vector>

namespace sawt::module {
namespace {

using namespace std::chrono_literals;

/// A store that only keeps its commit subscribers, and calls them when told. Ending a
/// subscription leaves the callback in place, as a commit already on its way would be.
class CommitOnlyStore final : public store::Store {
 public:
  explicit CommitOnlyStore(const core::Clock& clock) : clock_(clock) {}
  store::Backend backend() const override { return store::Backend::kSqlite; }
  std::string Describe() const override { return "commits only"; }
  const core::Clock& clock() const override { return clock_; }
  core::Status Migrate(const std::vector<store::Migration>&) override { return core::Ok(); }
  core::Status Write(const std::function<core::Status(store::Tx&)>&) override { return core::Ok(); }
  core::Status Read(const std::function<core::Status(store::Tx&)>&) override { return core::Ok(); }
  core::Result<std::vector<store::Event>> EventsAfter(int64_t, int) override { return std::vector<store::Event>(); }
  core::Result<store::AuditReport> VerifyAudit() override { return store::AuditReport(); }
  core::Status Ping() override { return core::Ok(); }
  core::Result<bool> HasEvents() override { return false; }
  store::CommitSubscription OnCommit(std::function<void(int64_t)> cb) override {
    callbacks_.push_back(std::move(cb));
    return store::CommitSubscription([] {});
  }

  void Commit(int64_t id) {
    for (const auto& cb : callbacks_) cb(id);
  }

 private:
  const core::Clock& clock_;
  std::vector<std::function<void(int64_t)>> callbacks_;
};

TEST(WorkerWakeTest, ACommitMovesTheEpochAndEndsTheWait) {
  core::ManualClock clock(1'000'000);
  CommitOnlyStore store(clock);
  WorkerWake wake(store);
  const int64_t seen = wake.Epoch();
  store.Commit(7);
  EXPECT_NE(wake.Epoch(), seen);
  EXPECT_TRUE(wake.WaitFor(std::stop_token(), seen, 60s));
}

TEST(WorkerWakeTest, AClockJumpWakesOnlyWhenAskedFor) {
  core::ManualClock clock(1'000'000);
  CommitOnlyStore store(clock);
  WorkerWake with_jumps(store);
  WorkerWake without_jumps(store, WorkerWake::ClockJumps::kIgnore);
  const int64_t seen_with = with_jumps.Epoch(), seen_without = without_jumps.Epoch();
  clock.Advance(1h);
  EXPECT_NE(with_jumps.Epoch(), seen_with);
  EXPECT_EQ(without_jumps.Epoch(), seen_without);
}

TEST(WorkerWakeTest, WakeUpFromAnotherThreadEndsTheWait) {
  core::ManualClock clock(1'000'000);
  CommitOnlyStore store(clock);
  WorkerWake wake(store);
  const int64_t seen = wake.Epoch();
  std::thread waker([&] { wake.WakeUp(); });
  EXPECT_TRUE(wake.WaitFor(std::stop_token(), seen, 600s));
  waker.join();
}

TEST(WorkerWakeTest, AStopRequestEndsTheWait) {
  core::ManualClock clock(1'000'000);
  CommitOnlyStore store(clock);
  WorkerWake wake(store);
  std::stop_source stop;
  std::thread stopper([&] { stop.request_stop(); });
  EXPECT_FALSE(wake.WaitFor(stop.get_token(), wake.Epoch(), 600s));
  stopper.join();
}

TEST(WorkerWakeTest, ADueTimeOnTheStoreClockShortensTheWait) {
  core::ManualClock clock(1'000'000);
  CommitOnlyStore store(clock);
  WorkerWake wake(store, WorkerWake::ClockJumps::kIgnore);
  // Already due: the wait is at most a millisecond, not the ten minutes.
  EXPECT_FALSE(wake.WaitFor(std::stop_token(), wake.Epoch(), 600s, clock.NowMicros() - 5'000'000));
  EXPECT_FALSE(wake.WaitFor(std::stop_token(), wake.Epoch(), 1ms, std::nullopt));
}

TEST(WorkerWakeTest, ACallbackAfterTheWorkerIsGoneDoesNothing) {
  core::ManualClock clock(1'000'000);
  CommitOnlyStore store(clock);
  { WorkerWake wake(store); }
  store.Commit(8);  // the store still holds the callback; its state is gone
  SUCCEED();
}

}  // namespace
}  // namespace sawt::module
