#include "initiatives/initiatives_service.hpp"

#include "initiatives/resources.hpp"
#include "initiatives/vocabularies.hpp"

#include <algorithm>
#include <cmath>
#include <map>
#include <set>

#include "auth/policy.hpp"
#include "core/clock.hpp"
#include "module/service_names.hpp"
#include "module/write_helpers.hpp"
#include "search/search_indexer.hpp"

namespace sawt::initiatives {
namespace {

using namespace module::service_names;  // NOLINT: the service files' shared vocabulary

std::string SelectInitiatives() { return "SELECT " + InitiativeResource().Columns() + " FROM initiatives "; }

constexpr size_t kMaxTitle = 300;
constexpr size_t kMaxText = 4000;
constexpr size_t kMaxList = 20;

Json InitiativeJson(const Row& r) { return InitiativeResource().ToJson(r); }

Result<Row> Load(Tx& tx, int64_t id) {
  return LoadOne(tx, SelectInitiatives() + "WHERE id = $1", id, "initiatives.not_found");
}

/// "YYYY-MM-DD" naming a real calendar day (the round trip rejects 2025-02-30).
bool IsDate(const std::string& s) {
  int64_t micros = 0;
  return s.size() == 10 && core::ParseIsoUtc(s, &micros) && core::FormatIsoUtc(micros).compare(0, 10, s) == 0;
}

Status CheckDate(const std::optional<std::string>& v, const char* field) {
  if (v && !IsDate(*v)) return Error::InvalidInput("initiatives.bad_date", field, {field});
  return Ok();
}

/// partner_entity_ids: at most 20 distinct positive integers.
Result<std::optional<Json>> ReadPartners(const Json* raw) {
  return module::ReadIds(raw, "partner_entity_ids", "initiatives.bad_partners", kMaxList);
}

/// results: at most 20 measured results {label_ar, label_en, value, unit?}.
Result<std::optional<Json>> ReadResults(const Json* raw) {
  if (!raw) return std::optional<Json>();
  if (!raw->is_array() || raw->size() > kMaxList) return Error::InvalidInput("initiatives.bad_results", "results");
  Json out = Json::array();
  for (size_t i = 0; i < raw->size(); ++i) {
    const Json& item = (*raw)[i];
    if (!item.is_object()) return Error::InvalidInput("initiatives.bad_results", "results");
    const std::string at = "results[" + std::to_string(i) + "].";
    JsonReader in(item, at);
    auto label_ar = in.String("label_ar", true, kMaxTitle);
    auto label_en = in.String("label_en", true, kMaxTitle);
    const Json* value = in.Raw("value");
    auto unit = in.String("unit", false, 32, false);
    SAWT_TRY_STATUS(in.Finish());
    if (!value || !value->is_number() || !std::isfinite(value->get<double>())) {
      return Error::InvalidInput("initiatives.bad_result_value", at + "value");
    }
    out.push_back({{"label_ar", *label_ar}, {"label_en", *label_en}, {"value", *value}, {"unit", unit.value_or("")}});
  }
  return std::optional<Json>(std::move(out));
}

/// Owner and partners must exist; the owner is not its own partner.
Status CheckEntities(Tx& tx, const module::EntityDirectory& directory, int64_t owner, const Json& partners) {
  SAWT_TRY_STATUS(module::EntityMustExist(directory, tx, owner, "owner_entity_id", "initiatives.entity_not_found"));
  for (const auto& p : partners) {
    const int64_t id = p.get<int64_t>();
    if (id == owner) return Error::InvalidInput("initiatives.owner_is_partner", "partner_entity_ids");
    SAWT_TRY_STATUS(module::EntityMustExist(directory, tx, id, "partner_entity_ids", "initiatives.entity_not_found"));
  }
  return Ok();
}

/// Every theme code must name a theme of the messaging library (through its theme catalog).
Status CheckThemes(Tx& tx, const module::ThemeCatalog& catalog, const Json& themes) {
  for (const auto& t : themes) {
    SAWT_ASSIGN_OR_RETURN(bool exists, catalog.Exists(tx, t.get<std::string>()));
    if (!exists) return Error::InvalidInput("initiatives.unknown_theme", "themes", {t.get<std::string>()});
  }
  return Ok();
}

/// Rewrites the link rows the list filters use (partners and themes) from the saved row.
Status SyncLinks(Tx& tx, const Row& r) {
  const int64_t id = r.Int("id");
  for (const char* sql : {"DELETE FROM initiative_partners WHERE initiative_id = $1",
                          "DELETE FROM initiative_themes WHERE initiative_id = $1"}) {
    auto n = tx.Exec(sql, {id});
    if (!n) return std::move(n).error();
  }
  for (const auto& p : Json::parse(r.Text("partners"))) {
    auto n = tx.Exec("INSERT INTO initiative_partners (initiative_id, entity_id) VALUES ($1, $2)", {id, p.get<int64_t>()});
    if (!n) return std::move(n).error();
  }
  for (const auto& t : Json::parse(r.Text("themes"))) {
    auto n = tx.Exec("INSERT INTO initiative_themes (initiative_id, theme_code) VALUES ($1, $2)", {id, t.get<std::string>()});
    if (!n) return std::move(n).error();
  }
  return Ok();
}

Status Index(Tx& tx, const Row& r) {
  const int64_t id = r.Int("id");
  std::vector<int64_t> scopes = {r.Int("owner_entity_id")};
  for (const auto& p : Json::parse(r.Text("partners"))) scopes.push_back(p.get<int64_t>());
  std::string body;
  for (const char* c :
       {"summary_ar", "summary_en", "objectives_ar", "objectives_en", "outcomes_ar", "outcomes_en"}) {
    if (!r.Text(c).empty()) body += r.Text(c) + "\n";
  }
  return search::SearchIndexer::Upsert(tx, {"initiative", id, r.Int("owner_entity_id"), scopes, r.Text("title_ar"),
                                            r.Text("title_en"), body, "/api/v1/initiatives/" + std::to_string(id),
                                            r.Text("updated_at")});
}

Result<int64_t> RebuildSearch(Tx& tx) {
  auto rows = tx.Query(SelectInitiatives() + "ORDER BY id");
  if (!rows) return std::move(rows).error();
  for (const auto& r : *rows) SAWT_TRY_STATUS(Index(tx, r));
  return static_cast<int64_t>(rows->size());
}

bool HasOutcomes(const Row& r) {
  return !r.Text("outcomes_ar").empty() || !r.Text("outcomes_en").empty() ||
         !Json::parse(r.Text("results")).empty();
}

/// Outcomes are recorded while an initiative runs and after it ends.
bool TakesOutcomes(const std::string& status) { return status == "active" || status == "completed"; }

bool LegalStep(const std::string& from, const std::string& to) {
  return (from == "planned" && (to == "active" || to == "cancelled")) ||
         (from == "active" && (to == "completed" || to == "cancelled"));
}

/// The outcome fields of a body (shared by PATCH and PUT …/outcomes).
struct OutcomeFields {
  std::optional<std::string> text_ar, text_en;
  std::optional<Json> results;
  const Json* results_raw = nullptr;
  bool any() const { return text_ar || text_en || results; }
  void Read(JsonReader& in, bool required) {
    text_ar = in.String("outcomes_ar", required, kMaxText, false);
    text_en = in.String("outcomes_en", required, kMaxText, false);
    results_raw = in.Raw("results");
  }
  Status Parse(bool required) {
    if (required && !results_raw) return Error::InvalidInput("initiatives.bad_results", "results");
    SAWT_ASSIGN_OR_RETURN(results, ReadResults(results_raw));
    return Ok();
  }
  void AddTo(Assignments& set) const {
    set.SetIf("outcomes_ar", text_ar);
    set.SetIf("outcomes_en", text_en);
    if (results) set.Set("results", results->dump(), *results);
  }
};

/// Applies `set` to the row as loaded (`old`) under its version, stamps updated_by, re-syncs the
/// links and the index, appends the event and answers the saved initiative.
Result<Json> Save(Tx& tx, const auth::Caller& caller, const Row& old, const Assignments& set, const char* action,
                  Json payload) {
  const int64_t id = old.Int("id");
  Assignments all = set;
  all.Set("updated_by", caller.login, caller.login);
  SAWT_ASSIGN_OR_RETURN(bool updated, module::GuardedUpdate(tx, "initiatives", all, id, old.Int("version")));
  if (!updated) return MissOrStale(tx, "initiatives", id, "initiatives.not_found").error();
  SAWT_ASSIGN_OR_RETURN(Row row, Load(tx, id));
  SAWT_TRY_STATUS(SyncLinks(tx, row));
  SAWT_TRY_STATUS(Index(tx, row));
  payload["version"] = row.Int("version");
  SAWT_TRY_STATUS(
      AppendEvent(tx, caller, action, row.Int("owner_entity_id"), "initiative", id, std::move(payload)));
  return InitiativeJson(row);
}

/// Loads the initiative, checks the caller may write it and that If-Match (when sent) is current.
Result<Row> LoadForWrite(Tx& tx, const auth::Caller& caller, int64_t id, std::optional<int64_t> if_match,
                         const char* permission) {
  SAWT_ASSIGN_OR_RETURN(Row row, Load(tx, id));
  SAWT_TRY_STATUS(auth::Authorize(caller, permission, row.Int("owner_entity_id")));
  if (if_match && *if_match != row.Int("version")) return Error::PreconditionFailed();
  return row;
}

/// A LIKE pattern matching `text` anywhere, with the wildcards in it escaped (ESCAPE '\').
std::string Contains(const std::string& text) {
  std::string out = "%";
  for (char c : text) {
    if (c == '%' || c == '_' || c == '\\') out += '\\';
    out += c;
  }
  return out + "%";
}

}  // namespace

std::vector<module::SearchType> InitiativesService::SearchTypes() {
  return {{"initiative", "initiatives.read", &RebuildSearch}};
}

std::vector<store::Migration> InitiativesService::Migrations() {
  // Registered after network and messaging, so the tables may reference entities and themes.
  return {{"initiatives", 1, "0001_create_initiatives", R"SQL(
CREATE TABLE initiatives (
  id {{ID}},
  owner_entity_id BIGINT NOT NULL REFERENCES entities(id),
  partners TEXT NOT NULL,
  title_ar TEXT NOT NULL,
  title_en TEXT NOT NULL,
  summary_ar TEXT NOT NULL,
  summary_en TEXT NOT NULL,
  objectives_ar TEXT NOT NULL,
  objectives_en TEXT NOT NULL,
  audience_ar TEXT NOT NULL,
  audience_en TEXT NOT NULL,
  themes TEXT NOT NULL,
  channels TEXT NOT NULL,
  start_date TEXT NOT NULL,
  end_date TEXT NOT NULL,
  status TEXT NOT NULL CHECK (status IN ('planned', 'active', 'completed', 'cancelled')),
  budget_band TEXT CHECK (budget_band IN ('lt_100k', '100k_500k', '500k_1m', '1m_5m', 'gt_5m')),
  outcomes_ar TEXT NOT NULL,
  outcomes_en TEXT NOT NULL,
  results TEXT NOT NULL,
  showcased BIGINT NOT NULL DEFAULT 0,
  showcase_note TEXT,
  showcased_by TEXT,
  showcased_at TEXT,
  version BIGINT NOT NULL DEFAULT 1,
  created_by TEXT NOT NULL,
  created_at TEXT NOT NULL,
  updated_by TEXT NOT NULL,
  updated_at TEXT NOT NULL,
  CHECK (start_date <= end_date)
);
CREATE INDEX initiatives_owner ON initiatives(owner_entity_id);
CREATE INDEX initiatives_status ON initiatives(status);
CREATE INDEX initiatives_dates ON initiatives(start_date, end_date);
CREATE INDEX initiatives_showcased ON initiatives(showcased, showcased_at);
CREATE TABLE initiative_partners (
  initiative_id BIGINT NOT NULL REFERENCES initiatives(id),
  entity_id BIGINT NOT NULL REFERENCES entities(id),
  PRIMARY KEY (initiative_id, entity_id)
);
CREATE INDEX initiative_partners_entity ON initiative_partners(entity_id);
CREATE TABLE initiative_themes (
  initiative_id BIGINT NOT NULL REFERENCES initiatives(id),
  theme_code TEXT NOT NULL REFERENCES message_themes(code),
  PRIMARY KEY (initiative_id, theme_code)
);
CREATE INDEX initiative_themes_code ON initiative_themes(theme_code);
)SQL"}};
}

Result<Json> InitiativesService::List(const auth::Caller& caller, const InitiativeFilter& filter,
                                      const module::Page& page) {
  SAWT_TRY_STATUS(auth::Authorize(caller, "initiatives.read", std::nullopt));
  if (filter.status && !Statuses().Has(*filter.status)) {
    return Error::InvalidInput("initiatives.bad_status", "status", {*filter.status});
  }
  SAWT_TRY_STATUS(CheckDate(filter.from, "from"));
  SAWT_TRY_STATUS(CheckDate(filter.to, "to"));
  return store::ReadValue<Json>(store_, [&](Tx& tx) -> Result<Json> {
    store::Sql sql("SELECT " + InitiativeResource().Columns() + " FROM initiatives i WHERE id > ", page.after_id);
    if (filter.entity_id) {
      SAWT_ASSIGN_OR_RETURN(auto ids, registry_.entity_directory().Subtree(tx, *filter.entity_id));
      const std::vector<Value> in(ids.begin(), ids.end());
      sql.BindList(" AND (owner_entity_id IN (", in)
          .BindList(") OR EXISTS (SELECT 1 FROM initiative_partners p WHERE p.initiative_id = i.id AND p.entity_id IN (", in)
          .Append(")))");
    }
    if (filter.theme) {
      sql.Bind(" AND EXISTS (SELECT 1 FROM initiative_themes t WHERE t.initiative_id = i.id AND t.theme_code = ",
               *filter.theme)
          .Append(")");
    }
    if (filter.status) sql.Bind(" AND status = ", *filter.status);
    if (filter.from) sql.Bind(" AND end_date >= ", *filter.from);
    if (filter.to) sql.Bind(" AND start_date <= ", *filter.to);
    if (filter.q && !filter.q->empty()) {
      const std::string pattern = Contains(*filter.q);
      const char* separator = " AND (";
      for (const char* column : {"title_ar", "title_en", "summary_ar", "summary_en"}) {
        sql.Bind(std::string(separator) + "LOWER(" + column + ") LIKE LOWER(", pattern).Append(") ESCAPE '\\'");
        separator = " OR ";
      }
      sql.Append(")");
    }
    return module::QueryPage(tx, std::move(sql), "id", page, InitiativeJson);
  });
}

Result<Json> InitiativesService::Get(const auth::Caller& caller, int64_t id) {
  SAWT_TRY_STATUS(auth::Authorize(caller, "initiatives.read", std::nullopt));
  return store::ReadValue<Json>(store_, [&](Tx& tx) -> Result<Json> {
    SAWT_ASSIGN_OR_RETURN(Row row, Load(tx, id));
    return InitiativeJson(row);
  });
}

Result<Json> InitiativesService::Create(const auth::Caller& caller, const Json& body) {
  JsonReader in(body);
  auto owner = in.Int("owner_entity_id", true);
  const Json* partners_raw = in.Raw("partner_entity_ids");
  auto title_ar = in.String("title_ar", true, kMaxTitle);
  auto title_en = in.String("title_en", true, kMaxTitle);
  auto summary_ar = in.String("summary_ar", false, kMaxText, false);
  auto summary_en = in.String("summary_en", false, kMaxText, false);
  auto objectives_ar = in.String("objectives_ar", false, kMaxText, false);
  auto objectives_en = in.String("objectives_en", false, kMaxText, false);
  auto audience_ar = in.String("audience_ar", false, kMaxText, false);
  auto audience_en = in.String("audience_en", false, kMaxText, false);
  const Json* themes_raw = in.Raw("themes");
  const Json* channels_raw = in.Raw("channels");
  auto start = in.String("start_date", true, 10);
  auto end = in.String("end_date", true, 10);
  auto budget = in.String("budget_band", false, 16);
  SAWT_TRY_STATUS(in.Finish());
  SAWT_ASSIGN_OR_RETURN(auto partners, ReadPartners(partners_raw));
  SAWT_ASSIGN_OR_RETURN(auto themes, module::ReadCodes(themes_raw, "themes", "initiatives.bad_themes",
                                                       "initiatives.bad_themes", nullptr));
  SAWT_ASSIGN_OR_RETURN(auto channels, module::ReadCodes(channels_raw, "channels", "initiatives.bad_channel",
                                                         "initiatives.bad_channel", &registry_.vocabulary("channels")));
  SAWT_TRY_STATUS(CheckDate(start, "start_date"));
  SAWT_TRY_STATUS(CheckDate(end, "end_date"));
  if (*start > *end) return Error::InvalidInput("initiatives.bad_period", "end_date");
  if (budget && !BudgetBands().Has(*budget)) return Error::InvalidInput("initiatives.bad_budget_band", "budget_band", {*budget});
  SAWT_TRY_STATUS(auth::Authorize(caller, "initiatives.write", *owner));
  return store::WriteValue<Json>(store_, [&](Tx& tx) -> Result<Json> {
    const Json partner_list = partners.value_or(Json::array());
    const Json theme_list = themes.value_or(Json::array());
    SAWT_TRY_STATUS(CheckEntities(tx, registry_.entity_directory(), *owner, partner_list));
    SAWT_TRY_STATUS(CheckThemes(tx, registry_.theme_catalog(), theme_list));
    const std::string now = store_.clock().NowIsoUtc();
    auto rows = tx.Query(
        "INSERT INTO initiatives (owner_entity_id, partners, title_ar, title_en, summary_ar, summary_en, objectives_ar, "
        "objectives_en, audience_ar, audience_en, themes, channels, start_date, end_date, status, budget_band, "
        "outcomes_ar, outcomes_en, results, created_by, created_at, updated_by, updated_at) VALUES ($1, $2, $3, $4, $5, "
        "$6, $7, $8, $9, $10, $11, $12, $13, $14, 'planned', $15, '', '', '[]', $16, $17, $16, $17) RETURNING id",
        {*owner, partner_list.dump(), *title_ar, *title_en, summary_ar.value_or(""), summary_en.value_or(""),
         objectives_ar.value_or(""), objectives_en.value_or(""), audience_ar.value_or(""), audience_en.value_or(""),
         theme_list.dump(), channels.value_or(Json::array()).dump(), *start, *end, store::OrNull(budget), caller.login,
         now});
    if (!rows) return std::move(rows).error();
    SAWT_ASSIGN_OR_RETURN(Row row, Load(tx, (*rows)[0].Int("id")));
    SAWT_TRY_STATUS(SyncLinks(tx, row));
    SAWT_TRY_STATUS(Index(tx, row));
    Json initiative = InitiativeJson(row);
    SAWT_TRY_STATUS(AppendEvent(tx, caller, "initiatives.created", *owner, "initiative", row.Int("id"), initiative));
    return initiative;
  });
}

Result<Json> InitiativesService::Update(const auth::Caller& caller, int64_t id, std::optional<int64_t> if_match,
                                        const Json& body) {
  JsonReader in(body);
  const Json* partners_raw = in.Raw("partner_entity_ids");
  auto title_ar = in.String("title_ar", false, kMaxTitle);
  auto title_en = in.String("title_en", false, kMaxTitle);
  std::map<std::string, std::optional<std::string>> texts;
  for (const char* f : {"summary_ar", "summary_en", "objectives_ar", "objectives_en", "audience_ar", "audience_en"}) {
    texts[f] = in.String(f, false, kMaxText, false);
  }
  const Json* themes_raw = in.Raw("themes");
  const Json* channels_raw = in.Raw("channels");
  auto start = in.String("start_date", false, 10);
  auto end = in.String("end_date", false, 10);
  const bool clear_budget = in.IsNull("budget_band");
  std::optional<std::string> budget;
  if (clear_budget) {
    in.Raw("budget_band");
  } else {
    budget = in.String("budget_band", false, 16);
  }
  OutcomeFields outcomes;
  outcomes.Read(in, false);
  SAWT_TRY_STATUS(in.Finish());
  SAWT_ASSIGN_OR_RETURN(auto partners, ReadPartners(partners_raw));
  SAWT_ASSIGN_OR_RETURN(auto themes, module::ReadCodes(themes_raw, "themes", "initiatives.bad_themes",
                                                       "initiatives.bad_themes", nullptr));
  SAWT_ASSIGN_OR_RETURN(auto channels, module::ReadCodes(channels_raw, "channels", "initiatives.bad_channel",
                                                         "initiatives.bad_channel", &registry_.vocabulary("channels")));
  SAWT_TRY_STATUS(outcomes.Parse(false));
  SAWT_TRY_STATUS(CheckDate(start, "start_date"));
  SAWT_TRY_STATUS(CheckDate(end, "end_date"));
  if (budget && !BudgetBands().Has(*budget)) return Error::InvalidInput("initiatives.bad_budget_band", "budget_band", {*budget});
  Assignments set;
  if (partners) set.Set("partners", partners->dump(), *partners);
  set.SetIf("title_ar", title_ar);
  set.SetIf("title_en", title_en);
  for (const auto& [field, value] : texts) {
    if (value) set.Set(field, *value, *value);
  }
  if (themes) set.Set("themes", themes->dump(), *themes);
  if (channels) set.Set("channels", channels->dump(), *channels);
  set.SetIf("start_date", start);
  set.SetIf("end_date", end);
  set.SetIf("budget_band", budget);
  if (clear_budget) set.Set("budget_band", store::Null(), nullptr);
  outcomes.AddTo(set);
  return store::WriteValue<Json>(store_, [&](Tx& tx) -> Result<Json> {
    SAWT_ASSIGN_OR_RETURN(Row old, LoadForWrite(tx, caller, id, if_match, "initiatives.write"));
    const std::string& status = old.Text("status");
    if (status == "cancelled") return Error::Conflict("initiatives.cancelled", {std::to_string(id)});
    if (outcomes.any() && !TakesOutcomes(status)) {
      return Error::Conflict("initiatives.outcomes_too_early", {std::to_string(id), status});
    }
    if (start.value_or(old.Text("start_date")) > end.value_or(old.Text("end_date"))) {
      return Error::InvalidInput("initiatives.bad_period", "end_date");
    }
    if (partners) {
      SAWT_TRY_STATUS(CheckEntities(tx, registry_.entity_directory(), old.Int("owner_entity_id"), *partners));
    }
    if (themes) SAWT_TRY_STATUS(CheckThemes(tx, registry_.theme_catalog(), *themes));
    // The showcase cites the outcomes: they cannot be emptied while it does.
    if (old.Int("showcased") != 0 && outcomes.any()) {
      const bool empty = outcomes.text_ar.value_or(old.Text("outcomes_ar")).empty() &&
                         outcomes.text_en.value_or(old.Text("outcomes_en")).empty() &&
                         outcomes.results.value_or(Json::parse(old.Text("results"))).empty();
      if (empty) return Error::Conflict("initiatives.showcase_needs_outcomes", {std::to_string(id)});
    }
    return Save(tx, caller, old, set, "initiatives.updated", set.changed);
  });
}

Result<Json> InitiativesService::ChangeStatus(const auth::Caller& caller, int64_t id, std::optional<int64_t> if_match,
                                              const Json& body) {
  JsonReader in(body);
  auto to = in.String("to", true, 32);
  auto comment = in.String("comment", false, 2000, false);
  SAWT_TRY_STATUS(in.Finish());
  if (!Statuses().Has(*to)) return Error::InvalidInput("initiatives.bad_status", "to", {*to});
  return store::WriteValue<Json>(store_, [&](Tx& tx) -> Result<Json> {
    SAWT_ASSIGN_OR_RETURN(Row old, LoadForWrite(tx, caller, id, if_match, "initiatives.write"));
    const std::string from = old.Text("status");
    if (!LegalStep(from, *to)) return Error::Conflict("initiatives.illegal_transition", {from, *to}, "to");
    Assignments set;
    set.Set("status", *to, *to);
    return Save(tx, caller, old, set, "initiatives.status_changed",
                {{"from", from}, {"to", *to}, {"comment", OptJson(comment)}});
  });
}

Result<Json> InitiativesService::PutOutcomes(const auth::Caller& caller, int64_t id, std::optional<int64_t> if_match,
                                             const Json& body) {
  JsonReader in(body);
  OutcomeFields outcomes;
  outcomes.Read(in, true);
  SAWT_TRY_STATUS(in.Finish());
  SAWT_TRY_STATUS(outcomes.Parse(true));
  Assignments set;
  outcomes.AddTo(set);
  return store::WriteValue<Json>(store_, [&](Tx& tx) -> Result<Json> {
    SAWT_ASSIGN_OR_RETURN(Row old, LoadForWrite(tx, caller, id, if_match, "initiatives.write"));
    if (!TakesOutcomes(old.Text("status"))) {
      return Error::Conflict("initiatives.outcomes_too_early", {std::to_string(id), old.Text("status")});
    }
    if (old.Int("showcased") != 0 && outcomes.text_ar->empty() && outcomes.text_en->empty() && outcomes.results->empty()) {
      return Error::Conflict("initiatives.showcase_needs_outcomes", {std::to_string(id)});
    }
    return Save(tx, caller, old, set, "initiatives.outcomes_recorded", set.changed);
  });
}

Result<Json> InitiativesService::Showcase(const auth::Caller& caller, int64_t id, std::optional<int64_t> if_match,
                                          const Json& body) {
  JsonReader in(body);
  auto note = in.String("note", true, 2000);
  SAWT_TRY_STATUS(in.Finish());
  SAWT_TRY_STATUS(auth::Authorize(caller, "initiatives.showcase", std::nullopt));
  return store::WriteValue<Json>(store_, [&](Tx& tx) -> Result<Json> {
    SAWT_ASSIGN_OR_RETURN(Row old, LoadForWrite(tx, caller, id, if_match, "initiatives.showcase"));
    if (old.Text("status") != "completed" || !HasOutcomes(old)) {
      return Error::Conflict("initiatives.showcase_not_eligible", {std::to_string(id)});
    }
    Assignments set;
    set.Set("showcased", int64_t{1}, true);
    set.Set("showcase_note", *note, *note);
    if (old.Int("showcased") == 0) {
      const std::string now = store_.clock().NowIsoUtc();
      set.Set("showcased_by", caller.login, caller.login);
      set.Set("showcased_at", now, now);
    }
    return Save(tx, caller, old, set, "initiatives.showcased", set.changed);
  });
}

Result<Json> InitiativesService::Unshowcase(const auth::Caller& caller, int64_t id, std::optional<int64_t> if_match) {
  SAWT_TRY_STATUS(auth::Authorize(caller, "initiatives.showcase", std::nullopt));
  return store::WriteValue<Json>(store_, [&](Tx& tx) -> Result<Json> {
    SAWT_ASSIGN_OR_RETURN(Row old, LoadForWrite(tx, caller, id, if_match, "initiatives.showcase"));
    if (old.Int("showcased") == 0) return Error::Conflict("initiatives.not_showcased", {std::to_string(id)});
    Assignments set;
    set.Set("showcased", int64_t{0}, false);
    set.Set("showcase_note", store::Null(), nullptr);
    set.Set("showcased_by", store::Null(), nullptr);
    set.Set("showcased_at", store::Null(), nullptr);
    return Save(tx, caller, old, set, "initiatives.showcase_withdrawn", Json::object());
  });
}

Result<Json> InitiativesService::ListShowcase(const auth::Caller& caller) {
  SAWT_TRY_STATUS(auth::Authorize(caller, "initiatives.read", std::nullopt));
  return store::ReadValue<Json>(store_, [&](Tx& tx) -> Result<Json> {
    return module::QueryAll(tx, SelectInitiatives() + "WHERE showcased = 1 ORDER BY showcased_at DESC, id DESC LIMIT 200",
                            {}, InitiativeJson);
  });
}

}  // namespace sawt::initiatives
