#pragma once

#include <cstdint>
#include <optional>
#include <string>

#include "auth/caller.hpp"
#include "core/json.hpp"
#include "core/result.hpp"
#include "module/registry.hpp"
#include "module/respond.hpp"
#include "store/store.hpp"

namespace sawt::strategy {

/// Filters of the activity list (combined with AND).
struct ActivityFilter {
  std::optional<int64_t> entity_id;     ///< the entity or one of its departments
  std::optional<int64_t> objective_id;  ///< activities carrying out this objective
  std::optional<std::string> status;
  /// true: only activities past their due date (in the network's time zone) and not done or cancelled.
  bool overdue = false;
};

/// The activities that carry out the entities' strategies: owner entity and member, dates, status
/// and progress, linked to an objective of the entity's strategy. "overdue" is computed when read
/// (due before today in the network's time zone, neither done nor cancelled). Written by the
/// entity's admins and editors, read by every member. Thread-safe.
class ActivityService {
 public:
  ActivityService(store::Store& store, const module::ModuleRegistry& registry) : store_(store), registry_(registry) {}

  core::Result<core::Json> List(const auth::Caller& caller, const ActivityFilter& filter, const module::Page& page);
  core::Result<core::Json> Get(const auth::Caller& caller, int64_t id);
  /// {entity_id, objective_id?, title_ar, title_en, owner_login?, start_date, due_date, status?,
  ///  progress?, notes?}
  core::Result<core::Json> Create(const auth::Caller& caller, const core::Json& body);
  /// Any field but the entity; "done" sets progress to 100 unless the body says otherwise.
  core::Result<core::Json> Update(const auth::Caller& caller, int64_t id, std::optional<int64_t> if_match,
                                  const core::Json& body);

 private:
  store::Store& store_;
  const module::ModuleRegistry& registry_;
};

}  // namespace sawt::strategy
