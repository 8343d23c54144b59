#include "messaging/messaging_service.hpp"

#include "messaging/channels.hpp"

#include <algorithm>
#include <cmath>
#include <set>

#include "auth/policy.hpp"
#include "core/clock.hpp"
#include "http/messages.hpp"
#include "messaging/publication_service.hpp"
#include "module/write_helpers.hpp"
#include "text/analyzer.hpp"
#include "text/tokenize.hpp"

namespace sawt::messaging {
namespace {

using core::Error;
using core::Json;
using core::JsonReader;
using core::Ok;
using core::Result;
using core::Status;
using store::Row;
using store::Tx;
using store::Value;
using module::AppendEvent;
using module::GuardedUpdate;
using module::Assignments;
using module::LoadOne;
using module::MissOrStale;
using module::OptJson;

constexpr const char* kThemeColumns = "id, code, name_ar, name_en, owner_entity_id, strategic, version, created_at, updated_at";
constexpr const char* kMessageSelect =
    "SELECT k.id, k.theme_id, t.code, k.owner_entity_id, k.text_ar, k.text_en, k.points, k.state, k.valid_from, "
    "k.valid_until, k.approved_by, k.approved_at, k.version, k.created_by, k.created_at, k.updated_at, "
    "t.owner_entity_id FROM key_messages k JOIN message_themes t ON t.id = k.theme_id ";
constexpr const char* kFactColumns =
    "id, fact_key, kind, label_ar, label_en, value_ar, value_en, numeric_value, date_value, as_of, source, "
    "owner_entity_id, state, approved_by, approved_at, valid_until, version, created_at, updated_at";
constexpr const char* kTermColumns = "id, term, lang, status, replacement, version, created_at, updated_at";
constexpr size_t kMaxDraftBytes = 200000;


Json ThemeJson(const Row& r) {
  return {{"id", r.Int(0)},          {"code", r.Text(1)},           {"name_ar", r.Text(2)},
          {"name_en", r.Text(3)},    {"owner_entity_id", r.Int(4)}, {"strategic", r.Int(5) != 0},
          {"version", r.Int(6)},     {"created_at", r.Text(7)},     {"updated_at", r.Text(8)}};
}

Json MessageJson(const Row& r) {
  return {{"id", r.Int(0)},
          {"theme_id", r.Int(1)},
          {"theme_code", r.Text(2)},
          {"owner_entity_id", r.Int(3)},
          {"text_ar", r.Text(4)},
          {"text_en", r.Text(5)},
          {"supporting_points", Json::parse(r.Text(6))},
          {"state", r.Text(7)},
          {"valid_from", OptJson(r.OptText(8))},
          {"valid_until", OptJson(r.OptText(9))},
          {"approved_by", OptJson(r.OptText(10))},
          {"approved_at", OptJson(r.OptText(11))},
          {"version", r.Int(12)},
          {"created_by", r.Text(13)},
          {"created_at", r.Text(14)},
          {"updated_at", r.Text(15)}};
}

Json FactJson(const Row& r) {
  return {{"id", r.Int(0)},
          {"key", r.Text(1)},
          {"kind", r.Text(2)},
          {"label_ar", r.Text(3)},
          {"label_en", r.Text(4)},
          {"value_ar", r.Text(5)},
          {"value_en", r.Text(6)},
          {"numeric_value", r.IsNull(7) ? Json(nullptr) : Json(r.Double(7))},
          {"date_value", OptJson(r.OptText(8))},
          {"as_of", r.Text(9)},
          {"source", r.Text(10)},
          {"owner_entity_id", r.Int(11)},
          {"state", r.Text(12)},
          {"approved_by", OptJson(r.OptText(13))},
          {"approved_at", OptJson(r.OptText(14))},
          {"valid_until", OptJson(r.OptText(15))},
          {"version", r.Int(16)},
          {"created_at", r.Text(17)},
          {"updated_at", r.Text(18)}};
}

Json TermJson(const Row& r) {
  return {{"id", r.Int(0)},          {"term", r.Text(1)},    {"lang", r.Text(2)},
          {"status", r.Text(3)},     {"replacement", r.Text(4)}, {"version", r.Int(5)},
          {"created_at", r.Text(6)}, {"updated_at", r.Text(7)}};
}

bool IsSlug(const std::string& s) {
  if (s.size() < 2 || s.size() > 64) return false;
  return std::all_of(s.begin(), s.end(), [](char c) { return (c >= 'a' && c <= 'z') || (c >= '0' && c <= '9') || c == '-'; });
}

bool IsIsoDate(const std::string& s) {
  if (s.size() != 10 || s[4] != '-' || s[7] != '-') return false;
  for (size_t i : {0, 1, 2, 3, 5, 6, 8, 9}) {
    if (s[i] < '0' || s[i] > '9') return false;
  }
  const int y = std::stoi(s.substr(0, 4)), m = std::stoi(s.substr(5, 2)), d = std::stoi(s.substr(8, 2));
  static constexpr int kDays[] = {31, 29, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31};
  if (m < 1 || m > 12 || d < 1) return false;
  const bool leap = (y % 4 == 0 && y % 100 != 0) || y % 400 == 0;
  return d <= (m == 2 && !leap ? 28 : kDays[m - 1]);
}

bool IsLang(const std::string& s) { return s == "ar" || s == "en"; }

const text::Analyzer& TheAnalyzer() {
  static const text::Analyzer analyzer;
  return analyzer;
}


Result<Row> LoadTheme(Tx& tx, int64_t id) {
  return LoadOne(tx, std::string("SELECT ") + kThemeColumns + " FROM message_themes WHERE id = $1", id,
                 "messaging.theme_not_found");
}
Result<Row> LoadMessage(Tx& tx, int64_t id) {
  return LoadOne(tx, std::string(kMessageSelect) + "WHERE k.id = $1", id, "messaging.key_message_not_found");
}
Result<Row> LoadFact(Tx& tx, int64_t id) {
  return LoadOne(tx, std::string("SELECT ") + kFactColumns + " FROM facts WHERE id = $1", id, "messaging.fact_not_found");
}

Status EntityExists(Tx& tx, int64_t id, const char* field) {
  return module::EntityExists(tx, id, field, "messaging.entity_not_found");
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

/// A date field: absent, JSON null (clear) or "YYYY-MM-DD".
struct DateField {
  std::optional<std::string> value;
  bool clear = false;
};
DateField ReadDate(JsonReader& in, const std::string& name, bool required = false) {
  DateField f;
  f.clear = in.IsNull(name);
  if (f.clear) {
    in.Raw(name);
    return f;
  }
  f.value = in.String(name, required, 10);
  return f;
}
Status CheckDate(const DateField& f, const char* name) {
  if (f.value && !IsIsoDate(*f.value)) return Error::InvalidInput("messaging.bad_date", name, {name});
  return Ok();
}

/// An optional finite JSON number.
Result<std::optional<double>> ReadNumber(const Json* raw, const char* name) {
  if (!raw || raw->is_null()) return std::optional<double>();
  if (!raw->is_number() || !std::isfinite(raw->get<double>())) {
    return Error::InvalidInput("messaging.bad_number", name, {name});
  }
  return std::optional<double>(raw->get<double>());
}

std::optional<double> NumberIn(const std::string& s) {
  auto found = text::ExtractNumbers(s);
  if (found.empty()) return std::nullopt;
  return found.front().value;
}
std::optional<std::string> DateIn(const std::string& s) {
  auto found = text::ExtractDates(s);
  if (found.empty()) return std::nullopt;
  return found.front().Iso();
}

Status Analysable(const std::string& s, const char* field) {
  if (TheAnalyzer().Terms(s).empty()) return Error::InvalidInput("messaging.not_analysable", field);
  return Ok();
}

Json FindingJson(const Finding& f) {
  Json span = nullptr;
  if (f.span) span = {{"offset", f.span->offset}, {"length", f.span->length}, {"excerpt", f.span->excerpt}};
  return {{"kind", f.kind},
          {"severity", f.severity},
          {"reason", f.reason},
          {"message_ar", http::Translate(f.reason, "ar", f.args_ar)},
          {"message_en", http::Translate(f.reason, "en", f.args_en)},
          {"lang", f.lang},
          {"span", span},
          {"details", f.details}};
}

Json AlignmentJson(const std::vector<Finding>& findings) {
  Json items = Json::array();
  Json summary = {{"error", 0}, {"warning", 0}, {"info", 0}};
  for (const auto& f : findings) {
    items.push_back(FindingJson(f));
    summary[f.severity] = summary[f.severity].get<int>() + 1;
  }
  return {{"findings", items}, {"summary", summary}};
}

}  // namespace

MessagingService::MessagingService(store::Store& store) : store_(store) {
  std::weak_ptr<EpochState> weak = epoch_;
  store.OnCommit([weak](int64_t last_id) {
    auto state = weak.lock();
    if (!state) return;
    int64_t cur = state->epoch.load(std::memory_order_relaxed);
    while (cur < last_id && !state->epoch.compare_exchange_weak(cur, last_id, std::memory_order_acq_rel)) {
    }
  });
}

std::vector<store::Migration> MessagingService::Migrations() {
  // No foreign keys to the network module's `entities`: store::OrderMigrations applies modules in
  // name order ("messaging" < "network"), so commands check the owner entity instead (EntityExists).
  return {{"messaging", 1, "0001_create_messaging", R"SQL(
CREATE TABLE message_themes (
  id {{ID}},
  code TEXT NOT NULL UNIQUE,
  name_ar TEXT NOT NULL,
  name_en TEXT NOT NULL,
  owner_entity_id BIGINT NOT NULL,
  strategic BIGINT NOT NULL DEFAULT 0,
  version BIGINT NOT NULL DEFAULT 1,
  created_at TEXT NOT NULL,
  updated_at TEXT NOT NULL
);
CREATE TABLE key_messages (
  id {{ID}},
  theme_id BIGINT NOT NULL REFERENCES message_themes(id),
  owner_entity_id BIGINT NOT NULL,
  text_ar TEXT NOT NULL,
  text_en TEXT NOT NULL,
  points TEXT NOT NULL,
  state TEXT NOT NULL CHECK (state IN ('draft', 'approved', 'retired')),
  valid_from TEXT,
  valid_until TEXT,
  approved_by TEXT,
  approved_at TEXT,
  version BIGINT NOT NULL DEFAULT 1,
  created_by TEXT NOT NULL,
  created_at TEXT NOT NULL,
  updated_at TEXT NOT NULL
);
CREATE INDEX key_messages_theme ON key_messages(theme_id, state);
CREATE INDEX key_messages_state ON key_messages(state);
CREATE TABLE key_message_versions (
  id {{ID}},
  message_id BIGINT NOT NULL REFERENCES key_messages(id),
  version BIGINT NOT NULL,
  theme_id BIGINT NOT NULL,
  text_ar TEXT NOT NULL,
  text_en TEXT NOT NULL,
  points TEXT NOT NULL,
  state TEXT NOT NULL,
  valid_from TEXT,
  valid_until TEXT,
  approved_by TEXT,
  superseded_by TEXT NOT NULL,
  superseded_at TEXT NOT NULL,
  UNIQUE (message_id, version)
);
CREATE TABLE facts (
  id {{ID}},
  fact_key TEXT NOT NULL UNIQUE,
  kind TEXT NOT NULL CHECK (kind IN ('number', 'date', 'text')),
  label_ar TEXT NOT NULL,
  label_en TEXT NOT NULL,
  value_ar TEXT NOT NULL,
  value_en TEXT NOT NULL,
  numeric_value DOUBLE PRECISION,
  date_value TEXT,
  as_of TEXT NOT NULL,
  source TEXT NOT NULL,
  owner_entity_id BIGINT NOT NULL,
  state TEXT NOT NULL CHECK (state IN ('draft', 'approved', 'retired')),
  approved_by TEXT,
  approved_at TEXT,
  valid_until TEXT,
  version BIGINT NOT NULL DEFAULT 1,
  created_at TEXT NOT NULL,
  updated_at TEXT NOT NULL
);
CREATE INDEX facts_state ON facts(state);
CREATE TABLE message_terms (
  id {{ID}},
  term TEXT NOT NULL,
  lang TEXT NOT NULL CHECK (lang IN ('ar', 'en')),
  status TEXT NOT NULL CHECK (status IN ('banned', 'deprecated')),
  replacement TEXT NOT NULL,
  version BIGINT NOT NULL DEFAULT 1,
  created_at TEXT NOT NULL,
  updated_at TEXT NOT NULL,
  UNIQUE (term, lang)
);
CREATE TABLE entity_aliases (
  id {{ID}},
  entity_id BIGINT NOT NULL,
  alias TEXT NOT NULL,
  lang TEXT NOT NULL CHECK (lang IN ('ar', 'en')),
  created_at TEXT NOT NULL,
  UNIQUE (alias, lang)
);
)SQL"},
          {"messaging", 2, "0002_content_items", R"SQL(
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
)SQL"}};
}

// ---- themes ----

Result<Json> MessagingService::ListThemes(const auth::Caller& caller) {
  SAWT_TRY_STATUS(auth::Authorize(caller, "messaging.library.read", std::nullopt));
  return store::ReadValue<Json>(store_, [&](Tx& tx) -> Result<Json> {
    return module::QueryAll(tx, std::string("SELECT ") + kThemeColumns + " FROM message_themes ORDER BY id", {}, ThemeJson);
  });
}

Result<Json> MessagingService::CreateTheme(const auth::Caller& caller, const Json& body) {
  JsonReader in(body);
  auto code = in.String("code", true, 64);
  auto name_ar = in.String("name_ar", true, 300);
  auto name_en = in.String("name_en", true, 300);
  auto owner = in.Int("owner_entity_id", true);
  auto strategic = in.Bool("strategic", false);
  SAWT_TRY_STATUS(in.Finish());
  if (!IsSlug(*code)) return Error::InvalidInput("messaging.bad_code", "code");
  SAWT_TRY_STATUS(auth::Authorize(caller, "messaging.themes.write", *owner));
  if (strategic.value_or(false)) SAWT_TRY_STATUS(auth::Authorize(caller, "messaging.themes.strategic", std::nullopt));
  return store::WriteValue<Json>(store_, [&](Tx& tx) -> Result<Json> {
    SAWT_TRY_STATUS(EntityExists(tx, *owner, "owner_entity_id"));
    const std::string now = core::NowIsoUtc();
    auto rows = tx.Query(std::string("INSERT INTO message_themes (code, name_ar, name_en, owner_entity_id, strategic, "
                                     "created_at, updated_at) VALUES ($1, $2, $3, $4, $5, $6, $6) RETURNING ") +
                             kThemeColumns,
                         {*code, *name_ar, *name_en, *owner, int64_t{strategic.value_or(false) ? 1 : 0}, now});
    if (!rows) {
      if (rows.error().code == core::ErrorCode::kConflict) return Error::Conflict("messaging.theme_code_taken", {*code}, "code");
      return std::move(rows).error();
    }
    Json theme = ThemeJson((*rows)[0]);
    SAWT_TRY_STATUS(AppendEvent(tx, caller, "messaging.theme_created", *owner, "theme", theme["id"].get<int64_t>(), theme));
    return theme;
  });
}

Result<Json> MessagingService::UpdateTheme(const auth::Caller& caller, int64_t id, std::optional<int64_t> if_match,
                                           const Json& body) {
  JsonReader in(body);
  auto name_ar = in.String("name_ar", false, 300);
  auto name_en = in.String("name_en", false, 300);
  auto strategic = in.Bool("strategic", false);
  SAWT_TRY_STATUS(in.Finish());
  Assignments set;
  set.SetIf("name_ar", name_ar);
  set.SetIf("name_en", name_en);
  if (strategic) set.Set("strategic", int64_t{*strategic ? 1 : 0}, *strategic);
  return store::WriteValue<Json>(store_, [&](Tx& tx) -> Result<Json> {
    SAWT_ASSIGN_OR_RETURN(Row row, LoadTheme(tx, id));
    const int64_t owner = row.Int(4);
    SAWT_TRY_STATUS(auth::Authorize(caller, "messaging.themes.write", owner));
    if (strategic && *strategic != (row.Int(5) != 0)) {
      SAWT_TRY_STATUS(auth::Authorize(caller, "messaging.themes.strategic", std::nullopt));
    }
    if (if_match && *if_match != row.Int(6)) return Error::PreconditionFailed();
    SAWT_ASSIGN_OR_RETURN(bool updated, GuardedUpdate(tx, "message_themes", set, id, row.Int(6)));
    if (!updated) return MissOrStale(tx, "message_themes", id, "messaging.theme_not_found").error();
    SAWT_ASSIGN_OR_RETURN(Row now, LoadTheme(tx, id));
    SAWT_TRY_STATUS(AppendEvent(tx, caller, "messaging.theme_updated", owner, "theme", id, set.changed));
    return ThemeJson(now);
  });
}

// ---- key messages ----

Result<Json> MessagingService::ListKeyMessages(const auth::Caller& caller, const KeyMessageFilter& filter,
                                               const module::Page& page) {
  SAWT_TRY_STATUS(auth::Authorize(caller, "messaging.library.read", std::nullopt));
  if (filter.state && *filter.state != "draft" && *filter.state != "approved" && *filter.state != "retired") {
    return Error::InvalidInput("messaging.bad_state", "state", {*filter.state});
  }
  return store::ReadValue<Json>(store_, [&](Tx& tx) -> Result<Json> {
    std::vector<Value> params = {page.after_id, int64_t{page.limit}};
    std::string sql = std::string(kMessageSelect) + "WHERE k.id > $1";
    if (filter.theme_id) {
      params.push_back(*filter.theme_id);
      sql += " AND k.theme_id = $" + std::to_string(params.size());
    }
    if (filter.state) {
      params.push_back(*filter.state);
      sql += " AND k.state = $" + std::to_string(params.size());
    }
    return module::QueryPage(tx, sql + " ORDER BY k.id LIMIT $2", params, page, MessageJson);
  });
}

Result<Json> MessagingService::GetKeyMessage(const auth::Caller& caller, int64_t id) {
  SAWT_TRY_STATUS(auth::Authorize(caller, "messaging.library.read", std::nullopt));
  return store::ReadValue<Json>(store_, [&](Tx& tx) -> Result<Json> {
    SAWT_ASSIGN_OR_RETURN(Row row, LoadMessage(tx, id));
    return MessageJson(row);
  });
}

Result<Json> MessagingService::CreateKeyMessage(const auth::Caller& caller, const Json& body) {
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
    SAWT_TRY_STATUS(EntityExists(tx, *owner, "owner_entity_id"));
    auto theme = LoadTheme(tx, *theme_id);
    if (!theme) {
      if (theme.error().code == core::ErrorCode::kNotFound) {
        return Error::InvalidInput("messaging.theme_not_found", "theme_id", {std::to_string(*theme_id)});
      }
      return std::move(theme).error();
    }
    const std::string now = core::NowIsoUtc();
    auto rows = tx.Query(
        "INSERT INTO key_messages (theme_id, owner_entity_id, text_ar, text_en, points, state, valid_from, valid_until, "
        "created_by, created_at, updated_at) VALUES ($1, $2, $3, $4, $5, 'draft', $6, $7, $8, $9, $9) RETURNING id",
        {*theme_id, *owner, *text_ar, *text_en, points, store::OrNull(from.value), store::OrNull(until.value),
         caller.login, now});
    if (!rows) return std::move(rows).error();
    const int64_t id = (*rows)[0].Int(0);
    SAWT_ASSIGN_OR_RETURN(Row row, LoadMessage(tx, id));
    Json message = MessageJson(row);
    SAWT_TRY_STATUS(AppendEvent(tx, caller, "messaging.key_message_created", *owner, "key_message", id, message));
    return message;
  });
}

namespace {

/// Copies the row as it was before a change into the history.
Status StoreVersion(Tx& tx, const Row& old, const std::string& by) {
  auto n = tx.Exec(
      "INSERT INTO key_message_versions (message_id, version, theme_id, text_ar, text_en, points, state, valid_from, "
      "valid_until, approved_by, superseded_by, superseded_at) VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12)",
      {old.Int(0), old.Int(12), old.Int(1), old.Text(4), old.Text(5), old.Text(6), old.Text(7),
       store::OrNull(old.OptText(8)), store::OrNull(old.OptText(9)), store::OrNull(old.OptText(10)), by,
       core::NowIsoUtc()});
  if (!n) return std::move(n).error();
  return Ok();
}

}  // namespace

Result<Json> MessagingService::UpdateKeyMessage(const auth::Caller& caller, int64_t id, std::optional<int64_t> if_match,
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
    const int64_t owner = old.Int(3);
    SAWT_TRY_STATUS(auth::Authorize(caller, "messaging.key_messages.write", owner));
    if (if_match && *if_match != old.Int(12)) return Error::PreconditionFailed();
    if (old.Text(7) == "retired") return Error::Conflict("messaging.key_message_retired", {std::to_string(id)});
    if (theme_id) {
      auto theme = LoadTheme(tx, *theme_id);
      if (!theme) {
        if (theme.error().code == core::ErrorCode::kNotFound) {
          return Error::InvalidInput("messaging.theme_not_found", "theme_id", {std::to_string(*theme_id)});
        }
        return std::move(theme).error();
      }
    }
    const std::string new_from = from.clear ? "" : from.value.value_or(old.OptText(8).value_or(""));
    const std::string new_until = until.clear ? "" : until.value.value_or(old.OptText(9).value_or(""));
    if (!new_from.empty() && !new_until.empty() && new_from > new_until) {
      return Error::InvalidInput("messaging.bad_validity", "valid_until");
    }
    Assignments all = set;
    // Any edit of an approved message needs a new approval.
    if (old.Text(7) == "approved" && !set.empty()) {
      all.Set("state", std::string("draft"), "draft");
      all.Set("approved_by", store::Null(), nullptr);
      all.Set("approved_at", store::Null(), nullptr);
    }
    SAWT_ASSIGN_OR_RETURN(bool updated, GuardedUpdate(tx, "key_messages", all, id, old.Int(12)));
    if (!updated) return MissOrStale(tx, "key_messages", id, "messaging.key_message_not_found").error();
    SAWT_TRY_STATUS(StoreVersion(tx, old, caller.login));
    SAWT_ASSIGN_OR_RETURN(Row row, LoadMessage(tx, id));
    SAWT_TRY_STATUS(AppendEvent(tx, caller, "messaging.key_message_updated", owner, "key_message", id, all.changed));
    return MessageJson(row);
  });
}

