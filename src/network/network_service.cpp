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
#include "network/rows.hpp"
#include "network/vocabularies.hpp"
#include "search/search_indexer.hpp"

namespace sawt::network {
namespace {

using namespace module::service_names;  // NOLINT: the service files' shared vocabulary
using namespace rows;  // NOLINT: the network's row and authority helpers, shared by its two services

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

}  // namespace sawt::network
