#include "messaging/key_message_service.hpp"

#include "messaging/resources.hpp"

#include "auth/policy.hpp"
#include "core/clock.hpp"
#include "messaging/detail/fields.hpp"
#include "module/service_names.hpp"
#include "module/write_helpers.hpp"

namespace sawt::messaging {
namespace {

using namespace module::service_names;  // NOLINT: the service files' shared vocabulary
using detail::CheckDate;
using detail::DateField;
using detail::EntityExists;
using detail::ReadDate;

// Both tables have an owner_entity_id: the theme's is read under its own name.
constexpr const char* kMessageSelect =
    "SELECT k.id, k.theme_id, t.code, k.owner_entity_id, k.text_ar, k.text_en, k.points, k.state, k.valid_from, "
    "k.valid_until, k.approved_by, k.approved_at, k.version, k.created_by, k.created_at, k.updated_at, "
    "t.owner_entity_id AS theme_owner_entity_id FROM key_messages k JOIN message_themes t ON t.id = k.theme_id ";

Json MessageJson(const Row& r) { return KeyMessageResource().ToJson(r); }

Result<Row> LoadMessage(Tx& tx, int64_t id) {
  return LoadOne(tx, std::string(kMessageSelect) + "WHERE k.id = $1", id, "messaging.key_message_not_found");
}

/// supporting_points: an array of at most 20 {ar, en} objects.
Result<std::string> ReadPoints(const Json* raw) {
  if (!raw) return std::string("[]");
  if (!raw->is_array()) return Error::InvalidInput("messaging.bad_points", "supporting_points");
  if (raw->size() > 20) return Error::InvalidInput("messaging.bad_points", "supporting_points");
  Json out = Json::array();
  for (size_t i = 0; i < raw->size(); ++i) {
    const Json& item = (*raw)[i];
    if (!item.is_object()) return Error::InvalidInput("messaging.bad_points", "supporting_points");
    JsonReader in(item, "supporting_points[" + std::to_string(i) + "].");
    auto ar = in.String("ar", true, 1000);
    auto en = in.String("en", true, 1000);
    SAWT_TRY_STATUS(in.Finish());
    out.push_back({{"ar", *ar}, {"en", *en}});
  }
  return out.dump();
}


/// The key message's theme must exist: kInvalidInput "messaging.theme_not_found" on theme_id.
Status ThemeExists(Tx& tx, int64_t theme_id) {
  auto theme = LoadOne(tx, "SELECT id FROM message_themes WHERE id = $1", theme_id, "messaging.theme_not_found");
  if (!theme) {
    if (theme.error().code == core::ErrorCode::kNotFound) {
      return Error::InvalidInput("messaging.theme_not_found", "theme_id", {std::to_string(theme_id)});
    }
    return std::move(theme).error();
  }
  return Ok();
}


/// Copies the row as it was before a change into the history.
Status StoreVersion(Tx& tx, const Row& old, const std::string& by) {
  auto n = tx.Exec(
      "INSERT INTO key_message_versions (message_id, version, theme_id, text_ar, text_en, points, state, valid_from, "
      "valid_until, approved_by, superseded_by, superseded_at) VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12)",
      {old.Int("id"), old.Int("version"), old.Int("theme_id"), old.Text("text_ar"), old.Text("text_en"),
       old.Text("points"), old.Text("state"), store::OrNull(old.OptText("valid_from")),
       store::OrNull(old.OptText("valid_until")), store::OrNull(old.OptText("approved_by")), by,
       tx.clock().NowIsoUtc()});
  if (!n) return std::move(n).error();
  return Ok();
}

}  // namespace

Result<Json> KeyMessageService::ListKeyMessages(const auth::Caller& caller, const KeyMessageFilter& filter,
                                                const module::Page& page) {
  SAWT_TRY_STATUS(auth::Authorize(caller, "messaging.library.read", std::nullopt));
  if (filter.state && *filter.state != "draft" && *filter.state != "approved" && *filter.state != "retired") {
    return Error::InvalidInput("messaging.bad_state", "state", {*filter.state});
  }
  return store::ReadValue<Json>(store_, [&](Tx& tx) -> Result<Json> {
    store::Sql sql(std::string(kMessageSelect) + "WHERE k.id > ", page.after_id);
    if (filter.theme_id) sql.Bind(" AND k.theme_id = ", *filter.theme_id);
    if (filter.state) sql.Bind(" AND k.state = ", *filter.state);
    return module::QueryPage(tx, std::move(sql), "k.id", page, MessageJson);
  });
}

Result<Json> KeyMessageService::GetKeyMessage(const auth::Caller& caller, int64_t id) {
  SAWT_TRY_STATUS(auth::Authorize(caller, "messaging.library.read", std::nullopt));
  return store::ReadValue<Json>(store_, [&](Tx& tx) -> Result<Json> {
    SAWT_ASSIGN_OR_RETURN(Row row, LoadMessage(tx, id));
    return MessageJson(row);
  });
}

Result<Json> KeyMessageService::CreateKeyMessage(const auth::Caller& caller, const Json& body) {
  JsonReader in(body);
  auto theme_id = in.Int("theme_id", true);
  auto owner = in.Int("owner_entity_id", true);
  auto text_ar = in.String("text_ar", true, 4000);
  auto text_en = in.String("text_en", true, 4000);
  const Json* points_raw = in.Raw("supporting_points");
  DateField from = ReadDate(in, "valid_from");
  DateField until = ReadDate(in, "valid_until");
  SAWT_TRY_STATUS(in.Finish());
  SAWT_ASSIGN_OR_RETURN(std::string points, ReadPoints(points_raw));
  SAWT_TRY_STATUS(CheckDate(from, "valid_from"));
  SAWT_TRY_STATUS(CheckDate(until, "valid_until"));
  if (from.value && until.value && *from.value > *until.value) return Error::InvalidInput("messaging.bad_validity", "valid_until");
  SAWT_TRY_STATUS(auth::Authorize(caller, "messaging.key_messages.write", *owner));
  return store::WriteValue<Json>(store_, [&](Tx& tx) -> Result<Json> {
    SAWT_TRY_STATUS(EntityExists(entities_(), tx, *owner, "owner_entity_id"));
    SAWT_TRY_STATUS(ThemeExists(tx, *theme_id));
    const std::string now = store_.clock().NowIsoUtc();
    auto rows = tx.Query(
        "INSERT INTO key_messages (theme_id, owner_entity_id, text_ar, text_en, points, state, valid_from, valid_until, "
        "created_by, created_at, updated_at) VALUES ($1, $2, $3, $4, $5, 'draft', $6, $7, $8, $9, $9) RETURNING id",
        {*theme_id, *owner, *text_ar, *text_en, points, store::OrNull(from.value), store::OrNull(until.value),
         caller.login, now});
    if (!rows) return std::move(rows).error();
    const int64_t id = (*rows)[0].Int("id");
    SAWT_ASSIGN_OR_RETURN(Row row, LoadMessage(tx, id));
    Json message = MessageJson(row);
    SAWT_TRY_STATUS(AppendEvent(tx, caller, "messaging.key_message_created", *owner, "key_message", id, message));
    return message;
  });
}

Result<Json> KeyMessageService::UpdateKeyMessage(const auth::Caller& caller, int64_t id, std::optional<int64_t> if_match,
                                                 const Json& body) {
  JsonReader in(body);
  auto theme_id = in.Int("theme_id", false);
  auto text_ar = in.String("text_ar", false, 4000);
  auto text_en = in.String("text_en", false, 4000);
  const Json* points_raw = in.Raw("supporting_points");
  DateField from = ReadDate(in, "valid_from");
  DateField until = ReadDate(in, "valid_until");
  SAWT_TRY_STATUS(in.Finish());
  std::optional<std::string> points;
  if (points_raw) {
    SAWT_ASSIGN_OR_RETURN(std::string p, ReadPoints(points_raw));
    points = std::move(p);
  }
  SAWT_TRY_STATUS(CheckDate(from, "valid_from"));
  SAWT_TRY_STATUS(CheckDate(until, "valid_until"));
  Assignments set;
  set.SetIf("theme_id", theme_id);
  set.SetIf("text_ar", text_ar);
  set.SetIf("text_en", text_en);
  if (points) set.Set("points", *points, Json::parse(*points));
  if (from.value) set.Set("valid_from", *from.value, *from.value);
  if (from.clear) set.Set("valid_from", store::Null(), nullptr);
  if (until.value) set.Set("valid_until", *until.value, *until.value);
  if (until.clear) set.Set("valid_until", store::Null(), nullptr);
  return store::WriteValue<Json>(store_, [&](Tx& tx) -> Result<Json> {
    SAWT_ASSIGN_OR_RETURN(Row old, LoadMessage(tx, id));
    const int64_t owner = old.Int("owner_entity_id");
    SAWT_TRY_STATUS(auth::Authorize(caller, "messaging.key_messages.write", owner));
    if (if_match && *if_match != old.Int("version")) return Error::PreconditionFailed();
    if (old.Text("state") == "retired") {
      return Error::Conflict("messaging.key_message_retired", {std::to_string(id)});
    }
    if (theme_id) SAWT_TRY_STATUS(ThemeExists(tx, *theme_id));
    const std::string new_from =
        from.clear ? "" : from.value.value_or(old.OptText("valid_from").value_or(""));
    const std::string new_until =
        until.clear ? "" : until.value.value_or(old.OptText("valid_until").value_or(""));
    if (!new_from.empty() && !new_until.empty() && new_from > new_until) {
      return Error::InvalidInput("messaging.bad_validity", "valid_until");
    }
    Assignments all = set;
    // Any edit of an approved message needs a new approval.
    if (old.Text("state") == "approved" && !set.empty()) {
      all.Set("state", std::string("draft"), "draft");
      all.Set("approved_by", store::Null(), nullptr);
      all.Set("approved_at", store::Null(), nullptr);
    }
    SAWT_ASSIGN_OR_RETURN(bool updated, GuardedUpdate(tx, "key_messages", all, id, old.Int("version")));
    if (!updated) return MissOrStale(tx, "key_messages", id, "messaging.key_message_not_found").error();
    SAWT_TRY_STATUS(StoreVersion(tx, old, caller.login));
    SAWT_ASSIGN_OR_RETURN(Row row, LoadMessage(tx, id));
    SAWT_TRY_STATUS(AppendEvent(tx, caller, "messaging.key_message_updated", owner, "key_message", id, all.changed));
    return MessageJson(row);
  });
}

namespace {

/// approved or retired: one step of the key message's life, with its history row and event.
Result<Json> Transition(store::Store& store, const auth::Caller& caller, int64_t id, std::optional<int64_t> if_match,
                        const Json& body, const std::string& to) {
  JsonReader in(body);
  auto comment = in.String("comment", false, 2000);
  SAWT_TRY_STATUS(in.Finish());
  return store::WriteValue<Json>(store, [&](Tx& tx) -> Result<Json> {
    SAWT_ASSIGN_OR_RETURN(Row old, LoadMessage(tx, id));
    // Approval belongs to the theme's owner entity.
    SAWT_TRY_STATUS(
        auth::Authorize(caller, "messaging.key_messages.approve", old.Int("theme_owner_entity_id")));
    const std::string& state = old.Text("state");
    if (state == to) {
      return Error::Conflict(to == "approved" ? "messaging.key_message_already_approved" : "messaging.key_message_retired",
                             {std::to_string(id)});
    }
    if (state == "retired") return Error::Conflict("messaging.key_message_retired", {std::to_string(id)});
    if (if_match && *if_match != old.Int("version")) return Error::PreconditionFailed();
    Assignments set;
    set.Set("state", to, to);
    if (to == "approved") {
      set.Set("approved_by", caller.login, caller.login);
      const std::string approved_at = tx.clock().NowIsoUtc();
      set.Set("approved_at", approved_at, approved_at);
    }
    SAWT_ASSIGN_OR_RETURN(bool updated, GuardedUpdate(tx, "key_messages", set, id, old.Int("version")));
    if (!updated) return MissOrStale(tx, "key_messages", id, "messaging.key_message_not_found").error();
    SAWT_TRY_STATUS(StoreVersion(tx, old, caller.login));
    SAWT_ASSIGN_OR_RETURN(Row row, LoadMessage(tx, id));
    Json payload = {{"from", state}, {"to", to}, {"comment", comment ? Json(*comment) : Json(nullptr)}};
    SAWT_TRY_STATUS(AppendEvent(tx, caller, to == "approved" ? "messaging.key_message_approved" : "messaging.key_message_retired",
                           old.Int("owner_entity_id"), "key_message", id, payload));
    return MessageJson(row);
  });
}

}  // namespace

Result<Json> KeyMessageService::ApproveKeyMessage(const auth::Caller& caller, int64_t id, std::optional<int64_t> if_match,
                                                  const Json& body) {
  return Transition(store_, caller, id, if_match, body, "approved");
}

Result<Json> KeyMessageService::RetireKeyMessage(const auth::Caller& caller, int64_t id, std::optional<int64_t> if_match,
                                                 const Json& body) {
  return Transition(store_, caller, id, if_match, body, "retired");
}

Result<Json> KeyMessageService::KeyMessageVersions(const auth::Caller& caller, int64_t id) {
  SAWT_TRY_STATUS(auth::Authorize(caller, "messaging.library.read", std::nullopt));
  return store::ReadValue<Json>(store_, [&](Tx& tx) -> Result<Json> {
    SAWT_ASSIGN_OR_RETURN(Row cur, LoadMessage(tx, id));
    Json items = Json::array();
    Json current = MessageJson(cur);
    items.push_back({{"version", current["version"]},     {"theme_id", current["theme_id"]},
                     {"text_ar", current["text_ar"]},     {"text_en", current["text_en"]},
                     {"supporting_points", current["supporting_points"]}, {"state", current["state"]},
                     {"valid_from", current["valid_from"]}, {"valid_until", current["valid_until"]},
                     {"approved_by", current["approved_by"]}, {"current", true},
                     {"superseded_by", nullptr},           {"superseded_at", nullptr}});
    auto rows = tx.Query(
        "SELECT version, theme_id, text_ar, text_en, points, state, valid_from, valid_until, approved_by, superseded_by, "
        "superseded_at FROM key_message_versions WHERE message_id = $1 ORDER BY version DESC",
        {id});
    if (!rows) return std::move(rows).error();
    for (const auto& r : *rows) {
      items.push_back({{"version", r.Int("version")},
                       {"theme_id", r.Int("theme_id")},
                       {"text_ar", r.Text("text_ar")},
                       {"text_en", r.Text("text_en")},
                       {"supporting_points", Json::parse(r.Text("points"))},
                       {"state", r.Text("state")},
                       {"valid_from", OptJson(r.OptText("valid_from"))},
                       {"valid_until", OptJson(r.OptText("valid_until"))},
                       {"approved_by", OptJson(r.OptText("approved_by"))},
                       {"current", false},
                       {"superseded_by", r.Text("superseded_by")},
                       {"superseded_at", r.Text("superseded_at")}});
    }
    return Json{{"message_id", id}, {"items", items}};
  });
}

}  // namespace sawt::messaging
