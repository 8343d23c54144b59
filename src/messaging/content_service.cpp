#include "messaging/content_service.hpp"

#include <algorithm>
#include <set>

#include "auth/policy.hpp"
#include "core/clock.hpp"
#include "messaging/channels.hpp"
#include "messaging/detail/fields.hpp"
#include "messaging/publication_service.hpp"
#include "messaging/resources.hpp"
#include "messaging/review_settings.hpp"
#include "messaging/variant_service.hpp"
#include "module/service_names.hpp"
#include "module/shared_vocabularies.hpp"
#include "module/write_helpers.hpp"
#include "text/word_diff.hpp"

namespace sawt::messaging {
namespace {

using namespace module::service_names;  // NOLINT: the service files' shared vocabulary
using detail::DateField;
using detail::EntityExists;
using detail::IsIsoDate;
using detail::ReadDate;

// The two sign-off columns become the item's "approvals" (ItemJson).
std::string SelectItems() {
  return "SELECT " + ContentItemResource().Columns() + ", reviewer_approved_by, network_approved_by FROM content_items ";
}
constexpr size_t kMaxTitleBytes = 1000;
constexpr size_t kMaxBodyBytes = 100000;
const std::set<std::string> kKinds = {"press_release", "social_post", "speech", "web_article", "internal_memo"};
// The channels are the ones whose counting rules messaging knows (channels.cpp): one vocabulary.
// Built on first use: channels.cpp's table is another translation unit's static.
const std::set<std::string>& KnownChannels() {
  static const std::set<std::string> codes = [] {
    std::set<std::string> out;
    for (const auto& rule : ChannelRules()) out.emplace(rule.channel);
    return out;
  }();
  return codes;
}
const std::set<std::string> kItemStates = {"draft",     "in_review", "changes_requested", "approved",
                                           "scheduled", "published", "withdrawn"};

Json ItemJson(const Row& r) {
  Json item = ContentItemResource().ToJson(r);
  item["approvals"] = {{"reviewer", OptJson(r.OptText("reviewer_approved_by"))},
                       {"network", OptJson(r.OptText("network_approved_by"))}};
  return item;
}

/// What an item is for when its author does not say: press releases and speeches are high
/// importance, internal memos speak to employees. Messaging's rule; the calendar only reads it.
std::string DefaultImportance(const std::string& kind) {
  return kind == "press_release" || kind == "speech" ? "high" : "normal";
}
std::string DefaultAudience(const std::string& kind) { return kind == "internal_memo" ? "employees" : "public"; }

Status CheckImportanceAndAudience(const std::optional<std::string>& importance, const std::optional<std::string>& audience) {
  if (importance) SAWT_TRY_STATUS(module::Importance().Check(*importance, "messaging.bad_importance", "importance"));
  if (audience) SAWT_TRY_STATUS(module::Audiences().Check(*audience, "messaging.bad_audience", "audience"));
  return core::Ok();
}

Result<Row> LoadItem(Tx& tx, int64_t id) {
  return LoadOne(tx, SelectItems() + "WHERE id = $1", id,
                 "messaging.content_item_not_found");
}

/// "YYYY-MM-DD" or "YYYY-MM-DDTHH:MM:SSZ".
bool IsPlannedAt(const std::string& s) {
  if (s.size() != 10 && s.size() != 20) return false;
  if (!IsIsoDate(s.substr(0, 10))) return false;
  if (s.size() == 10) return true;
  if (s[10] != 'T' || s[13] != ':' || s[16] != ':' || s[19] != 'Z') return false;
  for (size_t i : {11, 12, 14, 15, 17, 18}) {
    if (s[i] < '0' || s[i] > '9') return false;
  }
  return std::stoi(s.substr(11, 2)) < 24 && std::stoi(s.substr(14, 2)) < 60 && std::stoi(s.substr(17, 2)) < 60;
}

/// A list of at most 20 distinct strings, each in `allowed` (when given); stored as a JSON array.
Result<std::optional<std::string>> ReadCodes(const Json* raw, const char* field, const char* bad_key,
                                             const std::set<std::string>* allowed) {
  if (!raw) return std::optional<std::string>();
  if (!raw->is_array() || raw->size() > 20) return Error::InvalidInput(bad_key, field);
  Json out = Json::array();
  std::set<std::string> seen;
  for (const auto& v : *raw) {
    if (!v.is_string()) return Error::InvalidInput(bad_key, field);
    const std::string code = v.get<std::string>();
    if (code.empty() || code.size() > 64) return Error::InvalidInput(bad_key, field);
    if (allowed && !allowed->count(code)) return Error::InvalidInput(bad_key, field, {code});
    if (seen.insert(code).second) out.push_back(code);
  }
  return std::optional<std::string>(out.dump());
}

/// Whether any of the themes is strategic; 400 for an unknown theme code.
Result<bool> ThemesStrategic(Tx& tx, const std::string& themes_json) {
  bool strategic = false;
  for (const auto& t : Json::parse(themes_json)) {
    auto rows = tx.Query("SELECT strategic FROM message_themes WHERE code = $1", {t.get<std::string>()});
    if (!rows) return std::move(rows).error();
    if (rows->empty()) return Error::InvalidInput("messaging.unknown_theme", "themes", {t.get<std::string>()});
    strategic = strategic || (*rows)[0].Int("strategic") != 0;
  }
  return strategic;
}

/// Keeps the row as saved (every save and every transition is one version). `open_errors`: the
/// alignment errors a person let through on this step (measured for the steps that are guarded).
Status StoreItemVersion(Tx& tx, const Row& r, const std::string& by, std::optional<int64_t> open_errors = std::nullopt) {
  auto n = tx.Exec(
      "INSERT INTO content_item_versions (item_id, version, kind, title_ar, title_en, body_ar, body_en, themes, "
      "channels, planned_at, state, saved_by, saved_at, open_errors) VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, "
      "$12, $13, $14)",
      {r.Int("id"), r.Int("version"), r.Text("kind"), r.Text("title_ar"), r.Text("title_en"),
       r.Text("body_ar"), r.Text("body_en"), r.Text("themes"), r.Text("channels"),
       store::OrNull(r.OptText("planned_at")), r.Text("state"), by, tx.clock().NowIsoUtc(), store::OrNull(open_errors)});
  if (!n) return std::move(n).error();
  return Ok();
}

/// The permission a step needs, or nullptr when the step is not in the workflow.
const char* StepPermission(const std::string& from, const std::string& to) {
  if ((from == "draft" || from == "changes_requested") && to == "in_review") return "messaging.content.write";
  if (from == "in_review" && (to == "changes_requested" || to == "approved")) return "messaging.content.review";
  if ((from == "approved" && to == "scheduled") || (from == "scheduled" && to == "published")) {
    return "messaging.content.publish";
  }
  if (from == "published" && to == "withdrawn") return "messaging.content.review";
  return nullptr;
}

/// One field's word diff (text::WordDiff) as [{"op", "text"}], counting inserted and deleted words.
Json WordDiffJson(const std::string& before, const std::string& after, int64_t& inserted, int64_t& deleted) {
  Json ops = Json::array();
  for (const auto& edit : text::WordDiff(before, after)) {
    ops.push_back({{"op", std::string(text::DiffOpName(edit.op))}, {"text", edit.word}});
    if (edit.op == text::DiffOp::kInsert) ++inserted;
    if (edit.op == text::DiffOp::kDelete) ++deleted;
  }
  return ops;
}

/// A content item's fields as a request gives them, read strictly and checked; a create requires
/// kind and owner_entity_id and one of the titles (an update checks the titles against the row).
struct ContentInput {
  std::optional<std::string> kind, title_ar, title_en, body_ar, body_en, importance, audience;
  std::optional<int64_t> owner;
  std::optional<std::string> themes, channels;  // JSON array text
  DateField planned;
};

Result<ContentInput> ReadContentInput(const Json& body, bool create) {
  JsonReader in(body);
  ContentInput c;
  c.kind = in.String("kind", create, 32);
  if (create) c.owner = in.Int("owner_entity_id", true);
  c.title_ar = in.String("title_ar", false, kMaxTitleBytes, false);
  c.title_en = in.String("title_en", false, kMaxTitleBytes, false);
  c.body_ar = in.String("body_ar", false, kMaxBodyBytes, false);
  c.body_en = in.String("body_en", false, kMaxBodyBytes, false);
  const Json* themes_raw = in.Raw("themes");
  const Json* channels_raw = in.Raw("channels");
  c.planned = ReadDate(in, "planned_at", false, 20);
  c.importance = in.String("importance", false, 16);
  c.audience = in.String("audience", false, 32);
  SAWT_TRY_STATUS(in.Finish());
  if (c.kind && !kKinds.count(*c.kind)) return Error::InvalidInput("messaging.bad_content_kind", "kind", {*c.kind});
  SAWT_TRY_STATUS(CheckImportanceAndAudience(c.importance, c.audience));
  if (create && c.title_ar.value_or("").empty() && c.title_en.value_or("").empty()) {
    return Error::InvalidInput("messaging.content_title_required", "title_ar");
  }
  SAWT_ASSIGN_OR_RETURN(c.themes, ReadCodes(themes_raw, "themes", "messaging.bad_themes", nullptr));
  SAWT_ASSIGN_OR_RETURN(c.channels, ReadCodes(channels_raw, "channels", "messaging.bad_channel", &KnownChannels()));
  if (c.planned.value && !IsPlannedAt(*c.planned.value)) {
    return Error::InvalidInput("messaging.bad_planned_at", "planned_at");
  }
  return c;
}

}  // namespace

std::vector<store::Migration> ContentService::Migrations() {
  // No foreign keys to the network module's `entities`: store::OrderMigrations applies modules in
  // name order ("messaging" < "network"), so commands check the owner entity instead (EntityExists).
  return {{"messaging", 2, "0002_content_items", R"SQL(
CREATE TABLE content_items (
  id {{ID}},
  kind TEXT NOT NULL CHECK (kind IN ('press_release', 'social_post', 'speech', 'web_article', 'internal_memo')),
  owner_entity_id BIGINT NOT NULL,
  title_ar TEXT NOT NULL,
  title_en TEXT NOT NULL,
  body_ar TEXT NOT NULL,
  body_en TEXT NOT NULL,
  themes TEXT NOT NULL,
  channels TEXT NOT NULL,
  planned_at TEXT,
  state TEXT NOT NULL CHECK (state IN ('draft', 'in_review', 'changes_requested', 'approved', 'scheduled',
                                       'published', 'withdrawn')),
  strategic BIGINT NOT NULL DEFAULT 0,
  reviewer_approved_by TEXT,
  network_approved_by TEXT,
  published_at TEXT,
  version BIGINT NOT NULL DEFAULT 1,
  created_by TEXT NOT NULL,
  created_at TEXT NOT NULL,
  updated_at TEXT NOT NULL
);
CREATE INDEX content_items_state ON content_items(state, owner_entity_id);
CREATE TABLE content_item_versions (
  id {{ID}},
  item_id BIGINT NOT NULL REFERENCES content_items(id),
  version BIGINT NOT NULL,
  kind TEXT NOT NULL,
  title_ar TEXT NOT NULL,
  title_en TEXT NOT NULL,
  body_ar TEXT NOT NULL,
  body_en TEXT NOT NULL,
  themes TEXT NOT NULL,
  channels TEXT NOT NULL,
  planned_at TEXT,
  state TEXT NOT NULL,
  saved_by TEXT NOT NULL,
  saved_at TEXT NOT NULL,
  UNIQUE (item_id, version)
);
)SQL"},
          // Explicit importance and audience (the calendar used to infer them from the kind);
          // existing items keep what was inferred.
          {"messaging", 7, "0007_content_importance_audience", R"SQL(
ALTER TABLE content_items ADD COLUMN importance TEXT NOT NULL DEFAULT 'normal';
ALTER TABLE content_items ADD COLUMN audience TEXT NOT NULL DEFAULT 'public';
UPDATE content_items SET importance = 'high' WHERE kind IN ('press_release', 'speech');
UPDATE content_items SET audience = 'employees' WHERE kind = 'internal_memo';
)SQL"},
          // What a guarded step let through, for the KPI "approved with alignment errors".
          {"messaging", 8, "0008_version_open_errors", R"SQL(
ALTER TABLE content_item_versions ADD COLUMN open_errors BIGINT;
)SQL"}};
}

Result<Json> ContentService::CreateContentItem(const auth::Caller& caller, const Json& body, const http::Locale& reader) {
  SAWT_ASSIGN_OR_RETURN(ContentInput input, ReadContentInput(body, /*create=*/true));
  const int64_t owner = *input.owner;
  const auto& [kind, title_ar, title_en, body_ar, body_en, importance, audience, unused_owner, themes, channels,
               planned] = input;
  SAWT_TRY_STATUS(auth::Authorize(caller, "messaging.content.write", owner));
  auto made = store::WriteValue<Json>(store_, [&](Tx& tx) -> Result<Json> {
    SAWT_TRY_STATUS(EntityExists(entities_(), tx, owner, "owner_entity_id"));
    const std::string theme_list = themes.value_or("[]");
    SAWT_ASSIGN_OR_RETURN(bool strategic, ThemesStrategic(tx, theme_list));
    const std::string now = store_.clock().NowIsoUtc();
    auto rows = tx.Query(
        "INSERT INTO content_items (kind, owner_entity_id, title_ar, title_en, body_ar, body_en, themes, channels, "
        "planned_at, state, strategic, created_by, created_at, updated_at, importance, audience) VALUES ($1, $2, $3, $4, "
        "$5, $6, $7, $8, $9, 'draft', $10, $11, $12, $12, $13, $14) RETURNING id",
        {*kind, owner, title_ar.value_or(""), title_en.value_or(""), body_ar.value_or(""), body_en.value_or(""),
         theme_list, channels.value_or("[]"), store::OrNull(planned.value), int64_t{strategic ? 1 : 0}, caller.login,
         now, importance.value_or(DefaultImportance(*kind)), audience.value_or(DefaultAudience(*kind))});
    if (!rows) return std::move(rows).error();
    const int64_t id = (*rows)[0].Int("id");
    SAWT_ASSIGN_OR_RETURN(Row row, LoadItem(tx, id));
    SAWT_TRY_STATUS(StoreItemVersion(tx, row, caller.login));
    Json item = ItemJson(row);
    SAWT_TRY_STATUS(AppendEvent(tx, caller, "messaging.content_item_created", owner, "content_item", id, item));
    return item;
  });
  if (!made) return made;
  return alignment_.WithAlignment(std::move(*made), reader);
}

Result<int64_t> ContentService::PublishApproved(Tx& tx, const module::EntityDirectory& entities,
                                                const auth::Caller& caller, const module::PublishRequest& request) {
  if (!kKinds.count(request.kind)) return Error::InvalidInput("messaging.bad_content_kind", "kind", {request.kind});
  SAWT_TRY_STATUS(EntityExists(entities, tx, request.entity_id, "owner_entity_id"));
  const std::string now = tx.clock().NowIsoUtc();
  const std::string by = request.author.empty() ? caller.login : request.author;
  auto rows = tx.Query(
      "INSERT INTO content_items (kind, owner_entity_id, title_ar, title_en, body_ar, body_en, themes, channels, "
      "planned_at, state, strategic, reviewer_approved_by, published_at, created_by, created_at, updated_at, importance, "
      "audience) VALUES ($1, $2, $3, $4, $5, $6, '[]', $7, NULL, 'published', 0, $8, $9, $10, $9, $9, $11, $12) "
      "RETURNING id",
      {request.kind, request.entity_id, request.title_ar, request.title_en, request.body_ar, request.body_en,
       Json(request.channels).dump(), caller.login, now, by, DefaultImportance(request.kind),
       DefaultAudience(request.kind)});
  if (!rows) return std::move(rows).error();
  const int64_t id = (*rows)[0].Int("id");
  SAWT_ASSIGN_OR_RETURN(Row row, LoadItem(tx, id));
  SAWT_TRY_STATUS(StoreItemVersion(tx, row, caller.login));
  const Json source = {{"type", request.source_type}, {"id", request.source_id}};
  Json created = ItemJson(row);
  created["source"] = source;
  SAWT_TRY_STATUS(AppendEvent(tx, caller, "messaging.content_item_created", request.entity_id, "content_item", id, created));
  SAWT_ASSIGN_OR_RETURN(auto queued, PublicationService::QueuePublications(tx, entities, id));
  // The same published event as the workflow's, so feeds, KPIs and notifications count it alike.
  SAWT_TRY_STATUS(AppendEvent(tx, caller, "messaging.content_item_transition", request.entity_id, "content_item", id,
                              {{"from", "approved"}, {"to", "published"}, {"requested", "published"},
                               {"comment", nullptr}, {"version", row.Int("version")}, {"publications", queued},
                               {"source", source}}));
  return id;
}

Result<Json> ContentService::GetContentItem(const auth::Caller& caller, int64_t id, const http::Locale& reader) {
  SAWT_TRY_STATUS(auth::Authorize(caller, "messaging.content.read", std::nullopt));
  auto item = store::ReadValue<Json>(store_, [&](Tx& tx) -> Result<Json> {
    SAWT_ASSIGN_OR_RETURN(Row row, LoadItem(tx, id));
    return ItemJson(row);
  });
  if (!item) return item;
  return alignment_.WithAlignment(std::move(*item), reader);
}

Result<Json> ContentService::ListContentItems(const auth::Caller& caller, std::optional<std::string> state,
                                              std::optional<int64_t> entity_id, std::optional<std::string> kind,
                                              const module::Page& page) {
  SAWT_TRY_STATUS(auth::Authorize(caller, "messaging.content.read", std::nullopt));
  if (state && !kItemStates.count(*state)) return Error::InvalidInput("messaging.bad_content_state", "state", {*state});
  if (kind && !kKinds.count(*kind)) return Error::InvalidInput("messaging.bad_content_kind", "kind", {*kind});
  return store::ReadValue<Json>(store_, [&](Tx& tx) -> Result<Json> {
    store::Sql sql(SelectItems() + "WHERE id > ", page.after_id);
    if (state) sql.Bind(" AND state = ", *state);
    if (entity_id) sql.Bind(" AND owner_entity_id = ", *entity_id);
    if (kind) sql.Bind(" AND kind = ", *kind);
    return module::QueryPage(tx, std::move(sql), "id", page, ItemJson);
  });
}

Result<Json> ContentService::UpdateContentItem(const auth::Caller& caller, int64_t id, std::optional<int64_t> if_match,
                                               const Json& body, const http::Locale& reader) {
  SAWT_ASSIGN_OR_RETURN(ContentInput input, ReadContentInput(body, /*create=*/false));
  const auto& [kind, title_ar, title_en, body_ar, body_en, importance, audience, unused_owner, themes, channels,
               planned] = input;
  Assignments set;
  set.SetIf("kind", kind);
  set.SetIf("title_ar", title_ar);
  set.SetIf("title_en", title_en);
  set.SetIf("body_ar", body_ar);
  set.SetIf("body_en", body_en);
  set.SetIf("importance", importance);
  set.SetIf("audience", audience);
  if (channels) set.Set("channels", *channels, Json::parse(*channels));
  if (planned.value) set.Set("planned_at", *planned.value, *planned.value);
  if (planned.clear) set.Set("planned_at", store::Null(), nullptr);
  auto saved = store::WriteValue<Json>(store_, [&](Tx& tx) -> Result<Json> {
    SAWT_ASSIGN_OR_RETURN(Row old, LoadItem(tx, id));
    const int64_t owner = old.Int("owner_entity_id");
    SAWT_TRY_STATUS(auth::Authorize(caller, "messaging.content.write", owner));
    if (if_match && *if_match != old.Int("version")) return Error::PreconditionFailed();
    const std::string state = old.Text("state");
    if (state != "draft" && state != "changes_requested") {
      return Error::Conflict("messaging.content_item_locked", {std::to_string(id), state});
    }
    const std::string new_title_ar = title_ar.value_or(old.Text("title_ar")),
                      new_title_en = title_en.value_or(old.Text("title_en"));
    if (new_title_ar.empty() && new_title_en.empty()) {
      return Error::InvalidInput("messaging.content_title_required", "title_ar");
    }
    Assignments all = set;
    if (themes) {
      SAWT_ASSIGN_OR_RETURN(bool strategic, ThemesStrategic(tx, *themes));
      all.Set("themes", *themes, Json::parse(*themes));
      all.Set("strategic", int64_t{strategic ? 1 : 0}, strategic);
    }
    SAWT_ASSIGN_OR_RETURN(bool updated, GuardedUpdate(tx, "content_items", all, id, old.Int("version")));
    if (!updated) return MissOrStale(tx, "content_items", id, "messaging.content_item_not_found").error();
    SAWT_ASSIGN_OR_RETURN(Row row, LoadItem(tx, id));
    SAWT_TRY_STATUS(StoreItemVersion(tx, row, caller.login));
    SAWT_TRY_STATUS(AppendEvent(tx, caller, "messaging.content_item_updated", owner, "content_item", id, all.changed));
    return ItemJson(row);
  });
  if (!saved) return saved;
  return alignment_.WithAlignment(std::move(*saved), reader);
}

Result<Json> ContentService::TransitionContentItem(const auth::Caller& caller, int64_t id,
                                                   std::optional<int64_t> if_match, const Json& body,
                                                   const http::Locale& reader) {
  JsonReader in(body);
  auto to = in.String("to", true, 32);
  auto comment = in.String("comment", false, 2000, false);
  auto override_reason = in.String("override_reason", false, 2000, false);
  SAWT_TRY_STATUS(in.Finish());
  if (!kItemStates.count(*to)) return Error::InvalidInput("messaging.bad_content_state", "to", {*to});
  if (override_reason && override_reason->find_first_not_of(" \t\r\n") == std::string::npos) {
    return Error::InvalidInput("messaging.override_reason_empty", "override_reason");
  }
  // Submitting, approving, scheduling and publishing over open error findings (a figure that
  // contradicts the fact sheet, a banned term) needs a written reason; the scheduled publication
  // the worker carries out was guarded when it was scheduled. The findings of the version read
  // here are checked against the version the transaction moves.
  const bool internal = caller.account_id == 0 && caller.login == "system";
  const bool guarded = !internal && (*to == "in_review" || *to == "approved" || *to == "scheduled" || *to == "published");
  int64_t open_errors = 0;
  int64_t checked_version = -1;
  if (guarded) {
    auto seen = store::ReadValue<Json>(store_, [&](Tx& tx) -> Result<Json> {
      SAWT_ASSIGN_OR_RETURN(Row row, LoadItem(tx, id));
      return ItemJson(row);
    });
    if (seen) {
      SAWT_ASSIGN_OR_RETURN(Json checked, alignment_.WithAlignment(std::move(*seen)));
      open_errors = checked["alignment"]["summary"].value("error", int64_t{0});
      checked_version = checked.value("version", int64_t{-1});
    }
  }
  auto moved = store::WriteValue<Json>(store_, [&](Tx& tx) -> Result<Json> {
    SAWT_ASSIGN_OR_RETURN(Row old, LoadItem(tx, id));
    const int64_t owner = old.Int("owner_entity_id");
    const std::string from = old.Text("state");
    const char* permission = StepPermission(from, *to);
    // Every member may read the item, so a stale If-Match is reported first (two reviewers acting at
    // once: the loser learns the item changed, whatever the winner did).
    if (if_match && *if_match != old.Int("version")) return Error::PreconditionFailed();
    if (permission) {
      SAWT_TRY_STATUS(auth::Authorize(caller, permission, owner));
    } else {
      // An illegal step is explained (409) to anyone who may act on the item in some step.
      Status any = auth::Authorize(caller, "messaging.content.write", owner);
      if (!any) any = auth::Authorize(caller, "messaging.content.review", owner);
      if (!any) any = auth::Authorize(caller, "messaging.content.publish", owner);
      SAWT_TRY_STATUS(any);
    }
    if (!if_match) return Error::PreconditionFailed("messaging.if_match_required");
    if (!permission) return Error::Conflict("messaging.illegal_transition", {from, *to}, "to");
    if (guarded && checked_version != old.Int("version")) return Error::PreconditionFailed();
    if (open_errors > 0) {
      if (!override_reason) return Error::Conflict("messaging.open_errors", {std::to_string(open_errors)}, "override_reason");
      SAWT_TRY_STATUS(ReviewSettingsService::CheckErrorOverride(tx, owner));
    }
    std::string effective = *to;
    Assignments set;
    if (*to == "approved") {
      // Maker-checker (per entity): nobody approves what they wrote.
      SAWT_TRY_STATUS(ReviewSettingsService::CheckApprover(tx, owner, id, caller.login));
      // Approval of an item with a strategic theme needs the sign-offs of the policy's
      // "messaging.content.strategic" rule (a reviewer of the owner entity and a network admin);
      // each is recorded (approvals.reviewer / approvals.network) and the item stays in review
      // until both are there. Who may sign what is the policy's to say; one person gives both only
      // by holding both. Other items are approved by the one reviewer (Authorize above).
      const auto sign_offs = auth::SignOffsOf(caller, "messaging.content.strategic", owner);
      auto signs = [&](const char* name) { return std::find(sign_offs.begin(), sign_offs.end(), name) != sign_offs.end(); };
      const bool by_network = signs("network");
      const bool by_reviewer = signs("reviewer");
      std::optional<std::string> reviewer = old.OptText("reviewer_approved_by"),
                                 network = old.OptText("network_approved_by");
      if (old.Int("strategic") != 0) {
        if ((!by_reviewer || reviewer) && (!by_network || network)) {
          return Error::Conflict("messaging.approval_already_recorded", {std::to_string(id)});
        }
        if (by_network && !network) network = caller.login;
        if (by_reviewer && !reviewer) reviewer = caller.login;
        if (!reviewer || !network) effective = "in_review";
      } else {
        if (by_network) network = caller.login;
        reviewer = caller.login;
      }
      set.Set("reviewer_approved_by", store::OrNull(reviewer), OptJson(reviewer));
      set.Set("network_approved_by", store::OrNull(network), OptJson(network));
    }
    if (*to == "changes_requested" || *to == "in_review") {
      set.Set("reviewer_approved_by", store::Null(), nullptr);
      set.Set("network_approved_by", store::Null(), nullptr);
    }
    if (*to == "published") {
      const std::string now = tx.clock().NowIsoUtc();
      set.Set("published_at", now, now);
    }
    // A stored channel variant over its platform's limit blocks scheduling and publishing.
    if (effective == "scheduled" || effective == "published") SAWT_TRY_STATUS(VariantService::CheckStoredVariants(tx, id));
    set.Set("state", effective, effective);
    SAWT_ASSIGN_OR_RETURN(bool updated, GuardedUpdate(tx, "content_items", set, id, old.Int("version")));
    if (!updated) return MissOrStale(tx, "content_items", id, "messaging.content_item_not_found").error();
    SAWT_ASSIGN_OR_RETURN(Row row, LoadItem(tx, id));
    SAWT_TRY_STATUS(StoreItemVersion(tx, row, caller.login, guarded ? std::optional<int64_t>(open_errors) : std::nullopt));
    Json event = {{"from", from},
                  {"to", effective},
                  {"requested", *to},
                  {"comment", comment ? Json(*comment) : Json(nullptr)},
                  {"version", row.Int("version")}};
    if (open_errors > 0) {
      event["override_reason"] = *override_reason;  // the audit trail keeps why the errors were let through
      event["open_errors"] = open_errors;
    }
    // The outbox rows are written in the transition's transaction: published ⇔ queued.
    if (effective == "published") {
      SAWT_ASSIGN_OR_RETURN(auto queued, PublicationService::QueuePublications(tx, entities_(), id));
      event["publications"] = queued;
    }
    if (effective == "withdrawn") {
      SAWT_ASSIGN_OR_RETURN(int64_t cancelled, PublicationService::CancelPublications(tx, id));
      event["publications_cancelled"] = cancelled;
    }
    SAWT_TRY_STATUS(AppendEvent(tx, caller, "messaging.content_item_transition", owner, "content_item", id, event));
    return ItemJson(row);
  });
  if (!moved) return moved;
  return alignment_.WithAlignment(std::move(*moved), reader);
}

Result<Json> ContentService::ContentItemVersions(const auth::Caller& caller, int64_t id) {
  SAWT_TRY_STATUS(auth::Authorize(caller, "messaging.content.read", std::nullopt));
  return store::ReadValue<Json>(store_, [&](Tx& tx) -> Result<Json> {
    SAWT_ASSIGN_OR_RETURN(Row item, LoadItem(tx, id));
    auto rows = tx.Query(
        "SELECT version, state, title_ar, title_en, saved_by, saved_at FROM content_item_versions WHERE item_id = $1 "
        "ORDER BY version DESC",
        {id});
    if (!rows) return std::move(rows).error();
    Json items = Json::array();
    for (const auto& r : *rows) {
      items.push_back({{"version", r.Int("version")},
                       {"state", r.Text("state")},
                       {"title_ar", r.Text("title_ar")},
                       {"title_en", r.Text("title_en")},
                       {"saved_by", r.Text("saved_by")},
                       {"saved_at", r.Text("saved_at")},
                       {"current", r.Int("version") == item.Int("version")}});
    }
    return Json{{"item_id", id}, {"items", items}};
  });
}

Result<Json> ContentService::DiffContentItem(const auth::Caller& caller, int64_t id, std::optional<int64_t> from,
                                             std::optional<int64_t> to) {
  SAWT_TRY_STATUS(auth::Authorize(caller, "messaging.content.read", std::nullopt));
  if (!from) return Error::InvalidInput("messaging.diff_versions_required", "from");
  if (!to) return Error::InvalidInput("messaging.diff_versions_required", "to");
  return store::ReadValue<Json>(store_, [&](Tx& tx) -> Result<Json> {
    SAWT_ASSIGN_OR_RETURN(Row item, LoadItem(tx, id));
    (void)item;
    auto load = [&](int64_t v) -> Result<Row> {
      auto rows = tx.Query(
          "SELECT title_ar, title_en, body_ar, body_en, state, saved_by, saved_at FROM content_item_versions "
          "WHERE item_id = $1 AND version = $2",
          {id, v});
      if (!rows) return std::move(rows).error();
      if (rows->empty()) return Error::NotFound("messaging.content_version_not_found", {std::to_string(v)});
      return (*rows)[0];
    };
    SAWT_ASSIGN_OR_RETURN(Row a, load(*from));
    SAWT_ASSIGN_OR_RETURN(Row b, load(*to));
    Json fields = Json::object();
    int64_t inserted = 0, deleted = 0;
    const char* names[] = {"title_ar", "title_en", "body_ar", "body_en"};
    for (int i = 0; i < 4; ++i) {
      fields[names[i]] = WordDiffJson(a.Text(names[i]), b.Text(names[i]), inserted, deleted);
    }
    return Json{{"item_id", id},
                {"from",
                 {{"version", *from},
                  {"state", a.Text("state")},
                  {"saved_by", a.Text("saved_by")},
                  {"saved_at", a.Text("saved_at")}}},
                {"to",
                 {{"version", *to},
                  {"state", b.Text("state")},
                  {"saved_by", b.Text("saved_by")},
                  {"saved_at", b.Text("saved_at")}}},
                {"fields", fields},
                {"summary", {{"inserted", inserted}, {"deleted", deleted}}}};
  });
}

}  // namespace sawt::messaging
