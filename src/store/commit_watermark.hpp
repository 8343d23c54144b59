#pragma once

#include <atomic>
#include <cstdint>
#include <memory>

#include "store/store.hpp"

namespace sawt::store {

/// The newest event id committed to `store` (by this process, and on PostgreSQL by others), kept
/// by one OnCommit subscription. A cache filled at watermark W is current while value() == W: every
/// change appends an event. Never goes down. Thread-safe; movable.
class CommitWatermark {
 public:
  explicit CommitWatermark(Store& store, int64_t initial = 0)
      : latest_(std::make_shared<std::atomic<int64_t>>(initial)),
        subscription_(store.OnCommit([latest = latest_](int64_t id) { RaiseTo(*latest, id); })) {}

  int64_t value() const { return latest_->load(std::memory_order_acquire); }
  /// Moves the watermark up to `id` (e.g. the newest id read at start-up); lower ids are ignored.
  void Raise(int64_t id) { RaiseTo(*latest_, id); }

 private:
  static void RaiseTo(std::atomic<int64_t>& latest, int64_t id) {
    int64_t cur = latest.load(std::memory_order_relaxed);
    while (cur < id && !latest.compare_exchange_weak(cur, id, std::memory_order_acq_rel)) {
    }
  }

  std::shared_ptr<std::atomic<int64_t>> latest_;
  CommitSubscription subscription_;
};

}  // namespace sawt::store
