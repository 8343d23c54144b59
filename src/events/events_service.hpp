#pragma once

#include <atomic>
#include <cstdint>
#include <memory>
#include <optional>
#include <string>
#include <vector>

#include "auth/caller.hpp"
#include "core/json.hpp"
#include "core/result.hpp"
#include "http/router.hpp"
#include "store/store.hpp"

namespace sawt::events {

/// Read side of the events table: the audit log a caller may see and its live stream.
/// A caller sees an event when they are a network admin, hold a role in the event's entity, or
/// are its actor. Thread-safe.
class EventsService {
 public:
  explicit EventsService(store::Store& store);

  /// Visible events with id > after_id, oldest first, at most `limit`.
  core::Result<std::vector<core::Json>> Visible(const auth::Caller& caller, int64_t after_id, int limit);

  /// A Server-Sent Events stream for `caller`, starting after `last_event_id`.
  std::shared_ptr<http::EventStream> OpenStream(const auth::Caller& caller, int64_t last_event_id);

  /// Called on every commit with the newest event id (wired to Store::OnCommit).
  void NoteCommitted(int64_t last_id);
  int64_t latest() const { return latest_.load(std::memory_order_acquire); }

 private:
  store::Store& store_;
  std::atomic<int64_t> latest_{0};
};

}  // namespace sawt::events