namespace {

Result<Json> Transition(store::Store& store, const auth::Caller& caller, int64_t id, std::optional<int64_t> if_match,
                        const Json& body, const std::string& to) {
  JsonReader in(body);
  auto comment = in.String("comment", false, 2000);
  SAWT_TRY_STATUS(in.Finish());
  return store::WriteValue<Json>(store, [&](Tx& tx) -> Result<Json> {
    SAWT_ASSIGN_OR_RETURN(Row old, LoadMessage(tx, id));
    // Approval belongs to the theme's owner entity.
    SAWT_TRY_STATUS(auth::Authorize(caller, "messaging.key_messages.approve", old.Int(16)));
    const std::string& state = old.Text(7);
    if (state == to) {
      return Error::Conflict(to == "approved" ? "messaging.key_message_already_approved" : "messaging.key_message_retired",
                             {std::to_string(id)});
    }
    if (state == "retired") return Error::Conflict("messaging.key_message_retired", {std::to_string(id)});
    if (if_match && *if_match != old.Int(12)) return Error::PreconditionFailed();
    Assignments set;
    set.Set("state", to, to);
    if (to == "approved") {
      set.Set("approved_by", caller.login, caller.login);
      set.Set("approved_at", core::NowIsoUtc(), core::NowIsoUtc());
    }
    SAWT_ASSIGN_OR_RETURN(bool updated, GuardedUpdate(tx, "key_messages", set, id, old.Int(12)));
    if (!updated) return MissOrStale(tx, "key_messages", id, "messaging.key_message_not_found").error();
    SAWT_TRY_STATUS(StoreVersion(tx, old, caller.login));
    SAWT_ASSIGN_OR_RETURN(Row row, LoadMessage(tx, id));
    Json payload = {{"from", state}, {"to", to}, {"comment", comment ? Json(*comment) : Json(nullptr)}};
    SAWT_TRY_STATUS(AppendEvent(tx, caller, to == "approved" ? "messaging.key_message_approved" : "messaging.key_message_retired",
                           old.Int(3), "key_message", id, payload));
    return MessageJson(row);
  });
}

}  // namespace

