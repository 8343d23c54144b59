#include "strategy/meeting_service.hpp"

#include "auth/policy.hpp"
#include "core/clock.hpp"
#include "module/entity_directory.hpp"
#include "module/service_names.hpp"
#include "module/write_preamble.hpp"
#include "strategy/resources.hpp"

namespace sawt::strategy {
namespace {

using namespace module::service_names;  // NOLINT: the service files' shared vocabulary

const std::string& Columns() {
  static const std::string* columns = new std::string(MeetingResource().Columns());
  return *columns;
}
const std::string& DecisionColumns() {
  static const std::string* columns = new std::string(DecisionResource().Columns());
  return *columns;
}

Result<Row> Load(Tx& tx, int64_t id) {
  return LoadOne(tx, "SELECT " + Columns() + " FROM strategy_meetings WHERE id = $1", id, "strategy.meeting_not_found");
}

Result<Json> MeetingJson(Tx& tx, const Row& row) {
  Json out = MeetingResource().ToJson(row);
  auto decisions = tx.Query("SELECT " + DecisionColumns() + " FROM strategy_meeting_decisions WHERE meeting_id = $1 ORDER BY id",
                            {row.Int("id")});
  if (!decisions) return std::move(decisions).error();
  out["decisions"] = Json::array();
  for (const Row& d : *decisions) out["decisions"].push_back(DecisionResource().ToJson(d));
  return out;
}

struct Fields {
  std::optional<std::string> title_ar, title_en, held_on, attendees, minutes;
  void Read(JsonReader& in, bool create) {
    title_ar = in.String("title_ar", create, 300);
    title_en = in.String("title_en", create, 300);
    held_on = in.String("held_on", create, 10);
    attendees = in.String("attendees", false, 2000, false);
    minutes = in.String("minutes", false, 20000, false);
  }
  Status Check() const {
    if (held_on && !core::IsIsoDate(*held_on)) return Error::InvalidInput("strategy.bad_date", "held_on", {"held_on"});
    return Ok();
  }
};

}  // namespace

std::vector<store::Migration> MeetingService::Migrations() {
  return {{"strategy", 5, "0005_create_meetings", R"SQL(
CREATE TABLE strategy_meetings (
  id {{ID}},
  entity_id BIGINT NOT NULL REFERENCES entities(id),
  title_ar TEXT NOT NULL,
  title_en TEXT NOT NULL,
  held_on TEXT NOT NULL,
  attendees TEXT NOT NULL,
  minutes TEXT NOT NULL,
  version BIGINT NOT NULL DEFAULT 1,
  created_by TEXT NOT NULL,
  created_at TEXT NOT NULL,
  updated_at TEXT NOT NULL
);
CREATE INDEX strategy_meetings_entity ON strategy_meetings(entity_id);
CREATE TABLE strategy_meeting_decisions (
  id {{ID}},
  meeting_id BIGINT NOT NULL REFERENCES strategy_meetings(id),
  text_ar TEXT NOT NULL,
  text_en TEXT NOT NULL,
  activity_id BIGINT REFERENCES strategy_activities(id),
  created_by TEXT NOT NULL,
  created_at TEXT NOT NULL
);
CREATE INDEX strategy_meeting_decisions_meeting ON strategy_meeting_decisions(meeting_id);
)SQL"}};
}

Result<Json> MeetingService::List(const auth::Caller& caller, std::optional<int64_t> entity_id, const module::Page& page) {
  SAWT_TRY_STATUS(auth::Authorize(caller, "strategy.read", std::nullopt));
  return store::ReadValue<Json>(store_, [&](Tx& tx) -> Result<Json> {
    store::Sql sql("SELECT " + Columns() + " FROM strategy_meetings WHERE id > ", page.after_id);
    if (entity_id) {
      SAWT_ASSIGN_OR_RETURN(auto ids, registry_.entity_directory().Subtree(tx, *entity_id));
      sql.BindList(" AND entity_id IN (", std::vector<Value>(ids.begin(), ids.end())).Append(")");
    }
    return module::QueryPage(tx, std::move(sql), "id", page, [](const Row& r) { return MeetingResource().ToJson(r); });
  });
}

Result<Json> MeetingService::Get(const auth::Caller& caller, int64_t id) {
  SAWT_TRY_STATUS(auth::Authorize(caller, "strategy.read", std::nullopt));
  return store::ReadValue<Json>(store_, [&](Tx& tx) -> Result<Json> {
    SAWT_ASSIGN_OR_RETURN(Row row, Load(tx, id));
    return MeetingJson(tx, row);
  });
}

Result<Json> MeetingService::Create(const auth::Caller& caller, const Json& body) {
  JsonReader in(body);
  auto entity_id = in.Int("entity_id", true);
  SAWT_ASSIGN_OR_RETURN(Fields f, module::ReadFields<Fields>(in, true));
  SAWT_TRY_STATUS(auth::Authorize(caller, "strategy.activities.write", *entity_id));
  return store::WriteValue<Json>(store_, [&](Tx& tx) -> Result<Json> {
    SAWT_TRY_STATUS(module::EntityMustExist(registry_.entity_directory(), tx, *entity_id, "entity_id",
                                            "strategy.entity_not_found"));
    const std::string now = tx.clock().NowIsoUtc();
    auto inserted = tx.Query(
        "INSERT INTO strategy_meetings (entity_id, title_ar, title_en, held_on, attendees, minutes, created_by, created_at, "
        "updated_at) VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $8) RETURNING id",
        {*entity_id, *f.title_ar, *f.title_en, *f.held_on, f.attendees.value_or(""), f.minutes.value_or(""), caller.login, now});
    if (!inserted) return std::move(inserted).error();
    const int64_t id = (*inserted)[0].Int("id");
    SAWT_ASSIGN_OR_RETURN(Row row, Load(tx, id));
    SAWT_ASSIGN_OR_RETURN(Json out, MeetingJson(tx, row));
    SAWT_TRY_STATUS(AppendEvent(tx, caller, "strategy.meeting_created", *entity_id, "meeting", id, out));
    return out;
  });
}

Result<Json> MeetingService::Update(const auth::Caller& caller, int64_t id, std::optional<int64_t> if_match, const Json& body) {
  JsonReader in(body);
  SAWT_ASSIGN_OR_RETURN(Fields f, module::ReadFields<Fields>(in, false));
  return store::WriteValue<Json>(store_, [&](Tx& tx) -> Result<Json> {
    SAWT_ASSIGN_OR_RETURN(Row old, module::RowToChange(Load(tx, id), caller, "strategy.activities.write", if_match,
                                                       "strategy.if_match_required"));
    const int64_t entity_id = old.Int("entity_id");
    Assignments set;
    set.SetIf("title_ar", f.title_ar);
    set.SetIf("title_en", f.title_en);
    set.SetIf("held_on", f.held_on);
    set.SetIf("attendees", f.attendees);
    set.SetIf("minutes", f.minutes);
    SAWT_ASSIGN_OR_RETURN(bool updated, GuardedUpdate(tx, "strategy_meetings", set, id, *if_match));
    if (!updated) return MissOrStale(tx, "strategy_meetings", id, "strategy.meeting_not_found").error();
    SAWT_ASSIGN_OR_RETURN(Row row, Load(tx, id));
    Json changed = set.changed;
    changed["version"] = row.Int("version");
    SAWT_TRY_STATUS(AppendEvent(tx, caller, "strategy.meeting_updated", entity_id, "meeting", id, changed));
    return MeetingJson(tx, row);
  });
}

Result<Json> MeetingService::AddDecision(const auth::Caller& caller, int64_t id, const Json& body) {
  JsonReader in(body);
  auto text_ar = in.String("text_ar", true, 2000);
  auto text_en = in.String("text_en", true, 2000);
  const Json* activity = in.Raw("activity");
  SAWT_TRY_STATUS(in.Finish());
  if (activity != nullptr && !activity->is_object()) return Error::InvalidInput("common.expected_object", "activity");
  return store::WriteValue<Json>(store_, [&](Tx& tx) -> Result<Json> {
    SAWT_ASSIGN_OR_RETURN(Row meeting, Load(tx, id));
    const int64_t entity_id = meeting.Int("entity_id");
    SAWT_TRY_STATUS(auth::Authorize(caller, "strategy.activities.write", entity_id));
    std::optional<int64_t> activity_id;
    if (activity != nullptr) {
      // The activity's own rules apply (dates, owner, objective); its titles and start default
      // to the decision's and the meeting's day, and it belongs to the meeting's entity.
      if (activity->contains("entity_id")) return Error::InvalidInput("common.unknown_field", "activity.entity_id", {"entity_id"});
      Json fields = *activity;
      fields["entity_id"] = entity_id;
      if (!fields.contains("title_ar")) fields["title_ar"] = *text_ar;
      if (!fields.contains("title_en")) fields["title_en"] = *text_en;
      if (!fields.contains("start_date")) fields["start_date"] = meeting.Text("held_on");
      SAWT_ASSIGN_OR_RETURN(Json made, activities_.CreateIn(tx, caller, fields));
      activity_id = made["id"].get<int64_t>();
    }
    const std::string now = tx.clock().NowIsoUtc();
    auto inserted = tx.Query(
        "INSERT INTO strategy_meeting_decisions (meeting_id, text_ar, text_en, activity_id, created_by, created_at) "
        "VALUES ($1, $2, $3, $4, $5, $6) RETURNING id",
        {id, *text_ar, *text_en, store::OrNull(activity_id), caller.login, now});
    if (!inserted) return std::move(inserted).error();
    SAWT_TRY_STATUS(tx.Exec("UPDATE strategy_meetings SET version = version + 1, updated_at = $1 WHERE id = $2", {now, id}));
    SAWT_TRY_STATUS(AppendEvent(tx, caller, "strategy.meeting_decision", entity_id, "meeting", id,
                                {{"decision_id", (*inserted)[0].Int("id")}, {"text_en", *text_en},
                                 {"activity_id", activity_id ? Json(*activity_id) : Json(nullptr)}}));
    SAWT_ASSIGN_OR_RETURN(Row row, Load(tx, id));
    return MeetingJson(tx, row);
  });
}

}  // namespace sawt::strategy
