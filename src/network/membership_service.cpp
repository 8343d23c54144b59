#include "network/membership_service.hpp"

#include "auth/policy.hpp"
#include "module/service_names.hpp"
#include "module/write_helpers.hpp"
#include "network/model.hpp"
#include "network/resources.hpp"
#include "network/rows.hpp"
#include "network/vocabularies.hpp"

namespace sawt::network {
namespace {

using namespace module::service_names;  // NOLINT: the service files' shared vocabulary
using namespace rows;  // NOLINT: the network's row and authority helpers, shared by its two services

}  // namespace

// ---- memberships ----

Result<Json> MembershipService::ListMemberships(const auth::Caller& caller, std::optional<int64_t> entity_id,
                                             std::optional<int64_t> member_id, const module::Page& page) {
  return store::ReadValue<Json>(store_, [&](Tx& tx) -> Result<Json> {
    store::Sql sql(SelectMemberships() + "WHERE id > ", page.after_id);
    if (entity_id) {
      SAWT_TRY_STATUS(auth::Authorize(caller, "network.memberships.read", entity_id));
      sql.Bind(" AND entity_id = ", *entity_id);
    }
    if (member_id) {
      SAWT_TRY_STATUS(AuthorizeOnMember(tx, caller, "network.memberships.read", *member_id, true));
      sql.Bind(" AND member_id = ", *member_id);
    }
    if (!entity_id && !member_id) SAWT_TRY_STATUS(auth::Authorize(caller, "network.memberships.read", std::nullopt));
    sql.Bind(" ORDER BY id LIMIT ", int64_t{page.limit});
    auto rows = store::Query(tx, sql);
    if (!rows) return std::move(rows).error();
    Json items = Json::array();
    int64_t last = 0;
    for (const auto& r : *rows) {
      // A member's memberships in entities the caller cannot see stay hidden.
      if (member_id && !caller.network_admin && caller.account_id != *member_id &&
          !caller.BelongsTo(r.Int("entity_id"))) {
        continue;
      }
      items.push_back(MembershipJson(r));
      last = r.Int("id");
    }
    return module::PageJson(std::move(items), page, last);
  });
}

Result<Json> MembershipService::CreateMembership(const auth::Caller& caller, const Json& body) {
  JsonReader in(body);
  auto member_id = in.Int("member_id", true);
  auto entity_id = in.Int("entity_id", true);
  auto role_name = in.String("role", true, 40);
  SAWT_TRY_STATUS(in.Finish());
  auto role = auth::ParseRole(*role_name);
  if (!role) return Error::InvalidInput("network.bad_role", "role", {*role_name});
  SAWT_TRY_STATUS(auth::AuthorizeGrant(caller, *role, *entity_id));
  return store::WriteValue<Json>(store_, [&](Tx& tx) -> Result<Json> {
    auto entity = LoadEntity(tx, *entity_id);
    if (!entity) return Error::InvalidInput("network.entity_not_found", "entity_id", {std::to_string(*entity_id)});
    auto member = LoadMember(tx, *member_id);
    if (!member) return Error::InvalidInput("network.member_not_found", "member_id", {std::to_string(*member_id)});
    // Someone who also belongs where the granter has no authority is invited, not enrolled: a role
    // here would otherwise let the granter edit or deactivate an account that is not theirs.
    SAWT_ASSIGN_OR_RETURN(auto entities, MemberEntities(tx, *member_id));
    const bool invite = !entities.empty() && !AuthorizeAdministration(tx, caller, *member_id);
    auto rows = tx.Query(std::string("INSERT INTO memberships (member_id, entity_id, role, created_at, status) "
                                     "VALUES ($1, $2, $3, $4, $5) RETURNING ") +
                             MembershipResource().Columns(),
                         {*member_id, *entity_id, *role_name, store_.clock().NowIsoUtc(), std::string(invite ? "invited" : "active")});
    if (!rows) {
      if (rows.error().code == core::ErrorCode::kConflict) return Error::Conflict("network.membership_exists");
      return std::move(rows).error();
    }
    Json m = MembershipJson((*rows)[0]);
    SAWT_TRY_STATUS(AppendEvent(tx, caller, invite ? "network.membership_offered" : "network.membership_granted",
                                *entity_id, "membership", m["id"], m));
    if (!invite) SAWT_TRY_STATUS(IndexMember(tx, *member_id));  // who may find the member changed
    return m;
  });
}

Status MembershipService::DeleteMembership(const auth::Caller& caller, int64_t id) {
  return store_.Write([&](Tx& tx) -> Status {
    auto rows = tx.Query(SelectMemberships() + "WHERE id = $1", {id});
    if (!rows) return std::move(rows).error();
    if (rows->empty()) return Error::NotFound("network.membership_not_found", {std::to_string(id)});
    Json m = MembershipJson((*rows)[0]);
    const int64_t member_id = m["member_id"];
    const bool declining = m["status"] == "invited" && member_id == caller.account_id;
    auto role = auth::ParseRole(m["role"].get<std::string>());
    if (declining) {
      SAWT_TRY_STATUS(auth::Authorize(caller, "accounts.self.write", std::nullopt));
    } else {
      SAWT_TRY_STATUS(auth::AuthorizeGrant(caller, role.value_or(auth::Role::kNetworkAdmin), m["entity_id"]));
    }
    auto n = tx.Exec("DELETE FROM memberships WHERE id = $1", {id});
    if (!n) return std::move(n).error();
    SAWT_TRY_STATUS(IndexMember(tx, member_id));  // who may find the member changed
    SAWT_TRY_STATUS(AppendEvent(tx, caller, declining ? "network.membership_declined" : "network.membership_revoked",
                                m["entity_id"].get<int64_t>(), "membership", id, m));
    if (role == auth::Role::kNetworkAdmin && m["status"] == "active") {
      SAWT_ASSIGN_OR_RETURN(bool still_admin, IsNetworkAdmin(tx, member_id));
      if (!still_admin) SAWT_TRY_STATUS(KeepOneNetworkAdmin(tx, member_id));
    }
    return Ok();
  });
}

Result<Json> MembershipService::AcceptMembership(const auth::Caller& caller, int64_t id) {
  SAWT_TRY_STATUS(auth::Authorize(caller, "accounts.self.write", std::nullopt));
  return store::WriteValue<Json>(store_, [&](Tx& tx) -> Result<Json> {
    auto rows = tx.Query(SelectMemberships() + "WHERE id = $1", {id});
    if (!rows) return std::move(rows).error();
    // Only the invited member may accept; to anyone else the invitation does not exist.
    if (rows->empty() || (*rows)[0].Int("member_id") != caller.account_id) {
      return Error::NotFound("network.membership_not_found", {std::to_string(id)});
    }
    if ((*rows)[0].Text("status") != "invited") return Error::Conflict("network.membership_not_invited");
    auto updated = tx.Query(std::string("UPDATE memberships SET status = 'active' WHERE id = $1 AND status = 'invited' "
                                        "RETURNING ") +
                                MembershipResource().Columns(),
                            {id});
    if (!updated) return std::move(updated).error();
    if (updated->empty()) return Error::Conflict("network.membership_not_invited");
    Json m = MembershipJson((*updated)[0]);
    SAWT_TRY_STATUS(AppendEvent(tx, caller, "network.membership_accepted", m["entity_id"].get<int64_t>(), "membership",
                                id, m));
    SAWT_TRY_STATUS(IndexMember(tx, caller.account_id));
    return m;
  });
}

// ---- responsibilities ----

Result<Json> MembershipService::ListResponsibilities(const auth::Caller& caller, std::optional<int64_t> entity_id,
                                                  const module::Page& page) {
  SAWT_TRY_STATUS(auth::Authorize(caller, "network.responsibilities.read", entity_id));
  return store::ReadValue<Json>(store_, [&](Tx& tx) -> Result<Json> {
    store::Sql sql(SelectResponsibilities() + "WHERE id > ", page.after_id);
    if (entity_id) sql.Bind(" AND entity_id = ", *entity_id);
    return module::QueryPage(tx, std::move(sql), "id", page, ResponsibilityJson);
  });
}

Result<Json> MembershipService::CreateResponsibility(const auth::Caller& caller, const Json& body) {
  JsonReader in(body);
  auto entity_id = in.Int("entity_id", true);
  auto axis = in.String("axis", true, 64);
  auto task_ar = in.String("task_ar", true, 1000);
  auto task_en = in.String("task_en", true, 1000);
  auto member_id = in.Int("member_id", true);
  auto raci = in.String("raci", true, 1);
  SAWT_TRY_STATUS(in.Finish());
  if (!network::Axes().Has(*axis)) return Error::InvalidInput("network.bad_axis", "axis", {*axis});
  if (!Raci().Has(*raci)) return Error::InvalidInput("network.bad_raci", "raci", {*raci});
  SAWT_TRY_STATUS(auth::Authorize(caller, "network.responsibilities.write", entity_id));
  return store::WriteValue<Json>(store_, [&](Tx& tx) -> Result<Json> {
    auto entity = LoadEntity(tx, *entity_id);
    if (!entity) return Error::InvalidInput("network.entity_not_found", "entity_id", {std::to_string(*entity_id)});
    auto member = LoadMember(tx, *member_id);
    if (!member) return Error::InvalidInput("network.member_not_found", "member_id", {std::to_string(*member_id)});
    const std::string now = store_.clock().NowIsoUtc();
    auto rows = tx.Query(std::string("INSERT INTO responsibilities (entity_id, axis, task_ar, task_en, member_id, raci, "
                                     "created_at, updated_at) VALUES ($1, $2, $3, $4, $5, $6, $7, $7) RETURNING ") +
                             ResponsibilityResource().Columns(),
                         {*entity_id, *axis, *task_ar, *task_en, *member_id, *raci, now});
    if (!rows) return std::move(rows).error();
    Json r = ResponsibilityJson((*rows)[0]);
    SAWT_TRY_STATUS(AppendEvent(tx, caller, "network.responsibility_created", *entity_id, "responsibility", r["id"], r));
    return r;
  });
}

Result<Json> MembershipService::UpdateResponsibility(const auth::Caller& caller, int64_t id,
                                                  std::optional<int64_t> if_match, const Json& body) {
  JsonReader in(body);
  auto axis = in.String("axis", false, 64);
  auto task_ar = in.String("task_ar", false, 1000);
  auto task_en = in.String("task_en", false, 1000);
  auto member_id = in.Int("member_id", false);
  auto raci = in.String("raci", false, 1);
  SAWT_TRY_STATUS(in.Finish());
  if (axis && !network::Axes().Has(*axis)) return Error::InvalidInput("network.bad_axis", "axis", {*axis});
  if (raci && !Raci().Has(*raci)) return Error::InvalidInput("network.bad_raci", "raci", {*raci});
  Assignments set;
  set.SetIf("axis", axis);
  set.SetIf("task_ar", task_ar);
  set.SetIf("task_en", task_en);
  set.SetIf("member_id", member_id);
  set.SetIf("raci", raci);
  return store::WriteValue<Json>(store_, [&](Tx& tx) -> Result<Json> {
    SAWT_ASSIGN_OR_RETURN(Row current, LoadOne(tx, SelectResponsibilities() + "WHERE id = $1",
                                               id, "network.responsibility_not_found"));
    const int64_t entity_id = current.Int("entity_id");
    SAWT_TRY_STATUS(auth::Authorize(caller, "network.responsibilities.write", entity_id));
    if (member_id && !LoadMember(tx, *member_id)) {
      return Error::InvalidInput("network.member_not_found", "member_id", {std::to_string(*member_id)});
    }
    store::Sql sql = module::GuardedUpdateSql(tx, "responsibilities", set, id, if_match);
    sql.Append(" RETURNING " + ResponsibilityResource().Columns());
    auto rows = store::Query(tx, sql);
    if (!rows) return std::move(rows).error();
    if (rows->empty()) return MissOrStale(tx, "responsibilities", id, "network.responsibility_not_found").error();
    SAWT_TRY_STATUS(AppendEvent(tx, caller, "network.responsibility_updated", entity_id, "responsibility", id, set.changed));
    return ResponsibilityJson((*rows)[0]);
  });
}

Status MembershipService::DeleteResponsibility(const auth::Caller& caller, int64_t id, std::optional<int64_t> if_match) {
  return store_.Write([&](Tx& tx) -> Status {
    SAWT_ASSIGN_OR_RETURN(Row current, LoadOne(tx, SelectResponsibilities() + "WHERE id = $1",
                                               id, "network.responsibility_not_found"));
    const int64_t entity_id = current.Int("entity_id");
    SAWT_TRY_STATUS(auth::Authorize(caller, "network.responsibilities.write", entity_id));
    store::Sql sql("DELETE FROM responsibilities WHERE id = ", id);
    if (if_match) sql.Bind(" AND version = ", *if_match);
    auto n = store::Exec(tx, sql);
    if (!n) return std::move(n).error();
    if (*n == 0) return MissOrStale(tx, "responsibilities", id, "network.responsibility_not_found");
    return AppendEvent(tx, caller, "network.responsibility_deleted", entity_id, "responsibility", id, Json::object());
  });
}

}  // namespace sawt::network
