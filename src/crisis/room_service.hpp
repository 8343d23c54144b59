#pragma once

#include <cstdint>
#include <optional>

#include "auth/caller.hpp"
#include "core/json.hpp"
#include "core/result.hpp"
#include "module/registry.hpp"
#include "store/store.hpp"

namespace sawt::crisis {

/// A crisis room's working parts: its timeline (what happened in the room, what members wrote, and
/// the signals other modules supply through their module::CrisisSignalSource) and its tasks with
/// owners and due times. Thread-safe; answers wire JSON.
class RoomService {
 public:
  /// `registry`: the member directory and the crisis signal sources; outlives the service.
  RoomService(store::Store& store, const module::ModuleRegistry& registry) : store_(store), registry_(registry) {}

  /// {"items": entries oldest first}: the room's own entries and the signals of every source from
  /// the declaration until now (or the closing), at most `limit` of each (newest kept).
  core::Result<core::Json> Timeline(const auth::Caller& caller, int64_t crisis_id, int64_t limit);
  /// {"kind": note|decision|signal, "text_ar", "text_en"} (at least one text) by a member who may
  /// write in the room.
  core::Result<core::Json> Write(const auth::Caller& caller, int64_t crisis_id, const core::Json& body);

  /// {"items": the room's tasks, oldest first}.
  core::Result<core::Json> Tasks(const auth::Caller& caller, int64_t crisis_id);
  /// {"title_ar", "title_en", "owner_account_id", "due_at"?}: a task for a member (open).
  core::Result<core::Json> AddTask(const auth::Caller& caller, int64_t crisis_id, const core::Json& body);
  /// Edits a task: those who manage the room change anything; its owner only marks it done.
  core::Result<core::Json> UpdateTask(const auth::Caller& caller, int64_t crisis_id, int64_t task_id,
                                      std::optional<int64_t> if_match, const core::Json& body);

 private:
  store::Store& store_;
  const module::ModuleRegistry& registry_;
};

}  // namespace sawt::crisis
