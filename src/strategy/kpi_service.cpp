#include "strategy/kpi_service.hpp"

#include <cmath>
#include <regex>

#include "auth/policy.hpp"
#include "core/clock.hpp"
#include "module/entity_directory.hpp"
#include "module/service_names.hpp"
#include "module/write_helpers.hpp"
#include "strategy/days.hpp"
#include "strategy/resources.hpp"
#include "strategy/vocabularies.hpp"

namespace sawt::strategy {
namespace {

using namespace module::service_names;  // NOLINT: the service files' shared vocabulary

const std::string& Columns() {
  static const std::string* columns = new std::string(KpiResource().Columns());
  return *columns;
}

/// 1..12 as "01".."12".
std::string TwoDigits(int v) { return (v < 10 ? "0" : "") + std::to_string(v); }

/// The days [from, to) a period code names for `frequency`, or kInvalidInput.
Result<std::pair<std::string, std::string>> PeriodDays(const std::string& frequency, const std::string& period) {
  static const std::regex yearly("^(\\d{4})$"), quarterly("^(\\d{4})-Q([1-4])$"), monthly("^(\\d{4})-(\\d{2})$");
  std::smatch m;
  auto bad = [&] { return Error::InvalidInput("strategy.bad_period_code", "period", {period, frequency}); };
  int year = 0, first_month = 1, months = 12;
  if (frequency == "yearly" && std::regex_match(period, m, yearly)) {
    year = std::stoi(m[1]);
  } else if (frequency == "quarterly" && std::regex_match(period, m, quarterly)) {
    year = std::stoi(m[1]);
    first_month = 3 * std::stoi(m[2]) - 2;
    months = 3;
  } else if (frequency == "monthly" && std::regex_match(period, m, monthly)) {
    year = std::stoi(m[1]);
    first_month = std::stoi(m[2]);
    months = 1;
    if (first_month < 1 || first_month > 12) return bad();
  } else {
    return bad();
  }
  if (year < 2000 || year > 2100) return bad();
  const int end_index = first_month - 1 + months;  // months after January of `year`
  const int end_year = year + end_index / 12, end_month = end_index % 12 + 1;
  return std::make_pair(std::to_string(year) + "-" + TwoDigits(first_month) + "-01",
                        std::to_string(end_year) + "-" + TwoDigits(end_month) + "-01");
}

/// on_track, at_risk (within `margin` percent of the target), off_track; no_target / no_data.
std::string StatusOf(const std::string& direction, double margin, const std::optional<double>& target,
                     const std::optional<double>& value) {
  if (!value) return "no_data";
  if (!target) return "no_target";
  const double slack = std::fabs(*target) * margin / 100.0;
  if (direction == "up") {
    if (*value >= *target) return "on_track";
    return *value >= *target - slack ? "at_risk" : "off_track";
  }
  if (*value <= *target) return "on_track";
  return *value <= *target + slack ? "at_risk" : "off_track";
}

Result<Row> Load(Tx& tx, int64_t id) {
  return module::LoadOne(tx, "SELECT " + Columns() + " FROM kpis WHERE id = $1", id, "strategy.kpi_not_found");
}

/// The KPI's wire JSON with its periods (every period with a target or a measurement, in order)
/// and the status of the latest measured one.
Result<Json> KpiJson(Tx& tx, const Row& row) {
  Json out = KpiResource().ToJson(row);
  const int64_t id = row.Int("id");
  auto targets = tx.Query("SELECT period, target FROM kpi_targets WHERE kpi_id = $1", {id});
  if (!targets) return std::move(targets).error();
  auto values = tx.Query(
      "SELECT period, value, origin, reason, recorded_by, recorded_at FROM kpi_measurements WHERE kpi_id = $1", {id});
  if (!values) return std::move(values).error();
  std::map<std::string, Json> periods;
  for (const Row& t : *targets) periods[t.Text("period")]["target"] = t.Double("target");
  for (const Row& v : *values) {
    Json& p = periods[v.Text("period")];
    p["value"] = v.Double("value");
    p["origin"] = v.Text("origin");
    p["reason"] = v.Text("reason");
    p["recorded_by"] = v.Text("recorded_by");
    p["recorded_at"] = v.Text("recorded_at");
  }
  const std::string direction = row.Text("direction");
  const double margin = row.Double("at_risk_margin");
  Json list = Json::array();
  std::string latest = "no_data";
  for (auto& [period, p] : periods) {
    std::optional<double> target, value;
    if (p.contains("target")) target = p["target"].get<double>();
    if (p.contains("value")) value = p["value"].get<double>();
    Json item = {{"period", period},
                 {"target", target ? Json(*target) : Json(nullptr)},
                 {"value", value ? Json(*value) : Json(nullptr)},
                 {"origin", p.value("origin", Json(nullptr))},
                 {"reason", p.value("reason", Json(nullptr))},
                 {"recorded_by", p.value("recorded_by", Json(nullptr))},
                 {"recorded_at", p.value("recorded_at", Json(nullptr))},
                 {"status", StatusOf(direction, margin, target, value)}};
    if (value) latest = item["status"];
    list.push_back(std::move(item));
  }
  out["periods"] = std::move(list);
  out["status"] = latest;
  return out;
}

/// Network KPIs are the network admins'; an entity's, its admins' (or those who measure it).
Status AuthorizeOn(const auth::Caller& caller, const Row& kpi, const char* permission) {
  return auth::Authorize(caller, permission, kpi.OptInt("entity_id"));
}

const module::KpiSource* FindSource(const module::ModuleRegistry& registry, const std::string& code) {
  for (const auto& s : registry.kpi_sources()) {
    if (s->code() == code) return s.get();
  }
  return nullptr;
}

/// Stores the measurement of `period` (replacing any) and appends its event.
Status Record(Tx& tx, const auth::Caller& caller, const Row& kpi, const std::string& period, double value,
              const std::string& origin, const std::string& reason) {
  const int64_t id = kpi.Int("id");
  const std::string now = tx.clock().NowIsoUtc();
  SAWT_TRY_STATUS(tx.Exec("DELETE FROM kpi_measurements WHERE kpi_id = $1 AND period = $2", {id, period}));
  SAWT_TRY_STATUS(tx.Exec(
      "INSERT INTO kpi_measurements (kpi_id, period, value, origin, reason, recorded_by, recorded_at) "
      "VALUES ($1, $2, $3, $4, $5, $6, $7)",
      {id, period, value, origin, reason, caller.login, now}));
  SAWT_TRY_STATUS(tx.Exec("UPDATE kpis SET version = version + 1, updated_at = $1 WHERE id = $2", {now, id}));
  return AppendEvent(tx, caller, "strategy.kpi_measured", kpi.OptInt("entity_id"), "kpi", id,
                     {{"period", period}, {"value", value}, {"origin", origin}, {"reason", reason}});
}

bool IsSlug(const std::string& s) {
  static const std::regex slug("^[a-z0-9][a-z0-9_.-]{0,63}$");
  return std::regex_match(s, slug);
}

}  // namespace

std::vector<store::Migration> KpiService::Migrations() {
  return {{"strategy", 2, "0002_create_kpis", R"SQL(
CREATE TABLE kpis (
  id {{ID}},
  entity_id BIGINT REFERENCES entities(id),
  objective_id BIGINT REFERENCES strategy_objectives(id),
  code TEXT NOT NULL UNIQUE,
  name_ar TEXT NOT NULL,
  name_en TEXT NOT NULL,
  unit TEXT NOT NULL,
  direction TEXT NOT NULL CHECK (direction IN ('up', 'down')),
  frequency TEXT NOT NULL CHECK (frequency IN ('monthly', 'quarterly', 'yearly')),
  baseline DOUBLE PRECISION,
  source TEXT NOT NULL,
  at_risk_margin DOUBLE PRECISION NOT NULL,
  version BIGINT NOT NULL DEFAULT 1,
  created_by TEXT NOT NULL,
  created_at TEXT NOT NULL,
  updated_at TEXT NOT NULL
);
CREATE INDEX kpis_entity ON kpis(entity_id);
CREATE TABLE kpi_targets (
  kpi_id BIGINT NOT NULL REFERENCES kpis(id),
  period TEXT NOT NULL,
  target DOUBLE PRECISION NOT NULL,
  PRIMARY KEY (kpi_id, period)
);
CREATE TABLE kpi_measurements (
  kpi_id BIGINT NOT NULL REFERENCES kpis(id),
  period TEXT NOT NULL,
  value DOUBLE PRECISION NOT NULL,
  origin TEXT NOT NULL CHECK (origin IN ('manual', 'source')),
  reason TEXT NOT NULL,
  recorded_by TEXT NOT NULL,
  recorded_at TEXT NOT NULL,
  PRIMARY KEY (kpi_id, period)
);
)SQL"}};
}

Result<std::vector<Json>> KpiService::OfEntity(Tx& tx, int64_t entity_id) {
  auto rows = tx.Query("SELECT " + Columns() + " FROM kpis WHERE entity_id = $1 ORDER BY id", {entity_id});
  if (!rows) return std::move(rows).error();
  std::vector<Json> out;
  for (const Row& r : *rows) {
    SAWT_ASSIGN_OR_RETURN(Json kpi, KpiJson(tx, r));
    out.push_back(std::move(kpi));
  }
  return out;
}

Result<Json> KpiService::Sources(const auth::Caller& caller) {
  SAWT_TRY_STATUS(auth::Authorize(caller, "strategy.read", std::nullopt));
  Json items = Json::array();
  for (const auto& s : registry_.kpi_sources()) {
    items.push_back({{"code", s->code()}, {"name_ar", s->name_ar()}, {"name_en", s->name_en()}, {"unit", s->unit()},
                     {"direction", s->direction()}});
  }
  return Json{{"items", std::move(items)}};
}

Result<Json> KpiService::List(const auth::Caller& caller, std::optional<int64_t> entity_id, const module::Page& page) {
  SAWT_TRY_STATUS(auth::Authorize(caller, "strategy.read", std::nullopt));
  return store::ReadValue<Json>(store_, [&](Tx& tx) -> Result<Json> {
    store::Sql sql("SELECT " + Columns() + " FROM kpis WHERE id > ", page.after_id);
    if (entity_id) {
      SAWT_ASSIGN_OR_RETURN(auto ids, registry_.entity_directory().Subtree(tx, *entity_id));
      sql.BindList(" AND entity_id IN (", std::vector<Value>(ids.begin(), ids.end())).Append(")");
    }
    sql.Append(" ORDER BY id");
    sql.Bind(" LIMIT ", int64_t{page.limit});
    auto rows = store::Query(tx, sql);
    if (!rows) return std::move(rows).error();
    Json items = Json::array();
    int64_t last = 0;
    for (const Row& r : *rows) {
      SAWT_ASSIGN_OR_RETURN(Json j, KpiJson(tx, r));
      last = r.Int("id");
      items.push_back(std::move(j));
    }
    return module::PageJson(std::move(items), page, last);
  });
}

Result<Json> KpiService::Get(const auth::Caller& caller, int64_t id) {
  SAWT_TRY_STATUS(auth::Authorize(caller, "strategy.read", std::nullopt));
  return store::ReadValue<Json>(store_, [&](Tx& tx) -> Result<Json> {
    SAWT_ASSIGN_OR_RETURN(Row row, Load(tx, id));
    return KpiJson(tx, row);
  });
}

Result<Json> KpiService::Create(const auth::Caller& caller, const Json& body) {
  JsonReader in(body);
  auto code = in.String("code", true, 64);
  auto entity_id = in.Int("entity_id", false);
  auto objective_id = in.Int("objective_id", false);
  auto name_ar = in.String("name_ar", true, 300);
  auto name_en = in.String("name_en", true, 300);
  auto unit = in.String("unit", false, 32, false);
  auto direction = in.String("direction", true, 8);
  auto frequency = in.String("frequency", true, 16);
  const Json* baseline_raw = in.Raw("baseline");
  auto source = in.String("source", false, 64);
  const Json* margin_raw = in.Raw("at_risk_margin");
  SAWT_TRY_STATUS(in.Finish());
  if (!IsSlug(*code)) return Error::InvalidInput("strategy.bad_kpi_code", "code", {*code});
  SAWT_TRY_STATUS(KpiDirections().Check(*direction, "strategy.bad_direction", "direction"));
  SAWT_TRY_STATUS(KpiFrequencies().Check(*frequency, "strategy.bad_frequency", "frequency"));
  std::optional<double> baseline;
  if (baseline_raw && !baseline_raw->is_null()) {
    if (!baseline_raw->is_number()) return Error::InvalidInput("strategy.bad_number", "baseline", {"baseline"});
    baseline = baseline_raw->get<double>();
  }
  double margin = 10;
  if (margin_raw) {
    if (!margin_raw->is_number() || margin_raw->get<double>() < 0 || margin_raw->get<double>() > 100) {
      return Error::InvalidInput("strategy.bad_margin", "at_risk_margin");
    }
    margin = margin_raw->get<double>();
  }
  if (source && !FindSource(registry_, *source)) return Error::InvalidInput("strategy.unknown_kpi_source", "source", {*source});
  SAWT_TRY_STATUS(auth::Authorize(caller, "strategy.kpis.write", entity_id));
  return store::WriteValue<Json>(store_, [&](Tx& tx) -> Result<Json> {
    if (entity_id) {
      SAWT_TRY_STATUS(module::EntityMustExist(registry_.entity_directory(), tx, *entity_id, "entity_id",
                                              "strategy.entity_not_found"));
    }
    if (objective_id) {
      // The objective of a current strategy: the entity's own, or the umbrella's for a network KPI.
      auto rows = tx.Query(
          "SELECT s.entity_id AS entity_id, s.status AS status FROM strategy_objectives o JOIN strategies s "
          "ON s.id = o.strategy_id WHERE o.id = $1",
          {*objective_id});
      if (!rows) return std::move(rows).error();
      if (rows->empty() || (*rows)[0].OptInt("entity_id") != entity_id || (*rows)[0].Text("status") == "archived") {
        return Error::InvalidInput("strategy.bad_objective", "objective_id", {std::to_string(*objective_id)});
      }
    }
    const std::string now = tx.clock().NowIsoUtc();
    auto inserted = tx.Query(
        "INSERT INTO kpis (entity_id, objective_id, code, name_ar, name_en, unit, direction, frequency, baseline, source, "
        "at_risk_margin, created_by, created_at, updated_at) VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12, "
        "$13, $13) RETURNING id",
        {store::OrNull(entity_id), store::OrNull(objective_id), *code, *name_ar, *name_en, unit.value_or(""), *direction,
         *frequency, baseline ? Value(*baseline) : store::Null(), source.value_or("manual"), margin, caller.login, now});
    if (!inserted) {
      if (inserted.error().code == core::ErrorCode::kConflict) return Error::Conflict("strategy.kpi_code_taken", {*code}, "code");
      return std::move(inserted).error();
    }
    const int64_t id = (*inserted)[0].Int("id");
    SAWT_ASSIGN_OR_RETURN(Row row, Load(tx, id));
    SAWT_ASSIGN_OR_RETURN(Json out, KpiJson(tx, row));
    SAWT_TRY_STATUS(AppendEvent(tx, caller, "strategy.kpi_created", entity_id, "kpi", id, out));
    return out;
  });
}

Result<Json> KpiService::PutTarget(const auth::Caller& caller, int64_t id, const std::string& period, const Json& body) {
  JsonReader in(body);
  const Json* target = in.Raw("target");
  SAWT_TRY_STATUS(in.Finish());
  if (!target) return Error::InvalidInput("common.field_required", "target", {"target"});
  if (!target->is_number()) return Error::InvalidInput("strategy.bad_number", "target", {"target"});
  return store::WriteValue<Json>(store_, [&](Tx& tx) -> Result<Json> {
    SAWT_ASSIGN_OR_RETURN(Row kpi, Load(tx, id));
    SAWT_TRY_STATUS(AuthorizeOn(caller, kpi, "strategy.kpis.write"));
    if (auto days = PeriodDays(kpi.Text("frequency"), period); !days) return std::move(days).error();
    const double value = target->get<double>();
    SAWT_TRY_STATUS(tx.Exec("DELETE FROM kpi_targets WHERE kpi_id = $1 AND period = $2", {id, period}));
    SAWT_TRY_STATUS(tx.Exec("INSERT INTO kpi_targets (kpi_id, period, target) VALUES ($1, $2, $3)", {id, period, value}));
    SAWT_TRY_STATUS(tx.Exec("UPDATE kpis SET version = version + 1, updated_at = $1 WHERE id = $2", {tx.clock().NowIsoUtc(), id}));
    SAWT_TRY_STATUS(AppendEvent(tx, caller, "strategy.kpi_target_set", kpi.OptInt("entity_id"), "kpi", id,
                                {{"period", period}, {"target", value}}));
    SAWT_ASSIGN_OR_RETURN(Row row, Load(tx, id));
    return KpiJson(tx, row);
  });
}

Result<Json> KpiService::PutMeasurement(const auth::Caller& caller, int64_t id, const std::string& period,
                                        const Json& body) {
  JsonReader in(body);
  const Json* value = in.Raw("value");
  auto reason = in.String("reason", false, 2000);
  SAWT_TRY_STATUS(in.Finish());
  if (!value) return Error::InvalidInput("common.field_required", "value", {"value"});
  if (!value->is_number()) return Error::InvalidInput("strategy.bad_number", "value", {"value"});
  return store::WriteValue<Json>(store_, [&](Tx& tx) -> Result<Json> {
    SAWT_ASSIGN_OR_RETURN(Row kpi, Load(tx, id));
    SAWT_TRY_STATUS(AuthorizeOn(caller, kpi, "strategy.kpis.measure"));
    if (kpi.Text("source") != "manual") return Error::Conflict("strategy.kpi_fed_by_source", {kpi.Text("source")});
    SAWT_ASSIGN_OR_RETURN(auto days, PeriodDays(kpi.Text("frequency"), period));
    SAWT_ASSIGN_OR_RETURN(std::string today, Today(tx, registry_));
    if (days.first > today) return Error::InvalidInput("strategy.future_period", "period", {period});
    // The period has ended: its figure was reported already, so a change says why.
    if (days.second <= today && !reason) return Error::InvalidInput("strategy.reason_required", "reason", {period});
    SAWT_TRY_STATUS(Record(tx, caller, kpi, period, value->get<double>(), "manual", reason.value_or("")));
    SAWT_ASSIGN_OR_RETURN(Row row, Load(tx, id));
    return KpiJson(tx, row);
  });
}

Result<Json> KpiService::Refresh(const auth::Caller& caller, int64_t id, const Json& body) {
  JsonReader in(body);
  auto period = in.String("period", true, 16);
  SAWT_TRY_STATUS(in.Finish());
  return store::WriteValue<Json>(store_, [&](Tx& tx) -> Result<Json> {
    SAWT_ASSIGN_OR_RETURN(Row kpi, Load(tx, id));
    SAWT_TRY_STATUS(AuthorizeOn(caller, kpi, "strategy.kpis.measure"));
    const module::KpiSource* source = FindSource(registry_, kpi.Text("source"));
    if (source == nullptr) return Error::Conflict("strategy.kpi_is_manual", {std::to_string(id)});
    SAWT_ASSIGN_OR_RETURN(auto days, PeriodDays(kpi.Text("frequency"), *period));
    SAWT_ASSIGN_OR_RETURN(core::TimeZone zone, registry_.network_time().Zone(tx));
    const std::string today = zone.DateOf(tx.clock().NowMicros());
    if (days.first > today) return Error::InvalidInput("strategy.future_period", "period", {*period});
    module::KpiPeriod span{days.first, days.second, core::FormatIsoUtc(*zone.DayStart(days.first)),
                           core::FormatIsoUtc(*zone.DayStart(days.second))};
    std::optional<std::vector<int64_t>> entities;
    if (auto entity = kpi.OptInt("entity_id")) {
      SAWT_ASSIGN_OR_RETURN(entities, registry_.entity_directory().Subtree(tx, *entity));
    }
    SAWT_ASSIGN_OR_RETURN(double measured, source->Measure(tx, entities, span));
    SAWT_TRY_STATUS(Record(tx, caller, kpi, *period, measured, "source", ""));
    SAWT_ASSIGN_OR_RETURN(Row row, Load(tx, id));
    return KpiJson(tx, row);
  });
}

}  // namespace sawt::strategy
