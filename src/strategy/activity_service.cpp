#include "strategy/activity_service.hpp"

#include "auth/auth_service.hpp"
#include "auth/policy.hpp"
#include "core/clock.hpp"
#include "module/entity_directory.hpp"
#include "module/service_names.hpp"
#include "module/write_helpers.hpp"
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
  std::optional<std::string> title_ar, title_en, owner_login, start_date, due_date, status, notes;
  std::optional<int64_t> objective_id, progress;
  bool clear_objective = false, clear_owner = false;

  void Read(JsonReader& in, bool create) {
    clear_objective = in.IsNull("objective_id");
    clear_owner = in.IsNull("owner_login");
    if (clear_objective) in.Raw("objective_id");
    else objective_id = in.Int("objective_id", false);
    title_ar = in.String("title_ar", create, 300);
    title_en = in.String("title_en", create, 300);
    if (clear_owner) in.Raw("owner_login");
    else owner_login = in.String("owner_login", false, 64);
    start_date = in.String("start_date", create, 10);
    due_date = in.String("due_date", create, 10);
    status = in.String("status", false, 16);
    progress = in.Int("progress", false);
    notes = in.String("notes", false, 4000, false);
  }
  Status Check() const {
    SAWT_TRY_STATUS(CheckDate(start_date, "start_date"));
    SAWT_TRY_STATUS(CheckDate(due_date, "due_date"));
    if (status) SAWT_TRY_STATUS(ActivityStatuses().Check(*status, "strategy.bad_activity_status", "status"));
    if (progress && (*progress < 0 || *progress > 100)) return Error::InvalidInput("strategy.bad_progress", "progress");
    return Ok();
  }
};

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
    for (Json& a : out["items"]) MarkOverdue(a, today);
    return out;
  });
}

Result<Json> ActivityService::Get(const auth::Caller& caller, int64_t id) {
  SAWT_TRY_STATUS(auth::Authorize(caller, "strategy.read", std::nullopt));
  return store::ReadValue<Json>(store_, [&](Tx& tx) -> Result<Json> {
    SAWT_ASSIGN_OR_RETURN(Row row, Load(tx, id));
    SAWT_ASSIGN_OR_RETURN(std::string today, Today(tx, registry_));
    Json out = ActivityJson(row);
    MarkOverdue(out, today);
    return out;
  });
}

Result<Json> ActivityService::Create(const auth::Caller& caller, const Json& body) {
  JsonReader in(body);
  auto entity_id = in.Int("entity_id", true);
  Fields f;
  f.Read(in, true);
  SAWT_TRY_STATUS(in.Finish());
  SAWT_TRY_STATUS(f.Check());
  if (*f.start_date > *f.due_date) return Error::InvalidInput("strategy.bad_activity_period", "due_date");
  SAWT_TRY_STATUS(auth::Authorize(caller, "strategy.activities.write", *entity_id));
  const std::string status = f.status.value_or("planned");
  const int64_t progress = f.progress.value_or(status == "done" ? 100 : 0);
  return store::WriteValue<Json>(store_, [&](Tx& tx) -> Result<Json> {
    SAWT_TRY_STATUS(module::EntityMustExist(registry_.entity_directory(), tx, *entity_id, "entity_id",
                                            "strategy.entity_not_found"));
    if (f.objective_id) SAWT_TRY_STATUS(CheckObjective(tx, *f.objective_id, *entity_id));
    SAWT_TRY_STATUS(CheckOwner(tx, f.owner_login));
    const std::string now = tx.clock().NowIsoUtc();
    auto inserted = tx.Query(
        "INSERT INTO strategy_activities (entity_id, objective_id, title_ar, title_en, owner_login, start_date, due_date, "
        "status, progress, notes, created_by, created_at, updated_at) VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, "
        "$11, $12, $12) RETURNING id",
        {*entity_id, store::OrNull(f.objective_id), *f.title_ar, *f.title_en, store::OrNull(f.owner_login),
         *f.start_date, *f.due_date, status, progress, f.notes.value_or(""), caller.login, now});
    if (!inserted) return std::move(inserted).error();
    const int64_t id = (*inserted)[0].Int("id");
    SAWT_ASSIGN_OR_RETURN(Row row, Load(tx, id));
    SAWT_ASSIGN_OR_RETURN(std::string today, Today(tx, registry_));
    Json out = ActivityJson(row);
    SAWT_TRY_STATUS(AppendEvent(tx, caller, "strategy.activity_created", *entity_id, "activity", id, out));
    MarkOverdue(out, today);
    return out;
  });
}

Result<Json> ActivityService::Update(const auth::Caller& caller, int64_t id, std::optional<int64_t> if_match,
                                     const Json& body) {
  JsonReader in(body);
  Fields f;
  f.Read(in, false);
  SAWT_TRY_STATUS(in.Finish());
  SAWT_TRY_STATUS(f.Check());
  return store::WriteValue<Json>(store_, [&](Tx& tx) -> Result<Json> {
    SAWT_ASSIGN_OR_RETURN(Row old, Load(tx, id));
    const int64_t entity_id = old.Int("entity_id");
    SAWT_TRY_STATUS(auth::Authorize(caller, "strategy.activities.write", entity_id));
    if (!if_match) return Error::PreconditionFailed("strategy.if_match_required");
    if (*if_match != old.Int("version")) return Error::PreconditionFailed();
    if (f.start_date.value_or(old.Text("start_date")) > f.due_date.value_or(old.Text("due_date"))) {
      return Error::InvalidInput("strategy.bad_activity_period", "due_date");
    }
    if (f.objective_id) SAWT_TRY_STATUS(CheckObjective(tx, *f.objective_id, entity_id));
    SAWT_TRY_STATUS(CheckOwner(tx, f.owner_login));
    Assignments set;
    if (f.clear_objective) set.Set("objective_id", store::Null(), nullptr);
    set.SetIf("objective_id", f.objective_id);
    set.SetIf("title_ar", f.title_ar);
    set.SetIf("title_en", f.title_en);
    if (f.clear_owner) set.Set("owner_login", store::Null(), nullptr);
    set.SetIf("owner_login", f.owner_login);
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
    SAWT_ASSIGN_OR_RETURN(Row row, Load(tx, id));
    Json changed = set.changed;
    changed["version"] = row.Int("version");
    SAWT_TRY_STATUS(AppendEvent(tx, caller, "strategy.activity_updated", entity_id, "activity", id, changed));
    SAWT_ASSIGN_OR_RETURN(std::string today, Today(tx, registry_));
    Json out = ActivityJson(row);
    MarkOverdue(out, today);
    return out;
  });
}

}  // namespace sawt::strategy
