#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <vector>

#include "auth/caller.hpp"
#include "core/json.hpp"
#include "core/result.hpp"
#include "module/registry.hpp"
#include "module/respond.hpp"
#include "store/store.hpp"

namespace sawt::crisis {

/// Filters of the crisis list (optional, combined with AND).
struct CrisisFilter {
  std::optional<std::string> status;  ///< active, closed
  std::optional<std::string> kind;    ///< real, drill
  std::optional<int64_t> entity_id;   ///< the lead or an affected entity (or one of their departments)
};

/// Crises and drills: declaring one (title, type, severity, lead and affected entities, areas,
/// themes, the room's roles), keeping its situation up to date, assigning the room's roles and
/// closing it with its lessons. Every change is an event (members hear of it through the crisis
/// notification source) and an entry of the room's timeline. Thread-safe; answers wire JSON.
class CrisisService {
 public:
  /// `registry`: the entity and member directories and the theme catalog; outlives the service.
  CrisisService(store::Store& store, const module::ModuleRegistry& registry) : store_(store), registry_(registry) {}

  static std::vector<store::Migration> Migrations();

  core::Result<core::Json> List(const auth::Caller& caller, const CrisisFilter& filter, const module::Page& page);
  core::Result<core::Json> Get(const auth::Caller& caller, int64_t id);
  /// Declares a crisis or a drill (active, version 1). The declarer leads the room unless the body
  /// names a lead.
  core::Result<core::Json> Declare(const auth::Caller& caller, const core::Json& body);
  /// Edits the title, severity, situation, affected entities, areas or themes of an active crisis.
  core::Result<core::Json> Update(const auth::Caller& caller, int64_t id, std::optional<int64_t> if_match,
                                  const core::Json& body);
  /// {"roles": [{account_id, role}]}: replaces the room's roles (at least one lead; members only).
  core::Result<core::Json> PutRoles(const auth::Caller& caller, int64_t id, std::optional<int64_t> if_match,
                                    const core::Json& body);
  /// {"reason", "channels"?}: pauses the scheduled publishing of the lead and affected entities
  /// (every channel unless some are named) through the messaging module's switch; 409
  /// crisis.already_paused while this crisis's pause is in force.
  core::Result<core::Json> PausePublishing(const auth::Caller& caller, int64_t id, std::optional<int64_t> if_match,
                                           const core::Json& body);
  /// {"reason"?}: ends this crisis's pause (also once the crisis is closed); 409 crisis.not_paused.
  core::Result<core::Json> ResumePublishing(const auth::Caller& caller, int64_t id, std::optional<int64_t> if_match,
                                            const core::Json& body);
  /// {"lessons_ar", "lessons_en"}: closes an active crisis.
  core::Result<core::Json> Close(const auth::Caller& caller, int64_t id, std::optional<int64_t> if_match,
                                 const core::Json& body);

 private:
  store::Store& store_;
  const module::ModuleRegistry& registry_;
};

}  // namespace sawt::crisis
