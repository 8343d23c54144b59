#pragma once

#include <cstdint>
#include <memory>

#include "auth/caller.hpp"
#include "core/json.hpp"
#include "core/result.hpp"
#include "crisis/crisis_service.hpp"
#include "crisis/room_service.hpp"
#include "store/store.hpp"

namespace sawt::crisis {

/// How fast and how widely a crisis was communicated, from the crisis module's own tables:
/// minutes from declaration to the first published statement, statements, updates and
/// cancellations, approval times (submission → publication: median and slowest), what the
/// statements became on the involved entities' channels, webhook deliveries, tasks. Every value
/// that cannot be known yet (no statement published) is null, never 0.
core::Result<core::Json> CrisisMetrics(store::Tx& tx, int64_t crisis_id);

/// The post-crisis report: the crisis, its metrics, its statements with their approval times, its
/// timeline (other modules' signals included) and its lessons. Readable by every member (as the
/// room is); composed from the crisis and room services. Thread-safe.
class ReportService {
 public:
  ReportService(store::Store& store, std::shared_ptr<CrisisService> crises, std::shared_ptr<RoomService> rooms)
      : store_(store), crises_(std::move(crises)), rooms_(std::move(rooms)) {}

  core::Result<core::Json> Report(const auth::Caller& caller, int64_t crisis_id);

 private:
  store::Store& store_;
  std::shared_ptr<CrisisService> crises_;
  std::shared_ptr<RoomService> rooms_;
};

}  // namespace sawt::crisis
