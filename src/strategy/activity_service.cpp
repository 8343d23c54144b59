#include "strategy/activity_service.hpp"

#include <algorithm>
#include <map>

#include "auth/auth_service.hpp"
#include "auth/policy.hpp"
#include "core/clock.hpp"
#include "module/entity_directory.hpp"
#include "module/service_names.hpp"
#include "module/write_helpers.hpp"
#include "module/write_preamble.hpp"
#include "strategy/activity_evidence.hpp"
#include "strategy/days.hpp"
#include "strategy/resources.hpp"
#include "strategy/vocabularies.hpp"

namespace sawt::strategy {
namespace {

using namespace module::service_names;  // NOLINT: the service files' shared vocabulary

const std::string& Columns() {
  static const std::string* columns = new std::string(ActivityResource().Columns());
  return *columns;
}

Json ActivityJson(const Row& r) { return ActivityResource().ToJson(r); }

/// Adds "overdue" to an activity's JSON: due before `today` and still open.
void MarkOverdue(Json& activity, const std::string& today) {
  const std::string status = activity["status"];
  activity["overdue"] = activity["due_date"].get<std::string>() < today && status != "done" && status != "cancelled";
}

Status CheckDate(const std::optional<std::string>& v, const char* field) {
  if (v && !core::IsIsoDate(*v)) return Error::InvalidInput("strategy.bad_date", field, {field});
  return Ok();
}

/// The owner is an account of the network (not any text a caller types).
Status CheckOwner(Tx& tx, const std::optional<std::string>& login) {
  if (!login) return Ok();
  SAWT_ASSIGN_OR_RETURN(auto account, auth::AuthService::FindAccount(tx, *login));
  if (!account) return Error::InvalidInput("strategy.unknown_owner", "owner_login", {*login});
  return Ok();
}

constexpr size_t kMaxPeople = 20, kMaxDependencies = 20;
/// Any constant key: every write that adds dependencies takes it, so two writers cannot each add
/// half of a cycle unseen by the other (PostgreSQL; SQLite already runs one writer at a time).
constexpr int64_t kDependencyLock = 0x5357'4144'4550;  // "SWADEP"

std::string At(const char* field, size_t i) { return std::string(field) + "[" + std::to_string(i) + "]"; }

/// A list of logins (consulted, informed): a JSON array of at most 20 strings of 1..64 bytes.
/// Duplicates are dropped, order kept.
Result<std::optional<std::vector<std::string>>> ReadLogins(const Json* raw, const char* field) {
  if (raw == nullptr) return std::optional<std::vector<std::string>>{};
  if (!raw->is_array() || raw->size() > kMaxPeople) return Error::InvalidInput("strategy.bad_logins", field, {field});
  std::vector<std::string> out;
  for (size_t i = 0; i < raw->size(); ++i) {
    const Json& v = (*raw)[i];
    if (!v.is_string() || v.get<std::string>().empty() || v.get<std::string>().size() > 64) {
      return Error::InvalidInput("strategy.bad_logins", At(field, i), {field});
    }
    if (std::find(out.begin(), out.end(), v.get<std::string>()) == out.end()) out.push_back(v.get<std::string>());
  }
  return std::optional<std::vector<std::string>>{std::move(out)};
}

/// depends_on: a JSON array of at most 20 activity ids. Duplicates are dropped, order kept.
Result<std::optional<std::vector<int64_t>>> ReadIds(const Json* raw, const char* field) {
  if (raw == nullptr) return std::optional<std::vector<int64_t>>{};
  if (!raw->is_array() || raw->size() > kMaxDependencies) {
    return Error::InvalidInput("strategy.bad_dependencies", field);
  }
  std::vector<int64_t> out;
  for (size_t i = 0; i < raw->size(); ++i) {
    const Json& v = (*raw)[i];
    if (!v.is_number_integer() || (v.is_number_unsigned() && v.get<uint64_t>() > uint64_t{INT64_MAX}) ||
        v.get<int64_t>() <= 0) {
      return Error::InvalidInput("strategy.bad_dependencies", At(field, i));
    }
    if (std::find(out.begin(), out.end(), v.get<int64_t>()) == out.end()) out.push_back(v.get<int64_t>());
  }
  return std::optional<std::vector<int64_t>>{std::move(out)};
}

/// `login` belongs to the entity: an active account holding a role in it or in an entity above it
/// (the network module's resolver says which). One refusal whatever the reason (422 on `field`).
Status CheckMember(Tx& tx, const auth::AuthService& auth, int64_t entity_id, const std::string& login,
                   const std::string& field) {
  const Error refused = Error::Unprocessable("strategy.not_a_member", field, {login});
  SAWT_ASSIGN_OR_RETURN(auto account, auth::AuthService::FindAccount(tx, login));
  if (!account) return refused;
  SAWT_ASSIGN_OR_RETURN(auto views, auth::AuthService::Accounts(tx, {*account}));
  if (views.count(*account) == 0 || !views.at(*account).active) return refused;
  SAWT_ASSIGN_OR_RETURN(auto roles, auth.EffectiveRoles(tx, *account));
  if (roles.count(entity_id) == 0) return refused;
  return Ok();
}

/// Replaces the activity's dependencies by `ids` (in that order). Each must be an activity the
/// caller can read (422 "strategy.unknown_dependency" alike for missing and hidden ones), not the
/// activity itself, and not wait (directly or through others) for it.
Status SaveDependencies(Tx& tx, const auth::Caller& caller, int64_t id, const std::vector<int64_t>& ids) {
  if (!ids.empty() && tx.backend() == store::Backend::kPostgres) {
    SAWT_TRY_STATUS(tx.Query("SELECT pg_advisory_xact_lock($1)", {kDependencyLock}));
  }
  SAWT_TRY_STATUS(tx.Exec("DELETE FROM strategy_activity_dependencies WHERE activity_id = $1", {id}));
  for (size_t i = 0; i < ids.size(); ++i) {
    const std::string field = At("depends_on", i), shown = std::to_string(ids[i]);
    if (ids[i] == id) return Error::Unprocessable("strategy.self_dependency", field, {shown});
    auto target = tx.Query("SELECT entity_id FROM strategy_activities WHERE id = $1", {ids[i]});
    if (!target) return std::move(target).error();
    if (target->empty() || !auth::Authorize(caller, "strategy.read", (*target)[0].Int("entity_id"))) {
      return Error::Unprocessable("strategy.unknown_dependency", field, {shown});
    }
    // Whether the activity is reachable from the one it would wait for: then that one already
    // waits for it, and the new link closes a cycle.
    auto reach = tx.Query(
        "WITH RECURSIVE reach(id) AS (SELECT depends_on_id FROM strategy_activity_dependencies WHERE activity_id = $1 "
        "UNION SELECT d.depends_on_id FROM strategy_activity_dependencies d JOIN reach r ON d.activity_id = r.id) "
        "SELECT COUNT(*) AS n FROM reach WHERE id = $2",
        {ids[i], id});
    if (!reach) return std::move(reach).error();
    if ((*reach)[0].Int("n") > 0) return Error::Unprocessable("strategy.dependency_cycle", field, {shown});
    SAWT_TRY_STATUS(tx.Exec("INSERT INTO strategy_activity_dependencies (activity_id, depends_on_id, position) "
                            "VALUES ($1, $2, $3)",
                            {id, ids[i], static_cast<int64_t>(i)}));
  }
  return Ok();
}

/// Adds "depends_on" (ids, in their order) and "waiting_on" (those neither done nor cancelled) to
/// each activity of `items` (an array, or one activity).
Status AddDependencies(Tx& tx, Json& items) {
  std::vector<Json*> all;
  if (items.is_array()) {
    for (Json& a : items) all.push_back(&a);
  } else {
    all.push_back(&items);
  }
  std::vector<Value> ids;
  for (Json* a : all) {
    (*a)["depends_on"] = Json::array();
    (*a)["waiting_on"] = Json::array();
    ids.emplace_back((*a)["id"].get<int64_t>());
  }
  if (ids.empty()) return Ok();
  store::Sql sql;
  sql.BindList("SELECT d.activity_id AS activity_id, d.depends_on_id AS depends_on_id, a.status AS status "
               "FROM strategy_activity_dependencies d JOIN strategy_activities a ON a.id = d.depends_on_id "
               "WHERE d.activity_id IN (",
               ids)
      .Append(") ORDER BY d.activity_id, d.position");
  auto rows = store::Query(tx, sql);
  if (!rows) return std::move(rows).error();
  std::map<int64_t, Json*> by_id;
  for (Json* a : all) by_id[(*a)["id"].get<int64_t>()] = a;
  for (const Row& r : *rows) {
    Json& a = *by_id.at(r.Int("activity_id"));
    const int64_t dep = r.Int("depends_on_id");
    a["depends_on"].push_back(dep);
    const std::string status = r.Text("status");
    if (status != "done" && status != "cancelled") a["waiting_on"].push_back(dep);
  }
  return Ok();
}

/// An activity that is (or becomes) done waits for nothing: 409 with the ids it still waits for.
Status CheckNotWaiting(const Json& activity) {
  if (activity["status"] != "done" || activity["waiting_on"].empty()) return Ok();
  std::vector<int64_t> ids;
  std::string shown;
  for (const Json& id : activity["waiting_on"]) {
    ids.push_back(id.get<int64_t>());
    shown += (shown.empty() ? "" : ", ") + std::to_string(ids.back());
  }
  return Error::Conflict("strategy.activity_waiting", {shown}, "status").WithIds(std::move(ids));
}

/// The objective must belong to a strategy of the activity's entity that is not archived.
Status CheckObjective(Tx& tx, int64_t objective_id, int64_t entity_id) {
  auto rows = tx.Query(
      "SELECT s.entity_id AS entity_id, s.status AS status FROM strategy_objectives o "
      "JOIN strategies s ON s.id = o.strategy_id WHERE o.id = $1",
      {objective_id});
  if (!rows) return std::move(rows).error();
  if (rows->empty() || (*rows)[0].OptInt("entity_id") != entity_id || (*rows)[0].Text("status") == "archived") {
    return Error::InvalidInput("strategy.bad_objective", "objective_id", {std::to_string(objective_id)});
  }
  return Ok();
}

Result<Row> Load(Tx& tx, int64_t id) {
  return module::LoadOne(tx, "SELECT " + Columns() + " FROM strategy_activities WHERE id = $1", id,
                         "strategy.activity_not_found");
}

struct Fields {
  std::optional<std::string> title_ar, title_en, owner_login, accountable, start_date, due_date, status, notes;
  std::optional<int64_t> objective_id, progress;
  std::optional<std::vector<std::string>> consulted, informed;
  std::optional<std::vector<int64_t>> depends_on;
  bool clear_objective = false, clear_owner = false, clear_accountable = false;
  const Json* consulted_raw = nullptr;
  const Json* informed_raw = nullptr;
  const Json* depends_on_raw = nullptr;

