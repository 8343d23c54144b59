#include "network/network_service.hpp"

#include <algorithm>

#include "auth/auth_service.hpp"
#include "auth/crypto.hpp"
#include "auth/policy.hpp"
#include "core/clock.hpp"
#include "module/write_helpers.hpp"
#include "network/model.hpp"
#include "search/search_indexer.hpp"

namespace sawt::network {
namespace {

using core::Error;
using core::Json;
using core::JsonReader;
using core::Ok;
using core::Result;
using core::Status;
using store::Row;
using store::Tx;
using store::Value;
using module::AppendEvent;
using module::Assignments;
using module::LoadOne;
using module::MissOrStale;
using module::OptJson;

constexpr const char* kEntityColumns =
    "id, parent_id, kind, code, name_ar, name_en, color, logo_url, version, created_at, updated_at";
constexpr const char* kMemberColumns =
    "m.id, a.login, m.name_ar, m.name_en, m.title_ar, m.title_en, m.email, a.active, m.version, m.created_at, "
    "m.updated_at";
constexpr const char* kMemberFrom = " FROM members m JOIN accounts a ON a.id = m.id ";
constexpr const char* kResponsibilityColumns =
    "id, entity_id, axis, task_ar, task_en, member_id, raci, version, created_at, updated_at";


Json EntityJson(const Row& r) {
  return {{"id", r.Int(0)},         {"parent_id", OptJson(r.OptInt(1))}, {"kind", r.Text(2)},
          {"code", r.Text(3)},      {"name_ar", r.Text(4)},              {"name_en", r.Text(5)},
          {"color", r.Text(6)},     {"logo_url", OptJson(r.OptText(7))}, {"version", r.Int(8)},
          {"created_at", r.Text(9)}, {"updated_at", r.Text(10)}};
}

Json MemberJson(const Row& r) {
  return {{"id", r.Int(0)},
          {"login", r.Text(1)},
          {"name_ar", r.Text(2)},
          {"name_en", r.Text(3)},
          {"title_ar", OptJson(r.OptText(4))},
          {"title_en", OptJson(r.OptText(5))},
          {"email", r.Text(6)},
          {"active", r.Int(7) != 0},
          {"version", r.Int(8)},
          {"created_at", r.Text(9)},
          {"updated_at", r.Text(10)}};
}

Json MembershipJson(const Row& r) {
  return {{"id", r.Int(0)}, {"member_id", r.Int(1)}, {"entity_id", r.Int(2)}, {"role", r.Text(3)},
          {"created_at", r.Text(4)}};
}

Json ResponsibilityJson(const Row& r) {
  return {{"id", r.Int(0)},      {"entity_id", r.Int(1)}, {"axis", r.Text(2)},       {"task_ar", r.Text(3)},
          {"task_en", r.Text(4)}, {"member_id", r.Int(5)}, {"raci", r.Text(6)},       {"version", r.Int(7)},
          {"created_at", r.Text(8)}, {"updated_at", r.Text(9)}};
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
  return LoadOne(tx, std::string("SELECT ") + kEntityColumns + " FROM entities WHERE id = $1", id,
                 "network.entity_not_found");
}

Result<Row> LoadMember(Tx& tx, int64_t id) {
  return LoadOne(tx, std::string("SELECT ") + kMemberColumns + kMemberFrom + "WHERE m.id = $1", id,
                 "network.member_not_found");
}

/// Entities the member holds any role in.
Result<std::vector<int64_t>> MemberEntities(Tx& tx, int64_t member_id) {
  auto rows = tx.Query("SELECT DISTINCT entity_id FROM memberships WHERE member_id = $1", {member_id});
  if (!rows) return std::move(rows).error();
  std::vector<int64_t> out;
  for (const auto& r : *rows) out.push_back(r.Int(0));
  return out;
}

/// Ok when `permission` holds in any entity the member belongs to (or the caller is that member
/// and `self_ok`).
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

/// Adds "AND version = $n" when the caller sent If-Match.
std::string VersionGuard(std::optional<int64_t> if_match, std::vector<Value>& params) {
  if (!if_match) return "";
  params.push_back(*if_match);
  return " AND version = $" + std::to_string(params.size());
}


// ---- search: entities and members are searchable; the index changes in the same transaction ----

Status IndexEntity(Tx& tx, const Json& e) {
  const int64_t id = e["id"];
  return search::SearchIndexer::Upsert(
      tx, {"entity", id, id, {id}, e["name_ar"], e["name_en"], e["code"], "/api/v1/entities/" + std::to_string(id),
           e["updated_at"]});
}

Status IndexMember(Tx& tx, int64_t id) {
  SAWT_ASSIGN_OR_RETURN(Row r, LoadMember(tx, id));
  SAWT_ASSIGN_OR_RETURN(auto entities, MemberEntities(tx, id));
  std::sort(entities.begin(), entities.end());
  std::string body;
  for (const auto& t : {r.OptText(4), r.OptText(5)}) {
    if (t) body += *t + "\n";
  }
  body += r.Text(1);
  std::optional<int64_t> entity;
  if (!entities.empty()) entity = entities.front();
  return search::SearchIndexer::Upsert(tx, {"member", id, entity, entities, r.Text(2), r.Text(3), body,
                                            "/api/v1/members/" + std::to_string(id), r.Text(10)});
}

Result<int64_t> RebuildEntitySearch(Tx& tx) {
  auto rows = tx.Query(std::string("SELECT ") + kEntityColumns + " FROM entities ORDER BY id");
  if (!rows) return std::move(rows).error();
  for (const auto& r : *rows) SAWT_TRY_STATUS(IndexEntity(tx, EntityJson(r)));
  return static_cast<int64_t>(rows->size());
}

Result<int64_t> RebuildMemberSearch(Tx& tx) {
  auto rows = tx.Query("SELECT id FROM members ORDER BY id");
  if (!rows) return std::move(rows).error();
  for (const auto& r : *rows) SAWT_TRY_STATUS(IndexMember(tx, r.Int(0)));
  return static_cast<int64_t>(rows->size());
}

}  // namespace

void NetworkService::RegisterSearchTypes() {
  search::RegisterSearchType({"entity", "network.entities.read", &RebuildEntitySearch});
  search::RegisterSearchType({"member", "network.members.read", &RebuildMemberSearch});
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
)SQL"}};
}

