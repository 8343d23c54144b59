#include "network/network_service.hpp"

#include <algorithm>

#include "auth/auth_service.hpp"
#include "auth/crypto.hpp"
#include "auth/policy.hpp"
#include "core/clock.hpp"
#include "module/service_names.hpp"
#include "module/write_helpers.hpp"
#include "network/model.hpp"
#include "network/resources.hpp"
#include "network/vocabularies.hpp"
#include "search/search_indexer.hpp"

namespace sawt::network {
namespace {

using namespace module::service_names;  // NOLINT: the service files' shared vocabulary

Json EntityJson(const Row& r) { return EntityResource().ToJson(r); }
Json MembershipJson(const Row& r) { return MembershipResource().ToJson(r); }
Json ResponsibilityJson(const Row& r) { return ResponsibilityResource().ToJson(r); }

std::string SelectEntities() { return "SELECT " + EntityResource().Columns() + " FROM entities "; }
std::string SelectMembers() { return "SELECT " + MemberResource().Columns("m") + " FROM members m "; }
std::string SelectMemberships() { return "SELECT " + MembershipResource().Columns() + " FROM memberships "; }
std::string SelectResponsibilities() { return "SELECT " + ResponsibilityResource().Columns() + " FROM responsibilities "; }

/// Runs `sql` (a SelectMembers()) and adds each member's login and active flag, which are its
/// account's (the accounts module's).
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

bool IsColor(const std::string& s) {
  if (s.size() != 7 || s[0] != '#') return false;
  for (size_t i = 1; i < 7; ++i) {
    if (!std::isxdigit(static_cast<unsigned char>(s[i]))) return false;
  }
  return true;
}

bool IsCode(const std::string& s) {
  if (s.size() < 2 || s.size() > 64) return false;
  for (char c : s) {
    if (!((c >= 'a' && c <= 'z') || (c >= '0' && c <= '9') || c == '-')) return false;
  }
  return true;
}

bool IsLogoUrl(const std::string& s) {
  return s.size() <= 500 && (s.rfind("https://", 0) == 0 || (s.size() > 1 && s[0] == '/' && s[1] != '/'));
}

bool IsEmail(const std::string& s) {
  auto at = s.find('@');
  return s.size() <= 254 && at != std::string::npos && at > 0 && s.find('.', at) != std::string::npos &&
         s.find_first_of(" \t\r\n<>") == std::string::npos && s.back() != '.';
}


Result<Row> LoadEntity(Tx& tx, int64_t id) {
  return LoadOne(tx, SelectEntities() + "WHERE id = $1", id, "network.entity_not_found");
}

Result<Json> LoadMember(Tx& tx, int64_t id) {
  SAWT_ASSIGN_OR_RETURN(auto found, QueryMembers(tx, store::Sql(SelectMembers() + "WHERE m.id = ", id)));
  if (found.empty()) return Error::NotFound("network.member_not_found", {std::to_string(id)});
  return std::move(found.front());
}

/// Entities the member holds any active role in (invitations not yet accepted grant nothing).
Result<std::vector<int64_t>> MemberEntities(Tx& tx, int64_t member_id) {
  auto rows = tx.Query("SELECT DISTINCT entity_id FROM memberships WHERE member_id = $1 AND status = 'active'",
                       {member_id});
  if (!rows) return std::move(rows).error();
  std::vector<int64_t> out;
  for (const auto& r : *rows) out.push_back(r.Int("entity_id"));
  return out;
}

/// Ok when `permission` holds in any entity the member belongs to (or the caller is that member
/// and `self_ok`). For reading; changing an account needs AuthorizeAdministration.
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

/// Whether the caller has authority over the whole account: it could grant every active role the
/// member holds (network admins can; an entity admin only when all of the member's roles lie in
/// entities they administer and none is network_admin). Whoever lacks it must not edit, deactivate
/// or pull the account into their entity, or a role in one entity would become control over
/// another entity's (or the network's) account. kForbidden "auth.forbidden" for callers who
/// administer no entity at all, "network.member_beyond_authority" for admins of other entities.
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

/// Conflict "network.last_network_admin" when the network would be left without an active
/// network admin once `member_id` stops being one. Append the change's event before calling it:
/// on PostgreSQL that takes the events chain lock, so two admins removing each other at once are
/// serialised and the second sees the first's change (SQLite serialises writers anyway).
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

/// Whether the member holds an active network_admin role.
Result<bool> IsNetworkAdmin(Tx& tx, int64_t member_id) {
  auto rows = tx.Query(
      "SELECT 1 FROM memberships WHERE member_id = $1 AND role = 'network_admin' AND status = 'active'", {member_id});
  if (!rows) return std::move(rows).error();
  return !rows->empty();
}

// ---- search: entities and members are searchable; the index changes in the same transaction ----

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

Result<int64_t> RebuildEntitySearch(Tx& tx) {
  auto rows = tx.Query(SelectEntities() + "ORDER BY id");
  if (!rows) return std::move(rows).error();
  for (const auto& r : *rows) SAWT_TRY_STATUS(IndexEntity(tx, EntityJson(r)));
  return static_cast<int64_t>(rows->size());
}

Result<int64_t> RebuildMemberSearch(Tx& tx) {
  auto rows = tx.Query("SELECT id FROM members ORDER BY id");
  if (!rows) return std::move(rows).error();
  for (const auto& r : *rows) SAWT_TRY_STATUS(IndexMember(tx, r.Int("id")));
  return static_cast<int64_t>(rows->size());
}

}  // namespace

std::vector<module::SearchType> NetworkService::SearchTypes() {
  return {{"entity", "network.entities.read", &RebuildEntitySearch}, {"member", "network.members.read", &RebuildMemberSearch}};
}

std::vector<store::Migration> NetworkService::Migrations() {
  return {{"network", 1, "0001_create_network", R"SQL(
CREATE TABLE entities (
  id {{ID}},
  parent_id BIGINT REFERENCES entities(id),
  kind TEXT NOT NULL CHECK (kind IN ('government', 'entity', 'department')),
  code TEXT NOT NULL UNIQUE,
  name_ar TEXT NOT NULL,
  name_en TEXT NOT NULL,
  color TEXT NOT NULL,
  logo_url TEXT,
  version BIGINT NOT NULL DEFAULT 1,
  created_at TEXT NOT NULL,
  updated_at TEXT NOT NULL
);
CREATE INDEX entities_parent ON entities(parent_id);
CREATE TABLE members (
  id BIGINT PRIMARY KEY REFERENCES accounts(id),
  name_ar TEXT NOT NULL,
  name_en TEXT NOT NULL,
  title_ar TEXT,
  title_en TEXT,
  email TEXT NOT NULL,
  version BIGINT NOT NULL DEFAULT 1,
  created_at TEXT NOT NULL,
  updated_at TEXT NOT NULL
);
CREATE TABLE memberships (
  id {{ID}},
  member_id BIGINT NOT NULL REFERENCES members(id),
  entity_id BIGINT NOT NULL REFERENCES entities(id),
  role TEXT NOT NULL,
  created_at TEXT NOT NULL,
  UNIQUE (member_id, entity_id, role)
);
CREATE INDEX memberships_entity ON memberships(entity_id);
CREATE TABLE responsibilities (
  id {{ID}},
  entity_id BIGINT NOT NULL REFERENCES entities(id),
  axis TEXT NOT NULL,
  task_ar TEXT NOT NULL,
  task_en TEXT NOT NULL,
  member_id BIGINT NOT NULL REFERENCES members(id),
  raci TEXT NOT NULL CHECK (raci IN ('R', 'A', 'C', 'I')),
  version BIGINT NOT NULL DEFAULT 1,
  created_at TEXT NOT NULL,
  updated_at TEXT NOT NULL
);
CREATE INDEX responsibilities_entity ON responsibilities(entity_id, axis);
)SQL"},
          // A role offered to someone who already belongs to entities beyond the granter's authority
          // waits for their acceptance ('invited') and grants nothing until then.
          {"network", 2, "0002_add_membership_status", R"SQL(
ALTER TABLE memberships ADD COLUMN status TEXT NOT NULL DEFAULT 'active' CHECK (status IN ('active', 'invited'));
)SQL"}};
}

Result<std::map<int64_t, std::set<auth::Role>>> NetworkService::ResolveRoles(Tx& tx, int64_t account_id) {
  // A role held in an entity also applies to every entity below it.
  auto rows = tx.Query(
      "WITH RECURSIVE scope(entity_id, role) AS ("
      "  SELECT entity_id, role FROM memberships WHERE member_id = $1 AND status = 'active'"
      "  UNION SELECT e.id, s.role FROM entities e JOIN scope s ON e.parent_id = s.entity_id"
      ") SELECT entity_id, role FROM scope",
      {account_id});
  if (!rows) return std::move(rows).error();
  std::map<int64_t, std::set<auth::Role>> out;
  for (const auto& r : *rows) {
    if (auto role = auth::ParseRole(r.Text("role"))) out[r.Int("entity_id")].insert(*role);
  }
  return out;
}

Json NetworkService::Axes() const {
  Json items = Json::array();
  for (const auto& a : kAxes) {
    items.push_back({{"key", a.key}, {"name_ar", a.name_ar}, {"name_en", a.name_en}});
  }
  return {{"items", items}};
}

// ---- entities ----

Result<std::shared_ptr<const std::string>> NetworkService::ListEntities(const auth::Caller& caller,
                                                                        std::optional<int64_t> parent_id,
                                                                        const module::Page& page) {
  SAWT_TRY_STATUS(auth::Authorize(caller, "network.entities.read", parent_id));
  const std::string key = std::to_string(parent_id.value_or(0)) + "/" + std::to_string(page.after_id) + "/" +
                          std::to_string(page.limit);
  if (auto hit = entity_lists_.Get(key)) return *hit;
  const int64_t epoch = entity_lists_.epoch();
  auto json = store::ReadValue<Json>(store_, [&](Tx& tx) -> Result<Json> {
    store::Sql sql(SelectEntities() + "WHERE id > ", page.after_id);
    if (parent_id) sql.Bind(" AND parent_id = ", *parent_id);
    return module::QueryPage(tx, std::move(sql), "id", page, EntityJson);
  });
  if (!json) return std::move(json).error();
  auto body = std::make_shared<const std::string>(core::DumpJson(*json));
  entity_lists_.Put(key, epoch, body);
  return body;
}

Result<Json> NetworkService::GetEntity(const auth::Caller& caller, int64_t id) {
  SAWT_TRY_STATUS(auth::Authorize(caller, "network.entities.read", id));
  return store::ReadValue<Json>(store_, [&](Tx& tx) -> Result<Json> {
    SAWT_ASSIGN_OR_RETURN(Row row, LoadEntity(tx, id));
    return EntityJson(row);
  });
}

Result<Json> NetworkService::CreateEntity(const auth::Caller& caller, const Json& body) {
  JsonReader in(body);
  auto kind = in.String("kind", true, 20);
  auto code = in.String("code", true, 64);
  auto name_ar = in.String("name_ar", true, 300);
  auto name_en = in.String("name_en", true, 300);
  auto color = in.String("color", false, 7);
  auto logo = in.String("logo_url", false, 500);
  auto parent_id = in.Int("parent_id", false);
  SAWT_TRY_STATUS(in.Finish());
  if (!EntityKinds().Has(*kind)) return Error::InvalidInput("network.bad_kind", "kind", {*kind});
  if (!IsCode(*code)) return Error::InvalidInput("network.bad_code", "code");
  if (color && !IsColor(*color)) return Error::InvalidInput("network.bad_color", "color");
  if (logo && !IsLogoUrl(*logo)) return Error::InvalidInput("network.bad_logo_url", "logo_url");
  if ((*kind == "government") != !parent_id) return Error::InvalidInput("network.bad_parent", "parent_id");
  // Entity admins may add departments under their own entities; everything else is the network's.
  SAWT_TRY_STATUS(*kind == "department" ? auth::Authorize(caller, "network.entities.create", parent_id)
                                        : auth::Authorize(caller, "network.entities.delete", std::nullopt));
  return store::WriteValue<Json>(store_, [&](Tx& tx) -> Result<Json> {
    if (parent_id) {
      auto parent = LoadEntity(tx, *parent_id);
      if (!parent) {
        if (parent.error().code == core::ErrorCode::kNotFound) {
          return Error::InvalidInput("network.parent_not_found", "parent_id", {std::to_string(*parent_id)});
        }
        return std::move(parent).error();
      }
      const std::string& pk = parent->Text("kind");
      const bool fits = (*kind == "entity" && pk == "government") || (*kind == "department" && pk != "government");
      if (!fits) return Error::InvalidInput("network.bad_parent", "parent_id");
    }
    const std::string now = store_.clock().NowIsoUtc();
    auto rows = tx.Query(std::string("INSERT INTO entities (parent_id, kind, code, name_ar, name_en, color, logo_url, "
                                     "created_at, updated_at) VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $8) RETURNING ") +
                             EntityResource().Columns(),
                         {store::OrNull(parent_id), *kind, *code, *name_ar, *name_en, color.value_or("#1f6f5c"),
                          store::OrNull(logo), now});
    if (!rows) {
      if (rows.error().code == core::ErrorCode::kConflict) return Error::Conflict("network.code_taken", {*code}, "code");
      return std::move(rows).error();
    }
    Json entity = EntityJson((*rows)[0]);
    int64_t id = entity["id"];
    SAWT_TRY_STATUS(AppendEvent(tx, caller, "network.entity_created", id, "entity", id, entity));
    SAWT_TRY_STATUS(IndexEntity(tx, entity));
    return entity;
  });
}

Result<Json> NetworkService::UpdateEntity(const auth::Caller& caller, int64_t id, std::optional<int64_t> if_match,
                                          const Json& body) {
  SAWT_TRY_STATUS(auth::Authorize(caller, "network.entities.update", id));
  JsonReader in(body);
  auto name_ar = in.String("name_ar", false, 300);
  auto name_en = in.String("name_en", false, 300);
  auto color = in.String("color", false, 7);
  const bool clear_logo = in.IsNull("logo_url");
  auto logo = in.String("logo_url", false, 500);
  SAWT_TRY_STATUS(in.Finish());
  if (color && !IsColor(*color)) return Error::InvalidInput("network.bad_color", "color");
  if (logo && !IsLogoUrl(*logo)) return Error::InvalidInput("network.bad_logo_url", "logo_url");
  Assignments set;
  set.SetIf("name_ar", name_ar);
  set.SetIf("name_en", name_en);
  set.SetIf("color", color);
  set.SetIf("logo_url", logo);
  if (clear_logo) set.Set("logo_url", store::Null(), nullptr);
  return store::WriteValue<Json>(store_, [&](Tx& tx) -> Result<Json> {
    store::Sql sql = module::GuardedUpdateSql(tx, "entities", set, id, if_match);
    sql.Append(" RETURNING " + EntityResource().Columns());
    auto rows = store::Query(tx, sql);
    if (!rows) return std::move(rows).error();
    if (rows->empty()) return MissOrStale(tx, "entities", id, "network.entity_not_found").error();
    Json entity = EntityJson((*rows)[0]);
    SAWT_TRY_STATUS(AppendEvent(tx, caller, "network.entity_updated", id, "entity", id, set.changed));
    SAWT_TRY_STATUS(IndexEntity(tx, entity));
    return entity;
  });
}

Status NetworkService::DeleteEntity(const auth::Caller& caller, int64_t id, std::optional<int64_t> if_match) {
  SAWT_TRY_STATUS(auth::Authorize(caller, "network.entities.delete", id));
  return store_.Write([&](Tx& tx) -> Status {
    std::string count =
        "SELECT (SELECT COUNT(*) FROM entities WHERE parent_id = $1) + (SELECT COUNT(*) FROM memberships WHERE "
        "entity_id = $1) + (SELECT COUNT(*) FROM responsibilities WHERE entity_id = $1)";
    if (entity_references_) {
      for (const auto& [table, column] : *entity_references_) {
        count += " + (SELECT COUNT(*) FROM " + table + " WHERE " + column + " = $1)";
      }
    }
    auto used = tx.Query(count + " AS uses", {id});
    if (!used) return std::move(used).error();
    if ((*used)[0].Int("uses") > 0) return Error::Conflict("network.entity_not_empty", {std::to_string(id)});
    store::Sql sql("DELETE FROM entities WHERE id = ", id);
    if (if_match) sql.Bind(" AND version = ", *if_match);
    auto n = store::Exec(tx, sql);
    if (!n) {
      // A reference nobody declared still stops the delete through its foreign key.
      if (n.error().key == "store.foreign_key_violation") return Error::Conflict("network.entity_not_empty", {std::to_string(id)});
      return std::move(n).error();
    }
    if (*n == 0) return MissOrStale(tx, "entities", id, "network.entity_not_found");
    SAWT_TRY_STATUS(search::SearchIndexer::Remove(tx, "entity", id));
    return AppendEvent(tx, caller, "network.entity_deleted", id, "entity", id, Json::object());
  });
}

// ---- members ----

Result<Json> NetworkService::ListMembers(const auth::Caller& caller, std::optional<int64_t> entity_id,
                                         const module::Page& page) {
  if (entity_id) SAWT_TRY_STATUS(auth::Authorize(caller, "network.members.read", entity_id));
  return store::ReadValue<Json>(store_, [&](Tx& tx) -> Result<Json> {
    store::Sql sql(SelectMembers() + "WHERE m.id > ", page.after_id);
    if (entity_id) {
      sql.Bind(" AND m.id IN (SELECT member_id FROM memberships WHERE status = 'active' AND entity_id = ", *entity_id)
          .Append(")");
    } else if (!caller.network_admin) {
      // Without a filter, a caller sees the members of the entities they belong to.
      const std::vector<int64_t> entities = caller.Entities();
      if (entities.empty()) return module::PageJson(Json::array(), page, 0);
      sql.BindList(" AND m.id IN (SELECT member_id FROM memberships WHERE status = 'active' AND entity_id IN (",
                   std::vector<Value>(entities.begin(), entities.end()))
          .Append("))");
    }
    sql.Bind(" ORDER BY m.id LIMIT ", int64_t{page.limit});
    SAWT_ASSIGN_OR_RETURN(auto members, QueryMembers(tx, sql));
    const int64_t last = members.empty() ? 0 : members.back()["id"].get<int64_t>();
    return module::PageJson(Json(std::move(members)), page, last);
  });
}

Result<Json> NetworkService::GetMember(const auth::Caller& caller, int64_t id) {
  return store::ReadValue<Json>(store_, [&](Tx& tx) -> Result<Json> {
    SAWT_ASSIGN_OR_RETURN(Json member, LoadMember(tx, id));
    SAWT_TRY_STATUS(AuthorizeOnMember(tx, caller, "network.members.read", id, true));
    return member;
  });
}

Result<Json> NetworkService::CreateMember(const auth::Caller& caller, const Json& body, NewAccount kind) {
  JsonReader in(body);
  auto login = in.String("login", true, 64);
  auto password = in.String("password", true, 256);
  auto name_ar = in.String("name_ar", true, 300);
  auto name_en = in.String("name_en", true, 300);
  auto title_ar = in.String("title_ar", false, 300);
  auto title_en = in.String("title_en", false, 300);
  auto email = in.String("email", true, 254);
  auto entity_id = in.Int("entity_id", false);
  auto role_name = in.String("role", false, 40);
  SAWT_TRY_STATUS(in.Finish());
  SAWT_TRY_STATUS(auth::AuthService::ValidateLogin(*login));
  // The demo's published passwords (e.g. "admin-demo") would fail the policy; they are demo data.
  if (kind == NewAccount::kTemporaryPassword) SAWT_TRY_STATUS(auth::AuthService::ValidateNewPassword(*password, *login));
  if (!IsEmail(*email)) return Error::InvalidInput("network.bad_email", "email");
  if (entity_id.has_value() != role_name.has_value()) {
    return Error::InvalidInput("network.entity_and_role_together", entity_id ? "role" : "entity_id");
  }
  std::optional<auth::Role> role;
  if (role_name) {
    role = auth::ParseRole(*role_name);
    if (!role) return Error::InvalidInput("network.bad_role", "role", {*role_name});
    SAWT_TRY_STATUS(auth::Authorize(caller, "network.members.create", entity_id));
    SAWT_TRY_STATUS(auth::AuthorizeGrant(caller, *role, *entity_id));
  } else {
    SAWT_TRY_STATUS(auth::Authorize(caller, "network.members.create", std::nullopt));
  }
  const std::string hash = auth::HashPassword(*password);
  return store::WriteValue<Json>(store_, [&](Tx& tx) -> Result<Json> {
    SAWT_ASSIGN_OR_RETURN(int64_t id,
                          auth::AuthService::CreateAccount(tx, *login, hash, kind == NewAccount::kTemporaryPassword));
    const std::string now = store_.clock().NowIsoUtc();
    auto n = tx.Exec(
        "INSERT INTO members (id, name_ar, name_en, title_ar, title_en, email, created_at, updated_at) "
        "VALUES ($1, $2, $3, $4, $5, $6, $7, $7)",
        {id, *name_ar, *name_en, store::OrNull(title_ar), store::OrNull(title_en), *email, now});
    if (!n) return std::move(n).error();
    if (entity_id) {
      auto m = tx.Exec("INSERT INTO memberships (member_id, entity_id, role, created_at) VALUES ($1, $2, $3, $4)",
                       {id, *entity_id, std::string(auth::RoleName(*role)), now});
      if (!m) {
        if (m.error().code == core::ErrorCode::kConflict) {
          return Error::InvalidInput("network.entity_not_found", "entity_id", {std::to_string(*entity_id)});
        }
        return std::move(m).error();
      }
    }
    SAWT_ASSIGN_OR_RETURN(Json member, LoadMember(tx, id));
    Json payload = member;
    if (entity_id) payload["membership"] = {{"entity_id", *entity_id}, {"role", *role_name}};
    SAWT_TRY_STATUS(AppendEvent(tx, caller, "network.member_created", entity_id, "member", id, payload));
    SAWT_TRY_STATUS(IndexMember(tx, id));
    return member;
  });
}

Result<Json> NetworkService::UpdateMember(const auth::Caller& caller, int64_t id, std::optional<int64_t> if_match,
                                          const Json& body) {
  JsonReader in(body);
  auto name_ar = in.String("name_ar", false, 300);
  auto name_en = in.String("name_en", false, 300);
  const bool clear_title_ar = in.IsNull("title_ar");
  const bool clear_title_en = in.IsNull("title_en");
  auto title_ar = in.String("title_ar", false, 300);
  auto title_en = in.String("title_en", false, 300);
  auto email = in.String("email", false, 254);
  auto active = in.Bool("active", false);
  SAWT_TRY_STATUS(in.Finish());
  if (email && !IsEmail(*email)) return Error::InvalidInput("network.bad_email", "email");
  Assignments set;
  set.SetIf("name_ar", name_ar);
  set.SetIf("name_en", name_en);
  set.SetIf("title_ar", title_ar);
  if (clear_title_ar) set.Set("title_ar", store::Null(), nullptr);
  set.SetIf("title_en", title_en);
  if (clear_title_en) set.Set("title_en", store::Null(), nullptr);
  set.SetIf("email", email);
  return store::WriteValue<Json>(store_, [&](Tx& tx) -> Result<Json> {
    SAWT_TRY_STATUS(LoadMember(tx, id));
    // Members edit their own profile; changing anyone else's account (its e-mail leads to its
    // password, its activation to its access) needs authority over every role it holds.
    if (active && id == caller.account_id) return Error::InvalidInput("network.cannot_deactivate_self", "active");
    if (id == caller.account_id) {
      SAWT_TRY_STATUS(auth::Authorize(caller, "accounts.self.write", std::nullopt));
    } else {
      SAWT_TRY_STATUS(AuthorizeAdministration(tx, caller, id));
    }
    auto n = store::Exec(tx, module::GuardedUpdateSql(tx, "members", set, id, if_match));
    if (!n) return std::move(n).error();
    if (*n == 0) return MissOrStale(tx, "members", id, "network.member_not_found").error();
    Json changed = set.changed;
    if (active) {
      SAWT_TRY_STATUS(auth::AuthService::SetActive(tx, id, *active));
      changed["active"] = *active;
    }
    SAWT_ASSIGN_OR_RETURN(Json member, LoadMember(tx, id));
    SAWT_TRY_STATUS(AppendEvent(tx, caller, "network.member_updated", std::nullopt, "member", id, changed));
    if (active == false) {
      SAWT_ASSIGN_OR_RETURN(bool admin, IsNetworkAdmin(tx, id));
      if (admin) SAWT_TRY_STATUS(KeepOneNetworkAdmin(tx, id));
    }
    SAWT_TRY_STATUS(IndexMember(tx, id));
    return member;
  });
}

Status NetworkService::UnlockMember(const auth::Caller& caller, int64_t id) {
  return store_.Write([&](Tx& tx) -> Status {
    SAWT_TRY_STATUS(LoadMember(tx, id));
    SAWT_TRY_STATUS(AuthorizeOnMember(tx, caller, "network.members.update", id, /*self_ok=*/false));
    SAWT_TRY_STATUS(auth::LoginThrottle::Unlock(tx, id, caller.login));
    return Ok();
  });
}

// ---- memberships ----

Result<Json> NetworkService::ListMemberships(const auth::Caller& caller, std::optional<int64_t> entity_id,
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

Result<Json> NetworkService::CreateMembership(const auth::Caller& caller, const Json& body) {
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

Status NetworkService::DeleteMembership(const auth::Caller& caller, int64_t id) {
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

Result<Json> NetworkService::AcceptMembership(const auth::Caller& caller, int64_t id) {
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

Result<Json> NetworkService::ListResponsibilities(const auth::Caller& caller, std::optional<int64_t> entity_id,
                                                  const module::Page& page) {
  SAWT_TRY_STATUS(auth::Authorize(caller, "network.responsibilities.read", entity_id));
  return store::ReadValue<Json>(store_, [&](Tx& tx) -> Result<Json> {
    store::Sql sql(SelectResponsibilities() + "WHERE id > ", page.after_id);
    if (entity_id) sql.Bind(" AND entity_id = ", *entity_id);
    return module::QueryPage(tx, std::move(sql), "id", page, ResponsibilityJson);
  });
}

Result<Json> NetworkService::CreateResponsibility(const auth::Caller& caller, const Json& body) {
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

Result<Json> NetworkService::UpdateResponsibility(const auth::Caller& caller, int64_t id,
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

Status NetworkService::DeleteResponsibility(const auth::Caller& caller, int64_t id, std::optional<int64_t> if_match) {
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
