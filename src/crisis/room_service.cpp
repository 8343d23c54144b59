#include "crisis/room_service.hpp"

#include <algorithm>

#include "auth/policy.hpp"
#include "crisis/resources.hpp"
#include "crisis/room_access.hpp"
#include "crisis/vocabularies.hpp"
#include "module/service_names.hpp"

namespace sawt::crisis {
namespace {

using namespace module::service_names;  // NOLINT: the service files' shared vocabulary

constexpr size_t kMaxTitle = 300;
constexpr size_t kMaxText = 4000;
constexpr int64_t kMaxTimeline = 500;
constexpr size_t kSignalsPerSource = 100;

Json TaskJson(const Row& r) { return TaskResource().ToJson(r); }

std::string SelectTasks() { return "SELECT " + TaskResource().Columns() + " FROM crisis_tasks "; }

Result<Row> LoadTask(Tx& tx, int64_t crisis_id, int64_t task_id) {
  auto rows = tx.Query(SelectTasks() + "WHERE id = $1 AND crisis_id = $2", {task_id, crisis_id});
  if (!rows) return std::move(rows).error();
  if (rows->empty()) return Error::NotFound("crisis.task_not_found", {std::to_string(task_id)});
  return (*rows)[0];
}

/// The owner must be a member of the network (through the member directory).
Status CheckOwner(Tx& tx, const module::MemberDirectory& members, int64_t account) {
  SAWT_ASSIGN_OR_RETURN(auto contacts, members.Contacts(tx, {account}));
  if (!contacts.count(account)) {
    return Error::InvalidInput("crisis.unknown_member", "owner_account_id", {std::to_string(account)});
  }
  return Ok();
}

/// Every signal source's signals about the room, newest kept, as timeline entries.
Result<std::vector<Json>> SignalEntries(Tx& tx, const module::ModuleRegistry& registry, const Room& room,
                                        const std::string& until) {
  module::CrisisSignalQuery query;
  for (int64_t entity : room.Entities()) {
    SAWT_ASSIGN_OR_RETURN(auto subtree, registry.entity_directory().Subtree(tx, entity));
    query.entity_ids.insert(query.entity_ids.end(), subtree.begin(), subtree.end());
  }
  std::sort(query.entity_ids.begin(), query.entity_ids.end());
  query.entity_ids.erase(std::unique(query.entity_ids.begin(), query.entity_ids.end()), query.entity_ids.end());
  query.themes = module::StoredCodes(room.crisis.Text("themes"));
  query.since = room.crisis.Text("declared_at");
  query.until = until;
  std::vector<Json> out;
  for (const auto& source : registry.crisis_signal_sources()) {
    SAWT_ASSIGN_OR_RETURN(auto signals, source->Signals(tx, query, kSignalsPerSource));
    if (signals.size() > kSignalsPerSource) signals.resize(kSignalsPerSource);
    for (const auto& s : signals) {
      out.push_back({{"id", nullptr}, {"at", s.at}, {"kind", "signal"}, {"text_ar", s.title_ar}, {"text_en", s.title_en},
                     {"by", ""}, {"source", s.source}, {"link", s.link}});
    }
  }
  return out;
}

}  // namespace

Result<Json> RoomService::Timeline(const auth::Caller& caller, int64_t crisis_id, int64_t limit) {
  SAWT_TRY_STATUS(auth::Authorize(caller, "crisis.read", std::nullopt));
  limit = std::clamp<int64_t>(limit, 1, kMaxTimeline);
  return store::ReadValue<Json>(store_, [&](Tx& tx) -> Result<Json> {
    SAWT_ASSIGN_OR_RETURN(Room room, LoadRoom(tx, crisis_id));
    auto rows = tx.Query("SELECT " + TimelineEntryResource().Columns() +
                             " FROM crisis_timeline WHERE crisis_id = $1 ORDER BY at DESC, id DESC LIMIT $2",
                         {crisis_id, limit});
    if (!rows) return std::move(rows).error();
    std::vector<Json> entries;
    for (const auto& r : *rows) entries.push_back(TimelineEntryResource().ToJson(r));
    const std::string until = room.closed() ? room.crisis.Text("closed_at") : tx.clock().NowIsoUtc();
    SAWT_ASSIGN_OR_RETURN(auto signals, SignalEntries(tx, registry_, room, until));
    entries.insert(entries.end(), signals.begin(), signals.end());
    std::stable_sort(entries.begin(), entries.end(),
                     [](const Json& a, const Json& b) { return a["at"].get<std::string>() < b["at"].get<std::string>(); });
    return Json{{"items", std::move(entries)}};
  });
}

Result<Json> RoomService::Write(const auth::Caller& caller, int64_t crisis_id, const Json& body) {
  JsonReader in(body);
  auto kind = in.String("kind", true, 16);
  auto text_ar = in.String("text_ar", false, kMaxText, false);
  auto text_en = in.String("text_en", false, kMaxText, false);
  SAWT_TRY_STATUS(in.Finish());
  const module::Term* term = TimelineKinds().Find(*kind);
  if (!term || !term->attributes.value("written", false)) {
    return Error::InvalidInput("crisis.bad_entry_kind", "kind", {*kind});
  }
  if (text_ar.value_or("").empty() && text_en.value_or("").empty()) return Error::InvalidInput("crisis.empty_entry", "text_ar");
  return store::WriteValue<Json>(store_, [&](Tx& tx) -> Result<Json> {
    SAWT_ASSIGN_OR_RETURN(Room room, LoadRoom(tx, crisis_id));
    SAWT_TRY_STATUS(CanContribute(caller, room));
    SAWT_TRY_STATUS(MustBeActive(room));
    SAWT_TRY_STATUS(AddTimeline(tx, crisis_id, *kind, text_ar.value_or(""), text_en.value_or(""), caller.login,
                                *kind == "signal" ? "member" : ""));
    auto rows = tx.Query("SELECT " + TimelineEntryResource().Columns() +
                             " FROM crisis_timeline WHERE crisis_id = $1 ORDER BY id DESC LIMIT 1",
                         {crisis_id});
    if (!rows) return std::move(rows).error();
    Json entry = TimelineEntryResource().ToJson((*rows)[0]);
    SAWT_TRY_STATUS(AppendEvent(tx, caller, "crisis.timeline_written", room.lead_entity(), "crisis", crisis_id,
                                {{"entry_id", entry["id"]}, {"kind", *kind}}));
    return entry;
  });
}

Result<Json> RoomService::Tasks(const auth::Caller& caller, int64_t crisis_id) {
  SAWT_TRY_STATUS(auth::Authorize(caller, "crisis.read", std::nullopt));
  return store::ReadValue<Json>(store_, [&](Tx& tx) -> Result<Json> {
    SAWT_ASSIGN_OR_RETURN(Room room, LoadRoom(tx, crisis_id));
    return module::QueryAll(tx, SelectTasks() + "WHERE crisis_id = $1 ORDER BY id LIMIT 1000", {room.id()}, TaskJson);
  });
}

Result<Json> RoomService::AddTask(const auth::Caller& caller, int64_t crisis_id, const Json& body) {
  JsonReader in(body);
  auto title_ar = in.String("title_ar", true, kMaxTitle);
  auto title_en = in.String("title_en", true, kMaxTitle);
  auto owner = in.Int("owner_account_id", true);
  auto due_raw = in.String("due_at", false, 40);
  SAWT_TRY_STATUS(in.Finish());
  std::optional<std::string> due;
  if (due_raw) {
    SAWT_ASSIGN_OR_RETURN(due, ReadInstant(*due_raw, "due_at"));
  }
  return store::WriteValue<Json>(store_, [&](Tx& tx) -> Result<Json> {
    SAWT_ASSIGN_OR_RETURN(Room room, LoadRoom(tx, crisis_id));
    SAWT_TRY_STATUS(CanManage(caller, room));
    SAWT_TRY_STATUS(MustBeActive(room));
    SAWT_TRY_STATUS(CheckOwner(tx, registry_.member_directory(), *owner));
    const std::string now = tx.clock().NowIsoUtc();
    auto rows = tx.Query(
        "INSERT INTO crisis_tasks (crisis_id, title_ar, title_en, owner_account_id, due_at, status, created_by, created_at, "
        "updated_at) VALUES ($1, $2, $3, $4, $5, 'open', $6, $7, $7) RETURNING id",
        {crisis_id, *title_ar, *title_en, *owner, store::OrNull(due), caller.login, now});
    if (!rows) return std::move(rows).error();
    SAWT_ASSIGN_OR_RETURN(Row task, LoadTask(tx, crisis_id, (*rows)[0].Int("id")));
    SAWT_TRY_STATUS(AddTimeline(tx, crisis_id, "task_added", "مهمة جديدة: " + *title_ar, "New task: " + *title_en,
                                caller.login));
    Json out = TaskJson(task);
    SAWT_TRY_STATUS(AppendEvent(tx, caller, "crisis.task_added", room.lead_entity(), "crisis_task", task.Int("id"),
                                {{"crisis_id", crisis_id}, {"owner_account_id", *owner}}));
    return out;
  });
}

Result<Json> RoomService::UpdateTask(const auth::Caller& caller, int64_t crisis_id, int64_t task_id,
                                     std::optional<int64_t> if_match, const Json& body) {
  JsonReader in(body);
  auto title_ar = in.String("title_ar", false, kMaxTitle);
  auto title_en = in.String("title_en", false, kMaxTitle);
  auto owner = in.Int("owner_account_id", false);
  const bool clear_due = in.IsNull("due_at");
  std::optional<std::string> due_raw;
  if (clear_due) {
    in.Raw("due_at");
  } else {
    due_raw = in.String("due_at", false, 40);
  }
  auto status = in.String("status", false, 16);
  SAWT_TRY_STATUS(in.Finish());
  std::optional<std::string> due;
  if (due_raw) {
    SAWT_ASSIGN_OR_RETURN(due, ReadInstant(*due_raw, "due_at"));
  }
  if (status) SAWT_TRY_STATUS(TaskStatuses().Check(*status, "crisis.bad_task_status", "status"));
  const bool only_status = !title_ar && !title_en && !owner && !due && !clear_due;
  return store::WriteValue<Json>(store_, [&](Tx& tx) -> Result<Json> {
    SAWT_ASSIGN_OR_RETURN(Room room, LoadRoom(tx, crisis_id));
    SAWT_ASSIGN_OR_RETURN(Row old, LoadTask(tx, crisis_id, task_id));
    // The owner marks their own task done; everything else is for those who manage the room.
    const bool owner_marks_done = only_status && status == "done" && old.Int("owner_account_id") == caller.account_id;
    if (!owner_marks_done) SAWT_TRY_STATUS(CanManage(caller, room));
    if (if_match && *if_match != old.Int("version")) return Error::PreconditionFailed();
    SAWT_TRY_STATUS(MustBeActive(room));
    const std::string& was = old.Text("status");
    if (was != "open" && !(only_status && status == was)) {  // a finished task only repeats its state
      return Error::Conflict("crisis.task_finished", {std::to_string(task_id), was});
    }
    if (owner) SAWT_TRY_STATUS(CheckOwner(tx, registry_.member_directory(), *owner));
    Assignments set;
    set.SetIf("title_ar", title_ar);
    set.SetIf("title_en", title_en);
    set.SetIf("owner_account_id", owner);
    set.SetIf("due_at", due);
    if (clear_due) set.Set("due_at", store::Null(), nullptr);
    if (status && *status != was) {
      set.Set("status", *status, *status);
      if (*status == "done") {
        const std::string now = tx.clock().NowIsoUtc();
        set.Set("done_by", caller.login, caller.login);
        set.Set("done_at", now, now);
      }
      const bool done = *status == "done";
      SAWT_TRY_STATUS(AddTimeline(tx, crisis_id, done ? "task_done" : "task_cancelled",
                                  std::string(done ? "أُنجزت المهمة: " : "أُلغيت المهمة: ") + old.Text("title_ar"),
                                  std::string(done ? "Task done: " : "Task cancelled: ") + old.Text("title_en"),
                                  caller.login));
    }
    SAWT_ASSIGN_OR_RETURN(bool updated, GuardedUpdate(tx, "crisis_tasks", set, task_id, old.Int("version")));
    if (!updated) return MissOrStale(tx, "crisis_tasks", task_id, "crisis.task_not_found").error();
    SAWT_ASSIGN_OR_RETURN(Row task, LoadTask(tx, crisis_id, task_id));
    Json payload = set.changed;
    payload["crisis_id"] = crisis_id;
    payload["owner_account_id"] = task.Int("owner_account_id");
    payload["owner_changed"] = owner && *owner != old.Int("owner_account_id");
    SAWT_TRY_STATUS(AppendEvent(tx, caller, "crisis.task_updated", room.lead_entity(), "crisis_task", task_id, std::move(payload)));
    return TaskJson(task);
  });
}

}  // namespace sawt::crisis
