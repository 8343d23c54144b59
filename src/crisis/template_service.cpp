#include "crisis/template_service.hpp"

#include <algorithm>

#include "auth/policy.hpp"
#include "crisis/resources.hpp"
#include "crisis/vocabularies.hpp"
#include "module/service_names.hpp"

namespace sawt::crisis {
namespace {

using namespace module::service_names;  // NOLINT: the service files' shared vocabulary

constexpr size_t kMaxTitle = 300;
constexpr size_t kMaxBody = 8000;
constexpr size_t kMaxValue = 300;
constexpr size_t kMaxName = 32;

bool IsNameStart(char c) { return c >= 'a' && c <= 'z'; }
bool IsNameChar(char c) { return IsNameStart(c) || (c >= '0' && c <= '9') || c == '_'; }

/// Calls `found(begin, end, name)` for each "{{name}}" in `text` ([begin, end) spans the braces).
template <typename Found>
void ForEachPlaceholder(const std::string& text, Found found) {
  size_t at = 0;
  while ((at = text.find("{{", at)) != std::string::npos) {
    size_t i = at + 2;
    if (i < text.size() && IsNameStart(text[i])) {
      while (i < text.size() && IsNameChar(text[i]) && i - (at + 2) < kMaxName) ++i;
      if (text.compare(i, 2, "}}") == 0) {
        found(at, i + 2, text.substr(at + 2, i - at - 2));
        at = i + 2;
        continue;
      }
    }
    at += 2;
  }
}

Json TemplateJson(const Row& r) {
  Json out = TemplateResource().ToJson(r);
  std::vector<std::string> names;
  for (const char* column : {"title_ar", "title_en", "body_ar", "body_en"}) {
    for (auto& name : PlaceholdersOf(r.Text(column))) {
      if (std::find(names.begin(), names.end(), name) == names.end()) names.push_back(std::move(name));
    }
  }
  out["placeholders"] = names;
  return out;
}

std::string SelectTemplates() { return "SELECT " + TemplateResource().Columns() + " FROM crisis_templates "; }

Result<Row> Load(Tx& tx, int64_t id) { return LoadOne(tx, SelectTemplates() + "WHERE id = $1", id, "crisis.template_not_found"); }

/// A template code: a lower-case slug of 1–64 bytes.
bool IsCode(const std::string& s) {
  return !s.empty() && s.size() <= 64 &&
         std::all_of(s.begin(), s.end(), [](char c) { return IsNameChar(c) || c == '-'; });
}

}  // namespace

std::vector<std::string> PlaceholdersOf(const std::string& text) {
  std::vector<std::string> out;
  ForEachPlaceholder(text, [&](size_t, size_t, std::string name) {
    if (std::find(out.begin(), out.end(), name) == out.end()) out.push_back(std::move(name));
  });
  return out;
}

std::string FillPlaceholders(const std::string& text, const std::map<std::string, std::string>& values) {
  std::string out;
  size_t copied = 0;
  ForEachPlaceholder(text, [&](size_t begin, size_t end, const std::string& name) {
    const auto value = values.find(name);
    if (value == values.end()) return;
    out.append(text, copied, begin - copied);
    out += value->second;
    copied = end;
  });
  out.append(text, copied, std::string::npos);
  return out;
}

std::vector<store::Migration> TemplateService::Migrations() {
  return {{"crisis", 2, "0002_create_crisis_templates", R"SQL(
CREATE TABLE crisis_templates (
  id {{ID}},
  code TEXT NOT NULL UNIQUE,
  crisis_type TEXT NOT NULL,
  title_ar TEXT NOT NULL,
  title_en TEXT NOT NULL,
  body_ar TEXT NOT NULL,
  body_en TEXT NOT NULL,
  status TEXT NOT NULL CHECK (status IN ('active', 'retired')),
  version BIGINT NOT NULL DEFAULT 1,
  created_by TEXT NOT NULL,
  created_at TEXT NOT NULL,
  updated_by TEXT NOT NULL,
  updated_at TEXT NOT NULL
);
CREATE INDEX crisis_templates_type ON crisis_templates(crisis_type, status);
)SQL"}};
}

Result<Json> TemplateService::List(const auth::Caller& caller, const std::optional<std::string>& crisis_type,
                                   bool include_retired) {
  SAWT_TRY_STATUS(auth::Authorize(caller, "crisis.read", std::nullopt));
  if (crisis_type) SAWT_TRY_STATUS(Types().Check(*crisis_type, "crisis.bad_type", "crisis_type"));
  return store::ReadValue<Json>(store_, [&](Tx& tx) -> Result<Json> {
    std::string sql = SelectTemplates() + "WHERE 1 = 1";
    std::vector<Value> params;
    if (crisis_type) {
      params.emplace_back(*crisis_type);
      sql += " AND crisis_type = $1";
    }
    if (!include_retired) sql += " AND status = 'active'";
    return module::QueryAll(tx, sql + " ORDER BY crisis_type, code LIMIT 500", params, TemplateJson);
  });
}

Result<Json> TemplateService::Get(const auth::Caller& caller, int64_t id) {
  SAWT_TRY_STATUS(auth::Authorize(caller, "crisis.read", std::nullopt));
  return store::ReadValue<Json>(store_, [&](Tx& tx) -> Result<Json> {
    SAWT_ASSIGN_OR_RETURN(Row row, Load(tx, id));
    return TemplateJson(row);
  });
}

Result<Json> TemplateService::Create(const auth::Caller& caller, const Json& body) {
  JsonReader in(body);
  auto code = in.String("code", true, 64);
  auto type = in.String("crisis_type", true, 32);
  auto title_ar = in.String("title_ar", true, kMaxTitle);
  auto title_en = in.String("title_en", true, kMaxTitle);
  auto body_ar = in.String("body_ar", true, kMaxBody);
  auto body_en = in.String("body_en", true, kMaxBody);
  SAWT_TRY_STATUS(in.Finish());
  if (!IsCode(*code)) return Error::InvalidInput("crisis.bad_template_code", "code", {*code});
  SAWT_TRY_STATUS(Types().Check(*type, "crisis.bad_type", "crisis_type"));
  SAWT_TRY_STATUS(auth::Authorize(caller, "crisis.templates", std::nullopt));
  return store::WriteValue<Json>(store_, [&](Tx& tx) -> Result<Json> {
    const std::string now = tx.clock().NowIsoUtc();
    auto rows = tx.Query(
        "INSERT INTO crisis_templates (code, crisis_type, title_ar, title_en, body_ar, body_en, status, created_by, "
        "created_at, updated_by, updated_at) VALUES ($1, $2, $3, $4, $5, $6, 'active', $7, $8, $7, $8) RETURNING id",
        {*code, *type, *title_ar, *title_en, *body_ar, *body_en, caller.login, now});
    if (!rows) {
      if (rows.error().code == core::ErrorCode::kConflict) return Error::Conflict("crisis.template_code_taken", {*code}, "code");
      return std::move(rows).error();
    }
    SAWT_ASSIGN_OR_RETURN(Row row, Load(tx, (*rows)[0].Int("id")));
    Json out = TemplateJson(row);
    SAWT_TRY_STATUS(AppendEvent(tx, caller, "crisis.template_created", std::nullopt, "crisis_template", row.Int("id"),
                                {{"code", *code}, {"crisis_type", *type}}));
    return out;
  });
}

Result<Json> TemplateService::Update(const auth::Caller& caller, int64_t id, std::optional<int64_t> if_match,
                                     const Json& body) {
  JsonReader in(body);
  auto type = in.String("crisis_type", false, 32);
  auto title_ar = in.String("title_ar", false, kMaxTitle);
  auto title_en = in.String("title_en", false, kMaxTitle);
  auto body_ar = in.String("body_ar", false, kMaxBody);
  auto body_en = in.String("body_en", false, kMaxBody);
  auto status = in.String("status", false, 16);
  SAWT_TRY_STATUS(in.Finish());
  if (type) SAWT_TRY_STATUS(Types().Check(*type, "crisis.bad_type", "crisis_type"));
  if (status && *status != "active" && *status != "retired") {
    return Error::InvalidInput("crisis.bad_template_status", "status", {*status});
  }
  SAWT_TRY_STATUS(auth::Authorize(caller, "crisis.templates", std::nullopt));
  Assignments set;
  set.SetIf("crisis_type", type);
  set.SetIf("title_ar", title_ar);
  set.SetIf("title_en", title_en);
  set.SetIf("body_ar", body_ar);
  set.SetIf("body_en", body_en);
  set.SetIf("status", status);
  set.Set("updated_by", caller.login, caller.login);
  return store::WriteValue<Json>(store_, [&](Tx& tx) -> Result<Json> {
    SAWT_ASSIGN_OR_RETURN(Row old, Load(tx, id));
    if (if_match && *if_match != old.Int("version")) return Error::PreconditionFailed();
    SAWT_ASSIGN_OR_RETURN(bool updated, GuardedUpdate(tx, "crisis_templates", set, id, old.Int("version")));
    if (!updated) return MissOrStale(tx, "crisis_templates", id, "crisis.template_not_found").error();
    SAWT_ASSIGN_OR_RETURN(Row row, Load(tx, id));
    Json payload = set.changed;
    payload["version"] = row.Int("version");
    SAWT_TRY_STATUS(AppendEvent(tx, caller, "crisis.template_updated", std::nullopt, "crisis_template", id, std::move(payload)));
    return TemplateJson(row);
  });
}

Result<Json> TemplateService::Render(const auth::Caller& caller, int64_t id, const Json& body) {
  JsonReader in(body);
  const Json* raw = in.Raw("values");
  SAWT_TRY_STATUS(in.Finish());
  if (!raw || !raw->is_object() || raw->size() > 50) return Error::InvalidInput("crisis.bad_values", "values");
  std::map<std::string, std::string> values;
  for (const auto& [name, value] : raw->items()) {
    if (!value.is_string() || value.get<std::string>().size() > kMaxValue) {
      return Error::InvalidInput("crisis.bad_values", "values." + name);
    }
    values[name] = value.get<std::string>();
  }
  SAWT_TRY_STATUS(auth::Authorize(caller, "crisis.read", std::nullopt));
  return store::ReadValue<Json>(store_, [&](Tx& tx) -> Result<Json> {
    SAWT_ASSIGN_OR_RETURN(Row row, Load(tx, id));
    const Json names = TemplateJson(row)["placeholders"];
    for (const auto& [name, value] : values) {
      if (std::find(names.begin(), names.end(), name) == names.end()) {
        return Error::InvalidInput("crisis.unknown_placeholder", "values." + name, {name});
      }
    }
    Json out = Json::object();
    for (const char* column : {"title_ar", "title_en", "body_ar", "body_en"}) out[column] = FillPlaceholders(row.Text(column), values);
    Json missing = Json::array();
    for (const auto& name : names) {
      if (!values.count(name.get<std::string>())) missing.push_back(name);
    }
    out["missing"] = std::move(missing);
    return out;
  });
}

}  // namespace sawt::crisis
