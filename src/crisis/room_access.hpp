#pragma once

#include <cstdint>
#include <string>
#include <vector>

#include "auth/caller.hpp"
#include "core/json.hpp"
#include "core/result.hpp"
#include "module/registry.hpp"
#include "store/store.hpp"

/// What the crisis services share: loading a crisis with its room, deciding who may manage it or
/// write in it, and writing the timeline.
namespace sawt::crisis {

/// A crisis as stored, with the accounts holding each room role.
struct Room {
  store::Row crisis;
  std::vector<std::pair<int64_t, std::string>> roles;  ///< (account id, role), by account
  int64_t id() const { return crisis.Int("id"); }
  int64_t lead_entity() const { return crisis.Int("lead_entity_id"); }
  /// The lead entity first, then the affected ones.
  std::vector<int64_t> Entities() const;
  bool Holds(int64_t account_id, const std::string& role) const;
  bool HoldsAny(int64_t account_id) const;
  bool closed() const { return crisis.Text("status") == "closed"; }
};

/// The crisis `id` and its roles (404 crisis.not_found).
core::Result<Room> LoadRoom(store::Tx& tx, int64_t id);

/// Managing a room (its situation, roles, tasks, closing it): the network admins, the lead
/// entity's admins ("crisis.manage") and the room's lead.
core::Status CanManage(const auth::Caller& caller, const Room& room);
/// Writing in a room's timeline: those who manage it, anyone holding a room role, and the editors,
/// spokespeople and admins of the lead or an affected entity ("crisis.contribute").
core::Status CanContribute(const auth::Caller& caller, const Room& room);
/// 409 crisis.closed when the room is closed.
core::Status MustBeActive(const Room& room);

/// Appends an entry to the room's timeline (`source` "" for what happened in the room itself).
core::Status AddTimeline(store::Tx& tx, int64_t crisis_id, const std::string& kind, const std::string& text_ar,
                         const std::string& text_en, const std::string& by, const std::string& source = "",
                         const std::string& link = "");

/// The crisis's wire JSON with its roles (names from the member directory).
core::Result<core::Json> RoomJson(store::Tx& tx, const module::ModuleRegistry& registry, const Room& room);

/// "YYYY-MM-DDTHH:MM:SS[.ffffff]Z" → the stored form (microseconds); kInvalidInput crisis.bad_time
/// naming `field` otherwise.
core::Result<std::string> ReadInstant(const std::string& text, const char* field);

}  // namespace sawt::crisis
