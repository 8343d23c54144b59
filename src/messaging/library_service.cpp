#include "messaging/library_service.hpp"

#include "messaging/resources.hpp"

#include "auth/policy.hpp"
#include "core/clock.hpp"
#include "messaging/detail/fields.hpp"
#include "module/service_names.hpp"
#include "module/write_helpers.hpp"
#include "text/analyzer.hpp"

namespace sawt::messaging {
namespace {

using namespace module::service_names;  // NOLINT: the service files' shared vocabulary
using detail::EntityExists;
using detail::IsLang;
using detail::IsSlug;

const std::string& ThemeColumns() {
  static const std::string* columns = new std::string(ThemeResource().Columns());
  return *columns;
}
const std::string& TermColumns() {
  static const std::string* columns = new std::string(TermResource().Columns());
  return *columns;
}

Json ThemeJson(const Row& r) { return ThemeResource().ToJson(r); }
Json TermJson(const Row& r) { return TermResource().ToJson(r); }
Json AliasJson(const Row& r) { return AliasResource().ToJson(r); }

const text::Analyzer& TheAnalyzer() {
  static const text::Analyzer analyzer;
  return analyzer;
}

Result<Row> LoadTheme(Tx& tx, int64_t id) {
  return LoadOne(tx, std::string("SELECT ") + ThemeColumns() + " FROM message_themes WHERE id = $1", id,
                 "messaging.theme_not_found");
}

Status Analysable(const std::string& s, const char* field) {
  if (TheAnalyzer().Terms(s).empty()) return Error::InvalidInput("messaging.not_analysable", field);
  return Ok();
}

}  // namespace

std::vector<store::Migration> LibraryService::Migrations() {
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
)SQL"}};
}

// ---- themes ----

Result<Json> LibraryService::ListThemes(const auth::Caller& caller) {
  SAWT_TRY_STATUS(auth::Authorize(caller, "messaging.library.read", std::nullopt));
  return store::ReadValue<Json>(store_, [&](Tx& tx) -> Result<Json> {
    return module::QueryAll(tx, std::string("SELECT ") + ThemeColumns() + " FROM message_themes ORDER BY id", {}, ThemeJson);
  });
}

Result<Json> LibraryService::CreateTheme(const auth::Caller& caller, const Json& body) {
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
    SAWT_TRY_STATUS(EntityExists(entities_(), tx, *owner, "owner_entity_id"));
    const std::string now = store_.clock().NowIsoUtc();
    auto rows = tx.Query(std::string("INSERT INTO message_themes (code, name_ar, name_en, owner_entity_id, strategic, "
                                     "created_at, updated_at) VALUES ($1, $2, $3, $4, $5, $6, $6) RETURNING ") +
                             ThemeColumns(),
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

Result<Json> LibraryService::UpdateTheme(const auth::Caller& caller, int64_t id, std::optional<int64_t> if_match,
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
    const int64_t owner = row.Int("owner_entity_id");
    SAWT_TRY_STATUS(auth::Authorize(caller, "messaging.themes.write", owner));
    if (strategic && *strategic != (row.Int("strategic") != 0)) {
      SAWT_TRY_STATUS(auth::Authorize(caller, "messaging.themes.strategic", std::nullopt));
    }
    if (if_match && *if_match != row.Int("version")) return Error::PreconditionFailed();
    SAWT_ASSIGN_OR_RETURN(bool updated, GuardedUpdate(tx, "message_themes", set, id, row.Int("version")));
    if (!updated) return MissOrStale(tx, "message_themes", id, "messaging.theme_not_found").error();
    SAWT_ASSIGN_OR_RETURN(Row now, LoadTheme(tx, id));
    SAWT_TRY_STATUS(AppendEvent(tx, caller, "messaging.theme_updated", owner, "theme", id, set.changed));
    return ThemeJson(now);
  });
}

// ---- terms ----

Result<Json> LibraryService::ListTerms(const auth::Caller& caller) {
  SAWT_TRY_STATUS(auth::Authorize(caller, "messaging.library.read", std::nullopt));
  return store::ReadValue<Json>(store_, [&](Tx& tx) -> Result<Json> {
    return module::QueryAll(tx, std::string("SELECT ") + TermColumns() + " FROM message_terms ORDER BY id", {}, TermJson);
  });
}

