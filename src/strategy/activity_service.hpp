#pragma once

#include <cstdint>
#include <optional>
#include <string>

#include "auth/auth_service.hpp"
#include "auth/caller.hpp"
#include "core/json.hpp"
#include "core/result.hpp"
#include "module/registry.hpp"
#include "module/respond.hpp"
#include "store/store.hpp"
#include "strategy/evidence_files.hpp"

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
///
/// RACI: owner_login is the Responsible person (any account, as before RACI); `accountable`,
/// `consulted` and `informed` must be members of the activity's entity (a role in it or in an
/// entity above it, as the network module resolves roles), else 422 "strategy.not_a_member" on
/// the field's path. `depends_on` lists the activities it waits for (at most 20): each readable by
/// the caller ("strategy.unknown_dependency" otherwise, the same whether it is missing or hidden),
/// never itself ("strategy.self_dependency") and never one that waits, directly or not, for it
/// ("strategy.dependency_cycle"), all 422 on "depends_on[i]". It cannot become done while one of
/// them is neither done nor cancelled: 409 "strategy.activity_waiting" with their ids. Answers
/// carry `depends_on` and the computed `waiting_on`.
class ActivityService {
 public:
  /// `auth`: whose EffectiveRoles say who belongs to an entity; outlives the service.
  ActivityService(store::Store& store, const module::ModuleRegistry& registry, const auth::AuthService& auth)
      : store_(store), registry_(registry), auth_(auth) {}

  core::Result<core::Json> List(const auth::Caller& caller, const ActivityFilter& filter, const module::Page& page);
  core::Result<core::Json> Get(const auth::Caller& caller, int64_t id);
  /// {entity_id, objective_id?, title_ar, title_en, owner_login?, accountable?, consulted?,
  ///  informed?, depends_on?, start_date, due_date, status?, progress?, notes?}
  core::Result<core::Json> Create(const auth::Caller& caller, const core::Json& body);
  /// Create within `tx` (a meeting's decision that becomes an activity, in the same write).
  core::Result<core::Json> CreateIn(store::Tx& tx, const auth::Caller& caller, const core::Json& body);
/// Any field but the entity; "done" sets progress to 100 unless the body says otherwise.
  core::Result<core::Json> Update(const auth::Caller& caller, int64_t id, std::optional<int64_t> if_match,
                                  const core::Json& body);

  /// Attaches an evidence file (raw bytes; the type is what the bytes are, checked against the
  /// declared `media_type`) to the activity, whatever its status; a new version of the activity.
  /// The same writers as Update; 409 "strategy.too_many_evidence_files" past kMaxActivityEvidence.
  core::Result<core::Json> AddEvidence(const auth::Caller& caller, int64_t id, const std::string& file_name,
                                       const std::string& media_type, const std::string& bytes);
  /// An activity's evidence file for whoever may read activities (checksum verified).
  core::Result<EvidenceFile> GetEvidence(const auth::Caller& caller, int64_t evidence_id);
  core::Status DeleteEvidence(const auth::Caller& caller, int64_t evidence_id);

 private:
  store::Store& store_;
  const module::ModuleRegistry& registry_;
  const auth::AuthService& auth_;
};

}  // namespace sawt::strategy