Result<std::map<int64_t, std::set<auth::Role>>> NetworkService::ResolveRoles(Tx& tx, int64_t account_id) {
  // A role held in an entity also applies to every entity below it.
  auto rows = tx.Query(
      "WITH RECURSIVE scope(entity_id, role) AS ("
      "  SELECT entity_id, role FROM memberships WHERE member_id = $1"
      "  UNION SELECT e.id, s.role FROM entities e JOIN scope s ON e.parent_id = s.entity_id"
      ") SELECT entity_id, role FROM scope",
      {account_id});
  if (!rows) return std::move(rows).error();
  std::map<int64_t, std::set<auth::Role>> out;
  for (const auto& r : *rows) {
    if (auto role = auth::ParseRole(r.Text(1))) out[r.Int(0)].insert(*role);
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
    std::vector<Value> params = {page.after_id, int64_t{page.limit}};
    std::string sql = std::string("SELECT ") + kEntityColumns + " FROM entities WHERE id > $1";
    if (parent_id) {
      params.push_back(*parent_id);
      sql += " AND parent_id = $3";
    }
    return module::QueryPage(tx, sql + " ORDER BY id LIMIT $2", params, page, EntityJson);
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
  if (!IsEntityKind(*kind)) return Error::InvalidInput("network.bad_kind", "kind", {*kind});
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
      const std::string& pk = parent->Text(2);
      const bool fits = (*kind == "entity" && pk == "government") || (*kind == "department" && pk != "government");
      if (!fits) return Error::InvalidInput("network.bad_parent", "parent_id");
    }
    const std::string now = core::NowIsoUtc();
    auto rows = tx.Query(std::string("INSERT INTO entities (parent_id, kind, code, name_ar, name_en, color, logo_url, "
                                     "created_at, updated_at) VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $8) RETURNING ") +
                             kEntityColumns,
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
    std::vector<Value> params = set.params;
    params.push_back(core::NowIsoUtc());
    std::string sql = "UPDATE entities SET " + set.sql + "version = version + 1, updated_at = $" +
                      std::to_string(params.size());
    params.push_back(id);
    sql += " WHERE id = $" + std::to_string(params.size());
    sql += VersionGuard(if_match, params);
    sql += std::string(" RETURNING ") + kEntityColumns;
    auto rows = tx.Query(sql, params);
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
    auto used = tx.Query(count, {id});
    if (!used) return std::move(used).error();
    if ((*used)[0].Int(0) > 0) return Error::Conflict("network.entity_not_empty", {std::to_string(id)});
    std::vector<Value> params = {id};
    std::string sql = "DELETE FROM entities WHERE id = $1" + VersionGuard(if_match, params);
    auto n = tx.Exec(sql, params);
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
    std::vector<Value> params = {page.after_id, int64_t{page.limit}};
    std::string sql = std::string("SELECT ") + kMemberColumns + kMemberFrom + "WHERE m.id > $1";
    if (entity_id) {
      params.push_back(*entity_id);
      sql += " AND m.id IN (SELECT member_id FROM memberships WHERE entity_id = $3)";
    } else if (!caller.network_admin) {
      // Without a filter, a caller sees the members of the entities they belong to.
      std::string in;
      for (int64_t e : caller.Entities()) {
        params.push_back(e);
        in += (in.empty() ? "$" : ", $") + std::to_string(params.size());
      }
      if (in.empty()) return module::PageJson(Json::array(), page, 0);
      sql += " AND m.id IN (SELECT member_id FROM memberships WHERE entity_id IN (" + in + "))";
    }
    return module::QueryPage(tx, sql + " ORDER BY m.id LIMIT $2", params, page, MemberJson);
  });
}

