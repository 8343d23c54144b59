#include "crisis/room_access.hpp"

#include <algorithm>

#include "auth/policy.hpp"
#include "core/clock.hpp"
#include "crisis/resources.hpp"
#include "module/service_names.hpp"

namespace sawt::crisis {

using namespace module::service_names;  // NOLINT: the service files' shared vocabulary

std::vector<int64_t> Room::Entities() const {
  std::vector<int64_t> out = {lead_entity()};
  for (const auto& e : Json::parse(crisis.Text("affected"))) out.push_back(e.get<int64_t>());
  return out;
}

bool Room::Holds(int64_t account_id, const std::string& role) const {
  return std::find(roles.begin(), roles.end(), std::make_pair(account_id, role)) != roles.end();
}

bool Room::HoldsAny(int64_t account_id) const {
  return std::any_of(roles.begin(), roles.end(), [&](const auto& r) { return r.first == account_id; });
}

Result<Room> LoadRoom(Tx& tx, int64_t id) {
  SAWT_ASSIGN_OR_RETURN(Row row, LoadOne(tx, "SELECT " + CrisisResource().Columns() + " FROM crises WHERE id = $1", id,
                                         "crisis.not_found"));
  Room room{std::move(row), {}};
  auto roles = tx.Query("SELECT account_id, role FROM crisis_roles WHERE crisis_id = $1 ORDER BY account_id, role", {id});
  if (!roles) return std::move(roles).error();
  for (const auto& r : *roles) room.roles.emplace_back(r.Int("account_id"), r.Text("role"));
  return room;
}

Status CanManage(const auth::Caller& caller, const Room& room) {
  if (room.Holds(caller.account_id, "lead")) return Ok();
  return auth::Authorize(caller, "crisis.manage", room.lead_entity());
}

Status CanContribute(const auth::Caller& caller, const Room& room) {
  if (room.HoldsAny(caller.account_id)) return Ok();
  Status refused = auth::Authorize(caller, "crisis.manage", room.lead_entity());
  if (refused) return refused;
  for (int64_t entity : room.Entities()) {
    Status s = auth::Authorize(caller, "crisis.contribute", entity);
    if (s) return s;
  }
  return refused;
}

Status MustBeActive(const Room& room) {
  if (room.closed()) return Error::Conflict("crisis.closed", {std::to_string(room.id())});
  return Ok();
}

Status AddTimeline(Tx& tx, int64_t crisis_id, const std::string& kind, const std::string& text_ar,
                   const std::string& text_en, const std::string& by, const std::string& source, const std::string& link) {
  auto n = tx.Exec(
      "INSERT INTO crisis_timeline (crisis_id, at, kind, text_ar, text_en, by_login, source, link) "
      "VALUES ($1, $2, $3, $4, $5, $6, $7, $8)",
      {crisis_id, tx.clock().NowIsoUtc(), kind, text_ar, text_en, by, source, link});
  if (!n) return std::move(n).error();
  return Ok();
}

Result<Json> RoomJson(Tx& tx, const module::ModuleRegistry& registry, const Room& room) {
  Json out = CrisisResource().ToJson(room.crisis);
  std::vector<int64_t> accounts;
  for (const auto& [account, role] : room.roles) accounts.push_back(account);
  SAWT_ASSIGN_OR_RETURN(auto contacts, registry.member_directory().Contacts(tx, accounts));
  Json roles = Json::array();
  for (const auto& [account, role] : room.roles) {
    const auto found = contacts.find(account);
    roles.push_back({{"account_id", account},
                     {"role", role},
                     {"name_ar", found == contacts.end() ? "" : found->second.name_ar},
                     {"name_en", found == contacts.end() ? "" : found->second.name_en}});
  }
  out["roles"] = std::move(roles);
  // The pauses of publishing this crisis asked for that are still in force (messaging's switch).
  SAWT_ASSIGN_OR_RETURN(auto pauses, registry.publishing_control().ActiveFor(tx, "crisis", room.id()));
  out["publishing_pauses"] = Json(std::move(pauses));
  return out;
}

Result<std::string> ReadInstant(const std::string& text, const char* field) {
  int64_t micros = 0;
  if (text.size() < 20 || !core::ParseIsoUtc(text, &micros)) return Error::InvalidInput("crisis.bad_time", field, {field});
  return core::FormatIsoUtc(micros);
}

}  // namespace sawt::crisis
