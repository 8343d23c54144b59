#include "strategy/compliance_service.hpp"

#include <map>
#include <regex>
#include <set>

#include "auth/crypto.hpp"
#include "auth/policy.hpp"
#include "module/entity_directory.hpp"
#include "module/service_names.hpp"
#include "module/write_helpers.hpp"
#include "strategy/compliance_scores.hpp"
#include "strategy/evidence_files.hpp"
#include "strategy/resources.hpp"
#include "strategy/vocabularies.hpp"

namespace sawt::strategy {
namespace {

using namespace module::service_names;  // NOLINT: the service files' shared vocabulary

constexpr size_t kMaxItems = 100;
constexpr int64_t kMaxLevel = 4;

const std::string& TemplateColumns() {
  static const std::string* columns = new std::string(TemplateResource().Columns());
  return *columns;
}
const std::string& ItemColumns() {
  static const std::string* columns = new std::string(TemplateItemResource().Columns());
  return *columns;
}
const std::string& AssessmentColumns() {
  static const std::string* columns = new std::string(AssessmentResource().Columns());
  return *columns;
}
const std::string& EvidenceColumns() {
  static const std::string* columns = new std::string(EvidenceResource().Columns());
  return *columns;
}

bool Matches(const std::string& s, const char* pattern) { return std::regex_match(s, std::regex(pattern)); }
bool IsTemplateCode(const std::string& s) { return Matches(s, "^[a-z0-9][a-z0-9_.-]{0,63}$"); }
bool IsItemCode(const std::string& s) { return Matches(s, "^[A-Za-z0-9_.-]{1,32}$"); }

struct ItemIn {
  std::string code, axis, title_ar, title_en;
  std::optional<std::string> principle;
  int64_t weight = 1;
  bool evidence_required = false;
};

Result<std::vector<ItemIn>> ReadItems(const Json& raw, const module::Vocabulary& axes) {
  if (!raw.is_array() || raw.empty() || raw.size() > kMaxItems) return Error::InvalidInput("compliance.bad_items", "items");
  std::vector<ItemIn> out;
  std::set<std::string> codes;
  for (size_t i = 0; i < raw.size(); ++i) {
    const std::string at = "items[" + std::to_string(i) + "].";
    if (!raw[i].is_object()) return Error::InvalidInput("compliance.bad_items", "items");
    JsonReader in(raw[i], at);
    auto code = in.String("code", true, 32);
    auto axis = in.String("axis", true, 64);
    std::optional<std::string> principle;
    if (in.IsNull("principle")) in.Raw("principle");
    else principle = in.String("principle", false, 64);
    auto title_ar = in.String("title_ar", true, 1000);
    auto title_en = in.String("title_en", true, 1000);
    auto weight = in.Int("weight", true);
    auto evidence = in.Bool("evidence_required", false);
    SAWT_TRY_STATUS(in.Finish());
    if (!IsItemCode(*code)) return Error::InvalidInput("compliance.bad_item_code", at + "code", {*code});
    if (!codes.insert(*code).second) return Error::InvalidInput("compliance.duplicate_item", at + "code", {*code});
    SAWT_TRY_STATUS(axes.Check(*axis, "compliance.bad_axis", (at + "axis").c_str()));
    if (principle) SAWT_TRY_STATUS(CompliancePrinciples().Check(*principle, "compliance.bad_principle", (at + "principle").c_str()));
    if (*weight < 1 || *weight > 100) return Error::InvalidInput("compliance.bad_weight", at + "weight", {*code});
    out.push_back({*code, *axis, *title_ar, *title_en, principle, *weight, evidence.value_or(false)});
  }
  return out;
}

Result<Row> LoadTemplate(Tx& tx, int64_t id) {
  return LoadOne(tx, "SELECT " + TemplateColumns() + " FROM compliance_templates WHERE id = $1", id,
                 "compliance.template_not_found");
}

Result<std::vector<Row>> TemplateItems(Tx& tx, int64_t template_id) {
  return tx.Query("SELECT " + ItemColumns() + " FROM compliance_items WHERE template_id = $1 ORDER BY position, id",
                  {template_id});
}

Result<Json> TemplateJson(Tx& tx, const Row& row) {
  Json out = TemplateResource().ToJson(row);
  SAWT_ASSIGN_OR_RETURN(auto items, TemplateItems(tx, row.Int("id")));
  out["items"] = Json::array();
  for (const Row& i : items) out["items"].push_back(TemplateItemResource().ToJson(i));
  return out;
}

/// Replaces the template's items by `items`: kept codes keep their id (and so their answers),
/// new codes are added, missing ones removed unless an assessment answered them. Returns the
/// weight changes {code: {from, to}}.
Result<Json> ReplaceItems(Tx& tx, int64_t template_id, const std::vector<ItemIn>& items) {
  SAWT_ASSIGN_OR_RETURN(auto old_rows, TemplateItems(tx, template_id));
  std::map<std::string, Row> old;
  for (Row& r : old_rows) old.emplace(r.Text("code"), std::move(r));
  std::set<std::string> kept;
  Json weight_changes = Json::object();
  for (size_t position = 0; position < items.size(); ++position) {
    const ItemIn& i = items[position];
    kept.insert(i.code);
    auto found = old.find(i.code);
    const std::vector<Value> values = {i.axis, store::OrNull(i.principle), i.title_ar, i.title_en, i.weight,
                                       int64_t{i.evidence_required}, static_cast<int64_t>(position)};
    if (found == old.end()) {
      std::vector<Value> params = {template_id, i.code};
      params.insert(params.end(), values.begin(), values.end());
      SAWT_TRY_STATUS(tx.Exec(
          "INSERT INTO compliance_items (template_id, code, axis, principle, title_ar, title_en, weight, "
          "evidence_required, position) VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9)",
          params));
      continue;
    }
    const int64_t before = found->second.Int("weight");
    if (before != i.weight) weight_changes[i.code] = {{"from", before}, {"to", i.weight}};
    std::vector<Value> params = values;
    params.push_back(found->second.Int("id"));
    SAWT_TRY_STATUS(tx.Exec(
        "UPDATE compliance_items SET axis = $1, principle = $2, title_ar = $3, title_en = $4, weight = $5, "
        "evidence_required = $6, position = $7 WHERE id = $8",
        params));
  }
  for (const auto& [code, row] : old) {
    if (kept.count(code) > 0) continue;
    auto used = tx.Query("SELECT 1 AS used FROM compliance_answers WHERE item_id = $1 UNION ALL "
                         "SELECT 1 AS used FROM compliance_evidence WHERE item_id = $1",
                         {row.Int("id")});
    if (!used) return std::move(used).error();
    if (!used->empty()) return Error::Conflict("compliance.item_in_use", {code}, "items");
    SAWT_TRY_STATUS(tx.Exec("DELETE FROM compliance_items WHERE id = $1", {row.Int("id")}));
  }
  return weight_changes;
}

Result<Row> LoadAssessment(Tx& tx, int64_t id) {
  return LoadOne(tx, "SELECT " + AssessmentColumns() + " FROM compliance_assessments WHERE id = $1", id,
                 "compliance.assessment_not_found");
}

/// Detailed assessments (answers, comments, evidence) are the entity's and the network's.
Status AuthorizeRead(const auth::Caller& caller, int64_t entity_id) {
  return auth::Authorize(caller, "strategy.compliance.read", entity_id);
}

Result<Json> AssessmentJson(Tx& tx, const Row& row) {
  Json out = AssessmentResource().ToJson(row);
  const int64_t id = row.Int("id");
  auto items = tx.Query(
      "SELECT i.id AS item_id, i.code AS code, ans.self_level AS self_level, ans.self_comment AS self_comment, "
      "ans.review_level AS review_level, ans.review_comment AS review_comment FROM compliance_items i "
      "LEFT JOIN compliance_answers ans ON ans.item_id = i.id AND ans.assessment_id = $1 "
      "WHERE i.template_id = $2 ORDER BY i.position, i.id",
      {id, row.Int("template_id")});
  if (!items) return std::move(items).error();
  auto evidence = tx.Query("SELECT " + EvidenceColumns() + " FROM compliance_evidence WHERE assessment_id = $1 ORDER BY id",
                           {id});
  if (!evidence) return std::move(evidence).error();
  std::map<int64_t, Json> files;
  for (const Row& e : *evidence) files[e.Int("item_id")].push_back(EvidenceResource().ToJson(e));
  Json answers = Json::array();
  for (const Row& i : *items) {
    const int64_t item_id = i.Int("item_id");
    auto self_level = i.OptInt("self_level"), review_level = i.OptInt("review_level");
    answers.push_back({{"item_id", item_id},
                       {"code", i.Text("code")},
                       {"self_level", self_level ? Json(*self_level) : Json(nullptr)},
                       {"self_comment", i.IsNull("self_comment") ? "" : i.Text("self_comment")},
                       {"review_level", review_level ? Json(*review_level) : Json(nullptr)},
                       {"review_comment", i.IsNull("review_comment") ? "" : i.Text("review_comment")},
                       {"evidence", files.count(item_id) > 0 ? files[item_id] : Json::array()}});
  }
  out["answers"] = std::move(answers);
  SAWT_ASSIGN_OR_RETURN(auto scores, ComputeScores(tx, store::Sql(" a.id = ", id)));
  const AssessmentScores s = scores.count(id) > 0 ? scores[id] : AssessmentScores{};
  out["self_scores"] = ScoresJson(s.self);
  out["review_scores"] = ScoresJson(s.review);
  out["scores"] = ScoresJson(s.current);
  return out;
}

Result<Json> AssessmentJsonById(Tx& tx, int64_t id) {
  SAWT_ASSIGN_OR_RETURN(Row row, LoadAssessment(tx, id));
  return AssessmentJson(tx, row);
}

/// Moves the assessment from one of `from` to `to` (checked against `if_match` when given) and
/// appends the event.
Result<Json> Transition(Tx& tx, const auth::Caller& caller, const Row& old, std::optional<int64_t> if_match,
                        std::initializer_list<const char*> from, const std::string& to, Assignments set, const char* action) {
  const int64_t id = old.Int("id");
  if (if_match && *if_match != old.Int("version")) return Error::PreconditionFailed();
  const std::string status = old.Text("status");
  bool allowed = false;
  for (const char* f : from) allowed = allowed || status == f;
  if (!allowed) return Error::Conflict("compliance.illegal_transition", {status, to});
  set.Set("status", to, to);
  SAWT_ASSIGN_OR_RETURN(bool updated, GuardedUpdate(tx, "compliance_assessments", set, id, old.Int("version")));
  if (!updated) return MissOrStale(tx, "compliance_assessments", id, "compliance.assessment_not_found").error();
  Json changed = set.changed;
  SAWT_TRY_STATUS(AppendEvent(tx, caller, action, old.Int("entity_id"), "assessment", id, changed));
  return AssessmentJsonById(tx, id);
}

/// The entity may change its answers and evidence while the assessment is its own.
Status EntityMayEdit(const Row& assessment) {
  const std::string status = assessment.Text("status");
  if (status == "draft" || status == "returned") return Ok();
  return Error::Conflict("compliance.not_editable", {status});
}

/// Every change to an assessment's answers or evidence is a new version: a form opened before it
/// cannot submit over it (If-Match), and caches of the assessment see it change.
Status BumpVersion(Tx& tx, int64_t assessment_id) {
  SAWT_TRY_STATUS(tx.Exec("UPDATE compliance_assessments SET version = version + 1, updated_at = $1 WHERE id = $2",
                          {tx.clock().NowIsoUtc(), assessment_id}));
  return Ok();
}

/// Runs `step(tx, assessment)` in one write, once `permission` is checked on the assessment's entity.
template <typename Step>
Result<Json> OnAssessment(store::Store& store, const auth::Caller& caller, int64_t id, const char* permission, Step step) {
  return store::WriteValue<Json>(store, [&](Tx& tx) -> Result<Json> {
    SAWT_ASSIGN_OR_RETURN(Row a, LoadAssessment(tx, id));
    SAWT_TRY_STATUS(auth::Authorize(caller, permission, a.Int("entity_id")));
    return step(tx, a);
  });
}

/// The {note} of a workflow step's body (required or not), the only member it takes.
Result<std::optional<std::string>> ReadNote(const Json& body, bool required) {
  JsonReader in(body);
  auto note = in.String("note", required, 4000, required);
  SAWT_TRY_STATUS(in.Finish());
  return note;
}

}  // namespace

std::vector<store::Migration> ComplianceService::Migrations() {
  return {{"strategy", 4, "0004_create_compliance", R"SQL(
CREATE TABLE compliance_templates (
  id {{ID}},
  code TEXT NOT NULL UNIQUE,
  title_ar TEXT NOT NULL,
  title_en TEXT NOT NULL,
  status TEXT NOT NULL CHECK (status IN ('draft', 'active', 'archived')),
  version BIGINT NOT NULL DEFAULT 1,
  created_by TEXT NOT NULL,
  created_at TEXT NOT NULL,
  updated_at TEXT NOT NULL
);
CREATE TABLE compliance_items (
  id {{ID}},
  template_id BIGINT NOT NULL REFERENCES compliance_templates(id),
  code TEXT NOT NULL,
  axis TEXT NOT NULL,
  principle TEXT,
  title_ar TEXT NOT NULL,
  title_en TEXT NOT NULL,
  weight BIGINT NOT NULL CHECK (weight BETWEEN 1 AND 100),
  evidence_required BIGINT NOT NULL,
  position BIGINT NOT NULL,
  UNIQUE (template_id, code)
);
CREATE TABLE compliance_assessments (
  id {{ID}},
  entity_id BIGINT NOT NULL REFERENCES entities(id),
  template_id BIGINT NOT NULL REFERENCES compliance_templates(id),
  period TEXT NOT NULL,
  status TEXT NOT NULL CHECK (status IN ('draft', 'submitted', 'returned', 'reviewed')),
  review_note TEXT NOT NULL DEFAULT '',
  submitted_by TEXT,
  submitted_at TEXT,
  reviewed_by TEXT,
  reviewed_at TEXT,
  version BIGINT NOT NULL DEFAULT 1,
  created_by TEXT NOT NULL,
  created_at TEXT NOT NULL,
  updated_at TEXT NOT NULL,
  UNIQUE (entity_id, template_id, period)
);
CREATE INDEX compliance_assessments_period ON compliance_assessments(period, entity_id);
CREATE TABLE compliance_answers (
  assessment_id BIGINT NOT NULL REFERENCES compliance_assessments(id),
  item_id BIGINT NOT NULL REFERENCES compliance_items(id),
  self_level BIGINT CHECK (self_level BETWEEN 0 AND 4),
  self_comment TEXT,
  review_level BIGINT CHECK (review_level BETWEEN 0 AND 4),
  review_comment TEXT,
  PRIMARY KEY (assessment_id, item_id)
);
CREATE TABLE compliance_files (
  sha256 TEXT PRIMARY KEY,
  content_base64 TEXT NOT NULL
);
CREATE TABLE compliance_evidence (
  id {{ID}},
  assessment_id BIGINT NOT NULL REFERENCES compliance_assessments(id),
  item_id BIGINT NOT NULL REFERENCES compliance_items(id),
  file_name TEXT NOT NULL,
  media_type TEXT NOT NULL,
  size BIGINT NOT NULL,
  sha256 TEXT NOT NULL REFERENCES compliance_files(sha256),
  uploaded_by TEXT NOT NULL,
  uploaded_at TEXT NOT NULL
);
CREATE INDEX compliance_evidence_assessment ON compliance_evidence(assessment_id);
)SQL"}};
}

Result<Json> ComplianceService::ListTemplates(const auth::Caller& caller) {
  SAWT_TRY_STATUS(auth::Authorize(caller, "strategy.read", std::nullopt));
  return store::ReadValue<Json>(store_, [&](Tx& tx) -> Result<Json> {
    auto rows = tx.Query("SELECT " + TemplateColumns() + " FROM compliance_templates ORDER BY id");
    if (!rows) return std::move(rows).error();
    Json items = Json::array();
    for (const Row& r : *rows) {
      SAWT_ASSIGN_OR_RETURN(Json t, TemplateJson(tx, r));
      items.push_back(std::move(t));
    }
    return Json{{"items", std::move(items)}};
  });
}

Result<Json> ComplianceService::GetTemplate(const auth::Caller& caller, int64_t id) {
  SAWT_TRY_STATUS(auth::Authorize(caller, "strategy.read", std::nullopt));
  return store::ReadValue<Json>(store_, [&](Tx& tx) -> Result<Json> {
    SAWT_ASSIGN_OR_RETURN(Row row, LoadTemplate(tx, id));
    return TemplateJson(tx, row);
  });
}

Result<Json> ComplianceService::CreateTemplate(const auth::Caller& caller, const Json& body) {
  JsonReader in(body);
  auto code = in.String("code", true, 64);
  auto title_ar = in.String("title_ar", true, 300);
  auto title_en = in.String("title_en", true, 300);
  auto status = in.String("status", false, 16);
  const Json* raw_items = in.Raw("items");
  SAWT_TRY_STATUS(in.Finish());
  if (raw_items == nullptr) return Error::InvalidInput("common.field_required", "items", {"items"});
  if (!IsTemplateCode(*code)) return Error::InvalidInput("compliance.bad_template_code", "code", {*code});
  if (status) SAWT_TRY_STATUS(StrategyStatuses().Check(*status, "compliance.bad_template_status", "status"));
  SAWT_ASSIGN_OR_RETURN(auto items, ReadItems(*raw_items, registry_.vocabulary("axes")));
  SAWT_TRY_STATUS(auth::Authorize(caller, "strategy.compliance.templates.write", std::nullopt));
  return store::WriteValue<Json>(store_, [&](Tx& tx) -> Result<Json> {
    auto taken = tx.Query("SELECT id FROM compliance_templates WHERE code = $1", {*code});
    if (!taken) return std::move(taken).error();
    if (!taken->empty()) return Error::Conflict("compliance.template_code_taken", {*code}, "code");
    const std::string now = tx.clock().NowIsoUtc();
    auto inserted = tx.Query(
        "INSERT INTO compliance_templates (code, title_ar, title_en, status, created_by, created_at, updated_at) "
        "VALUES ($1, $2, $3, $4, $5, $6, $6) RETURNING id",
        {*code, *title_ar, *title_en, status.value_or("draft"), caller.login, now});
    if (!inserted) return std::move(inserted).error();
    const int64_t id = (*inserted)[0].Int("id");
    SAWT_TRY_STATUS(ReplaceItems(tx, id, items));
    SAWT_ASSIGN_OR_RETURN(Row row, LoadTemplate(tx, id));
    SAWT_ASSIGN_OR_RETURN(Json out, TemplateJson(tx, row));
    SAWT_TRY_STATUS(AppendEvent(tx, caller, "strategy.compliance_template_created", std::nullopt, "compliance_template", id, out));
    return out;
  });
}

Result<Json> ComplianceService::UpdateTemplate(const auth::Caller& caller, int64_t id, std::optional<int64_t> if_match,
                                               const Json& body) {
  JsonReader in(body);
  auto title_ar = in.String("title_ar", false, 300);
  auto title_en = in.String("title_en", false, 300);
  auto status = in.String("status", false, 16);
  const Json* raw_items = in.Raw("items");
  SAWT_TRY_STATUS(in.Finish());
  if (status) SAWT_TRY_STATUS(StrategyStatuses().Check(*status, "compliance.bad_template_status", "status"));
  std::optional<std::vector<ItemIn>> items;
  if (raw_items != nullptr) {
    SAWT_ASSIGN_OR_RETURN(auto read, ReadItems(*raw_items, registry_.vocabulary("axes")));
    items = std::move(read);
  }
  SAWT_TRY_STATUS(auth::Authorize(caller, "strategy.compliance.templates.write", std::nullopt));
  return store::WriteValue<Json>(store_, [&](Tx& tx) -> Result<Json> {
    SAWT_ASSIGN_OR_RETURN(Row old, LoadTemplate(tx, id));
    if (!if_match) return Error::PreconditionFailed("compliance.if_match_required");
    if (*if_match != old.Int("version")) return Error::PreconditionFailed();
    if (old.Text("status") == "archived") return Error::Conflict("compliance.template_archived", {std::to_string(id)});
    Assignments set;
    set.SetIf("title_ar", title_ar);
    set.SetIf("title_en", title_en);
    set.SetIf("status", status);
    Json weight_changes = Json::object();
    if (items) {
      SAWT_ASSIGN_OR_RETURN(weight_changes, ReplaceItems(tx, id, *items));
      set.changed["items"] = items->size();
    }
    // The version moves with any change, the items included (their replacement is part of it).
    SAWT_ASSIGN_OR_RETURN(bool updated, GuardedUpdate(tx, "compliance_templates", set, id, old.Int("version")));
    if (!updated) return MissOrStale(tx, "compliance_templates", id, "compliance.template_not_found").error();
    SAWT_TRY_STATUS(AppendEvent(tx, caller, "strategy.compliance_template_updated", std::nullopt, "compliance_template", id,
                                set.changed));
    if (!weight_changes.empty()) {
      // Scores are computed from the current weights: this event is when every score changed.
      SAWT_TRY_STATUS(AppendEvent(tx, caller, "strategy.compliance_weights_changed", std::nullopt, "compliance_template", id,
                                  {{"weights", weight_changes}}));
    }
    SAWT_ASSIGN_OR_RETURN(Row row, LoadTemplate(tx, id));
    return TemplateJson(tx, row);
  });
}

Result<Json> ComplianceService::ListAssessments(const auth::Caller& caller, const AssessmentFilter& filter,
                                                const module::Page& page) {
  if (filter.period && !IsAssessmentPeriod(*filter.period)) return Error::InvalidInput("compliance.bad_period", "period", {*filter.period});
  if (filter.status) SAWT_TRY_STATUS(AssessmentStatuses().Check(*filter.status, "compliance.bad_status", "status"));
  // Listing shows statuses and scores, which every member of the network may see (the heat map);
  // the answers and evidence are only in the detail.
  SAWT_TRY_STATUS(auth::Authorize(caller, "strategy.read", std::nullopt));
  return store::ReadValue<Json>(store_, [&](Tx& tx) -> Result<Json> {
    store::Sql sql("SELECT " + AssessmentColumns() + " FROM compliance_assessments WHERE id > ", page.after_id);
    if (filter.entity_id) {
      SAWT_ASSIGN_OR_RETURN(auto ids, registry_.entity_directory().Subtree(tx, *filter.entity_id));
      sql.BindList(" AND entity_id IN (", std::vector<Value>(ids.begin(), ids.end())).Append(")");
    }
    if (filter.period) sql.Bind(" AND period = ", *filter.period);
    if (filter.status) sql.Bind(" AND status = ", *filter.status);
    SAWT_ASSIGN_OR_RETURN(Json out, module::QueryPage(tx, std::move(sql), "id", page,
                                                      [](const Row& r) { return AssessmentResource().ToJson(r); }));
    if (out["items"].empty()) return out;
    std::vector<Value> ids;
    for (const Json& a : out["items"]) ids.push_back(a["id"].get<int64_t>());
    store::Sql where;
    where.BindList(" a.id IN (", ids).Append(")");
    SAWT_ASSIGN_OR_RETURN(auto scores, ComputeScores(tx, where));
    for (Json& a : out["items"]) {
      const AssessmentScores s = scores[a["id"].get<int64_t>()];
      a["scores"] = ScoresJson(s.current);
    }
    return out;
  });
}

Result<Json> ComplianceService::GetAssessment(const auth::Caller& caller, int64_t id) {
  return store::ReadValue<Json>(store_, [&](Tx& tx) -> Result<Json> {
    SAWT_ASSIGN_OR_RETURN(Row row, LoadAssessment(tx, id));
    SAWT_TRY_STATUS(AuthorizeRead(caller, row.Int("entity_id")));
    return AssessmentJson(tx, row);
  });
}

Result<Json> ComplianceService::CreateAssessment(const auth::Caller& caller, const Json& body) {
  JsonReader in(body);
  auto entity_id = in.Int("entity_id", true);
  auto period = in.String("period", true, 16);
  auto template_id = in.Int("template_id", false);
  SAWT_TRY_STATUS(in.Finish());
  if (!IsAssessmentPeriod(*period)) return Error::InvalidInput("compliance.bad_period", "period", {*period});
  SAWT_TRY_STATUS(auth::Authorize(caller, "strategy.compliance.assess", *entity_id));
  return store::WriteValue<Json>(store_, [&](Tx& tx) -> Result<Json> {
    SAWT_TRY_STATUS(module::EntityMustExist(registry_.entity_directory(), tx, *entity_id, "entity_id",
                                            "strategy.entity_not_found"));
    int64_t chosen = 0;
    if (template_id) {
      auto rows = tx.Query("SELECT status FROM compliance_templates WHERE id = $1", {*template_id});
      if (!rows) return std::move(rows).error();
      if (rows->empty() || (*rows)[0].Text("status") != "active") {
        return Error::InvalidInput("compliance.template_not_active", "template_id", {std::to_string(*template_id)});
      }
      chosen = *template_id;
    } else {
      auto rows = tx.Query("SELECT id FROM compliance_templates WHERE status = 'active' ORDER BY id DESC LIMIT 1");
      if (!rows) return std::move(rows).error();
      if (rows->empty()) return Error::Conflict("compliance.no_active_template");
      chosen = (*rows)[0].Int("id");
    }
    auto taken = tx.Query("SELECT id FROM compliance_assessments WHERE entity_id = $1 AND template_id = $2 AND period = $3",
                          {*entity_id, chosen, *period});
    if (!taken) return std::move(taken).error();
    if (!taken->empty()) {
      const int64_t existing = (*taken)[0].Int("id");
      return Error::Conflict("compliance.assessment_exists", {*period, std::to_string(existing)}, "period").WithIds({existing});
    }
    const std::string now = tx.clock().NowIsoUtc();
    auto inserted = tx.Query(
        "INSERT INTO compliance_assessments (entity_id, template_id, period, status, created_by, created_at, updated_at) "
        "VALUES ($1, $2, $3, 'draft', $4, $5, $5) RETURNING id",
        {*entity_id, chosen, *period, caller.login, now});
    if (!inserted) return std::move(inserted).error();
    const int64_t id = (*inserted)[0].Int("id");
    SAWT_TRY_STATUS(AppendEvent(tx, caller, "strategy.assessment_created", *entity_id, "assessment", id,
                                {{"period", *period}, {"template_id", chosen}}));
    return AssessmentJsonById(tx, id);
  });
}

Result<Json> ComplianceService::PutAnswer(const auth::Caller& caller, int64_t id, const std::string& item_code,
                                          const Json& body) {
  JsonReader in(body);
  // A null level takes the answer back (the item is unanswered again); its comment goes with it.
  const bool withdraw = in.IsNull("level");
  std::optional<int64_t> level;
  if (withdraw) {
    in.Raw("level");
  } else {
    level = in.Int("level", true);
  }
  auto comment = in.String("comment", false, 4000, false);
  SAWT_TRY_STATUS(in.Finish());
  if (level && (*level < 0 || *level > kMaxLevel)) return Error::InvalidInput("compliance.bad_level", "level");
  return store::WriteValue<Json>(store_, [&](Tx& tx) -> Result<Json> {
    SAWT_ASSIGN_OR_RETURN(Row a, LoadAssessment(tx, id));
    const int64_t entity_id = a.Int("entity_id");
    const std::string status = a.Text("status");
    // The phase says whose answer it is: the entity's own, or the network's review.
    const bool review = status == "submitted";
    SAWT_TRY_STATUS(auth::Authorize(caller, review ? "strategy.compliance.review" : "strategy.compliance.assess", entity_id));
    if (status == "reviewed") return Error::Conflict("compliance.not_editable", {status});
    auto item = tx.Query("SELECT id FROM compliance_items WHERE template_id = $1 AND code = $2",
                         {a.Int("template_id"), item_code});
    if (!item) return std::move(item).error();
    if (item->empty()) return Error::NotFound("compliance.item_not_found", {item_code});
    const int64_t item_id = (*item)[0].Int("id");
    // ON CONFLICT: two answers to a new item at once both insert; the key keeps one row.
    SAWT_TRY_STATUS(tx.Exec("INSERT INTO compliance_answers (assessment_id, item_id) VALUES ($1, $2) "
                            "ON CONFLICT (assessment_id, item_id) DO NOTHING",
                            {id, item_id}));
    const char* set = review ? "UPDATE compliance_answers SET review_level = $1, review_comment = $2 "
                             : "UPDATE compliance_answers SET self_level = $1, self_comment = $2 ";
    store::Value level_value = level ? store::Value(*level) : store::Value();
    store::Value comment_value = withdraw ? store::Value() : store::Value(comment.value_or(""));
    SAWT_TRY_STATUS(tx.Exec(std::string(set) + "WHERE assessment_id = $3 AND item_id = $4",
                            {level_value, comment_value, id, item_id}));
    SAWT_TRY_STATUS(BumpVersion(tx, id));
    SAWT_TRY_STATUS(AppendEvent(tx, caller, review ? "strategy.assessment_reviewed_item" : "strategy.assessment_answered",
                                entity_id, "assessment", id,
                                {{"item", item_code},
                                 {"level", level ? Json(*level) : Json(nullptr)},
                                 {"comment", withdraw ? Json(nullptr) : Json(comment.value_or(""))}}));
    return AssessmentJsonById(tx, id);
  });
}

Result<Json> ComplianceService::Submit(const auth::Caller& caller, int64_t id, std::optional<int64_t> if_match,
                                       const Json& body) {
  SAWT_ASSIGN_OR_RETURN(auto note, ReadNote(body, false));
  return OnAssessment(store_, caller, id, "strategy.compliance.assess", [&](Tx& tx, const Row& a) -> Result<Json> {
    // Complete before it goes to the network: every item answered, evidence where required.
    auto missing = tx.Query(
        "SELECT i.code AS code FROM compliance_items i LEFT JOIN compliance_answers ans ON ans.item_id = i.id "
        "AND ans.assessment_id = $1 WHERE i.template_id = $2 AND (ans.self_level IS NULL OR (i.evidence_required = 1 "
        "AND NOT EXISTS (SELECT 1 FROM compliance_evidence e WHERE e.assessment_id = $1 AND e.item_id = i.id))) "
        "ORDER BY i.position, i.id",
        {id, a.Int("template_id")});
    if (!missing) return std::move(missing).error();
    if (!missing->empty() && (a.Text("status") == "draft" || a.Text("status") == "returned")) {
      std::string codes;
      std::vector<std::string> items;
      for (const Row& r : *missing) {
        codes += (codes.empty() ? "" : ", ") + r.Text("code");
        items.push_back(r.Text("code"));
      }
      return Error::Unprocessable("compliance.incomplete", "answers", {codes}).WithItems(std::move(items));
    }
    Assignments set;
    set.Set("submitted_by", caller.login, caller.login);
    const std::string now = tx.clock().NowIsoUtc();
    set.Set("submitted_at", now, now);
    if (note) set.changed["note"] = *note;  // the entity's word to the network, in the event only
    return Transition(tx, caller, a, if_match, {"draft", "returned"}, "submitted", std::move(set),
                      "strategy.assessment_submitted");
  });
}

Result<Json> ComplianceService::Return(const auth::Caller& caller, int64_t id, std::optional<int64_t> if_match,
                                       const Json& body) {
  SAWT_ASSIGN_OR_RETURN(auto note, ReadNote(body, true));
  return OnAssessment(store_, caller, id, "strategy.compliance.review", [&](Tx& tx, const Row& a) -> Result<Json> {
    Assignments set;
    set.Set("review_note", note.value(), note.value());
    return Transition(tx, caller, a, if_match, {"submitted"}, "returned", std::move(set), "strategy.assessment_returned");
  });
}

Result<Json> ComplianceService::Complete(const auth::Caller& caller, int64_t id, std::optional<int64_t> if_match,
                                         const Json& body) {
  SAWT_ASSIGN_OR_RETURN(auto note, ReadNote(body, false));
  return OnAssessment(store_, caller, id, "strategy.compliance.review", [&](Tx& tx, const Row& a) -> Result<Json> {
    if (a.Text("status") == "submitted") {
      // Items the reviewer did not change keep the entity's level: the review is then complete.
      SAWT_TRY_STATUS(tx.Exec("UPDATE compliance_answers SET review_level = self_level WHERE assessment_id = $1 AND "
                              "review_level IS NULL",
                              {id}));
    }
    Assignments set;
    set.SetIf("review_note", note);
    const std::string now = tx.clock().NowIsoUtc();
    set.Set("reviewed_by", caller.login, caller.login);
    set.Set("reviewed_at", now, now);
    return Transition(tx, caller, a, if_match, {"submitted"}, "reviewed", std::move(set), "strategy.assessment_completed");
  });
}

Result<Json> ComplianceService::AddEvidence(const auth::Caller& caller, int64_t id, const std::string& item_code,
                                            const std::string& file_name, const std::string& media_type,
                                            const std::string& bytes) {
  SAWT_ASSIGN_OR_RETURN(std::string stored_type, CheckEvidenceUpload(file_name, media_type, bytes));
  return OnAssessment(store_, caller, id, "strategy.compliance.assess", [&](Tx& tx, const Row& a) -> Result<Json> {
    SAWT_TRY_STATUS(EntityMayEdit(a));
    auto item = tx.Query("SELECT id FROM compliance_items WHERE template_id = $1 AND code = $2",
                         {a.Int("template_id"), item_code});
    if (!item) return std::move(item).error();
    if (item->empty()) return Error::InvalidInput("compliance.item_not_found", "item", {item_code});
    SAWT_ASSIGN_OR_RETURN(std::string sha256, KeepEvidenceBytes(tx, bytes));
    auto inserted = tx.Query(
        "INSERT INTO compliance_evidence (assessment_id, item_id, file_name, media_type, size, sha256, uploaded_by, "
        "uploaded_at) VALUES ($1, $2, $3, $4, $5, $6, $7, $8) RETURNING id",
        {id, (*item)[0].Int("id"), file_name, stored_type,
         static_cast<int64_t>(bytes.size()), sha256, caller.login, tx.clock().NowIsoUtc()});
    if (!inserted) return std::move(inserted).error();
    const int64_t evidence_id = (*inserted)[0].Int("id");
    SAWT_ASSIGN_OR_RETURN(Row row, LoadOne(tx, "SELECT " + EvidenceColumns() + " FROM compliance_evidence WHERE id = $1",
                                           evidence_id, "compliance.evidence_not_found"));
    Json out = EvidenceResource().ToJson(row);
    SAWT_TRY_STATUS(BumpVersion(tx, id));
    SAWT_TRY_STATUS(AppendEvent(tx, caller, "strategy.evidence_added", a.Int("entity_id"), "assessment", id,
                                {{"evidence_id", evidence_id}, {"item", item_code}, {"file_name", file_name},
                                 {"sha256", sha256}, {"size", bytes.size()}}));
    return out;
  });
}

Result<EvidenceFile> ComplianceService::GetEvidence(const auth::Caller& caller, int64_t evidence_id) {
  return store::ReadValue<EvidenceFile>(store_, [&](Tx& tx) -> Result<EvidenceFile> {
    auto rows = tx.Query(
        "SELECT e.file_name AS file_name, e.media_type AS media_type, e.sha256 AS sha256, a.entity_id AS entity_id "
        "FROM compliance_evidence e JOIN compliance_assessments a ON a.id = e.assessment_id WHERE e.id = $1",
        {evidence_id});
    if (!rows) return std::move(rows).error();
    if (rows->empty()) return Error::NotFound("compliance.evidence_not_found", {std::to_string(evidence_id)});
    const Row& r = (*rows)[0];
    SAWT_TRY_STATUS(AuthorizeRead(caller, r.Int("entity_id")));
    SAWT_ASSIGN_OR_RETURN(std::string bytes,
                          ReadEvidenceBytes(tx, r.Text("sha256"), "evidence " + std::to_string(evidence_id)));
    return EvidenceFile{r.Text("file_name"), r.Text("media_type"), r.Text("sha256"), std::move(bytes)};
  });
}

Status ComplianceService::DeleteEvidence(const auth::Caller& caller, int64_t evidence_id) {
  return store_.Write([&](Tx& tx) -> Status {
    auto rows = tx.Query("SELECT e.assessment_id AS assessment_id, e.file_name AS file_name, e.sha256 AS sha256 "
                         "FROM compliance_evidence e WHERE e.id = $1",
                         {evidence_id});
    if (!rows) return std::move(rows).error();
    if (rows->empty()) return Error::NotFound("compliance.evidence_not_found", {std::to_string(evidence_id)});
    const Row& e = (*rows)[0];
    SAWT_ASSIGN_OR_RETURN(Row a, LoadAssessment(tx, e.Int("assessment_id")));
    SAWT_TRY_STATUS(auth::Authorize(caller, "strategy.compliance.assess", a.Int("entity_id")));
    SAWT_TRY_STATUS(EntityMayEdit(a));
    SAWT_TRY_STATUS(tx.Exec("DELETE FROM compliance_evidence WHERE id = $1", {evidence_id}));
    SAWT_TRY_STATUS(ReleaseEvidenceBytes(tx, e.Text("sha256")));
    SAWT_TRY_STATUS(BumpVersion(tx, a.Int("id")));
    return AppendEvent(tx, caller, "strategy.evidence_removed", a.Int("entity_id"), "assessment", a.Int("id"),
                       {{"evidence_id", evidence_id}, {"file_name", e.Text("file_name")}, {"sha256", e.Text("sha256")}});
  });
}

}  // namespace sawt::strategy
