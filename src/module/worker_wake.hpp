#pragma once

#include <chrono>
#include <cstdint>
#include <memory>
#include <optional>
#include <stop_token>
#include <string>

#include "core/clock.hpp"
#include "store/store.hpp"

namespace sawt::module {

/// What ends a background worker's sleep: a commit to the store (new work), optionally a jump of
/// the store's clock (a test moving time past a due row), or WakeUp(). A worker reads Epoch()
/// before a pass and then waits for it to move, so a wake-up during the pass is not lost.
/// The callbacks hold the shared state weakly: one arriving while or after the worker is
/// destroyed does nothing. Keep it as the worker's last member. Thread-safe.
class WorkerWake {
 public:
  enum class ClockJumps { kIgnore, kWake };
  explicit WorkerWake(store::Store& store, ClockJumps jumps = ClockJumps::kWake);
  ~WorkerWake();
  WorkerWake(const WorkerWake&) = delete;
  WorkerWake& operator=(const WorkerWake&) = delete;

  /// Moves on every wake-up.
  int64_t Epoch() const;
  /// Ends the current wait, as a commit does.
  void WakeUp();
  /// Sleeps until the epoch is no longer `seen`, `timeout` has passed or `stop` is requested;
  /// returns whether it was woken.
  bool WaitFor(std::stop_token stop, int64_t seen, std::chrono::milliseconds timeout);
  /// The same, but no later than `due_micros` on the store's clock (rounded up to the next
  /// millisecond) when given.
  bool WaitFor(std::stop_token stop, int64_t seen, std::chrono::milliseconds timeout, std::optional<int64_t> due_micros);

 private:
  struct State;
  const core::Clock& clock_;
  std::shared_ptr<State> state_;
  core::Clock::JumpSubscription clock_jumps_;
  store::CommitSubscription commits_;  // last: ends first
};

/// When a worker's next row falls due: `sql` selects one ISO-UTC timestamp column named
/// `next_attempt_at` (e.g. "SELECT MIN(next_attempt_at) AS next_attempt_at FROM … WHERE state =
/// 'pending'"); its value as microseconds, or nullopt when nothing is pending (or the store cannot
/// answer: the worker then waits its poll interval).
std::optional<int64_t> EarliestDue(store::Store& store, const std::string& sql);

}  // namespace sawt::module