Result<Json> MessagingService::ApproveKeyMessage(const auth::Caller& caller, int64_t id, std::optional<int64_t> if_match,
                                                 const Json& body) {
  return Transition(store_, caller, id, if_match, body, "approved");
}

Result<Json> MessagingService::RetireKeyMessage(const auth::Caller& caller, int64_t id, std::optional<int64_t> if_match,
                                                const Json& body) {
  return Transition(store_, caller, id, if_match, body, "retired");
}

Result<Json> MessagingService::KeyMessageVersions(const auth::Caller& caller, int64_t id) {
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
      items.push_back({{"version", r.Int(0)},         {"theme_id", r.Int(1)},
                       {"text_ar", r.Text(2)},        {"text_en", r.Text(3)},
                       {"supporting_points", Json::parse(r.Text(4))}, {"state", r.Text(5)},
                       {"valid_from", OptJson(r.OptText(6))}, {"valid_until", OptJson(r.OptText(7))},
                       {"approved_by", OptJson(r.OptText(8))}, {"current", false},
                       {"superseded_by", r.Text(9)},  {"superseded_at", r.Text(10)}});
    }
    return Json{{"message_id", id}, {"items", items}};
  });
}

// ---- facts ----

Result<Json> MessagingService::ListFacts(const auth::Caller& caller, std::optional<std::string> state,
                                         const module::Page& page) {
  SAWT_TRY_STATUS(auth::Authorize(caller, "messaging.library.read", std::nullopt));
  if (state && *state != "draft" && *state != "approved" && *state != "retired") {
    return Error::InvalidInput("messaging.bad_state", "state", {*state});
  }
  return store::ReadValue<Json>(store_, [&](Tx& tx) -> Result<Json> {
    std::vector<Value> params = {page.after_id, int64_t{page.limit}};
    std::string sql = std::string("SELECT ") + kFactColumns + " FROM facts WHERE id > $1";
    if (state) {
      params.push_back(*state);
      sql += " AND state = $3";
    }
    return module::QueryPage(tx, sql + " ORDER BY id LIMIT $2", params, page, FactJson);
  });
}

Result<Json> MessagingService::GetFact(const auth::Caller& caller, int64_t id) {
  SAWT_TRY_STATUS(auth::Authorize(caller, "messaging.library.read", std::nullopt));
  return store::ReadValue<Json>(store_, [&](Tx& tx) -> Result<Json> {
    SAWT_ASSIGN_OR_RETURN(Row row, LoadFact(tx, id));
    return FactJson(row);
  });
}