Result<Json> LibraryService::CreateTerm(const auth::Caller& caller, const Json& body) {
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
    const std::string now = store_.clock().NowIsoUtc();
    auto rows = tx.Query(std::string("INSERT INTO message_terms (term, lang, status, replacement, created_at, updated_at) "
                                     "VALUES ($1, $2, $3, $4, $5, $5) RETURNING ") +
                             TermColumns(),
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

Result<Json> LibraryService::UpdateTerm(const auth::Caller& caller, int64_t id, std::optional<int64_t> if_match,
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
    SAWT_ASSIGN_OR_RETURN(Row old, LoadOne(tx, std::string("SELECT ") + TermColumns() + " FROM message_terms WHERE id = $1",
                                           id, "messaging.term_not_found"));
    if (if_match && *if_match != old.Int("version")) return Error::PreconditionFailed();
    SAWT_ASSIGN_OR_RETURN(bool updated, GuardedUpdate(tx, "message_terms", set, id, old.Int("version")));
    if (!updated) return MissOrStale(tx, "message_terms", id, "messaging.term_not_found").error();
    SAWT_ASSIGN_OR_RETURN(Row row, LoadOne(tx, std::string("SELECT ") + TermColumns() + " FROM message_terms WHERE id = $1",
                                           id, "messaging.term_not_found"));
    SAWT_TRY_STATUS(AppendEvent(tx, caller, "messaging.term_updated", std::nullopt, "term", id, set.changed));
    return TermJson(row);
  });
}

Status LibraryService::DeleteTerm(const auth::Caller& caller, int64_t id) {
  SAWT_TRY_STATUS(auth::Authorize(caller, "messaging.terms.write", std::nullopt));
  return store_.Write([&](Tx& tx) -> Status {
    auto n = tx.Exec("DELETE FROM message_terms WHERE id = $1", {id});
    if (!n) return std::move(n).error();
    if (*n == 0) return Error::NotFound("messaging.term_not_found", {std::to_string(id)});
    return AppendEvent(tx, caller, "messaging.term_deleted", std::nullopt, "term", id, Json::object());
  });
}

// ---- entity aliases ----

Result<Json> LibraryService::ListAliases(const auth::Caller& caller, std::optional<int64_t> entity_id) {
  SAWT_TRY_STATUS(auth::Authorize(caller, "messaging.library.read", std::nullopt));
  return store::ReadValue<Json>(store_, [&](Tx& tx) -> Result<Json> {
    std::vector<Value> params;
    std::string sql = "SELECT " + AliasResource().Columns() + " FROM entity_aliases";
    if (entity_id) {
      params.push_back(*entity_id);
      sql += " WHERE entity_id = $1";
    }
    return module::QueryAll(tx, sql + " ORDER BY id", params, AliasJson);
  });
}

Result<Json> LibraryService::CreateAlias(const auth::Caller& caller, const Json& body) {
  JsonReader in(body);
  auto entity_id = in.Int("entity_id", true);
  auto alias = in.String("alias", true, 300);
  auto lang = in.String("lang", true, 2);
  SAWT_TRY_STATUS(in.Finish());
  if (!IsLang(*lang)) return Error::InvalidInput("messaging.bad_lang", "lang", {*lang});
  SAWT_TRY_STATUS(Analysable(*alias, "alias"));
  SAWT_TRY_STATUS(auth::Authorize(caller, "messaging.aliases.write", *entity_id));
  return store::WriteValue<Json>(store_, [&](Tx& tx) -> Result<Json> {
    SAWT_TRY_STATUS(EntityExists(entities_(), tx, *entity_id, "entity_id"));
    auto rows = tx.Query(
        "INSERT INTO entity_aliases (entity_id, alias, lang, created_at) VALUES ($1, $2, $3, $4) RETURNING " +
            AliasResource().Columns(),
        {*entity_id, *alias, *lang, store_.clock().NowIsoUtc()});
    if (!rows) {
      if (rows.error().code == core::ErrorCode::kConflict) return Error::Conflict("messaging.alias_exists", {*alias}, "alias");
      return std::move(rows).error();
    }
    Json a = AliasJson((*rows)[0]);
    SAWT_TRY_STATUS(AppendEvent(tx, caller, "messaging.alias_created", *entity_id, "entity_alias", a["id"].get<int64_t>(), a));
    return a;
  });
}

Status LibraryService::DeleteAlias(const auth::Caller& caller, int64_t id) {
  return store_.Write([&](Tx& tx) -> Status {
    SAWT_ASSIGN_OR_RETURN(Row row, LoadOne(tx, "SELECT entity_id FROM entity_aliases WHERE id = $1", id,
                                           "messaging.alias_not_found"));
    SAWT_TRY_STATUS(auth::Authorize(caller, "messaging.aliases.write", row.Int("entity_id")));
    auto n = tx.Exec("DELETE FROM entity_aliases WHERE id = $1", {id});
    if (!n) return std::move(n).error();
    return AppendEvent(tx, caller, "messaging.alias_deleted", row.Int("entity_id"), "entity_alias", id,
                       Json::object());
  });
}

}  // namespace sawt::messaging
