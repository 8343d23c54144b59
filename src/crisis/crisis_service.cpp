#include "crisis/crisis_service.hpp"

#include <algorithm>
#include <set>

#include "auth/policy.hpp"
#include "crisis/cap.hpp"
#include "crisis/resources.hpp"
#include "crisis/room_access.hpp"
#include "crisis/vocabularies.hpp"
#include "module/entity_directory.hpp"
#include "module/service_names.hpp"
#include "module/vocabulary.hpp"

namespace sawt::crisis {
namespace {

using namespace module::service_names;  // NOLINT: the service files' shared vocabulary

constexpr size_t kMaxTitle = 300;
constexpr size_t kMaxText = 4000;
constexpr size_t kMaxLessons = 8000;
constexpr size_t kMaxPauseReason = 2000;  // the messaging module's limit of a pause's reason
constexpr size_t kMaxAffected = 50;
constexpr size_t kMaxAreas = 10;
constexpr size_t kMaxShapes = 10;
constexpr size_t kMaxRoles = 100;

constexpr int64_t kDefaultApprovals = 2;  // the two-person rule

/// required_approvals: 1 to 5 approvers, none of them the statement's author.
Status CheckApprovals(const std::optional<int64_t>& n) {
  if (n && (*n < 1 || *n > 5)) return Error::InvalidInput("crisis.bad_required_approvals", "required_approvals");
  return Ok();
}

/// affected_entity_ids: at most 50 distinct positive integers, sorted.
Result<std::optional<Json>> ReadEntityIds(const Json* raw) {
  return module::ReadIds(raw, "affected_entity_ids", "crisis.bad_affected", kMaxAffected);
}

/// A list of at most kMaxShapes shapes, each passing `valid`.
Result<Json> ReadShapes(const Json* raw, const std::string& field, bool (*valid)(std::string_view)) {
  if (!raw) return Json::array();
  if (!raw->is_array() || raw->size() > kMaxShapes) return Error::InvalidInput("crisis.bad_area", field, {field});
  for (const auto& s : *raw) {
    if (!s.is_string() || s.get<std::string>().size() > 20000 || !valid(s.get<std::string>())) {
      return Error::InvalidInput("crisis.bad_area", field, {field});
    }
  }
  return *raw;
}

/// areas: at most 10 {desc_ar, desc_en, polygons?, circles?}, shapes as CAP 1.2 writes them.
Result<std::optional<Json>> ReadAreas(const Json* raw) {
  if (!raw) return std::optional<Json>();
  if (!raw->is_array() || raw->size() > kMaxAreas) return Error::InvalidInput("crisis.bad_area", "areas", {"areas"});
  Json out = Json::array();
  for (size_t i = 0; i < raw->size(); ++i) {
    const std::string at = "areas[" + std::to_string(i) + "].";
    if (!(*raw)[i].is_object()) return Error::InvalidInput("crisis.bad_area", "areas", {"areas"});
    JsonReader in((*raw)[i], at);
    auto desc_ar = in.String("desc_ar", true, kMaxTitle);
    auto desc_en = in.String("desc_en", true, kMaxTitle);
    const Json* polygons = in.Raw("polygons");
    const Json* circles = in.Raw("circles");
    SAWT_TRY_STATUS(in.Finish());
    SAWT_ASSIGN_OR_RETURN(Json polygon_list, ReadShapes(polygons, at + "polygons", &IsCapPolygon));
    SAWT_ASSIGN_OR_RETURN(Json circle_list, ReadShapes(circles, at + "circles", &IsCapCircle));
    out.push_back({{"desc_ar", *desc_ar}, {"desc_en", *desc_en}, {"polygons", polygon_list}, {"circles", circle_list}});
  }
  return std::optional<Json>(std::move(out));
}

/// roles: at most 100 distinct {account_id, role} pairs.
Result<std::optional<std::vector<std::pair<int64_t, std::string>>>> ReadRoles(const Json* raw) {
  using Roles = std::vector<std::pair<int64_t, std::string>>;
  if (!raw) return std::optional<Roles>();
  if (!raw->is_array() || raw->size() > kMaxRoles) return Error::InvalidInput("crisis.bad_roles", "roles");
  std::set<std::pair<int64_t, std::string>> roles;
  for (size_t i = 0; i < raw->size(); ++i) {
    if (!(*raw)[i].is_object()) return Error::InvalidInput("crisis.bad_roles", "roles");
    JsonReader in((*raw)[i], "roles[" + std::to_string(i) + "].");
    auto account = in.Int("account_id", true);
    auto role = in.String("role", true, 32);
    SAWT_TRY_STATUS(in.Finish());
    SAWT_TRY_STATUS(RoomRoles().Check(*role, "crisis.bad_role", "roles"));
    roles.emplace(*account, *role);
  }
  return std::optional<Roles>(Roles(roles.begin(), roles.end()));
}

/// The lead exists; the affected entities exist and do not repeat the lead.
Status CheckEntities(Tx& tx, const module::EntityDirectory& directory, int64_t lead, const Json& affected) {
  SAWT_TRY_STATUS(module::EntityMustExist(directory, tx, lead, "lead_entity_id", "crisis.entity_not_found"));
  for (const auto& e : affected) {
    if (e.get<int64_t>() == lead) return Error::InvalidInput("crisis.lead_is_affected", "affected_entity_ids");
    SAWT_TRY_STATUS(
        module::EntityMustExist(directory, tx, e.get<int64_t>(), "affected_entity_ids", "crisis.entity_not_found"));
  }
  return Ok();
}

Status CheckThemes(Tx& tx, const module::ThemeCatalog& catalog, const Json& themes) {
  for (const auto& t : themes) {
    SAWT_ASSIGN_OR_RETURN(bool exists, catalog.Exists(tx, t.get<std::string>()));
    if (!exists) return Error::InvalidInput("crisis.unknown_theme", "themes", {t.get<std::string>()});
  }
  return Ok();
}

/// Every account given a role is a member of the network; some account leads.
Status CheckRoles(Tx& tx, const module::MemberDirectory& members, const std::vector<std::pair<int64_t, std::string>>& roles) {
  std::vector<int64_t> accounts;
  bool lead = false;
  for (const auto& [account, role] : roles) {
    accounts.push_back(account);
    lead = lead || role == "lead";
  }
  if (!lead) return Error::InvalidInput("crisis.needs_lead", "roles");
  SAWT_ASSIGN_OR_RETURN(auto contacts, members.Contacts(tx, accounts));
  for (int64_t account : accounts) {
    if (!contacts.count(account)) return Error::InvalidInput("crisis.unknown_member", "roles", {std::to_string(account)});
  }
  return Ok();
}

/// Rewrites the link rows the list filter and the entity references use (lead and affected).
Status SyncEntities(Tx& tx, const Row& crisis) {
  const int64_t id = crisis.Int("id");
  auto gone = tx.Exec("DELETE FROM crisis_entities WHERE crisis_id = $1", {id});
  if (!gone) return std::move(gone).error();
  std::vector<int64_t> entities = {crisis.Int("lead_entity_id")};
  for (const auto& e : Json::parse(crisis.Text("affected"))) entities.push_back(e.get<int64_t>());
  for (int64_t entity : entities) {
    auto n = tx.Exec("INSERT INTO crisis_entities (crisis_id, entity_id) VALUES ($1, $2)", {id, entity});
    if (!n) return std::move(n).error();
  }
  return Ok();
}

Status StoreRoles(Tx& tx, int64_t crisis_id, const std::vector<std::pair<int64_t, std::string>>& roles,
                  const std::string& by) {
  auto gone = tx.Exec("DELETE FROM crisis_roles WHERE crisis_id = $1", {crisis_id});
  if (!gone) return std::move(gone).error();
  const std::string now = tx.clock().NowIsoUtc();
  for (const auto& [account, role] : roles) {
    auto n = tx.Exec("INSERT INTO crisis_roles (crisis_id, account_id, role, assigned_by, assigned_at) VALUES ($1, $2, $3, $4, $5)",
                     {crisis_id, account, role, by, now});
    if (!n) return std::move(n).error();
  }
  return Ok();
}

Json RolesJson(const std::vector<std::pair<int64_t, std::string>>& roles) {
  Json out = Json::array();
  for (const auto& [account, role] : roles) out.push_back({{"account_id", account}, {"role", role}});
  return out;
}

/// Loads the room for a change by `caller` who must manage it, under If-Match, while it is active.
Result<Room> LoadForChange(Tx& tx, const auth::Caller& caller, int64_t id, std::optional<int64_t> if_match) {
  SAWT_ASSIGN_OR_RETURN(Room room, LoadRoom(tx, id));
  SAWT_TRY_STATUS(CanManage(caller, room));
  if (if_match && *if_match != room.crisis.Int("version")) return Error::PreconditionFailed();
  SAWT_TRY_STATUS(MustBeActive(room));
  return room;
}

/// Applies `set` under the version loaded, appends the event and answers the room.
Result<Json> Save(Tx& tx, const module::ModuleRegistry& registry, const auth::Caller& caller, const Room& old,
                  const Assignments& set, const char* action, Json payload) {
  Assignments all = set;
  all.Set("updated_by", caller.login, caller.login);
  SAWT_ASSIGN_OR_RETURN(bool updated, GuardedUpdate(tx, "crises", all, old.id(), old.crisis.Int("version")));
  if (!updated) return MissOrStale(tx, "crises", old.id(), "crisis.not_found").error();
  SAWT_ASSIGN_OR_RETURN(Room room, LoadRoom(tx, old.id()));
  SAWT_TRY_STATUS(SyncEntities(tx, room.crisis));
  payload["version"] = room.crisis.Int("version");
  SAWT_TRY_STATUS(AppendEvent(tx, caller, action, room.lead_entity(), "crisis", room.id(), std::move(payload)));
  return RoomJson(tx, registry, room);
}

/// "severity: minor → severe" in both languages, from the vocabulary's labels.
std::pair<std::string, std::string> SeverityChange(const std::string& from, const std::string& to) {
  const module::Term* a = Severities().Find(from);
  const module::Term* b = Severities().Find(to);
  return {"تغيّرت درجة الخطورة من " + a->label_ar + " إلى " + b->label_ar + ".",
          "Severity changed from " + a->label_en + " to " + b->label_en + "."};
}

}  // namespace

std::vector<store::Migration> CrisisService::Migrations() {
  return {{"crisis", 1, "0001_create_crises", R"SQL(
CREATE TABLE crises (
  id {{ID}},
  kind TEXT NOT NULL CHECK (kind IN ('real', 'drill')),
  crisis_type TEXT NOT NULL,
  severity TEXT NOT NULL CHECK (severity IN ('minor', 'moderate', 'severe', 'extreme')),
  title_ar TEXT NOT NULL,
  title_en TEXT NOT NULL,
  situation_ar TEXT NOT NULL,
  situation_en TEXT NOT NULL,
  lead_entity_id BIGINT NOT NULL REFERENCES entities(id),
  affected TEXT NOT NULL,
  areas TEXT NOT NULL,
  themes TEXT NOT NULL,
  status TEXT NOT NULL CHECK (status IN ('active', 'closed')),
  declared_by TEXT NOT NULL,
  declared_at TEXT NOT NULL,
  closed_by TEXT,
  closed_at TEXT,
  lessons_ar TEXT NOT NULL,
  lessons_en TEXT NOT NULL,
  version BIGINT NOT NULL DEFAULT 1,
  updated_by TEXT NOT NULL,
  updated_at TEXT NOT NULL
);
CREATE INDEX crises_status ON crises(status, declared_at);
CREATE INDEX crises_lead ON crises(lead_entity_id);
CREATE TABLE crisis_entities (
  crisis_id BIGINT NOT NULL REFERENCES crises(id),
  entity_id BIGINT NOT NULL REFERENCES entities(id),
  PRIMARY KEY (crisis_id, entity_id)
);
CREATE INDEX crisis_entities_entity ON crisis_entities(entity_id);
CREATE TABLE crisis_roles (
  crisis_id BIGINT NOT NULL REFERENCES crises(id),
  account_id BIGINT NOT NULL,
  role TEXT NOT NULL CHECK (role IN ('lead', 'spokesperson', 'approver', 'monitoring')),
  assigned_by TEXT NOT NULL,
  assigned_at TEXT NOT NULL,
  PRIMARY KEY (crisis_id, account_id, role)
);
CREATE INDEX crisis_roles_account ON crisis_roles(account_id);
CREATE TABLE crisis_tasks (
  id {{ID}},
  crisis_id BIGINT NOT NULL REFERENCES crises(id),
  title_ar TEXT NOT NULL,
  title_en TEXT NOT NULL,
  owner_account_id BIGINT NOT NULL,
  due_at TEXT,
  status TEXT NOT NULL CHECK (status IN ('open', 'done', 'cancelled')),
  created_by TEXT NOT NULL,
  created_at TEXT NOT NULL,
  done_by TEXT,
  done_at TEXT,
  version BIGINT NOT NULL DEFAULT 1,
  updated_at TEXT NOT NULL
);
CREATE INDEX crisis_tasks_crisis ON crisis_tasks(crisis_id, id);
CREATE INDEX crisis_tasks_due ON crisis_tasks(status, due_at);
CREATE TABLE crisis_timeline (
  id {{ID}},
  crisis_id BIGINT NOT NULL REFERENCES crises(id),
  at TEXT NOT NULL,
  kind TEXT NOT NULL,
  text_ar TEXT NOT NULL,
  text_en TEXT NOT NULL,
  by_login TEXT NOT NULL,
  source TEXT NOT NULL,
  link TEXT NOT NULL
);
CREATE INDEX crisis_timeline_crisis ON crisis_timeline(crisis_id, at, id);
)SQL"}};
}

Result<Json> CrisisService::List(const auth::Caller& caller, const CrisisFilter& filter, const module::Page& page) {
  SAWT_TRY_STATUS(auth::Authorize(caller, "crisis.read", std::nullopt));
  if (filter.status) SAWT_TRY_STATUS(Statuses().Check(*filter.status, "crisis.bad_status", "status"));
  if (filter.kind) SAWT_TRY_STATUS(Kinds().Check(*filter.kind, "crisis.bad_kind", "kind"));
  return store::ReadValue<Json>(store_, [&](Tx& tx) -> Result<Json> {
    store::Sql sql("SELECT id FROM crises c WHERE id > ", page.after_id);
    if (filter.status) sql.Bind(" AND status = ", *filter.status);
    if (filter.kind) sql.Bind(" AND kind = ", *filter.kind);
    if (filter.entity_id) {
      SAWT_ASSIGN_OR_RETURN(auto ids, registry_.entity_directory().Subtree(tx, *filter.entity_id));
      const std::vector<Value> in(ids.begin(), ids.end());
      sql.BindList(" AND EXISTS (SELECT 1 FROM crisis_entities e WHERE e.crisis_id = c.id AND e.entity_id IN (", in)
          .Append("))");
    }
    SAWT_ASSIGN_OR_RETURN(Json ids, module::QueryPage(tx, std::move(sql), "id", page,
                                                      [](const Row& r) -> Json { return r.Int("id"); }));
    Json items = Json::array();
    for (const auto& id : ids["items"]) {
      SAWT_ASSIGN_OR_RETURN(Room room, LoadRoom(tx, id.get<int64_t>()));
      SAWT_ASSIGN_OR_RETURN(Json crisis, RoomJson(tx, registry_, room));
      items.push_back(std::move(crisis));
    }
    ids["items"] = std::move(items);
    return ids;
  });
}

Result<Json> CrisisService::Get(const auth::Caller& caller, int64_t id) {
  SAWT_TRY_STATUS(auth::Authorize(caller, "crisis.read", std::nullopt));
  return store::ReadValue<Json>(store_, [&](Tx& tx) -> Result<Json> {
    SAWT_ASSIGN_OR_RETURN(Room room, LoadRoom(tx, id));
    return RoomJson(tx, registry_, room);
  });
}

Result<Json> CrisisService::Declare(const auth::Caller& caller, const Json& body) {
  JsonReader in(body);
  auto kind = in.String("kind", true, 16);
  auto type = in.String("crisis_type", true, 32);
  auto severity = in.String("severity", true, 16);
  auto title_ar = in.String("title_ar", true, kMaxTitle);
  auto title_en = in.String("title_en", true, kMaxTitle);
  auto situation_ar = in.String("situation_ar", false, kMaxText, false);
  auto situation_en = in.String("situation_en", false, kMaxText, false);
  auto lead = in.Int("lead_entity_id", true);
  auto approvals = in.Int("required_approvals", false);
  const Json* affected_raw = in.Raw("affected_entity_ids");
  const Json* areas_raw = in.Raw("areas");
  const Json* themes_raw = in.Raw("themes");
  const Json* roles_raw = in.Raw("roles");
  SAWT_TRY_STATUS(in.Finish());
  SAWT_TRY_STATUS(Kinds().Check(*kind, "crisis.bad_kind", "kind"));
  SAWT_TRY_STATUS(Types().Check(*type, "crisis.bad_type", "crisis_type"));
  SAWT_TRY_STATUS(Severities().Check(*severity, "crisis.bad_severity", "severity"));
  SAWT_TRY_STATUS(CheckApprovals(approvals));
  SAWT_ASSIGN_OR_RETURN(auto affected, ReadEntityIds(affected_raw));
  SAWT_ASSIGN_OR_RETURN(auto areas, ReadAreas(areas_raw));
  SAWT_ASSIGN_OR_RETURN(auto themes, module::ReadCodes(themes_raw, "themes", "crisis.bad_themes", "crisis.bad_themes", nullptr));
  SAWT_ASSIGN_OR_RETURN(auto roles, ReadRoles(roles_raw));
  std::vector<std::pair<int64_t, std::string>> room_roles = roles.value_or(std::vector<std::pair<int64_t, std::string>>());
  const bool names_lead = std::any_of(room_roles.begin(), room_roles.end(), [](const auto& r) { return r.second == "lead"; });
  if (!names_lead) room_roles.emplace_back(caller.account_id, "lead");
  std::sort(room_roles.begin(), room_roles.end());
  room_roles.erase(std::unique(room_roles.begin(), room_roles.end()), room_roles.end());
  SAWT_TRY_STATUS(auth::Authorize(caller, "crisis.declare", *lead));
  return store::WriteValue<Json>(store_, [&](Tx& tx) -> Result<Json> {
    const Json affected_list = affected.value_or(Json::array());
    const Json theme_list = themes.value_or(Json::array());
    SAWT_TRY_STATUS(CheckEntities(tx, registry_.entity_directory(), *lead, affected_list));
    SAWT_TRY_STATUS(CheckThemes(tx, registry_.theme_catalog(), theme_list));
    SAWT_TRY_STATUS(CheckRoles(tx, registry_.member_directory(), room_roles));
    const std::string now = tx.clock().NowIsoUtc();
    auto rows = tx.Query(
        "INSERT INTO crises (kind, crisis_type, severity, title_ar, title_en, situation_ar, situation_en, lead_entity_id, "
        "affected, areas, themes, status, declared_by, declared_at, lessons_ar, lessons_en, updated_by, updated_at, "
        "required_approvals) VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, 'active', $12, $13, '', '', $12, $13, $14) "
        "RETURNING id",
        {*kind, *type, *severity, *title_ar, *title_en, situation_ar.value_or(""), situation_en.value_or(""), *lead,
         affected_list.dump(), areas.value_or(Json::array()).dump(), theme_list.dump(), caller.login, now,
         approvals.value_or(kDefaultApprovals)});
    if (!rows) return std::move(rows).error();
    const int64_t id = (*rows)[0].Int("id");
    SAWT_TRY_STATUS(StoreRoles(tx, id, room_roles, caller.login));
    SAWT_ASSIGN_OR_RETURN(Room room, LoadRoom(tx, id));
    SAWT_TRY_STATUS(SyncEntities(tx, room.crisis));
    const bool drill = *kind == "drill";
    SAWT_TRY_STATUS(AddTimeline(tx, id, "declared",
                                std::string(drill ? "أُعلن التمرين: " : "أُعلنت الأزمة: ") + *title_ar,
                                std::string(drill ? "Drill declared: " : "Crisis declared: ") + *title_en, caller.login));
    SAWT_ASSIGN_OR_RETURN(Json crisis, RoomJson(tx, registry_, room));
    SAWT_TRY_STATUS(AppendEvent(tx, caller, "crisis.declared", *lead, "crisis", id,
                                {{"kind", *kind}, {"severity", *severity}, {"roles", RolesJson(room_roles)},
                                 {"affected_entity_ids", affected_list}}));
    return crisis;
  });
}

Result<Json> CrisisService::Update(const auth::Caller& caller, int64_t id, std::optional<int64_t> if_match,
                                   const Json& body) {
  JsonReader in(body);
  auto title_ar = in.String("title_ar", false, kMaxTitle);
  auto title_en = in.String("title_en", false, kMaxTitle);
  auto severity = in.String("severity", false, 16);
  auto situation_ar = in.String("situation_ar", false, kMaxText, false);
  auto situation_en = in.String("situation_en", false, kMaxText, false);
  auto approvals = in.Int("required_approvals", false);
  const Json* affected_raw = in.Raw("affected_entity_ids");
  const Json* areas_raw = in.Raw("areas");
  const Json* themes_raw = in.Raw("themes");
  SAWT_TRY_STATUS(in.Finish());
  if (severity) SAWT_TRY_STATUS(Severities().Check(*severity, "crisis.bad_severity", "severity"));
  SAWT_TRY_STATUS(CheckApprovals(approvals));
  SAWT_ASSIGN_OR_RETURN(auto affected, ReadEntityIds(affected_raw));
  SAWT_ASSIGN_OR_RETURN(auto areas, ReadAreas(areas_raw));
  SAWT_ASSIGN_OR_RETURN(auto themes, module::ReadCodes(themes_raw, "themes", "crisis.bad_themes", "crisis.bad_themes", nullptr));
  Assignments set;
  set.SetIf("title_ar", title_ar);
  set.SetIf("title_en", title_en);
  set.SetIf("severity", severity);
  set.SetIf("situation_ar", situation_ar);
  set.SetIf("situation_en", situation_en);
  set.SetIf("required_approvals", approvals);
  if (affected) set.Set("affected", affected->dump(), *affected);
  if (areas) set.Set("areas", areas->dump(), *areas);
  if (themes) set.Set("themes", themes->dump(), *themes);
  return store::WriteValue<Json>(store_, [&](Tx& tx) -> Result<Json> {
    SAWT_ASSIGN_OR_RETURN(Room old, LoadForChange(tx, caller, id, if_match));
    // How many must approve is the lead entity's admins' (or the network's) to say, not the room
    // lead's: a lead who could lower it could publish with one chosen accomplice.
    if (approvals) SAWT_TRY_STATUS(auth::Authorize(caller, "crisis.manage", old.lead_entity()));
    if (affected) SAWT_TRY_STATUS(CheckEntities(tx, registry_.entity_directory(), old.lead_entity(), *affected));
    if (themes) SAWT_TRY_STATUS(CheckThemes(tx, registry_.theme_catalog(), *themes));
    const std::string& was = old.crisis.Text("severity");
    if (severity && *severity != was) {
      const auto [ar, en] = SeverityChange(was, *severity);
      SAWT_TRY_STATUS(AddTimeline(tx, id, "situation", ar, en, caller.login));
    }
    const std::string new_ar = situation_ar.value_or(old.crisis.Text("situation_ar"));
    const std::string new_en = situation_en.value_or(old.crisis.Text("situation_en"));
    if (new_ar != old.crisis.Text("situation_ar") || new_en != old.crisis.Text("situation_en")) {
      SAWT_TRY_STATUS(AddTimeline(tx, id, "situation", new_ar, new_en, caller.login));
    }
    return Save(tx, registry_, caller, old, set, "crisis.updated", set.changed);
  });
}

Result<Json> CrisisService::PutRoles(const auth::Caller& caller, int64_t id, std::optional<int64_t> if_match,
                                     const Json& body) {
  JsonReader in(body);
  const Json* roles_raw = in.Raw("roles");
  SAWT_TRY_STATUS(in.Finish());
  if (!roles_raw) return Error::InvalidInput("common.field_required", "roles", {"roles"});
  SAWT_ASSIGN_OR_RETURN(auto roles, ReadRoles(roles_raw));
  return store::WriteValue<Json>(store_, [&](Tx& tx) -> Result<Json> {
    SAWT_ASSIGN_OR_RETURN(Room old, LoadForChange(tx, caller, id, if_match));
    SAWT_TRY_STATUS(CheckRoles(tx, registry_.member_directory(), *roles));
    SAWT_TRY_STATUS(StoreRoles(tx, id, *roles, caller.login));
    SAWT_TRY_STATUS(AddTimeline(tx, id, "roles", "أُعيد تكليف أدوار غرفة الأزمة.", "The room's roles were reassigned.",
                                caller.login));
    // Who was newly given a role: the notification source tells them.
    Json added = Json::array();
    for (const auto& r : *roles) {
      if (!old.Holds(r.first, r.second)) added.push_back({{"account_id", r.first}, {"role", r.second}});
    }
    return Save(tx, registry_, caller, old, Assignments{}, "crisis.roles_assigned",
                {{"roles", RolesJson(*roles)}, {"added", std::move(added)}});
  });
}

Result<Json> CrisisService::Close(const auth::Caller& caller, int64_t id, std::optional<int64_t> if_match,
                                  const Json& body) {
  JsonReader in(body);
  auto lessons_ar = in.String("lessons_ar", false, kMaxLessons, false);
  auto lessons_en = in.String("lessons_en", false, kMaxLessons, false);
  SAWT_TRY_STATUS(in.Finish());
  return store::WriteValue<Json>(store_, [&](Tx& tx) -> Result<Json> {
    SAWT_ASSIGN_OR_RETURN(Room old, LoadForChange(tx, caller, id, if_match));
    const std::string now = tx.clock().NowIsoUtc();
    Assignments set;
    set.Set("status", std::string("closed"), "closed");
    set.Set("closed_by", caller.login, caller.login);
    set.Set("closed_at", now, now);
    set.SetIf("lessons_ar", lessons_ar);
    set.SetIf("lessons_en", lessons_en);
    const bool drill = old.crisis.Text("kind") == "drill";
    SAWT_TRY_STATUS(AddTimeline(tx, id, "closed", drill ? "انتهى التمرين." : "انتهت الأزمة.",
                                drill ? "The drill ended." : "The crisis was closed.", caller.login));
    return Save(tx, registry_, caller, old, set, "crisis.closed", set.changed);
  });
}

Result<Json> CrisisService::PausePublishing(const auth::Caller& caller, int64_t id, std::optional<int64_t> if_match,
                                            const Json& body) {
  JsonReader in(body);
  auto reason = in.String("reason", true, kMaxPauseReason);
  const Json* channels_raw = in.Raw("channels");
  SAWT_TRY_STATUS(in.Finish());
  SAWT_ASSIGN_OR_RETURN(auto channels, module::ReadCodes(channels_raw, "channels", "crisis.bad_channels",
                                                         "crisis.bad_channels", &registry_.vocabulary("channels")));
  return store::WriteValue<Json>(store_, [&](Tx& tx) -> Result<Json> {
    SAWT_ASSIGN_OR_RETURN(Room old, LoadForChange(tx, caller, id, if_match));
    const module::PublishingControl& control = registry_.publishing_control();
    SAWT_ASSIGN_OR_RETURN(auto active, control.ActiveFor(tx, "crisis", id));
    if (!active.empty()) return Error::Conflict("crisis.already_paused", {std::to_string(id)});
    module::PauseRequest request;
    request.entity_ids = old.Entities();
    if (channels) {
      for (const auto& c : *channels) request.channels.push_back(c.get<std::string>());
    }
    request.reason = *reason;
    request.source_type = "crisis";
    request.source_id = id;
    SAWT_ASSIGN_OR_RETURN(Json pause, control.Pause(tx, caller, request));
    SAWT_TRY_STATUS(AddTimeline(tx, id, "publishing_paused", "أُوقف النشر المجدول للجهات المعنية بالأزمة: " + *reason,
                                "Scheduled publishing of the crisis's entities was paused: " + *reason, caller.login));
    return Save(tx, registry_, caller, old, Assignments{}, "crisis.publishing_paused", {{"pause_id", pause["id"]}});
  });
}

Result<Json> CrisisService::ResumePublishing(const auth::Caller& caller, int64_t id, std::optional<int64_t> if_match,
                                             const Json& body) {
  JsonReader in(body);
  auto reason = in.String("reason", false, kMaxPauseReason, false);
  SAWT_TRY_STATUS(in.Finish());
  return store::WriteValue<Json>(store_, [&](Tx& tx) -> Result<Json> {
    // A closed room may still end its pause: closing does not publish what was held.
    SAWT_ASSIGN_OR_RETURN(Room old, LoadRoom(tx, id));
    SAWT_TRY_STATUS(CanManage(caller, old));
    if (if_match && *if_match != old.crisis.Int("version")) return Error::PreconditionFailed();
    const module::PublishingControl& control = registry_.publishing_control();
    SAWT_ASSIGN_OR_RETURN(auto active, control.ActiveFor(tx, "crisis", id));
    if (active.empty()) return Error::Conflict("crisis.not_paused", {std::to_string(id)});
    Json ended = Json::array();
    for (const auto& pause : active) {
      auto resumed = control.Resume(tx, caller, pause["id"].get<int64_t>(), reason.value_or(""));
      if (!resumed) return std::move(resumed).error();
      ended.push_back(pause["id"]);
    }
    const std::string why = reason && !reason->empty() ? " " + *reason : "";
    SAWT_TRY_STATUS(AddTimeline(tx, id, "publishing_resumed", "استُؤنف النشر؛ تُنشر المواد المعلّقة الآن." + why,
                                "Publishing resumed; held publications go out now." + why, caller.login));
    return Save(tx, registry_, caller, old, Assignments{}, "crisis.publishing_resumed", {{"pause_ids", std::move(ended)}});
  });
}

}  // namespace sawt::crisis
