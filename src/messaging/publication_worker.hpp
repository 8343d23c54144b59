#pragma once

#include <cstdint>
#include <functional>
#include <memory>
#include <optional>
#include <set>
#include <stop_token>
#include <string>
#include <utility>
#include <vector>

#include "messaging/content_service.hpp"
#include "messaging/publication_service.hpp"
#include "module/network_time.hpp"
#include "module/worker_wake.hpp"
#include "store/store.hpp"

namespace sawt::messaging {

/// The dispatcher of the publication outbox (a module worker): delivers due rows to their channel
/// endpoints with retries and backoff (or hands them to a person when the channel has none), and
/// publishes scheduled content items when their planned time has passed. Run and RunOnce are
/// called from one thread.
class PublicationWorker {
 public:
  /// Where the worker finds the network's time zone (a date-only planned_at is due when that day
  /// begins there), looked up at each pass.
  using NetworkTimeSource = std::function<const module::NetworkTime&()>;
  /// REQUIRES: `content` outlives the worker.
  PublicationWorker(store::Store& store, ContentService& content, NetworkTimeSource network_time,
                    PublicationOptions options = {});
  ~PublicationWorker();

  /// The dispatcher's loop: delivers due rows, publishes scheduled items whose planned_at has
  /// passed, then sleeps until the next due time, a commit or `poll`.
  void Run(std::stop_token stop);
  /// One pass of the loop; returns when the next pending row is due (nullopt: none).
  std::optional<int64_t> RunOnce();

 private:
  void DeliverOne(const store::Row& row);
  void PublishDueItems();

  store::Store& store_;
  ContentService& content_;
  NetworkTimeSource network_time_;
  PublicationOptions options_;
  // Scheduled items (id, version) the worker could not publish; touched by the worker thread only.
  std::set<std::pair<int64_t, int64_t>> refused_;
  // A commit (new work) or a jump of the clock (a test moving time past a due row) ends the wait.
  module::WorkerWake wake_;  // last: ends before the members it uses
};

}  // namespace sawt::messaging