Result<Json> NetworkService::GetMember(const auth::Caller& caller, int64_t id) {
  return store::ReadValue<Json>(store_, [&](Tx& tx) -> Result<Json> {
    SAWT_ASSIGN_OR_RETURN(Row row, LoadMember(tx, id));
    SAWT_TRY_STATUS(AuthorizeOnMember(tx, caller, "network.members.read", id, true));
    return MemberJson(row);
  });
}

Result<Json> NetworkService::CreateMember(const auth::Caller& caller, const Json& body) {
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
  SAWT_TRY_STATUS(auth::AuthService::ValidateNewPassword(*password));
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
    SAWT_ASSIGN_OR_RETURN(int64_t id, auth::AuthService::CreateAccount(tx, *login, hash));
    const std::string now = core::NowIsoUtc();
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
    SAWT_ASSIGN_OR_RETURN(Row row, LoadMember(tx, id));
    Json member = MemberJson(row);
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
    // Members edit their own profile; activation is an administrator's decision.
    SAWT_TRY_STATUS(AuthorizeOnMember(tx, caller, "network.members.update", id, !active.has_value()));
    if (active && id == caller.account_id) return Error::InvalidInput("network.cannot_deactivate_self", "active");
    std::vector<Value> params = set.params;
    params.push_back(core::NowIsoUtc());
    std::string sql =
        "UPDATE members SET " + set.sql + "version = version + 1, updated_at = $" + std::to_string(params.size());
    params.push_back(id);
    sql += " WHERE id = $" + std::to_string(params.size()) + VersionGuard(if_match, params);
    auto n = tx.Exec(sql, params);
    if (!n) return std::move(n).error();
    if (*n == 0) return MissOrStale(tx, "members", id, "network.member_not_found").error();
    Json changed = set.changed;
    if (active) {
      SAWT_TRY_STATUS(auth::AuthService::SetActive(tx, id, *active));
      changed["active"] = *active;
    }
    SAWT_ASSIGN_OR_RETURN(Row row, LoadMember(tx, id));
    SAWT_TRY_STATUS(AppendEvent(tx, caller, "network.member_updated", std::nullopt, "member", id, changed));
    SAWT_TRY_STATUS(IndexMember(tx, id));
    return MemberJson(row);
  });
}

// ---- memberships ----

