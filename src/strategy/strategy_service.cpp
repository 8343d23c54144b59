#include "strategy/strategy_service.hpp"

#include <algorithm>
#include <map>
#include <regex>
#include <set>

#include "auth/policy.hpp"
#include "module/entity_directory.hpp"
#include "module/service_names.hpp"
#include "module/write_helpers.hpp"
#include "strategy/resources.hpp"
#include "strategy/vocabularies.hpp"

namespace sawt::strategy {
namespace {

using namespace module::service_names;  // NOLINT: the service files' shared vocabulary

constexpr size_t kMaxObjectives = 50;
constexpr size_t kMaxServes = 20;
constexpr int64_t kFirstYear = 2000, kLastYear = 2100;

const std::string& Columns() {
  static const std::string* columns = new std::string(StrategyResource().Columns());
  return *columns;
}

bool IsCode(const std::string& s) {
  static const std::regex code("^[A-Za-z0-9_.-]{1,32}$");
  return std::regex_match(s, code);
}

struct ObjectiveIn {
  std::string code, kind, title_ar, title_en;
  std::vector<std::string> serves;
};

/// The objectives of a body: at most 50, codes unique; an entity strategy's objectives are
/// strategic objectives that serve one or more umbrella objectives, the umbrella's serve nothing.
Result<std::vector<ObjectiveIn>> ReadObjectives(const Json& raw, bool entity_scope) {
  if (!raw.is_array() || raw.size() > kMaxObjectives) return Error::InvalidInput("strategy.bad_objectives", "objectives");
  std::vector<ObjectiveIn> out;
  std::set<std::string> codes;
  for (size_t i = 0; i < raw.size(); ++i) {
    const std::string at = "objectives[" + std::to_string(i) + "].";
    if (!raw[i].is_object()) return Error::InvalidInput("strategy.bad_objectives", "objectives");
    JsonReader in(raw[i], at);
    auto code = in.String("code", true, 32);
    auto kind = in.String("kind", false, 32);
    auto title_ar = in.String("title_ar", true, 300);
    auto title_en = in.String("title_en", true, 300);
    const Json* serves = in.Raw("serves");
    SAWT_TRY_STATUS(in.Finish());
    ObjectiveIn o{*code, kind.value_or("objective"), *title_ar, *title_en, {}};
    if (!IsCode(o.code)) return Error::InvalidInput("strategy.bad_objective_code", at + "code", {o.code});
    if (!codes.insert(o.code).second) return Error::InvalidInput("strategy.duplicate_objective", at + "code", {o.code});
    SAWT_TRY_STATUS(ObjectiveKinds().Check(o.kind, "strategy.bad_objective_kind", (at + "kind").c_str()));
    if (serves != nullptr) {
      if (!serves->is_array() || serves->size() > kMaxServes) {
        return Error::InvalidInput("strategy.bad_serves", at + "serves", {o.code});
      }
      for (const auto& s : *serves) {
        if (!s.is_string() || !IsCode(s.get<std::string>())) {
          return Error::InvalidInput("strategy.bad_serves", at + "serves", {o.code});
        }
        if (std::find(o.serves.begin(), o.serves.end(), s.get<std::string>()) == o.serves.end()) {
          o.serves.push_back(s.get<std::string>());
        }
      }
    }
    if (entity_scope) {
      if (o.kind != "objective") return Error::InvalidInput("strategy.priority_on_umbrella_only", at + "kind", {o.code});
      if (o.serves.empty()) return Error::InvalidInput("strategy.objective_serves_nothing", at + "serves", {o.code});
    } else if (!o.serves.empty()) {
      return Error::InvalidInput("strategy.umbrella_serves", at + "serves", {o.code});
    }
    out.push_back(std::move(o));
  }
  return out;
}

Status CheckPeriod(int64_t start, int64_t end) {
  if (start < kFirstYear || start > kLastYear) return Error::InvalidInput("strategy.bad_year", "period_start", {std::to_string(start)});
  if (end < kFirstYear || end > kLastYear) return Error::InvalidInput("strategy.bad_year", "period_end", {std::to_string(end)});
  if (start > end) return Error::InvalidInput("strategy.bad_period", "period_end");
  return Ok();
}

Result<Row> Load(Tx& tx, int64_t id) {
  return module::LoadOne(tx, "SELECT " + Columns() + " FROM strategies WHERE id = $1", id, "strategy.not_found");
}

/// The strategy's wire JSON with its objectives (and, for an entity strategy, the umbrella
/// objectives each serves, by code).
Result<Json> StrategyJson(Tx& tx, const Row& row) {
  Json out = StrategyResource().ToJson(row);
  const int64_t id = row.Int("id");
  auto objectives = tx.Query("SELECT " + ObjectiveResource().Columns() +
                                 " FROM strategy_objectives WHERE strategy_id = $1 ORDER BY position, id",
                             {id});
  if (!objectives) return std::move(objectives).error();
  auto links = tx.Query(
      "SELECT l.objective_id AS objective_id, u.code AS serves_code FROM objective_links l "
      "JOIN strategy_objectives o ON o.id = l.objective_id JOIN strategy_objectives u ON u.id = l.serves_id "
      "WHERE o.strategy_id = $1 ORDER BY u.position, u.id",
      {id});
  if (!links) return std::move(links).error();
  std::map<int64_t, Json> serves;
  for (const Row& l : *links) serves[l.Int("objective_id")].push_back(l.Text("serves_code"));
  Json list = Json::array();
  for (const Row& o : *objectives) {
    Json j = ObjectiveResource().ToJson(o);
    auto s = serves.find(o.Int("id"));
    j["serves"] = s == serves.end() ? Json::array() : s->second;
    list.push_back(std::move(j));
  }
  out["objectives"] = std::move(list);
  return out;
}

/// Replaces the objectives of `strategy_id` by `wanted` (kept by code, so ids and links survive an
/// edit). An umbrella objective some entity objective serves is not removed (409); an entity
/// objective's links are rewritten to the umbrella objectives its `serves` codes name.
Status SaveObjectives(Tx& tx, int64_t strategy_id, std::optional<int64_t> umbrella_id,
                      const std::vector<ObjectiveIn>& wanted) {
  auto existing = tx.Query("SELECT id, code FROM strategy_objectives WHERE strategy_id = $1", {strategy_id});
  if (!existing) return std::move(existing).error();
  std::map<std::string, int64_t> ids;
  for (const Row& r : *existing) ids[r.Text("code")] = r.Int("id");
  for (const auto& [code, id] : ids) {
    const bool kept = std::any_of(wanted.begin(), wanted.end(), [&](const ObjectiveIn& o) { return o.code == code; });
    if (kept) continue;
    auto used = tx.Query("SELECT COUNT(*) AS uses FROM objective_links WHERE serves_id = $1", {id});
    if (!used) return std::move(used).error();
    if ((*used)[0].Int("uses") > 0) return Error::Conflict("strategy.objective_in_use", {code}, "objectives");
    // Activities and KPIs that carry it out keep it too (they would lose what they serve).
    auto work = tx.Query(
        "SELECT (SELECT COUNT(*) FROM strategy_activities WHERE objective_id = $1) + "
        "(SELECT COUNT(*) FROM kpis WHERE objective_id = $1) AS uses",
        {id});
    if (!work) return std::move(work).error();
    if ((*work)[0].Int("uses") > 0) return Error::Conflict("strategy.objective_has_work", {code}, "objectives");
    SAWT_TRY_STATUS(tx.Exec("DELETE FROM objective_links WHERE objective_id = $1", {id}));
    SAWT_TRY_STATUS(tx.Exec("DELETE FROM strategy_objectives WHERE id = $1", {id}));
  }
  for (size_t i = 0; i < wanted.size(); ++i) {
    const ObjectiveIn& o = wanted[i];
    int64_t id = 0;
    if (auto it = ids.find(o.code); it != ids.end()) {
      id = it->second;
      SAWT_TRY_STATUS(tx.Exec("UPDATE strategy_objectives SET kind = $1, title_ar = $2, title_en = $3, position = $4 WHERE id = $5",
                              {o.kind, o.title_ar, o.title_en, static_cast<int64_t>(i), id}));
    } else {
      auto inserted = tx.Query(
          "INSERT INTO strategy_objectives (strategy_id, code, kind, title_ar, title_en, position) "
          "VALUES ($1, $2, $3, $4, $5, $6) RETURNING id",
          {strategy_id, o.code, o.kind, o.title_ar, o.title_en, static_cast<int64_t>(i)});
      if (!inserted) return std::move(inserted).error();
      id = (*inserted)[0].Int("id");
    }
    if (!umbrella_id) continue;
    SAWT_TRY_STATUS(tx.Exec("DELETE FROM objective_links WHERE objective_id = $1", {id}));
    for (const std::string& code : o.serves) {
      auto target = tx.Query("SELECT id FROM strategy_objectives WHERE strategy_id = $1 AND code = $2", {*umbrella_id, code});
      if (!target) return std::move(target).error();
      if (target->empty()) {
        return Error::InvalidInput("strategy.unknown_umbrella_objective", "objectives", {o.code, code});
      }
      SAWT_TRY_STATUS(tx.Exec("INSERT INTO objective_links (objective_id, serves_id) VALUES ($1, $2)",
                              {id, (*target)[0].Int("id")}));
    }
  }
  return Ok();
}

/// One active umbrella strategy; one active strategy per entity.
Status CheckOnlyActive(Tx& tx, const std::string& scope, std::optional<int64_t> entity_id, int64_t except_id) {
  auto rows = scope == "umbrella"
                  ? tx.Query("SELECT id FROM strategies WHERE scope = 'umbrella' AND status = 'active' AND id <> $1",
                             {except_id})
                  : tx.Query("SELECT id FROM strategies WHERE entity_id = $1 AND status = 'active' AND id <> $2",
                             {*entity_id, except_id});
  if (!rows) return std::move(rows).error();
  if (!rows->empty()) return Error::Conflict("strategy.already_active", {std::to_string((*rows)[0].Int("id"))}, "status");
  return Ok();
}

/// The umbrella strategy an entity strategy links to: it exists, is an umbrella and is not archived.
Status CheckUmbrella(Tx& tx, int64_t umbrella_id) {
  auto rows = tx.Query("SELECT scope, status FROM strategies WHERE id = $1", {umbrella_id});
  if (!rows) return std::move(rows).error();
  if (rows->empty() || (*rows)[0].Text("scope") != "umbrella" || (*rows)[0].Text("status") == "archived") {
    return Error::InvalidInput("strategy.bad_umbrella", "umbrella_id", {std::to_string(umbrella_id)});
  }
  return Ok();
}

bool LegalStep(const std::string& from, const std::string& to) {
  return from == to || (from == "draft" && (to == "active" || to == "archived")) || (from == "active" && to == "archived");
}

const char* WritePermission(const std::string& scope) {
  return scope == "umbrella" ? "strategy.umbrella.write" : "strategy.entity.write";
}

}  // namespace

std::vector<store::Migration> StrategyService::Migrations() {
  return {{"strategy", 1, "0001_create_strategies", R"SQL(
CREATE TABLE strategies (
  id {{ID}},
  scope TEXT NOT NULL CHECK (scope IN ('umbrella', 'entity')),
  entity_id BIGINT REFERENCES entities(id),
  umbrella_id BIGINT REFERENCES strategies(id),
  title_ar TEXT NOT NULL,
  title_en TEXT NOT NULL,
  vision_ar TEXT NOT NULL,
  vision_en TEXT NOT NULL,
  period_start BIGINT NOT NULL,
  period_end BIGINT NOT NULL,
  status TEXT NOT NULL CHECK (status IN ('draft', 'active', 'archived')),
  version BIGINT NOT NULL DEFAULT 1,
  created_by TEXT NOT NULL,
  created_at TEXT NOT NULL,
  updated_at TEXT NOT NULL,
  CHECK (period_start <= period_end),
  CHECK ((scope = 'umbrella' AND entity_id IS NULL AND umbrella_id IS NULL) OR
         (scope = 'entity' AND entity_id IS NOT NULL AND umbrella_id IS NOT NULL))
);
CREATE INDEX strategies_entity ON strategies(entity_id);
CREATE INDEX strategies_umbrella ON strategies(umbrella_id);
CREATE TABLE strategy_objectives (
  id {{ID}},
  strategy_id BIGINT NOT NULL REFERENCES strategies(id),
  code TEXT NOT NULL,
  kind TEXT NOT NULL CHECK (kind IN ('objective', 'national_priority')),
  title_ar TEXT NOT NULL,
  title_en TEXT NOT NULL,
  position BIGINT NOT NULL,
  UNIQUE (strategy_id, code)
);
CREATE TABLE objective_links (
  objective_id BIGINT NOT NULL REFERENCES strategy_objectives(id),
  serves_id BIGINT NOT NULL REFERENCES strategy_objectives(id),
  PRIMARY KEY (objective_id, serves_id)
);
CREATE INDEX objective_links_serves ON objective_links(serves_id);
CREATE TABLE strategy_activities (
  id {{ID}},
  entity_id BIGINT NOT NULL REFERENCES entities(id),
  objective_id BIGINT REFERENCES strategy_objectives(id),
  title_ar TEXT NOT NULL,
  title_en TEXT NOT NULL,
  owner_login TEXT,
  start_date TEXT NOT NULL,
  due_date TEXT NOT NULL,
  status TEXT NOT NULL CHECK (status IN ('planned', 'in_progress', 'blocked', 'done', 'cancelled')),
  progress BIGINT NOT NULL DEFAULT 0 CHECK (progress BETWEEN 0 AND 100),
  notes TEXT NOT NULL,
  version BIGINT NOT NULL DEFAULT 1,
  created_by TEXT NOT NULL,
  created_at TEXT NOT NULL,
  updated_at TEXT NOT NULL,
  CHECK (start_date <= due_date)
);
CREATE INDEX strategy_activities_entity ON strategy_activities(entity_id);
CREATE INDEX strategy_activities_due ON strategy_activities(due_date);
CREATE INDEX strategy_activities_objective ON strategy_activities(objective_id);
)SQL"},
          // CheckOnlyActive explains the rule; this index keeps it when two writers race past it.
          {"strategy", 3, "0003_one_active_strategy_per_scope", R"SQL(
CREATE UNIQUE INDEX strategies_one_active ON strategies(COALESCE(entity_id, 0)) WHERE status = 'active';
)SQL"},
          // RACI of an activity (owner_login is its R; consulted and informed are JSON arrays of
          // logins) and the activities it waits for, in the order given (ActivityService keeps the
          // graph acyclic).
          {"strategy", 6, "0006_activity_raci_and_dependencies", R"SQL(
ALTER TABLE strategy_activities ADD COLUMN accountable TEXT;
ALTER TABLE strategy_activities ADD COLUMN consulted TEXT NOT NULL DEFAULT '[]';
ALTER TABLE strategy_activities ADD COLUMN informed TEXT NOT NULL DEFAULT '[]';
CREATE TABLE strategy_activity_dependencies (
  activity_id BIGINT NOT NULL REFERENCES strategy_activities(id),
  depends_on_id BIGINT NOT NULL REFERENCES strategy_activities(id),
  position BIGINT NOT NULL,
  PRIMARY KEY (activity_id, depends_on_id),
  CHECK (activity_id <> depends_on_id)
);
CREATE INDEX strategy_activity_dependencies_target ON strategy_activity_dependencies(depends_on_id);
)SQL"}};
}

Result<Json> StrategyService::List(const auth::Caller& caller, const StrategyFilter& filter) {
  SAWT_TRY_STATUS(auth::Authorize(caller, "strategy.read", std::nullopt));
  if (filter.scope) SAWT_TRY_STATUS(Scopes().Check(*filter.scope, "strategy.bad_scope", "scope"));
  if (filter.status) SAWT_TRY_STATUS(StrategyStatuses().Check(*filter.status, "strategy.bad_status", "status"));
  return store::ReadValue<Json>(store_, [&](Tx& tx) -> Result<Json> {
    store::Sql sql("SELECT " + Columns() + " FROM strategies WHERE 1 = 1");
    if (filter.scope) sql.Bind(" AND scope = ", *filter.scope);
    if (filter.entity_id) sql.Bind(" AND entity_id = ", *filter.entity_id);
    if (filter.status) sql.Bind(" AND status = ", *filter.status);
    sql.Append(" ORDER BY scope DESC, period_start DESC, id");
    auto rows = tx.Query(sql.text(), sql.params());
    if (!rows) return std::move(rows).error();
    Json items = Json::array();
    for (const Row& r : *rows) {
      SAWT_ASSIGN_OR_RETURN(Json j, StrategyJson(tx, r));
      items.push_back(std::move(j));
    }
    return Json{{"items", std::move(items)}};
  });
}

Result<Json> StrategyService::Get(const auth::Caller& caller, int64_t id) {
  SAWT_TRY_STATUS(auth::Authorize(caller, "strategy.read", std::nullopt));
  return store::ReadValue<Json>(store_, [&](Tx& tx) -> Result<Json> {
    SAWT_ASSIGN_OR_RETURN(Row row, Load(tx, id));
    return StrategyJson(tx, row);
  });
}

Result<Json> StrategyService::Create(const auth::Caller& caller, const Json& body) {
  JsonReader in(body);
  auto scope = in.String("scope", true, 16);
  auto entity_id = in.Int("entity_id", false);
  auto umbrella_id = in.Int("umbrella_id", false);
  auto title_ar = in.String("title_ar", true, 300);
  auto title_en = in.String("title_en", true, 300);
  auto vision_ar = in.String("vision_ar", false, 4000, false);
  auto vision_en = in.String("vision_en", false, 4000, false);
  auto period_start = in.Int("period_start", true);
  auto period_end = in.Int("period_end", true);
  auto status = in.String("status", false, 16);
  const Json* objectives_raw = in.Raw("objectives");
  SAWT_TRY_STATUS(in.Finish());
  SAWT_TRY_STATUS(Scopes().Check(*scope, "strategy.bad_scope", "scope"));
  const bool entity_scope = *scope == "entity";
  if (entity_scope && !entity_id) return Error::InvalidInput("common.field_required", "entity_id", {"entity_id"});
  if (entity_scope && !umbrella_id) return Error::InvalidInput("common.field_required", "umbrella_id", {"umbrella_id"});
  if (!entity_scope && (entity_id || umbrella_id)) {
    return Error::InvalidInput("strategy.umbrella_belongs_to_network", entity_id ? "entity_id" : "umbrella_id");
  }
  SAWT_TRY_STATUS(CheckPeriod(*period_start, *period_end));
  const std::string state = status.value_or("draft");
  SAWT_TRY_STATUS(StrategyStatuses().Check(state, "strategy.bad_status", "status"));
  if (state == "archived") return Error::InvalidInput("strategy.bad_status", "status", {state});
  std::vector<ObjectiveIn> objectives;
  if (objectives_raw != nullptr) {
    SAWT_ASSIGN_OR_RETURN(objectives, ReadObjectives(*objectives_raw, entity_scope));
  }
  SAWT_TRY_STATUS(auth::Authorize(caller, WritePermission(*scope), entity_id));
  return store::WriteValue<Json>(store_, [&](Tx& tx) -> Result<Json> {
    if (entity_scope) {
      SAWT_TRY_STATUS(module::EntityMustExist(registry_.entity_directory(), tx, *entity_id, "entity_id",
                                              "strategy.entity_not_found"));
      SAWT_TRY_STATUS(CheckUmbrella(tx, *umbrella_id));
    }
    if (state == "active") SAWT_TRY_STATUS(CheckOnlyActive(tx, *scope, entity_id, 0));
    const std::string now = tx.clock().NowIsoUtc();
    auto inserted = tx.Query(
        "INSERT INTO strategies (scope, entity_id, umbrella_id, title_ar, title_en, vision_ar, vision_en, period_start, "
        "period_end, status, created_by, created_at, updated_at) VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, "
        "$12, $12) RETURNING id",
        {*scope, store::OrNull(entity_id), store::OrNull(umbrella_id), *title_ar, *title_en, vision_ar.value_or(""),
         vision_en.value_or(""), *period_start, *period_end, state, caller.login, now});
    if (!inserted) return std::move(inserted).error();
    const int64_t id = (*inserted)[0].Int("id");
    SAWT_TRY_STATUS(SaveObjectives(tx, id, umbrella_id, objectives));
    SAWT_ASSIGN_OR_RETURN(Row row, Load(tx, id));
    SAWT_ASSIGN_OR_RETURN(Json out, StrategyJson(tx, row));
    SAWT_TRY_STATUS(AppendEvent(tx, caller, "strategy.strategy_created", entity_id, "strategy", id, out));
    return out;
  });
}

Result<Json> StrategyService::Update(const auth::Caller& caller, int64_t id, std::optional<int64_t> if_match,
                                     const Json& body) {
  JsonReader in(body);
  auto title_ar = in.String("title_ar", false, 300);
  auto title_en = in.String("title_en", false, 300);
  auto vision_ar = in.String("vision_ar", false, 4000, false);
  auto vision_en = in.String("vision_en", false, 4000, false);
  auto period_start = in.Int("period_start", false);
  auto period_end = in.Int("period_end", false);
  auto status = in.String("status", false, 16);
  const Json* objectives_raw = in.Raw("objectives");
  SAWT_TRY_STATUS(in.Finish());
  if (status) SAWT_TRY_STATUS(StrategyStatuses().Check(*status, "strategy.bad_status", "status"));
  return store::WriteValue<Json>(store_, [&](Tx& tx) -> Result<Json> {
    SAWT_ASSIGN_OR_RETURN(Row old, Load(tx, id));
    const std::string scope = old.Text("scope");
    const std::optional<int64_t> entity_id = old.OptInt("entity_id");
    SAWT_TRY_STATUS(auth::Authorize(caller, WritePermission(scope), entity_id));
    if (!if_match) return Error::PreconditionFailed("strategy.if_match_required");
    if (*if_match != old.Int("version")) return Error::PreconditionFailed();
    const std::string from = old.Text("status");
    if (from == "archived") return Error::Conflict("strategy.archived", {std::to_string(id)});
    SAWT_TRY_STATUS(CheckPeriod(period_start.value_or(old.Int("period_start")), period_end.value_or(old.Int("period_end"))));
    if (status && !LegalStep(from, *status)) return Error::Conflict("strategy.illegal_transition", {from, *status}, "status");
    if (status && *status == "active" && from != "active") SAWT_TRY_STATUS(CheckOnlyActive(tx, scope, entity_id, id));
    Assignments set;
    set.SetIf("title_ar", title_ar);
    set.SetIf("title_en", title_en);
    set.SetIf("vision_ar", vision_ar);
    set.SetIf("vision_en", vision_en);
    set.SetIf("period_start", period_start);
    set.SetIf("period_end", period_end);
    set.SetIf("status", status);
    SAWT_ASSIGN_OR_RETURN(bool updated, module::GuardedUpdate(tx, "strategies", set, id, old.Int("version")));
    if (!updated) return module::MissOrStale(tx, "strategies", id, "strategy.not_found").error();
    Json changed = set.changed;
    if (objectives_raw != nullptr) {
      SAWT_ASSIGN_OR_RETURN(auto objectives, ReadObjectives(*objectives_raw, scope == "entity"));
      SAWT_TRY_STATUS(SaveObjectives(tx, id, old.OptInt("umbrella_id"), objectives));
      changed["objectives"] = *objectives_raw;
    }
    SAWT_ASSIGN_OR_RETURN(Row row, Load(tx, id));
    changed["version"] = row.Int("version");
    SAWT_TRY_STATUS(AppendEvent(tx, caller, "strategy.strategy_updated", entity_id, "strategy", id, changed));
    return StrategyJson(tx, row);
  });
}

Result<Json> StrategyService::Traceability(const auth::Caller& caller, int64_t id) {
  SAWT_TRY_STATUS(auth::Authorize(caller, "strategy.read", std::nullopt));
  return store::ReadValue<Json>(store_, [&](Tx& tx) -> Result<Json> {
    SAWT_ASSIGN_OR_RETURN(Row umbrella, Load(tx, id));
    if (umbrella.Text("scope") != "umbrella") return Error::InvalidInput("strategy.not_umbrella", "id", {std::to_string(id)});
    auto objectives = tx.Query("SELECT " + ObjectiveResource().Columns() +
                                   " FROM strategy_objectives WHERE strategy_id = $1 ORDER BY position, id",
                               {id});
    if (!objectives) return std::move(objectives).error();
    // Entity objectives of the strategies linked to this umbrella (archived ones no longer count).
    auto links = tx.Query(
        "SELECT l.serves_id AS serves_id, o.id AS objective_id, o.code AS code, o.title_ar AS title_ar, "
        "o.title_en AS title_en, s.id AS strategy_id, s.entity_id AS entity_id, s.status AS strategy_status "
        "FROM objective_links l JOIN strategy_objectives o ON o.id = l.objective_id "
        "JOIN strategies s ON s.id = o.strategy_id WHERE s.umbrella_id = $1 AND s.status <> 'archived' "
        "ORDER BY s.entity_id, o.position, o.id",
        {id});
    if (!links) return std::move(links).error();
    std::map<int64_t, Json> contributions;
    for (const Row& l : *links) {
      contributions[l.Int("serves_id")].push_back({{"entity_id", l.Int("entity_id")},
                                                   {"strategy_id", l.Int("strategy_id")},
                                                   {"strategy_status", l.Text("strategy_status")},
                                                   {"objective_id", l.Int("objective_id")},
                                                   {"code", l.Text("code")},
                                                   {"title_ar", l.Text("title_ar")},
                                                   {"title_en", l.Text("title_en")}});
    }
    Json items = Json::array(), unserved = Json::array();
    for (const Row& o : *objectives) {
      Json j = ObjectiveResource().ToJson(o);
      auto c = contributions.find(o.Int("id"));
      j["contributions"] = c == contributions.end() ? Json::array() : c->second;
      std::set<int64_t> entities;
      for (const auto& x : j["contributions"]) entities.insert(x["entity_id"].get<int64_t>());
      j["entity_count"] = entities.size();
      if (entities.empty()) unserved.push_back(o.Text("code"));
      items.push_back(std::move(j));
    }
    auto with_strategy = tx.Query(
        "SELECT DISTINCT entity_id FROM strategies WHERE umbrella_id = $1 AND status <> 'archived'", {id});
    if (!with_strategy) return std::move(with_strategy).error();
    std::set<int64_t> covered;
    for (const Row& r : *with_strategy) covered.insert(r.Int("entity_id"));
    SAWT_ASSIGN_OR_RETURN(auto all, registry_.entity_directory().All(tx));
    Json without = Json::array();
    for (const auto& [entity, info] : *all) {
      if (info.kind == "entity" && covered.count(entity) == 0) without.push_back(entity);
    }
    const size_t served = items.size() - unserved.size();
    return Json{{"strategy_id", id},
                {"objectives", std::move(items)},
                {"unserved", unserved},
                {"entities_without_strategy", without},
                {"summary",
                 {{"objectives", served + unserved.size()},
                  {"served", served},
                  {"unserved", unserved.size()},
                  {"entities_with_strategy", covered.size()},
                  {"entities_without_strategy", without.size()}}}};
  });
}

}  // namespace sawt::strategy
