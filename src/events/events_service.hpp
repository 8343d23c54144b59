#pragma once

#include <atomic>
#include <cstdint>
#include <map>
#include <memory>
#include <mutex>
#include <optional>
#include <string>
#include <vector>

#include "auth/caller.hpp"
#include "core/json.hpp"
#include "core/result.hpp"
#include "http/router.hpp"
#include "module/registry.hpp"
#include "module/stream_support.hpp"
#include "store/commit_watermark.hpp"

namespace sawt::events {

/// Read side of the events table: the audit log a caller may see and its live stream.
/// A caller sees an event when they are a network admin, hold a role in the event's entity, or
/// are its actor. Thread-safe.
class EventsService {
 public:
  explicit EventsService(store::Store& store);

  /// Visible events with id > after_id (and <= up_to when given), oldest first, at most `limit`.
  core::Result<std::vector<core::Json>> Visible(const auth::Caller& caller, int64_t after_id, int limit,
                                                std::optional<int64_t> up_to = std::nullopt);

  /// Streams one account may hold open at once (tabs, devices); more are refused.
  static constexpr int kMaxStreamsPerAccount = 8;
  /// Events one Poll delivers at most; a longer replay continues in the next Poll, which the
  /// server runs as soon as the previous batch is written (EventStream::Pending).
  static constexpr int kStreamBatch = 200;

  /// A Server-Sent Events stream for `caller`, starting after `last_event_id`. Before each
  /// delivery it runs `reauthenticate` and ends when the credential no longer authenticates (or
  /// has expired); it delivers what the caller's roles allow at that moment. kRateLimited
  /// "events.too_many_streams" when the account already holds kMaxStreamsPerAccount.
  core::Result<std::shared_ptr<http::EventStream>> OpenStream(const auth::Caller& caller, int64_t last_event_id,
                                                               module::Reauthenticate reauthenticate);

  /// The newest event id committed (Store::OnCommit).
  int64_t latest() const { return latest_.value(); }

  /// Called by a stream OpenStream returned when it is destroyed.
  void StreamClosed(int64_t account_id);

 private:
  store::Store& store_;
  store::CommitWatermark latest_;
  module::StreamQuota streams_{kMaxStreamsPerAccount};
};

}  // namespace sawt::events