Result<Json> NetworkService::ListMemberships(const auth::Caller& caller, std::optional<int64_t> entity_id,
                                             std::optional<int64_t> member_id, const module::Page& page) {
  return store::ReadValue<Json>(store_, [&](Tx& tx) -> Result<Json> {
    std::vector<Value> params = {page.after_id, int64_t{page.limit}};
    std::string sql = "SELECT id, member_id, entity_id, role, created_at FROM memberships WHERE id > $1";
    if (entity_id) {
      SAWT_TRY_STATUS(auth::Authorize(caller, "network.memberships.read", entity_id));
      params.push_back(*entity_id);
      sql += " AND entity_id = $" + std::to_string(params.size());
    }
    if (member_id) {
      SAWT_TRY_STATUS(AuthorizeOnMember(tx, caller, "network.memberships.read", *member_id, true));
      params.push_back(*member_id);
      sql += " AND member_id = $" + std::to_string(params.size());
    }
    if (!entity_id && !member_id) SAWT_TRY_STATUS(auth::Authorize(caller, "network.memberships.read", std::nullopt));
    sql += " ORDER BY id LIMIT $2";
    auto rows = tx.Query(sql, params);
    if (!rows) return std::move(rows).error();
    Json items = Json::array();
    int64_t last = 0;
    for (const auto& r : *rows) {
      // A member's memberships in entities the caller cannot see stay hidden.
      if (member_id && !caller.network_admin && caller.account_id != *member_id && !caller.BelongsTo(r.Int(2))) continue;
      items.push_back(MembershipJson(r));
      last = r.Int(0);
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
    auto rows = tx.Query(
        "INSERT INTO memberships (member_id, entity_id, role, created_at) VALUES ($1, $2, $3, $4) "
        "RETURNING id, member_id, entity_id, role, created_at",
        {*member_id, *entity_id, *role_name, core::NowIsoUtc()});
    if (!rows) {
      if (rows.error().code == core::ErrorCode::kConflict) return Error::Conflict("network.membership_exists");
      return std::move(rows).error();
    }
    Json m = MembershipJson((*rows)[0]);
    SAWT_TRY_STATUS(AppendEvent(tx, caller, "network.membership_granted", *entity_id, "membership", m["id"], m));
    SAWT_TRY_STATUS(IndexMember(tx, *member_id));  // who may find the member changed
    return m;
  });
}

Status NetworkService::DeleteMembership(const auth::Caller& caller, int64_t id) {
  return store_.Write([&](Tx& tx) -> Status {
    auto rows = tx.Query("SELECT id, member_id, entity_id, role, created_at FROM memberships WHERE id = $1", {id});
    if (!rows) return std::move(rows).error();
    if (rows->empty()) return Error::NotFound("network.membership_not_found", {std::to_string(id)});
    Json m = MembershipJson((*rows)[0]);
    auto role = auth::ParseRole(m["role"].get<std::string>());
    SAWT_TRY_STATUS(auth::AuthorizeGrant(caller, role.value_or(auth::Role::kNetworkAdmin), m["entity_id"]));
    if (role == auth::Role::kNetworkAdmin) {
      auto admins = tx.Query("SELECT COUNT(*) FROM memberships WHERE role = 'network_admin'");
      if (!admins) return std::move(admins).error();
      if ((*admins)[0].Int(0) <= 1) return Error::Conflict("network.last_network_admin");
    }
    auto n = tx.Exec("DELETE FROM memberships WHERE id = $1", {id});
    if (!n) return std::move(n).error();
    SAWT_TRY_STATUS(IndexMember(tx, m["member_id"].get<int64_t>()));  // who may find the member changed
    return AppendEvent(tx, caller, "network.membership_revoked", m["entity_id"].get<int64_t>(), "membership", id, m);
  });
}

// ---- responsibilities ----

Result<Json> NetworkService::ListResponsibilities(const auth::Caller& caller, std::optional<int64_t> entity_id,
                                                  const module::Page& page) {
  SAWT_TRY_STATUS(auth::Authorize(caller, "network.responsibilities.read", entity_id));
  return store::ReadValue<Json>(store_, [&](Tx& tx) -> Result<Json> {
    std::vector<Value> params = {page.after_id, int64_t{page.limit}};
    std::string sql = std::string("SELECT ") + kResponsibilityColumns + " FROM responsibilities WHERE id > $1";
    if (entity_id) {
      params.push_back(*entity_id);
      sql += " AND entity_id = $3";
    }
    return module::QueryPage(tx, sql + " ORDER BY id LIMIT $2", params, page, ResponsibilityJson);
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
  if (!IsAxis(*axis)) return Error::InvalidInput("network.bad_axis", "axis", {*axis});
  if (!IsRaci(*raci)) return Error::InvalidInput("network.bad_raci", "raci", {*raci});
  SAWT_TRY_STATUS(auth::Authorize(caller, "network.responsibilities.write", entity_id));
  return store::WriteValue<Json>(store_, [&](Tx& tx) -> Result<Json> {
    auto entity = LoadEntity(tx, *entity_id);
    if (!entity) return Error::InvalidInput("network.entity_not_found", "entity_id", {std::to_string(*entity_id)});
    auto member = LoadMember(tx, *member_id);
    if (!member) return Error::InvalidInput("network.member_not_found", "member_id", {std::to_string(*member_id)});
    const std::string now = core::NowIsoUtc();
    auto rows = tx.Query(std::string("INSERT INTO responsibilities (entity_id, axis, task_ar, task_en, member_id, raci, "
                                     "created_at, updated_at) VALUES ($1, $2, $3, $4, $5, $6, $7, $7) RETURNING ") +
                             kResponsibilityColumns,
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
  if (axis && !IsAxis(*axis)) return Error::InvalidInput("network.bad_axis", "axis", {*axis});
  if (raci && !IsRaci(*raci)) return Error::InvalidInput("network.bad_raci", "raci", {*raci});
  Assignments set;
  set.SetIf("axis", axis);
  set.SetIf("task_ar", task_ar);
  set.SetIf("task_en", task_en);
  set.SetIf("member_id", member_id);
  set.SetIf("raci", raci);
  return store::WriteValue<Json>(store_, [&](Tx& tx) -> Result<Json> {
    SAWT_ASSIGN_OR_RETURN(Row current, LoadOne(tx, std::string("SELECT ") + kResponsibilityColumns +
                                                       " FROM responsibilities WHERE id = $1",
                                               id, "network.responsibility_not_found"));
    const int64_t entity_id = current.Int(1);
    SAWT_TRY_STATUS(auth::Authorize(caller, "network.responsibilities.write", entity_id));
    if (member_id && !LoadMember(tx, *member_id)) {
      return Error::InvalidInput("network.member_not_found", "member_id", {std::to_string(*member_id)});
    }
    std::vector<Value> params = set.params;
    params.push_back(core::NowIsoUtc());
    std::string sql = "UPDATE responsibilities SET " + set.sql + "version = version + 1, updated_at = $" +
                      std::to_string(params.size());
    params.push_back(id);
    sql += " WHERE id = $" + std::to_string(params.size()) + VersionGuard(if_match, params);
    sql += std::string(" RETURNING ") + kResponsibilityColumns;
    auto rows = tx.Query(sql, params);
    if (!rows) return std::move(rows).error();
    if (rows->empty()) return MissOrStale(tx, "responsibilities", id, "network.responsibility_not_found").error();
    SAWT_TRY_STATUS(AppendEvent(tx, caller, "network.responsibility_updated", entity_id, "responsibility", id, set.changed));
    return ResponsibilityJson((*rows)[0]);
  });
}

Status NetworkService::DeleteResponsibility(const auth::Caller& caller, int64_t id, std::optional<int64_t> if_match) {
  return store_.Write([&](Tx& tx) -> Status {
    SAWT_ASSIGN_OR_RETURN(Row current, LoadOne(tx, std::string("SELECT ") + kResponsibilityColumns +
                                                       " FROM responsibilities WHERE id = $1",
                                               id, "network.responsibility_not_found"));
    const int64_t entity_id = current.Int(1);
    SAWT_TRY_STATUS(auth::Authorize(caller, "network.responsibilities.write", entity_id));
    std::vector<Value> params = {id};
    auto n = tx.Exec("DELETE FROM responsibilities WHERE id = $1" + VersionGuard(if_match, params), params);
    if (!n) return std::move(n).error();
    if (*n == 0) return MissOrStale(tx, "responsibilities", id, "network.responsibility_not_found");
    return AppendEvent(tx, caller, "network.responsibility_deleted", entity_id, "responsibility", id, Json::object());
  });
}

}  // namespace sawt::network