Result<Json> MessagingService::CreateFact(const auth::Caller& caller, const Json& body) {
  JsonReader in(body);
  auto key = in.String("key", true, 64);
  auto kind = in.String("kind", false, 10);
  auto label_ar = in.String("label_ar", true, 300);
  auto label_en = in.String("label_en", true, 300);
  auto value_ar = in.String("value_ar", true, 300);
  auto value_en = in.String("value_en", true, 300);
  const Json* numeric_raw = in.Raw("numeric_value");
  DateField date_value = ReadDate(in, "date_value");
  DateField as_of = ReadDate(in, "as_of", true);
  auto source = in.String("source", true, 1000);
  auto owner = in.Int("owner_entity_id", true);
  DateField until = ReadDate(in, "valid_until");
  SAWT_TRY_STATUS(in.Finish());
  const std::string k = kind.value_or("number");
  if (!IsSlug(*key)) return Error::InvalidInput("messaging.bad_fact_key", "key");
  if (k != "number" && k != "date" && k != "text") return Error::InvalidInput("messaging.bad_fact_kind", "kind", {k});
  SAWT_ASSIGN_OR_RETURN(auto numeric, ReadNumber(numeric_raw, "numeric_value"));
  SAWT_TRY_STATUS(CheckDate(date_value, "date_value"));
  SAWT_TRY_STATUS(CheckDate(as_of, "as_of"));
  if (!as_of.value) return Error::InvalidInput("common.field_required", "as_of", {"as_of"});
  SAWT_TRY_STATUS(CheckDate(until, "valid_until"));
  if (k == "number" && !numeric) numeric = NumberIn(*value_en) ? NumberIn(*value_en) : NumberIn(*value_ar);
  if (k == "number" && !numeric) return Error::InvalidInput("messaging.fact_needs_number", "numeric_value");
  if (k == "date" && !date_value.value) date_value.value = DateIn(*value_en) ? DateIn(*value_en) : DateIn(*value_ar);
  if (k == "date" && !date_value.value) return Error::InvalidInput("messaging.fact_needs_date", "date_value");
  SAWT_TRY_STATUS(auth::Authorize(caller, "messaging.facts.write", *owner));
  return store::WriteValue<Json>(store_, [&](Tx& tx) -> Result<Json> {
    SAWT_TRY_STATUS(EntityExists(tx, *owner, "owner_entity_id"));
    const std::string now = core::NowIsoUtc();
    auto rows = tx.Query(
        std::string("INSERT INTO facts (fact_key, kind, label_ar, label_en, value_ar, value_en, numeric_value, date_value, "
                    "as_of, source, owner_entity_id, state, valid_until, created_at, updated_at) VALUES ($1, $2, $3, $4, "
                    "$5, $6, $7, $8, $9, $10, $11, 'draft', $12, $13, $13) RETURNING ") +
            kFactColumns,
        {*key, k, *label_ar, *label_en, *value_ar, *value_en, numeric ? Value(*numeric) : store::Null(),
         store::OrNull(k == "date" ? date_value.value : std::nullopt), *as_of.value, *source, *owner,
         store::OrNull(until.value), now});
    if (!rows) {
      if (rows.error().code == core::ErrorCode::kConflict) return Error::Conflict("messaging.fact_key_taken", {*key}, "key");
      return std::move(rows).error();
    }
    Json fact = FactJson((*rows)[0]);
    SAWT_TRY_STATUS(AppendEvent(tx, caller, "messaging.fact_created", *owner, "fact", fact["id"].get<int64_t>(), fact));
    return fact;
  });
}

Result<Json> MessagingService::UpdateFact(const auth::Caller& caller, int64_t id, std::optional<int64_t> if_match,
                                          const Json& body) {
  JsonReader in(body);
  auto label_ar = in.String("label_ar", false, 300);
  auto label_en = in.String("label_en", false, 300);
  auto value_ar = in.String("value_ar", false, 300);
  auto value_en = in.String("value_en", false, 300);
  const Json* numeric_raw = in.Raw("numeric_value");
  DateField date_value = ReadDate(in, "date_value");
  DateField as_of = ReadDate(in, "as_of");
  auto source = in.String("source", false, 1000);
  DateField until = ReadDate(in, "valid_until");
  SAWT_TRY_STATUS(in.Finish());
  SAWT_ASSIGN_OR_RETURN(auto numeric, ReadNumber(numeric_raw, "numeric_value"));
  SAWT_TRY_STATUS(CheckDate(date_value, "date_value"));
  SAWT_TRY_STATUS(CheckDate(as_of, "as_of"));
  SAWT_TRY_STATUS(CheckDate(until, "valid_until"));
  if (as_of.clear) return Error::InvalidInput("common.field_required", "as_of", {"as_of"});
  return store::WriteValue<Json>(store_, [&](Tx& tx) -> Result<Json> {
    SAWT_ASSIGN_OR_RETURN(Row old, LoadFact(tx, id));
    const int64_t owner = old.Int(11);
    SAWT_TRY_STATUS(auth::Authorize(caller, "messaging.facts.write", owner));
    if (if_match && *if_match != old.Int(16)) return Error::PreconditionFailed();
    const std::string kind = old.Text(2);
    Assignments set;
    set.SetIf("label_ar", label_ar);
    set.SetIf("label_en", label_en);
    set.SetIf("value_ar", value_ar);
    set.SetIf("value_en", value_en);
    if (kind == "number" && !numeric && (value_ar || value_en)) {
      numeric = NumberIn(value_en.value_or(old.Text(6)));
      if (!numeric) numeric = NumberIn(value_ar.value_or(old.Text(5)));
      if (!numeric) return Error::InvalidInput("messaging.fact_needs_number", "numeric_value");
    }
    set.SetIf("numeric_value", numeric);
    if (kind == "date" && date_value.value) set.Set("date_value", *date_value.value, *date_value.value);
    if (kind == "date" && date_value.clear) return Error::InvalidInput("messaging.fact_needs_date", "date_value");
    if (as_of.value) set.Set("as_of", *as_of.value, *as_of.value);
    set.SetIf("source", source);
    if (until.value) set.Set("valid_until", *until.value, *until.value);
    if (until.clear) set.Set("valid_until", store::Null(), nullptr);
    if (old.Text(12) == "approved" && !set.empty()) {
      set.Set("state", std::string("draft"), "draft");
      set.Set("approved_by", store::Null(), nullptr);
      set.Set("approved_at", store::Null(), nullptr);
    }
    SAWT_ASSIGN_OR_RETURN(bool updated, GuardedUpdate(tx, "facts", set, id, old.Int(16)));
    if (!updated) return MissOrStale(tx, "facts", id, "messaging.fact_not_found").error();
    SAWT_ASSIGN_OR_RETURN(Row row, LoadFact(tx, id));
    SAWT_TRY_STATUS(AppendEvent(tx, caller, "messaging.fact_updated", owner, "fact", id, set.changed));
    return FactJson(row);
  });
}

Result<Json> MessagingService::ApproveFact(const auth::Caller& caller, int64_t id, std::optional<int64_t> if_match,
                                           const Json& body) {
  JsonReader in(body);
  auto comment = in.String("comment", false, 2000);
  SAWT_TRY_STATUS(in.Finish());
  return store::WriteValue<Json>(store_, [&](Tx& tx) -> Result<Json> {
    SAWT_ASSIGN_OR_RETURN(Row old, LoadFact(tx, id));
    const int64_t owner = old.Int(11);
    SAWT_TRY_STATUS(auth::Authorize(caller, "messaging.facts.approve", owner));
    if (old.Text(12) == "approved") return Error::Conflict("messaging.fact_already_approved", {std::to_string(id)});
    if (if_match && *if_match != old.Int(16)) return Error::PreconditionFailed();
    Assignments set;
    set.Set("state", std::string("approved"), "approved");
    set.Set("approved_by", caller.login, caller.login);
    set.Set("approved_at", core::NowIsoUtc(), core::NowIsoUtc());
    SAWT_ASSIGN_OR_RETURN(bool updated, GuardedUpdate(tx, "facts", set, id, old.Int(16)));
    if (!updated) return MissOrStale(tx, "facts", id, "messaging.fact_not_found").error();
    SAWT_ASSIGN_OR_RETURN(Row row, LoadFact(tx, id));
    SAWT_TRY_STATUS(AppendEvent(tx, caller, "messaging.fact_approved", owner, "fact", id,
                           {{"comment", comment ? Json(*comment) : Json(nullptr)}}));
    return FactJson(row);
  });
}

// ---- terms ----

Result<Json> MessagingService::ListTerms(const auth::Caller& caller) {
  SAWT_TRY_STATUS(auth::Authorize(caller, "messaging.library.read", std::nullopt));
  return store::ReadValue<Json>(store_, [&](Tx& tx) -> Result<Json> {
    return module::QueryAll(tx, std::string("SELECT ") + kTermColumns + " FROM message_terms ORDER BY id", {}, TermJson);
  });
}

