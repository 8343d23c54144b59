#pragma once

#include <cstdint>
#include <optional>

#include "auth/caller.hpp"
#include "core/json.hpp"
#include "core/result.hpp"
#include "module/registry.hpp"
#include "module/respond.hpp"
#include "store/store.hpp"
#include "strategy/activity_service.hpp"

namespace sawt::strategy {

/// Follow-up meetings of an entity's plan: when, who attended, the minutes, and the decisions
/// taken; a decision can become an activity of the entity's plan in the same write (so the
/// follow-up is followed up). Written by those who plan the entity's activities, read by every
/// member. Thread-safe.
class MeetingService {
 public:
  MeetingService(store::Store& store, const module::ModuleRegistry& registry, ActivityService& activities)
      : store_(store), registry_(registry), activities_(activities) {}

  static std::vector<store::Migration> Migrations();

  /// Meetings of an entity's subtree (`entity_id`) or of every entity, in the order they were recorded.
  core::Result<core::Json> List(const auth::Caller& caller, std::optional<int64_t> entity_id, const module::Page& page);
  core::Result<core::Json> Get(const auth::Caller& caller, int64_t id);
  /// {entity_id, title_ar, title_en, held_on, attendees?, minutes?}
  core::Result<core::Json> Create(const auth::Caller& caller, const core::Json& body);
  /// Titles, date, attendees, minutes.
  core::Result<core::Json> Update(const auth::Caller& caller, int64_t id, std::optional<int64_t> if_match,
                                  const core::Json& body);
  /// {text_ar, text_en, activity?: {title_ar?, title_en?, start_date?, due_date, owner_login?,
  /// objective_id?}}: records the decision and, with `activity`, the activity it becomes (titles
  /// default to the decision's, the start to the meeting's day). Answers the meeting.
  core::Result<core::Json> AddDecision(const auth::Caller& caller, int64_t id, const core::Json& body);

 private:
  store::Store& store_;
  const module::ModuleRegistry& registry_;
  ActivityService& activities_;
};

}  // namespace sawt::strategy
