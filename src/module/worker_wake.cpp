#include "module/worker_wake.hpp"

#include <algorithm>
#include <condition_variable>
#include <mutex>

namespace sawt::module {

struct WorkerWake::State {
  std::mutex mu;
  std::condition_variable_any cv;
  int64_t epoch = 0;

  void Wake() {
    {
      std::lock_guard<std::mutex> lock(mu);
      ++epoch;
    }
    cv.notify_all();
  }
};

WorkerWake::WorkerWake(store::Store& store, ClockJumps jumps)
    : clock_(store.clock()), state_(std::make_shared<State>()) {
  std::weak_ptr<State> weak = state_;
  auto wake_up = [weak] {
    if (auto state = weak.lock()) state->Wake();
  };
  if (jumps == ClockJumps::kWake) clock_jumps_ = clock_.OnJump(wake_up);
  commits_ = store.OnCommit([wake_up](int64_t) { wake_up(); });
}

WorkerWake::~WorkerWake() = default;

int64_t WorkerWake::Epoch() const {
  std::lock_guard<std::mutex> lock(state_->mu);
  return state_->epoch;
}

void WorkerWake::WakeUp() { state_->Wake(); }

bool WorkerWake::WaitFor(std::stop_token stop, int64_t seen, std::chrono::milliseconds timeout) {
  std::unique_lock<std::mutex> lock(state_->mu);
  return state_->cv.wait_for(lock, stop, timeout, [&] { return state_->epoch != seen; });
}

bool WorkerWake::WaitFor(std::stop_token stop, int64_t seen, std::chrono::milliseconds timeout,
                         std::optional<int64_t> due_micros) {
  if (due_micros) {
    const int64_t micros = std::max<int64_t>(0, *due_micros - clock_.NowMicros());
    timeout = std::min<std::chrono::milliseconds>(timeout, std::chrono::milliseconds(micros / 1000 + 1));
  }
  return WaitFor(std::move(stop), seen, timeout);
}

std::optional<int64_t> EarliestDue(store::Store& store, const std::string& sql) {
  auto next = store::ReadValue<std::optional<std::string>>(store, [&](store::Tx& tx) -> core::Result<std::optional<std::string>> {
    auto rows = tx.Query(sql);
    if (!rows) return std::move(rows).error();
    if (rows->empty()) return std::optional<std::string>();
    return (*rows)[0].OptText("next_attempt_at");
  });
  int64_t micros = 0;
  if (!next || !*next || !core::ParseIsoUtc(**next, &micros)) return std::nullopt;
  return micros;
}

}  // namespace sawt::module