Result<Json> MessagingService::CreateTerm(const auth::Caller& caller, const Json& body) {
  JsonReader in(body);
  auto term = in.String("term", true, 200);
  auto lang = in.String("lang", true, 2);
  auto status = in.String("status", true, 20);
  auto replacement = in.String("replacement", true, 300);
  SAWT_TRY_STATUS(in.Finish());
  if (!IsLang(*lang)) return Error::InvalidInput("messaging.bad_lang", "lang", {*lang});
  if (*status != "banned" && *status != "deprecated") return Error::InvalidInput("messaging.bad_term_status", "status", {*status});
  SAWT_TRY_STATUS(Analysable(*term, "term"));
  SAWT_TRY_STATUS(auth::Authorize(caller, "messaging.terms.write", std::nullopt));
  return store::WriteValue<Json>(store_, [&](Tx& tx) -> Result<Json> {
    const std::string now = core::NowIsoUtc();
    auto rows = tx.Query(std::string("INSERT INTO message_terms (term, lang, status, replacement, created_at, updated_at) "
                                     "VALUES ($1, $2, $3, $4, $5, $5) RETURNING ") +
                             kTermColumns,
                         {*term, *lang, *status, *replacement, now});
    if (!rows) {
      if (rows.error().code == core::ErrorCode::kConflict) return Error::Conflict("messaging.term_exists", {*term}, "term");
      return std::move(rows).error();
    }
    Json t = TermJson((*rows)[0]);
    SAWT_TRY_STATUS(AppendEvent(tx, caller, "messaging.term_created", std::nullopt, "term", t["id"].get<int64_t>(), t));
    return t;
  });
}

Result<Json> MessagingService::UpdateTerm(const auth::Caller& caller, int64_t id, std::optional<int64_t> if_match,
                                          const Json& body) {
  JsonReader in(body);
  auto status = in.String("status", false, 20);
  auto replacement = in.String("replacement", false, 300);
  SAWT_TRY_STATUS(in.Finish());
  if (status && *status != "banned" && *status != "deprecated") {
    return Error::InvalidInput("messaging.bad_term_status", "status", {*status});
  }
  SAWT_TRY_STATUS(auth::Authorize(caller, "messaging.terms.write", std::nullopt));
  Assignments set;
  set.SetIf("status", status);
  set.SetIf("replacement", replacement);
  return store::WriteValue<Json>(store_, [&](Tx& tx) -> Result<Json> {
    SAWT_ASSIGN_OR_RETURN(Row old, LoadOne(tx, std::string("SELECT ") + kTermColumns + " FROM message_terms WHERE id = $1",
                                           id, "messaging.term_not_found"));
    if (if_match && *if_match != old.Int(5)) return Error::PreconditionFailed();
    SAWT_ASSIGN_OR_RETURN(bool updated, GuardedUpdate(tx, "message_terms", set, id, old.Int(5)));
    if (!updated) return MissOrStale(tx, "message_terms", id, "messaging.term_not_found").error();
    SAWT_ASSIGN_OR_RETURN(Row row, LoadOne(tx, std::string("SELECT ") + kTermColumns + " FROM message_terms WHERE id = $1",
                                           id, "messaging.term_not_found"));
    SAWT_TRY_STATUS(AppendEvent(tx, caller, "messaging.term_updated", std::nullopt, "term", id, set.changed));
    return TermJson(row);
  });
}

Status MessagingService::DeleteTerm(const auth::Caller& caller, int64_t id) {
  SAWT_TRY_STATUS(auth::Authorize(caller, "messaging.terms.write", std::nullopt));
  return store_.Write([&](Tx& tx) -> Status {
    auto n = tx.Exec("DELETE FROM message_terms WHERE id = $1", {id});
    if (!n) return std::move(n).error();
    if (*n == 0) return Error::NotFound("messaging.term_not_found", {std::to_string(id)});
    return AppendEvent(tx, caller, "messaging.term_deleted", std::nullopt, "term", id, Json::object());
  });
}

// ---- entity aliases ----

Result<Json> MessagingService::ListAliases(const auth::Caller& caller, std::optional<int64_t> entity_id) {
  SAWT_TRY_STATUS(auth::Authorize(caller, "messaging.library.read", std::nullopt));
  return store::ReadValue<Json>(store_, [&](Tx& tx) -> Result<Json> {
    std::vector<Value> params;
    std::string sql = "SELECT id, entity_id, alias, lang, created_at FROM entity_aliases";
    if (entity_id) {
      params.push_back(*entity_id);
      sql += " WHERE entity_id = $1";
    }
    auto rows = tx.Query(sql + " ORDER BY id", params);
    if (!rows) return std::move(rows).error();
    Json items = Json::array();
    for (const auto& r : *rows) {
      items.push_back({{"id", r.Int(0)}, {"entity_id", r.Int(1)}, {"alias", r.Text(2)}, {"lang", r.Text(3)},
                       {"created_at", r.Text(4)}});
    }
    return Json{{"items", items}};
  });
}

Result<Json> MessagingService::CreateAlias(const auth::Caller& caller, const Json& body) {
  JsonReader in(body);
  auto entity_id = in.Int("entity_id", true);
  auto alias = in.String("alias", true, 300);
  auto lang = in.String("lang", true, 2);
  SAWT_TRY_STATUS(in.Finish());
  if (!IsLang(*lang)) return Error::InvalidInput("messaging.bad_lang", "lang", {*lang});
  SAWT_TRY_STATUS(Analysable(*alias, "alias"));
  SAWT_TRY_STATUS(auth::Authorize(caller, "messaging.aliases.write", *entity_id));
  return store::WriteValue<Json>(store_, [&](Tx& tx) -> Result<Json> {
    SAWT_TRY_STATUS(EntityExists(tx, *entity_id, "entity_id"));
    auto rows = tx.Query(
        "INSERT INTO entity_aliases (entity_id, alias, lang, created_at) VALUES ($1, $2, $3, $4) RETURNING id, created_at",
        {*entity_id, *alias, *lang, core::NowIsoUtc()});
    if (!rows) {
      if (rows.error().code == core::ErrorCode::kConflict) return Error::Conflict("messaging.alias_exists", {*alias}, "alias");
      return std::move(rows).error();
    }
    Json a = {{"id", (*rows)[0].Int(0)}, {"entity_id", *entity_id}, {"alias", *alias}, {"lang", *lang},
              {"created_at", (*rows)[0].Text(1)}};
    SAWT_TRY_STATUS(AppendEvent(tx, caller, "messaging.alias_created", *entity_id, "entity_alias", a["id"].get<int64_t>(), a));
    return a;
  });
}

Status MessagingService::DeleteAlias(const auth::Caller& caller, int64_t id) {
  return store_.Write([&](Tx& tx) -> Status {
    SAWT_ASSIGN_OR_RETURN(Row row, LoadOne(tx, "SELECT entity_id FROM entity_aliases WHERE id = $1", id,
                                           "messaging.alias_not_found"));
    SAWT_TRY_STATUS(auth::Authorize(caller, "messaging.aliases.write", row.Int(0)));
    auto n = tx.Exec("DELETE FROM entity_aliases WHERE id = $1", {id});
    if (!n) return std::move(n).error();
    return AppendEvent(tx, caller, "messaging.alias_deleted", row.Int(0), "entity_alias", id, Json::object());
  });
}

// ---- the alignment check ----

Result<std::shared_ptr<const AlignmentLibrary>> MessagingService::Library() {
  const int64_t epoch = epoch_->epoch.load(std::memory_order_acquire);
  const std::string today = core::NowIsoUtc().substr(0, 10);
  std::shared_ptr<const AlignmentLibrary> current;
  int64_t current_epoch = 0;
  {
    std::lock_guard<std::mutex> lock(mu_);
    if (library_ && library_day_ == today) {
      if (library_epoch_ == epoch) return library_;
      current = library_;
      current_epoch = library_epoch_;
    }
  }
  if (current) {
    // Most commits (calendar entries, content items, sessions, the outbox) do not touch the library:
    // look at the events since the snapshot and keep it unless one of them changed what it holds.
    auto touched = store::ReadValue<bool>(store_, [&](Tx& tx) -> Result<bool> {
      auto rows = tx.Query(
          "SELECT 1 FROM events WHERE id > $1 AND id <= $2 AND object_type IN ('theme', 'key_message', 'fact', "
          "'term', 'entity_alias', 'entity') LIMIT 1",
          {current_epoch, epoch});
      if (!rows) return std::move(rows).error();
      return !rows->empty();
    });
    if (!touched) return std::move(touched).error();
    if (!*touched) {
      std::lock_guard<std::mutex> lock(mu_);
      if (library_ == current && library_epoch_ < epoch) library_epoch_ = epoch;
      return current;
    }
  }
  auto snapshot = store::ReadValue<LibrarySnapshot>(store_, [&](Tx& tx) -> Result<LibrarySnapshot> {
    LibrarySnapshot s;
    auto themes = tx.Query("SELECT code, name_ar, name_en FROM message_themes");
    if (!themes) return std::move(themes).error();
    for (const auto& r : *themes) s.theme_names[r.Text(0)] = {r.Text(1), r.Text(2)};
    auto messages = tx.Query(
        "SELECT k.id, t.code, k.text_ar, k.text_en FROM key_messages k JOIN message_themes t ON t.id = k.theme_id "
        "WHERE k.state = 'approved' AND (k.valid_from IS NULL OR k.valid_from <= $1) AND (k.valid_until IS NULL OR "
        "k.valid_until >= $1) ORDER BY k.id",
        {today});
    if (!messages) return std::move(messages).error();
    for (const auto& r : *messages) s.messages.push_back({r.Int(0), r.Text(1), r.Text(2), r.Text(3)});
    auto facts = tx.Query(std::string("SELECT ") + kFactColumns +
                              " FROM facts WHERE state = 'approved' AND (valid_until IS NULL OR valid_until >= $1) ORDER BY id",
                          {today});
    if (!facts) return std::move(facts).error();
    for (const auto& r : *facts) {
      FactEntry f;
      f.id = r.Int(0);
      f.key = r.Text(1);
      f.kind = r.Text(2);
      f.label_ar = r.Text(3);
      f.label_en = r.Text(4);
      f.value_ar = r.Text(5);
      f.value_en = r.Text(6);
      f.numeric_value = r.IsNull(7) ? 0 : r.Double(7);
      f.date_value = r.OptText(8).value_or("");
      f.as_of = r.Text(9);
      s.facts.push_back(std::move(f));
    }
    auto terms = tx.Query("SELECT id, term, lang, status, replacement FROM message_terms ORDER BY id");
    if (!terms) return std::move(terms).error();
    for (const auto& r : *terms) s.terms.push_back({r.Int(0), r.Text(1), r.Text(2), r.Text(3), r.Text(4)});
    // Official names come from the network module's entities (read-only).
    auto aliases = tx.Query(
        "SELECT a.entity_id, e.name_ar, e.name_en, a.alias, a.lang FROM entity_aliases a JOIN entities e ON e.id = "
        "a.entity_id ORDER BY a.entity_id, a.id");
    if (!aliases) return std::move(aliases).error();
    for (const auto& r : *aliases) {
      if (s.entities.empty() || s.entities.back().entity_id != r.Int(0)) {
        s.entities.push_back({r.Int(0), r.Text(1), r.Text(2), {}});
      }
      s.entities.back().aliases.push_back({r.Text(3), r.Text(4)});
    }
    return s;
  });
  if (!snapshot) return std::move(snapshot).error();
  auto lib = std::make_shared<const AlignmentLibrary>(std::move(*snapshot));
  std::lock_guard<std::mutex> lock(mu_);
  if (!library_ || library_epoch_ <= epoch) {
    library_ = lib;
    library_epoch_ = epoch;
    library_day_ = today;
  }
  return lib;
}

