#include "network/rows.hpp"

#include <algorithm>

#include "auth/auth_service.hpp"
#include "auth/policy.hpp"
#include "module/service_names.hpp"
#include "network/resources.hpp"
#include "search/search_indexer.hpp"

namespace sawt::network::rows {

using namespace module::service_names;  // NOLINT: the service files' shared vocabulary

Json EntityJson(const Row& r) { return EntityResource().ToJson(r); }
Json MembershipJson(const Row& r) { return MembershipResource().ToJson(r); }
Json ResponsibilityJson(const Row& r) { return ResponsibilityResource().ToJson(r); }

std::string SelectEntities() { return "SELECT " + EntityResource().Columns() + " FROM entities "; }
std::string SelectMembers() { return "SELECT " + MemberResource().Columns("m") + " FROM members m "; }
std::string SelectMemberships() { return "SELECT " + MembershipResource().Columns() + " FROM memberships "; }
std::string SelectResponsibilities() { return "SELECT " + ResponsibilityResource().Columns() + " FROM responsibilities "; }

Result<std::vector<Json>> QueryMembers(Tx& tx, const store::Sql& sql) {
  auto rows = store::Query(tx, sql);
  if (!rows) return std::move(rows).error();
  std::vector<int64_t> ids;
  for (const auto& r : *rows) ids.push_back(r.Int("id"));
  SAWT_ASSIGN_OR_RETURN(auto accounts, auth::AuthService::Accounts(tx, ids));
  std::vector<Json> out;
  for (const auto& r : *rows) {
    Json m = MemberResource().ToJson(r);
    auto a = accounts.find(r.Int("id"));
    m["login"] = a == accounts.end() ? std::string() : a->second.login;
    m["active"] = a != accounts.end() && a->second.active;
    out.push_back(std::move(m));
  }
  return out;
}

Result<Row> LoadEntity(Tx& tx, int64_t id) {
  return LoadOne(tx, SelectEntities() + "WHERE id = $1", id, "network.entity_not_found");
}

Result<Json> LoadMember(Tx& tx, int64_t id) {
  SAWT_ASSIGN_OR_RETURN(auto found, QueryMembers(tx, store::Sql(SelectMembers() + "WHERE m.id = ", id)));
  if (found.empty()) return Error::NotFound("network.member_not_found", {std::to_string(id)});
  return std::move(found.front());
}

Result<std::vector<int64_t>> MemberEntities(Tx& tx, int64_t member_id) {
  auto rows = tx.Query("SELECT DISTINCT entity_id FROM memberships WHERE member_id = $1 AND status = 'active'",
                       {member_id});
  if (!rows) return std::move(rows).error();
  std::vector<int64_t> out;
  for (const auto& r : *rows) out.push_back(r.Int("entity_id"));
  return out;
}

Status AuthorizeOnMember(Tx& tx, const auth::Caller& caller, std::string_view permission, int64_t member_id,
                         bool self_ok) {
  if (self_ok && caller.account_id == member_id) return Ok();
  if (caller.network_admin) return auth::Authorize(caller, permission, std::nullopt);
  SAWT_ASSIGN_OR_RETURN(auto entities, MemberEntities(tx, member_id));
  for (int64_t e : entities) {
    if (auth::Authorize(caller, permission, e)) return Ok();
  }
  return Error::Forbidden();
}

Status AuthorizeAdministration(Tx& tx, const auth::Caller& caller, int64_t member_id) {
  if (caller.network_admin) return auth::Authorize(caller, "network.members.update", std::nullopt);
  bool administers_some_entity = false;
  for (const auto& [entity_id, roles] : caller.roles) {
    administers_some_entity = administers_some_entity || static_cast<bool>(auth::Authorize(caller, "network.members.update", entity_id));
  }
  if (!administers_some_entity) return Error::Forbidden();
  auto rows = tx.Query("SELECT entity_id, role FROM memberships WHERE member_id = $1 AND status = 'active'", {member_id});
  if (!rows) return std::move(rows).error();
  // An account with no role at all belongs to nobody but the network admins.
  if (rows->empty()) return Error::Forbidden("network.member_beyond_authority");
  for (const auto& r : *rows) {
    const auto role = auth::ParseRole(r.Text("role")).value_or(auth::Role::kNetworkAdmin);
    if (auto st = auth::AuthorizeGrant(caller, role, r.Int("entity_id")); !st) {
      return st.error().key == "auth.token_scope" ? st : Status(Error::Forbidden("network.member_beyond_authority"));
    }
  }
  return Ok();
}

Status KeepOneNetworkAdmin(Tx& tx, int64_t member_id) {
  auto rows = tx.Query(
      "SELECT DISTINCT member_id FROM memberships WHERE role = 'network_admin' AND status = 'active' AND member_id <> $1",
      {member_id});
  if (!rows) return std::move(rows).error();
  std::vector<int64_t> admins;
  for (const auto& r : *rows) admins.push_back(r.Int("member_id"));
  SAWT_ASSIGN_OR_RETURN(auto accounts, auth::AuthService::Accounts(tx, admins));
  for (const auto& [id, account] : accounts) {
    if (account.active) return Ok();
  }
  return Error::Conflict("network.last_network_admin");
}

Result<bool> IsNetworkAdmin(Tx& tx, int64_t member_id) {
  auto rows = tx.Query(
      "SELECT 1 FROM memberships WHERE member_id = $1 AND role = 'network_admin' AND status = 'active'", {member_id});
  if (!rows) return std::move(rows).error();
  return !rows->empty();
}

Status IndexEntity(Tx& tx, const Json& e) {
  const int64_t id = e["id"];
  return search::SearchIndexer::Upsert(
      tx, {"entity", id, id, {id}, e["name_ar"], e["name_en"], e["code"], "/api/v1/entities/" + std::to_string(id),
           e["updated_at"]});
}

Status IndexMember(Tx& tx, int64_t id) {
  SAWT_ASSIGN_OR_RETURN(Json m, LoadMember(tx, id));
  SAWT_ASSIGN_OR_RETURN(auto entities, MemberEntities(tx, id));
  std::sort(entities.begin(), entities.end());
  std::string body;
  for (const char* title : {"title_ar", "title_en"}) {
    if (m[title].is_string()) body += m[title].get<std::string>() + "\n";
  }
  body += m["login"].get<std::string>();
  std::optional<int64_t> entity;
  if (!entities.empty()) entity = entities.front();
  return search::SearchIndexer::Upsert(tx, {"member", id, entity, entities, m["name_ar"], m["name_en"], body,
                                            "/api/v1/members/" + std::to_string(id), m["updated_at"]});
}

}  // namespace sawt::network::rows
