#include "messaging/pause_service.hpp"

#include <algorithm>
#include <set>

#include "auth/policy.hpp"
#include "messaging/content_service.hpp"
#include "messaging/resources.hpp"
#include "module/service_names.hpp"
#include "module/write_helpers.hpp"

namespace sawt::messaging {
namespace {

using namespace module::service_names;  // NOLINT: the service files' shared vocabulary

constexpr size_t kMaxReason = 2000;
constexpr size_t kMaxPausedEntities = 200;
constexpr const char* kPaused = "messaging.publishing_paused";
constexpr const char* kResumed = "messaging.publishing_resumed";

/// Whether the caller may see the pause: network admins always; others when it covers every
/// entity or one of theirs (a department's people see a pause of the entity above them).
Result<bool> Visible(Tx& tx, const auth::Caller& caller, const Json& pause) {
  if (caller.network_admin || pause["entity_ids"].empty()) return true;
  auto rows = tx.Query("SELECT entity_id FROM publishing_pause_entities WHERE pause_id = $1", {pause["id"].get<int64_t>()});
  if (!rows) return std::move(rows).error();
  return std::any_of(rows->begin(), rows->end(), [&](const Row& r) { return caller.BelongsTo(r.Int("entity_id")); });
}

/// SQL true when the pause `p` covers the entity of the row aliased `alias` (owner_entity_id).
std::string CoversEntity(const char* alias) {
  return std::string("(p.all_entities = 1 OR EXISTS (SELECT 1 FROM publishing_pause_entities pe WHERE pe.pause_id = p.id "
                     "AND pe.entity_id = ") + alias + ".owner_entity_id))";
}

/// SQL true when the pause `p` covers the channel of the outbox row `o`.
const char* const kCoversChannel =
    "(p.all_channels = 1 OR EXISTS (SELECT 1 FROM publishing_pause_channels pc WHERE pc.pause_id = p.id AND "
    "pc.channel = o.channel))";

/// What the pause holds back now: pending outbox rows and scheduled items it covers.
Status AddHeld(Tx& tx, Json& pause) {
  auto rows = tx.Query(
      "SELECT (SELECT COUNT(*) FROM publication_outbox o, publishing_pauses p WHERE p.id = $1 AND o.state = 'pending' AND " +
          CoversEntity("o") + " AND " + kCoversChannel + ") AS publications, " +
          "(SELECT COUNT(*) FROM content_items c, publishing_pauses p WHERE p.id = $1 AND c.state = 'scheduled' AND "
          "p.all_channels = 1 AND " + CoversEntity("c") + ") AS items",
      {pause["id"].get<int64_t>()});
  if (!rows) return std::move(rows).error();
  pause["held"] = {{"publications", (*rows)[0].Int("publications")}, {"items", (*rows)[0].Int("items")}};
  return Ok();
}

Json PauseJson(const Row& row) {
  Json out = PublishingPauseResource().ToJson(row);
  out["active"] = out["resumed_at"].is_null();
  return out;
}

}  // namespace

PauseService::PauseService(store::Store& store, module::EntityDirectorySource entities, const module::Vocabulary& channels)
    : store_(store), entities_(std::move(entities)), channels_(channels) {}

std::vector<store::Migration> PauseService::Migrations() {
  // The entity and channel rows are what the worker's queries match; the JSON lists are what the
  // pause says (empty: every entity, every channel).
  return {{"messaging", 10, "0010_publishing_pauses", R"SQL(
CREATE TABLE publishing_pauses (
  id {{ID}},
  reason TEXT NOT NULL,
  all_entities INTEGER NOT NULL CHECK (all_entities IN (0, 1)),
  all_channels INTEGER NOT NULL CHECK (all_channels IN (0, 1)),
  entity_ids TEXT NOT NULL,
  channels TEXT NOT NULL,
  source_type TEXT,
  source_id BIGINT,
  paused_by TEXT NOT NULL,
  paused_at TEXT NOT NULL,
  resumed_by TEXT,
  resumed_at TEXT,
  resume_reason TEXT,
  version BIGINT NOT NULL DEFAULT 1
);
CREATE INDEX publishing_pauses_active ON publishing_pauses (resumed_at);
CREATE INDEX publishing_pauses_source ON publishing_pauses (source_type, source_id);
CREATE TABLE publishing_pause_entities (
  pause_id BIGINT NOT NULL REFERENCES publishing_pauses(id),
  entity_id BIGINT NOT NULL,
  PRIMARY KEY (pause_id, entity_id)
);
CREATE TABLE publishing_pause_channels (
  pause_id BIGINT NOT NULL REFERENCES publishing_pauses(id),
  channel TEXT NOT NULL,
  PRIMARY KEY (pause_id, channel)
);
)SQL"}};
}

std::string PauseService::CoversOutboxRow() {
  return "EXISTS (SELECT 1 FROM publishing_pauses p WHERE p.resumed_at IS NULL AND " + CoversEntity("o") + " AND " +
         kCoversChannel + ")";
}

std::string PauseService::CoversScheduledItem() {
  return "EXISTS (SELECT 1 FROM publishing_pauses p WHERE p.resumed_at IS NULL AND p.all_channels = 1 AND " +
         CoversEntity("c") + ")";
}

Result<Json> PauseService::Load(Tx& tx, int64_t id) const {
  SAWT_ASSIGN_OR_RETURN(
      Row row, LoadOne(tx, "SELECT " + PublishingPauseResource().Columns() + " FROM publishing_pauses WHERE id = $1", id,
                       "messaging.pause_not_found"));
  Json out = PauseJson(row);
  SAWT_TRY_STATUS(AddHeld(tx, out));
  return out;
}

Result<Json> PauseService::List(const auth::Caller& caller, const std::string& status) {
  SAWT_TRY_STATUS(auth::Authorize(caller, "messaging.content.read", std::nullopt));
  if (!status.empty() && status != "active" && status != "all") {
    return Error::InvalidInput("messaging.bad_pause_status", "status", {status});
  }
  const bool all = status == "all";
  return store::ReadValue<Json>(store_, [&](Tx& tx) -> Result<Json> {
    // Active pauses are few; the history is bounded to the newest 200.
    auto rows = tx.Query("SELECT " + PublishingPauseResource().Columns() + " FROM publishing_pauses" +
                         (all ? "" : " WHERE resumed_at IS NULL") + " ORDER BY id DESC LIMIT 200");
    if (!rows) return std::move(rows).error();
    Json items = Json::array();
    for (const auto& r : *rows) {
      Json pause = PauseJson(r);
      SAWT_ASSIGN_OR_RETURN(bool visible, Visible(tx, caller, pause));
      if (!visible) continue;
      SAWT_TRY_STATUS(AddHeld(tx, pause));
      items.push_back(std::move(pause));
    }
    return Json{{"items", std::move(items)}};
  });
}

Result<Json> PauseService::Get(const auth::Caller& caller, int64_t id) {
  SAWT_TRY_STATUS(auth::Authorize(caller, "messaging.content.read", std::nullopt));
  return store::ReadValue<Json>(store_, [&](Tx& tx) -> Result<Json> {
    SAWT_ASSIGN_OR_RETURN(Json pause, Load(tx, id));
    SAWT_ASSIGN_OR_RETURN(bool visible, Visible(tx, caller, pause));
    if (!visible) return Error::Forbidden();
    return pause;
  });
}

Result<Json> PauseService::Create(const auth::Caller& caller, const Json& body) {
  JsonReader in(body);
  auto reason = in.String("reason", true, kMaxReason);
  const Json* entity_ids = in.Raw("entity_ids");
  const Json* channels = in.Raw("channels");
  SAWT_TRY_STATUS(in.Finish());
  SAWT_TRY_STATUS(auth::Authorize(caller, "messaging.publishing.pause", std::nullopt));
  module::PauseRequest request;
  request.reason = *reason;
  SAWT_ASSIGN_OR_RETURN(auto ids, module::ReadIds(entity_ids && !entity_ids->is_null() ? entity_ids : nullptr, "entity_ids",
                                                  "messaging.bad_pause_entities", kMaxPausedEntities,
                                                  {std::to_string(kMaxPausedEntities)}));
  if (ids) request.entity_ids = ids->get<std::vector<int64_t>>();
  SAWT_ASSIGN_OR_RETURN(auto codes, module::ReadCodes(channels, "channels", "messaging.bad_pause_channels",
                                                      "messaging.unknown_channel", &channels_));
  if (codes) {
    for (const auto& c : *codes) request.channels.push_back(c.get<std::string>());
  }
  return store::WriteValue<Json>(store_, [&](Tx& tx) { return Pause(tx, caller, request); });
}

Result<Json> PauseService::End(const auth::Caller& caller, int64_t id, std::optional<int64_t> if_match,
                               const Json& body) {
  JsonReader in(body);
  auto reason = in.String("reason", false, kMaxReason, false);
  SAWT_TRY_STATUS(in.Finish());
  SAWT_TRY_STATUS(auth::Authorize(caller, "messaging.publishing.pause", std::nullopt));
  return store::WriteValue<Json>(store_, [&](Tx& tx) -> Result<Json> {
    SAWT_ASSIGN_OR_RETURN(Json pause, Load(tx, id));
    if (if_match && *if_match != pause["version"].get<int64_t>()) return Error::PreconditionFailed();
    return Resume(tx, caller, id, reason.value_or(""));
  });
}

Result<Json> PauseService::Pause(Tx& tx, const auth::Caller& caller, const module::PauseRequest& request) const {
  // The reason is what every affected entity reads: it must say something.
  if (request.reason.find_first_not_of(" \t\r\n") == std::string::npos || request.reason.size() > kMaxReason) {
    return Error::InvalidInput("messaging.pause_reason_required", "reason", {std::to_string(kMaxReason)});
  }
  for (int64_t entity : request.entity_ids) {
    SAWT_TRY_STATUS(module::EntityMustExist(entities_(), tx, entity, "entity_ids", "messaging.entity_not_found"));
  }
  for (const auto& channel : request.channels) {
    if (!channels_.Has(channel)) return Error::InvalidInput("messaging.unknown_channel", "channels", {channel});
  }
  std::vector<int64_t> entity_ids = request.entity_ids;
  std::sort(entity_ids.begin(), entity_ids.end());
  entity_ids.erase(std::unique(entity_ids.begin(), entity_ids.end()), entity_ids.end());
  const std::set<std::string> channels(request.channels.begin(), request.channels.end());
  const std::string now = store_.clock().NowIsoUtc();
  auto inserted = tx.Query(
      "INSERT INTO publishing_pauses (reason, all_entities, all_channels, entity_ids, channels, source_type, source_id, "
      "paused_by, paused_at) VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9) RETURNING id",
      {request.reason, int64_t{entity_ids.empty() ? 1 : 0}, int64_t{channels.empty() ? 1 : 0}, Json(entity_ids).dump(),
       Json(channels).dump(),
       request.source_type.empty() ? store::Null() : Value(request.source_type), store::OrNull(request.source_id),
       caller.login, now});
  if (!inserted) return std::move(inserted).error();
  const int64_t id = (*inserted)[0].Int("id");
  // An entity's departments are paused with it (their items are owned by the department).
  std::set<int64_t> covered;
  for (int64_t entity : entity_ids) {
    SAWT_ASSIGN_OR_RETURN(auto subtree, entities_().Subtree(tx, entity));
    covered.insert(subtree.begin(), subtree.end());
  }
  for (int64_t entity : covered) {
    auto n = tx.Exec("INSERT INTO publishing_pause_entities (pause_id, entity_id) VALUES ($1, $2)", {id, entity});
    if (!n) return std::move(n).error();
  }
  for (const auto& channel : channels) {
    auto n = tx.Exec("INSERT INTO publishing_pause_channels (pause_id, channel) VALUES ($1, $2)", {id, channel});
    if (!n) return std::move(n).error();
  }
  SAWT_ASSIGN_OR_RETURN(Json pause, Load(tx, id));
  // One event per pause; a pause of one entity is that entity's event, a wider one the network's.
  const std::optional<int64_t> entity = entity_ids.size() == 1 ? std::optional<int64_t>(entity_ids[0]) : std::nullopt;
  SAWT_TRY_STATUS(AppendEvent(tx, caller, kPaused, entity, "publishing_pause", id, pause));
  return pause;
}

Result<Json> PauseService::Resume(Tx& tx, const auth::Caller& caller, int64_t pause_id, const std::string& reason) const {
  if (reason.size() > kMaxReason) return Error::InvalidInput("messaging.pause_reason_required", "reason", {std::to_string(kMaxReason)});
  SAWT_ASSIGN_OR_RETURN(Json pause, Load(tx, pause_id));
  if (!pause["active"].get<bool>()) return Error::Conflict("messaging.pause_ended", {std::to_string(pause_id)});
  auto n = tx.Exec(
      "UPDATE publishing_pauses SET resumed_by = $1, resumed_at = $2, resume_reason = $3, version = version + 1 "
      "WHERE id = $4 AND resumed_at IS NULL",
      {caller.login, store_.clock().NowIsoUtc(), reason.empty() ? store::Null() : Value(reason), pause_id});
  if (!n) return std::move(n).error();
  if (*n != 1) return Error::Conflict("messaging.pause_ended", {std::to_string(pause_id)});
  SAWT_ASSIGN_OR_RETURN(Json resumed, Load(tx, pause_id));
  const auto& ids = resumed["entity_ids"];
  const std::optional<int64_t> entity = ids.size() == 1 ? std::optional<int64_t>(ids[0].get<int64_t>()) : std::nullopt;
  SAWT_TRY_STATUS(AppendEvent(tx, caller, kResumed, entity, "publishing_pause", pause_id, resumed));
  return resumed;
}

Result<int64_t> PauseService::Publish(Tx& tx, const auth::Caller& caller, const module::PublishRequest& request) const {
  return ContentService::PublishApproved(tx, entities_(), caller, request);
}

Result<std::vector<Json>> PauseService::ActiveFor(Tx& tx, const std::string& source_type, int64_t source_id) const {
  auto rows = tx.Query("SELECT " + PublishingPauseResource().Columns() +
                           " FROM publishing_pauses WHERE source_type = $1 AND source_id = $2 AND resumed_at IS NULL "
                           "ORDER BY id",
                       {source_type, source_id});
  if (!rows) return std::move(rows).error();
  std::vector<Json> out;
  for (const auto& r : *rows) {
    Json pause = PauseJson(r);
    SAWT_TRY_STATUS(AddHeld(tx, pause));
    out.push_back(std::move(pause));
  }
  return out;
}

}  // namespace sawt::messaging