Result<Json> MessagingService::CheckDraft(const auth::Caller& caller, const Json& body) {
  JsonReader in(body);
  auto text_ar = in.String("text_ar", false, kMaxDraftBytes, false);
  auto text_en = in.String("text_en", false, kMaxDraftBytes, false);
  const Json* themes_raw = in.Raw("themes");
  auto entity_id = in.Int("entity_id", false);
  SAWT_TRY_STATUS(in.Finish());
  Draft draft;
  if (text_ar && !text_ar->empty()) draft.text_ar = *text_ar;
  if (text_en && !text_en->empty()) draft.text_en = *text_en;
  if (!draft.text_ar && !draft.text_en) return Error::InvalidInput("messaging.draft_empty", "text_ar");
  if (themes_raw && !themes_raw->is_null()) {
    if (!themes_raw->is_array() || themes_raw->size() > 20) return Error::InvalidInput("messaging.bad_themes", "themes");
    for (const auto& t : *themes_raw) {
      if (!t.is_string()) return Error::InvalidInput("messaging.bad_themes", "themes");
      draft.themes.push_back(t.get<std::string>());
    }
  }
  SAWT_TRY_STATUS(auth::Authorize(caller, "messaging.alignment.check", entity_id));
  SAWT_ASSIGN_OR_RETURN(auto lib, Library());
  for (const auto& t : draft.themes) {
    if (!lib->snapshot().theme_names.count(t)) return Error::InvalidInput("messaging.unknown_theme", "themes", {t});
  }
  Json report = AlignmentJson(CheckAlignment(draft, *lib));
  report["entity_id"] = entity_id ? Json(*entity_id) : Json(nullptr);
  report["library"] = {{"key_messages", lib->snapshot().messages.size()},
                       {"facts", lib->snapshot().facts.size()},
                       {"terms", lib->snapshot().terms.size()}};
  return report;
}

// ---- content items ----

namespace {

constexpr const char* kItemColumns =
    "id, kind, owner_entity_id, title_ar, title_en, body_ar, body_en, themes, channels, planned_at, state, strategic, "
    "reviewer_approved_by, network_approved_by, published_at, version, created_by, created_at, updated_at";
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
  return {{"id", r.Int(0)},
          {"kind", r.Text(1)},
          {"owner_entity_id", r.Int(2)},
          {"title_ar", r.Text(3)},
          {"title_en", r.Text(4)},
          {"body_ar", r.Text(5)},
          {"body_en", r.Text(6)},
          {"themes", Json::parse(r.Text(7))},
          {"channels", Json::parse(r.Text(8))},
          {"planned_at", OptJson(r.OptText(9))},
          {"state", r.Text(10)},
          {"strategic", r.Int(11) != 0},
          {"approvals", {{"reviewer", OptJson(r.OptText(12))}, {"network", OptJson(r.OptText(13))}}},
          {"published_at", OptJson(r.OptText(14))},
          {"version", r.Int(15)},
          {"created_by", r.Text(16)},
          {"created_at", r.Text(17)},
          {"updated_at", r.Text(18)}};
}

Result<Row> LoadItem(Tx& tx, int64_t id) {
  return LoadOne(tx, std::string("SELECT ") + kItemColumns + " FROM content_items WHERE id = $1", id,
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
    strategic = strategic || (*rows)[0].Int(0) != 0;
  }
  return strategic;
}

/// Keeps the row as saved (every save and every transition is one version).
Status StoreItemVersion(Tx& tx, const Row& r, const std::string& by) {
  auto n = tx.Exec(
      "INSERT INTO content_item_versions (item_id, version, kind, title_ar, title_en, body_ar, body_en, themes, "
      "channels, planned_at, state, saved_by, saved_at) VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12, $13)",
      {r.Int(0), r.Int(15), r.Text(1), r.Text(3), r.Text(4), r.Text(5), r.Text(6), r.Text(7), r.Text(8),
       store::OrNull(r.OptText(9)), r.Text(10), by, core::NowIsoUtc()});
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

bool HoldsReviewRole(const auth::Caller& caller, int64_t entity) {
  auto it = caller.roles.find(entity);
  if (it == caller.roles.end()) return false;
  return it->second.count(auth::Role::kReviewer) > 0 || it->second.count(auth::Role::kEntityAdmin) > 0;
}

/// Word tokens of a text (the text engine's tokenizer: an Arabic word is one unit).
std::vector<std::string> Words(const std::string& text) {
  std::vector<std::string> out;
  for (const auto& t : text::Tokenize(text)) out.emplace_back(t.text);
  return out;
}

/// Word-level diff: common prefix and suffix, then an LCS over the middle (bounded; beyond the bound
/// the middle is one delete and one insert).
Json WordDiff(const std::string& a_text, const std::string& b_text, int64_t& inserted, int64_t& deleted) {
  const auto a = Words(a_text), b = Words(b_text);
  size_t pre = 0;
  while (pre < a.size() && pre < b.size() && a[pre] == b[pre]) ++pre;
  size_t suf = 0;
  while (suf < a.size() - pre && suf < b.size() - pre && a[a.size() - 1 - suf] == b[b.size() - 1 - suf]) ++suf;
  Json ops = Json::array();
  auto push = [&](const char* op, const std::string& t) {
    ops.push_back({{"op", op}, {"text", t}});
    if (std::string(op) == "insert") ++inserted;
    if (std::string(op) == "delete") ++deleted;
  };
  for (size_t i = 0; i < pre; ++i) push("equal", a[i]);
  const size_t n = a.size() - pre - suf, m = b.size() - pre - suf;
  if (n * m > 4000000) {
    for (size_t i = 0; i < n; ++i) push("delete", a[pre + i]);
    for (size_t j = 0; j < m; ++j) push("insert", b[pre + j]);
  } else {
    // lcs[i][j] = LCS length of a[pre+i..] and b[pre+j..].
    std::vector<uint32_t> lcs((n + 1) * (m + 1), 0);
    auto at = [&](size_t i, size_t j) -> uint32_t& { return lcs[i * (m + 1) + j]; };
    for (size_t i = n; i-- > 0;) {
      for (size_t j = m; j-- > 0;) {
        at(i, j) = a[pre + i] == b[pre + j] ? at(i + 1, j + 1) + 1 : std::max(at(i + 1, j), at(i, j + 1));
      }
    }
    size_t i = 0, j = 0;
    while (i < n || j < m) {
      if (i < n && j < m && a[pre + i] == b[pre + j]) {
        push("equal", a[pre + i]);
        ++i;
        ++j;
      } else if (j < m && (i == n || at(i, j + 1) >= at(i + 1, j))) {
        push("insert", b[pre + j++]);
      } else {
        push("delete", a[pre + i++]);
      }
    }
  }
  for (size_t k = a.size() - suf; k < a.size(); ++k) push("equal", a[k]);
  return ops;
}

std::string XmlEscape(const std::string& s) {
  std::string out;
  out.reserve(s.size());
  for (char c : s) {
    switch (c) {
      case '&': out += "&amp;"; break;
      case '<': out += "&lt;"; break;
      case '>': out += "&gt;"; break;
      case '"': out += "&quot;"; break;
      case '\'': out += "&apos;"; break;
      default:
        // Control characters other than tab, LF and CR are not allowed in XML 1.0.
        if (static_cast<unsigned char>(c) < 0x20 && c != '\t' && c != '\n' && c != '\r') break;
        out += c;
    }
  }
  return out;
}

/// RFC 3339 timestamp for Atom from "YYYY-MM-DD" or a full UTC timestamp.
std::string AtomTime(const std::string& s) {
  if (s.size() == 10) return s + "T00:00:00Z";
  return s;
}

}  // namespace