  void Read(JsonReader& in, bool create) {
    clear_objective = in.IsNull("objective_id");
    clear_owner = in.IsNull("owner_login");
    clear_accountable = in.IsNull("accountable");
    if (clear_objective) in.Raw("objective_id");
    else objective_id = in.Int("objective_id", false);
    title_ar = in.String("title_ar", create, 300);
    title_en = in.String("title_en", create, 300);
    if (clear_owner) in.Raw("owner_login");
    else owner_login = in.String("owner_login", false, 64);
    if (clear_accountable) in.Raw("accountable");
    else accountable = in.String("accountable", false, 64);
    consulted_raw = in.Raw("consulted");
    informed_raw = in.Raw("informed");
    depends_on_raw = in.Raw("depends_on");
    start_date = in.String("start_date", create, 10);
    due_date = in.String("due_date", create, 10);
    status = in.String("status", false, 16);
    progress = in.Int("progress", false);
    notes = in.String("notes", false, 4000, false);
  }
  /// The rules that need no store; reads the lists.
  Status Check() {
    SAWT_TRY_STATUS(CheckDate(start_date, "start_date"));
    SAWT_TRY_STATUS(CheckDate(due_date, "due_date"));
    if (status) SAWT_TRY_STATUS(ActivityStatuses().Check(*status, "strategy.bad_activity_status", "status"));
    if (progress && (*progress < 0 || *progress > 100)) return Error::InvalidInput("strategy.bad_progress", "progress");
    SAWT_ASSIGN_OR_RETURN(consulted, ReadLogins(consulted_raw, "consulted"));
    SAWT_ASSIGN_OR_RETURN(informed, ReadLogins(informed_raw, "informed"));
    SAWT_ASSIGN_OR_RETURN(depends_on, ReadIds(depends_on_raw, "depends_on"));
    return Ok();
  }
  /// Accountable, consulted and informed belong to the entity (owner_login: CheckOwner).
  Status CheckPeople(Tx& tx, const auth::AuthService& auth, int64_t entity_id) const {
    if (accountable) SAWT_TRY_STATUS(CheckMember(tx, auth, entity_id, *accountable, "accountable"));
    for (const auto* list : {&consulted, &informed}) {
      if (!*list) continue;
      const char* field = list == &consulted ? "consulted" : "informed";
      for (size_t i = 0; i < (*list)->size(); ++i) {
        SAWT_TRY_STATUS(CheckMember(tx, auth, entity_id, (**list)[i], At(field, i)));
      }
    }
    return Ok();
  }
};

/// The activity's wire JSON as answers give it: dependencies and "overdue" added.
Result<Json> Present(Tx& tx, const Row& row, const std::string& today) {
  Json out = ActivityJson(row);
  SAWT_TRY_STATUS(AddDependencies(tx, out));
  SAWT_TRY_STATUS(AddEvidenceLists(tx, out));
  MarkOverdue(out, today);
  return out;
}

}  // namespace

Result<Json> ActivityService::List(const auth::Caller& caller, const ActivityFilter& filter, const module::Page& page) {
  SAWT_TRY_STATUS(auth::Authorize(caller, "strategy.read", std::nullopt));
  if (filter.status) SAWT_TRY_STATUS(ActivityStatuses().Check(*filter.status, "strategy.bad_activity_status", "status"));
  return store::ReadValue<Json>(store_, [&](Tx& tx) -> Result<Json> {
    SAWT_ASSIGN_OR_RETURN(std::string today, Today(tx, registry_));
    store::Sql sql("SELECT " + Columns() + " FROM strategy_activities WHERE id > ", page.after_id);
    if (filter.entity_id) {
      SAWT_ASSIGN_OR_RETURN(auto ids, registry_.entity_directory().Subtree(tx, *filter.entity_id));
      sql.BindList(" AND entity_id IN (", std::vector<Value>(ids.begin(), ids.end())).Append(")");
    }
    if (filter.objective_id) sql.Bind(" AND objective_id = ", *filter.objective_id);
    if (filter.status) sql.Bind(" AND status = ", *filter.status);
    if (filter.overdue) sql.Bind(" AND status NOT IN ('done', 'cancelled') AND due_date < ", today);
    SAWT_ASSIGN_OR_RETURN(Json out, module::QueryPage(tx, std::move(sql), "id", page, ActivityJson));
    SAWT_TRY_STATUS(AddDependencies(tx, out["items"]));
    SAWT_TRY_STATUS(AddEvidenceLists(tx, out["items"]));
    for (Json& a : out["items"]) MarkOverdue(a, today);
    return out;
  });
}

Result<Json> ActivityService::Get(const auth::Caller& caller, int64_t id) {
  SAWT_TRY_STATUS(auth::Authorize(caller, "strategy.read", std::nullopt));
  return store::ReadValue<Json>(store_, [&](Tx& tx) -> Result<Json> {
    SAWT_ASSIGN_OR_RETURN(Row row, Load(tx, id));
    SAWT_ASSIGN_OR_RETURN(std::string today, Today(tx, registry_));
    return Present(tx, row, today);
  });
}

Result<Json> ActivityService::Create(const auth::Caller& caller, const Json& body) {
  return store::WriteValue<Json>(store_, [&](Tx& tx) { return CreateIn(tx, caller, body); });
}

Result<Json> ActivityService::CreateIn(Tx& tx, const auth::Caller& caller, const Json& body) {
  JsonReader in(body);
  auto entity_id = in.Int("entity_id", true);
  SAWT_ASSIGN_OR_RETURN(Fields f, module::ReadFields<Fields>(in, true));
  if (*f.start_date > *f.due_date) return Error::InvalidInput("strategy.bad_activity_period", "due_date");
  SAWT_TRY_STATUS(auth::Authorize(caller, "strategy.activities.write", *entity_id));
  const std::string status = f.status.value_or("planned");
  const int64_t progress = f.progress.value_or(status == "done" ? 100 : 0);
  SAWT_TRY_STATUS(module::EntityMustExist(registry_.entity_directory(), tx, *entity_id, "entity_id",
                                          "strategy.entity_not_found"));
  if (f.objective_id) SAWT_TRY_STATUS(CheckObjective(tx, *f.objective_id, *entity_id));
  SAWT_TRY_STATUS(CheckOwner(tx, f.owner_login));
  SAWT_TRY_STATUS(f.CheckPeople(tx, auth_, *entity_id));
  const std::string now = tx.clock().NowIsoUtc();
  const std::vector<std::string> none;
  auto inserted = tx.Query(
      "INSERT INTO strategy_activities (entity_id, objective_id, title_ar, title_en, owner_login, accountable, consulted, "
      "informed, start_date, due_date, status, progress, notes, created_by, created_at, updated_at) VALUES ($1, $2, $3, "
      "$4, $5, $6, $7, $8, $9, $10, $11, $12, $13, $14, $15, $15) RETURNING id",
      {*entity_id, store::OrNull(f.objective_id), *f.title_ar, *f.title_en, store::OrNull(f.owner_login),
       store::OrNull(f.accountable), core::DumpJson(Json(f.consulted.value_or(none))),
       core::DumpJson(Json(f.informed.value_or(none))), *f.start_date, *f.due_date, status, progress,
       f.notes.value_or(""), caller.login, now});
  if (!inserted) return std::move(inserted).error();
  const int64_t id = (*inserted)[0].Int("id");
  if (f.depends_on) SAWT_TRY_STATUS(SaveDependencies(tx, caller, id, *f.depends_on));
  SAWT_ASSIGN_OR_RETURN(Row row, Load(tx, id));
  SAWT_ASSIGN_OR_RETURN(std::string today, Today(tx, registry_));
  Json out = ActivityJson(row);
  SAWT_TRY_STATUS(AddDependencies(tx, out));
  SAWT_TRY_STATUS(AddEvidenceLists(tx, out));
  SAWT_TRY_STATUS(CheckNotWaiting(out));
  SAWT_TRY_STATUS(AppendEvent(tx, caller, "strategy.activity_created", *entity_id, "activity", id, out));
  MarkOverdue(out, today);
  return out;
}

Result<Json> ActivityService::Update(const auth::Caller& caller, int64_t id, std::optional<int64_t> if_match,
                                     const Json& body) {
  JsonReader in(body);
  SAWT_ASSIGN_OR_RETURN(Fields f, module::ReadFields<Fields>(in, false));
  return store::WriteValue<Json>(store_, [&](Tx& tx) -> Result<Json> {
    SAWT_ASSIGN_OR_RETURN(Row old, module::RowToChange(Load(tx, id), caller, "strategy.activities.write", if_match,
                                                       "strategy.if_match_required"));
    const int64_t entity_id = old.Int("entity_id");
    if (*if_match != old.Int("version")) return Error::PreconditionFailed();
    if (f.start_date.value_or(old.Text("start_date")) > f.due_date.value_or(old.Text("due_date"))) {
      return Error::InvalidInput("strategy.bad_activity_period", "due_date");
    }
    if (f.objective_id) SAWT_TRY_STATUS(CheckObjective(tx, *f.objective_id, entity_id));
    SAWT_TRY_STATUS(CheckOwner(tx, f.owner_login));
    SAWT_TRY_STATUS(f.CheckPeople(tx, auth_, entity_id));
    Assignments set;
    if (f.clear_objective) set.Set("objective_id", store::Null(), nullptr);
    set.SetIf("objective_id", f.objective_id);
    set.SetIf("title_ar", f.title_ar);
    set.SetIf("title_en", f.title_en);
    if (f.clear_owner) set.Set("owner_login", store::Null(), nullptr);
    set.SetIf("owner_login", f.owner_login);
    if (f.clear_accountable) set.Set("accountable", store::Null(), nullptr);
    set.SetIf("accountable", f.accountable);
    if (f.consulted) set.Set("consulted", core::DumpJson(Json(*f.consulted)), Json(*f.consulted));
    if (f.informed) set.Set("informed", core::DumpJson(Json(*f.informed)), Json(*f.informed));
    set.SetIf("start_date", f.start_date);
    set.SetIf("due_date", f.due_date);
    set.SetIf("status", f.status);
    set.SetIf("notes", f.notes);
    // Marking an activity done completes it, unless the same request says how far it got.
    std::optional<int64_t> progress = f.progress;
    if (!progress && f.status == "done") progress = 100;
    set.SetIf("progress", progress);
    SAWT_ASSIGN_OR_RETURN(bool updated, module::GuardedUpdate(tx, "strategy_activities", set, id, old.Int("version")));
    if (!updated) return module::MissOrStale(tx, "strategy_activities", id, "strategy.activity_not_found").error();
    Json changed = set.changed;
    if (f.depends_on) {
      SAWT_TRY_STATUS(SaveDependencies(tx, caller, id, *f.depends_on));
      changed["depends_on"] = *f.depends_on;
    }
    SAWT_ASSIGN_OR_RETURN(Row row, Load(tx, id));
    SAWT_ASSIGN_OR_RETURN(std::string today, Today(tx, registry_));
    Json out = ActivityJson(row);
    SAWT_TRY_STATUS(AddDependencies(tx, out));
    SAWT_TRY_STATUS(AddEvidenceLists(tx, out));
    // Becoming done, or an activity that is done given new dependencies: nothing may be awaited.
    if ((f.status == "done" && old.Text("status") != "done") || f.depends_on) SAWT_TRY_STATUS(CheckNotWaiting(out));
    changed["version"] = row.Int("version");
    SAWT_TRY_STATUS(AppendEvent(tx, caller, "strategy.activity_updated", entity_id, "activity", id, changed));
    MarkOverdue(out, today);
    return out;
  });
}

}  // namespace sawt::strategy