Result<Json> MessagingService::WithAlignment(Json item) {
  Draft draft;
  auto join = [](const std::string& title, const std::string& body) -> std::optional<std::string> {
    if (title.empty() && body.empty()) return std::nullopt;
    if (title.empty()) return body;
    if (body.empty()) return title;
    return title + "\n\n" + body;
  };
  draft.text_ar = join(item["title_ar"].get<std::string>(), item["body_ar"].get<std::string>());
  draft.text_en = join(item["title_en"].get<std::string>(), item["body_en"].get<std::string>());
  SAWT_ASSIGN_OR_RETURN(auto lib, Library());
  for (const auto& t : item["themes"]) {
    // A theme removed from the library since the save is left out of the check.
    if (lib->snapshot().theme_names.count(t.get<std::string>())) draft.themes.push_back(t.get<std::string>());
  }
  if (!draft.text_ar && !draft.text_en) {
    item["alignment"] = {{"findings", Json::array()}, {"summary", {{"error", 0}, {"warning", 0}, {"info", 0}}}};
    return item;
  }
  item["alignment"] = AlignmentJson(CheckAlignment(draft, *lib));
  return item;
}

Result<Json> MessagingService::CreateContentItem(const auth::Caller& caller, const Json& body) {
  JsonReader in(body);
  auto kind = in.String("kind", true, 32);
  auto owner = in.Int("owner_entity_id", true);
  auto title_ar = in.String("title_ar", false, kMaxTitleBytes, false);
  auto title_en = in.String("title_en", false, kMaxTitleBytes, false);
  auto body_ar = in.String("body_ar", false, kMaxBodyBytes, false);
  auto body_en = in.String("body_en", false, kMaxBodyBytes, false);
  const Json* themes_raw = in.Raw("themes");
  const Json* channels_raw = in.Raw("channels");
  DateField planned;
  planned.clear = in.IsNull("planned_at");
  if (planned.clear) {
    in.Raw("planned_at");
  } else {
    planned.value = in.String("planned_at", false, 20);
  }
  SAWT_TRY_STATUS(in.Finish());
  if (!kKinds.count(*kind)) return Error::InvalidInput("messaging.bad_content_kind", "kind", {*kind});
  if (title_ar.value_or("").empty() && title_en.value_or("").empty()) {
    return Error::InvalidInput("messaging.content_title_required", "title_ar");
  }
  SAWT_ASSIGN_OR_RETURN(auto themes, ReadCodes(themes_raw, "themes", "messaging.bad_themes", nullptr));
  SAWT_ASSIGN_OR_RETURN(auto channels, ReadCodes(channels_raw, "channels", "messaging.bad_channel", &KnownChannels()));
  if (planned.value && !IsPlannedAt(*planned.value)) return Error::InvalidInput("messaging.bad_planned_at", "planned_at");
  SAWT_TRY_STATUS(auth::Authorize(caller, "messaging.content.write", *owner));
  auto made = store::WriteValue<Json>(store_, [&](Tx& tx) -> Result<Json> {
    SAWT_TRY_STATUS(EntityExists(tx, *owner, "owner_entity_id"));
    const std::string theme_list = themes.value_or("[]");
    SAWT_ASSIGN_OR_RETURN(bool strategic, ThemesStrategic(tx, theme_list));
    const std::string now = core::NowIsoUtc();
    auto rows = tx.Query(
        "INSERT INTO content_items (kind, owner_entity_id, title_ar, title_en, body_ar, body_en, themes, channels, "
        "planned_at, state, strategic, created_by, created_at, updated_at) VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, "
        "'draft', $10, $11, $12, $12) RETURNING id",
        {*kind, *owner, title_ar.value_or(""), title_en.value_or(""), body_ar.value_or(""), body_en.value_or(""),
         theme_list, channels.value_or("[]"), store::OrNull(planned.value), int64_t{strategic ? 1 : 0}, caller.login,
         now});
    if (!rows) return std::move(rows).error();
    const int64_t id = (*rows)[0].Int(0);
    SAWT_ASSIGN_OR_RETURN(Row row, LoadItem(tx, id));
    SAWT_TRY_STATUS(StoreItemVersion(tx, row, caller.login));
    Json item = ItemJson(row);
    SAWT_TRY_STATUS(AppendEvent(tx, caller, "messaging.content_item_created", *owner, "content_item", id, item));
    return item;
  });
  if (!made) return made;
  return WithAlignment(std::move(*made));
}

Result<Json> MessagingService::GetContentItem(const auth::Caller& caller, int64_t id) {
  SAWT_TRY_STATUS(auth::Authorize(caller, "messaging.content.read", std::nullopt));
  auto item = store::ReadValue<Json>(store_, [&](Tx& tx) -> Result<Json> {
    SAWT_ASSIGN_OR_RETURN(Row row, LoadItem(tx, id));
    return ItemJson(row);
  });
  if (!item) return item;
  return WithAlignment(std::move(*item));
}

Result<Json> MessagingService::ListContentItems(const auth::Caller& caller, std::optional<std::string> state,
                                                std::optional<int64_t> entity_id, std::optional<std::string> kind,
                                                const module::Page& page) {
  SAWT_TRY_STATUS(auth::Authorize(caller, "messaging.content.read", std::nullopt));
  if (state && !kItemStates.count(*state)) return Error::InvalidInput("messaging.bad_content_state", "state", {*state});
  if (kind && !kKinds.count(*kind)) return Error::InvalidInput("messaging.bad_content_kind", "kind", {*kind});
  return store::ReadValue<Json>(store_, [&](Tx& tx) -> Result<Json> {
    std::vector<Value> params = {page.after_id, int64_t{page.limit}};
    std::string sql = std::string("SELECT ") + kItemColumns + " FROM content_items WHERE id > $1";
    if (state) {
      params.push_back(*state);
      sql += " AND state = $" + std::to_string(params.size());
    }
    if (entity_id) {
      params.push_back(*entity_id);
      sql += " AND owner_entity_id = $" + std::to_string(params.size());
    }
    if (kind) {
      params.push_back(*kind);
      sql += " AND kind = $" + std::to_string(params.size());
    }
    return module::QueryPage(tx, sql + " ORDER BY id LIMIT $2", params, page, ItemJson);
  });
}

Result<Json> MessagingService::UpdateContentItem(const auth::Caller& caller, int64_t id, std::optional<int64_t> if_match,
                                                 const Json& body) {
  JsonReader in(body);
  auto kind = in.String("kind", false, 32);
  auto title_ar = in.String("title_ar", false, kMaxTitleBytes, false);
  auto title_en = in.String("title_en", false, kMaxTitleBytes, false);
  auto body_ar = in.String("body_ar", false, kMaxBodyBytes, false);
  auto body_en = in.String("body_en", false, kMaxBodyBytes, false);
  const Json* themes_raw = in.Raw("themes");
  const Json* channels_raw = in.Raw("channels");
  DateField planned;
  planned.clear = in.IsNull("planned_at");
  if (planned.clear) {
    in.Raw("planned_at");
  } else {
    planned.value = in.String("planned_at", false, 20);
  }
  SAWT_TRY_STATUS(in.Finish());
  if (kind && !kKinds.count(*kind)) return Error::InvalidInput("messaging.bad_content_kind", "kind", {*kind});
  SAWT_ASSIGN_OR_RETURN(auto themes, ReadCodes(themes_raw, "themes", "messaging.bad_themes", nullptr));
  SAWT_ASSIGN_OR_RETURN(auto channels, ReadCodes(channels_raw, "channels", "messaging.bad_channel", &KnownChannels()));
  if (planned.value && !IsPlannedAt(*planned.value)) return Error::InvalidInput("messaging.bad_planned_at", "planned_at");
  Assignments set;
  set.SetIf("kind", kind);
  set.SetIf("title_ar", title_ar);
  set.SetIf("title_en", title_en);
  set.SetIf("body_ar", body_ar);
  set.SetIf("body_en", body_en);
  if (channels) set.Set("channels", *channels, Json::parse(*channels));
  if (planned.value) set.Set("planned_at", *planned.value, *planned.value);
  if (planned.clear) set.Set("planned_at", store::Null(), nullptr);
  auto saved = store::WriteValue<Json>(store_, [&](Tx& tx) -> Result<Json> {
    SAWT_ASSIGN_OR_RETURN(Row old, LoadItem(tx, id));
    const int64_t owner = old.Int(2);
    SAWT_TRY_STATUS(auth::Authorize(caller, "messaging.content.write", owner));
    if (if_match && *if_match != old.Int(15)) return Error::PreconditionFailed();
    const std::string state = old.Text(10);
    if (state != "draft" && state != "changes_requested") {
      return Error::Conflict("messaging.content_item_locked", {std::to_string(id), state});
    }
    const std::string new_title_ar = title_ar.value_or(old.Text(3)), new_title_en = title_en.value_or(old.Text(4));
    if (new_title_ar.empty() && new_title_en.empty()) {
      return Error::InvalidInput("messaging.content_title_required", "title_ar");
    }
    Assignments all = set;
    if (themes) {
      SAWT_ASSIGN_OR_RETURN(bool strategic, ThemesStrategic(tx, *themes));
      all.Set("themes", *themes, Json::parse(*themes));
      all.Set("strategic", int64_t{strategic ? 1 : 0}, strategic);
    }
    SAWT_ASSIGN_OR_RETURN(bool updated, GuardedUpdate(tx, "content_items", all, id, old.Int(15)));
    if (!updated) return MissOrStale(tx, "content_items", id, "messaging.content_item_not_found").error();
    SAWT_ASSIGN_OR_RETURN(Row row, LoadItem(tx, id));
    SAWT_TRY_STATUS(StoreItemVersion(tx, row, caller.login));
    SAWT_TRY_STATUS(AppendEvent(tx, caller, "messaging.content_item_updated", owner, "content_item", id, all.changed));
    return ItemJson(row);
  });
  if (!saved) return saved;
  return WithAlignment(std::move(*saved));
}

Result<Json> MessagingService::TransitionContentItem(const auth::Caller& caller, int64_t id,
                                                     std::optional<int64_t> if_match, const Json& body) {
  JsonReader in(body);
  auto to = in.String("to", true, 32);
  auto comment = in.String("comment", false, 2000, false);
  SAWT_TRY_STATUS(in.Finish());
  if (!kItemStates.count(*to)) return Error::InvalidInput("messaging.bad_content_state", "to", {*to});
  auto moved = store::WriteValue<Json>(store_, [&](Tx& tx) -> Result<Json> {
    SAWT_ASSIGN_OR_RETURN(Row old, LoadItem(tx, id));
    const int64_t owner = old.Int(2);
    const std::string from = old.Text(10);
    const char* permission = StepPermission(from, *to);
    // Every member may read the item, so a stale If-Match is reported first (two reviewers acting at
    // once: the loser learns the item changed, whatever the winner did).
    if (if_match && *if_match != old.Int(15)) return Error::PreconditionFailed();
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
    std::string effective = *to;
    Assignments set;
    if (*to == "approved") {
      // Approval of an item with a strategic theme needs a reviewer of the owner entity and a network
      // admin; each approval is recorded (approvals.reviewer / approvals.network) and the item stays
      // in review until both are there. A network admin who also reviews for the owner entity gives both.
      const bool by_network = caller.network_admin;
      const bool by_reviewer = !caller.network_admin || HoldsReviewRole(caller, owner);
      std::optional<std::string> reviewer = old.OptText(12), network = old.OptText(13);
      if (old.Int(11) != 0) {
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
    if (*to == "published") set.Set("published_at", core::NowIsoUtc(), core::NowIsoUtc());
    // A stored channel variant over its platform's limit blocks scheduling and publishing.
    if (effective == "scheduled" || effective == "published") SAWT_TRY_STATUS(PublicationService::CheckStoredVariants(tx, id));
    set.Set("state", effective, effective);
    SAWT_ASSIGN_OR_RETURN(bool updated, GuardedUpdate(tx, "content_items", set, id, old.Int(15)));
    if (!updated) return MissOrStale(tx, "content_items", id, "messaging.content_item_not_found").error();
    SAWT_ASSIGN_OR_RETURN(Row row, LoadItem(tx, id));
    SAWT_TRY_STATUS(StoreItemVersion(tx, row, caller.login));
    Json event = {{"from", from},
                  {"to", effective},
                  {"requested", *to},
                  {"comment", comment ? Json(*comment) : Json(nullptr)},
                  {"version", row.Int(15)}};
    // The outbox rows are written in the transition's transaction: published ⇔ queued.
    if (effective == "published") {
      SAWT_ASSIGN_OR_RETURN(auto queued, PublicationService::QueuePublications(tx, id));
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
  return WithAlignment(std::move(*moved));
}

Result<Json> MessagingService::ContentItemVersions(const auth::Caller& caller, int64_t id) {
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
      items.push_back({{"version", r.Int(0)},
                       {"state", r.Text(1)},
                       {"title_ar", r.Text(2)},
                       {"title_en", r.Text(3)},
                       {"saved_by", r.Text(4)},
                       {"saved_at", r.Text(5)},
                       {"current", r.Int(0) == item.Int(15)}});
    }
    return Json{{"item_id", id}, {"items", items}};
  });
}

Result<Json> MessagingService::DiffContentItem(const auth::Caller& caller, int64_t id, std::optional<int64_t> from,
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
    for (int i = 0; i < 4; ++i) fields[names[i]] = WordDiff(a.Text(i), b.Text(i), inserted, deleted);
    return Json{{"item_id", id},
                {"from", {{"version", *from}, {"state", a.Text(4)}, {"saved_by", a.Text(5)}, {"saved_at", a.Text(6)}}},
                {"to", {{"version", *to}, {"state", b.Text(4)}, {"saved_by", b.Text(5)}, {"saved_at", b.Text(6)}}},
                {"fields", fields},
                {"summary", {{"inserted", inserted}, {"deleted", deleted}}}};
  });
}

Result<std::string> MessagingService::AtomFeed(const std::optional<std::string>& entity_code,
                                                const std::string& self_url) {
  struct Entry {
    int64_t id;
    std::string title_ar, title_en, body_ar, published_at, updated_at, entity_ar;
  };
  struct Feed {
    std::string title_ar, title_en;
    std::vector<Entry> entries;
  };
  auto feed = store::ReadValue<Feed>(store_, [&](Tx& tx) -> Result<Feed> {
    Feed f;
    std::vector<Value> params;
    std::string sql =
        "SELECT c.id, c.title_ar, c.title_en, c.body_ar, c.published_at, c.updated_at, e.name_ar FROM content_items c "
        "JOIN entities e ON e.id = c.owner_entity_id WHERE c.state = 'published' AND c.kind <> 'internal_memo'";
    if (entity_code) {
      auto rows = tx.Query("SELECT id, name_ar, name_en FROM entities WHERE code = $1", {*entity_code});
      if (!rows) return std::move(rows).error();
      if (rows->empty()) return Error::NotFound("messaging.feed_entity_not_found", {*entity_code});
      f.title_ar = (*rows)[0].Text(1);
      f.title_en = (*rows)[0].Text(2);
      params.push_back((*rows)[0].Int(0));
      sql += " AND c.owner_entity_id = $1";
    } else {
      f.title_ar = "الأخبار الحكومية";
      f.title_en = "Government news";
    }
    auto rows = tx.Query(sql + " ORDER BY c.published_at DESC, c.id DESC LIMIT 50", params);
    if (!rows) return std::move(rows).error();
    for (const auto& r : *rows) {
      f.entries.push_back({r.Int(0), r.Text(1), r.Text(2), r.Text(3), r.OptText(4).value_or(r.Text(5)), r.Text(5),
                           r.Text(6)});
    }
    return f;
  });
  if (!feed) return std::move(feed).error();
  std::string updated = feed->entries.empty() ? std::string("1970-01-01T00:00:00Z") : feed->entries.front().published_at;
  for (const auto& e : feed->entries) updated = std::max(updated, AtomTime(e.updated_at));
  std::string xml = "<?xml version=\"1.0\" encoding=\"utf-8\"?>\n<feed xmlns=\"http://www.w3.org/2005/Atom\" xml:lang=\"ar\">\n";
  xml += "  <id>urn:sawt:feed:" + XmlEscape(entity_code.value_or("government")) + "</id>\n";
  xml += "  <title>" + XmlEscape(feed->title_ar) + "</title>\n";
  xml += "  <subtitle xml:lang=\"en\">" + XmlEscape(feed->title_en) + "</subtitle>\n";
  xml += "  <updated>" + XmlEscape(AtomTime(updated)) + "</updated>\n";
  xml += "  <link rel=\"self\" href=\"" + XmlEscape(self_url) + "\"/>\n";
  for (const auto& e : feed->entries) {
    xml += "  <entry>\n";
    xml += "    <id>urn:sawt:content-item:" + std::to_string(e.id) + "</id>\n";
    xml += "    <title>" + XmlEscape(e.title_ar.empty() ? e.title_en : e.title_ar) + "</title>\n";
    xml += "    <published>" + XmlEscape(AtomTime(e.published_at)) + "</published>\n";
    xml += "    <updated>" + XmlEscape(AtomTime(e.updated_at)) + "</updated>\n";
    xml += "    <author><name>" + XmlEscape(e.entity_ar) + "</name></author>\n";
    xml += "    <content type=\"text\">" + XmlEscape(e.body_ar) + "</content>\n";
    xml += "  </entry>\n";
  }
  xml += "</feed>\n";
  return xml;
}

}  // namespace sawt::messaging
