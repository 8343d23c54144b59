#include "strategy/scorecard_service.hpp"

#include <cmath>
#include <map>
#include <set>

#include "auth/policy.hpp"
#include "module/entity_directory.hpp"
#include "module/service_names.hpp"
#include "strategy/compliance_scores.hpp"
#include "strategy/days.hpp"
#include "strategy/kpi_service.hpp"
#include "strategy/report_builder.hpp"

namespace sawt::strategy {
namespace {

using namespace module::service_names;  // NOLINT: the service files' shared vocabulary

Json EntityJson(const module::EntityInfo& e) {
  return {{"id", e.id}, {"code", e.code}, {"name_ar", e.name_ar}, {"name_en", e.name_en}};
}

Json ScoreOrNull(const std::optional<double>& v) { return v ? Json(*v) : Json(nullptr); }

/// The activities of an entity by status, how many are overdue, and the share of the open ones
/// (neither done nor cancelled) that are on track (not blocked, not overdue).
Result<Json> ActivitySummary(Tx& tx, int64_t entity_id, const std::string& today) {
  auto rows = tx.Query(
      "SELECT status, COUNT(*) AS n, SUM(CASE WHEN due_date < $2 AND status NOT IN ('done', 'cancelled') THEN 1 ELSE 0 END) "
      "AS overdue FROM strategy_activities WHERE entity_id = $1 GROUP BY status",
      {entity_id, today});
  if (!rows) return std::move(rows).error();
  Json by_status = Json::object();
  int64_t total = 0, overdue = 0, open = 0, on_track = 0;
  for (const Row& r : *rows) {
    const std::string status = r.Text("status");
    const int64_t n = r.Int("n"), late = r.Int("overdue");
    by_status[status] = n;
    total += n;
    overdue += late;
    if (status != "done" && status != "cancelled") {
      open += n;
      if (status != "blocked") on_track += n - late;
    }
  }
  return Json{{"total", total},
              {"by_status", std::move(by_status)},
              {"overdue", overdue},
              {"open", open},
              {"on_track", on_track},
              {"on_track_share", open > 0 ? Json(std::round(1000.0 * on_track / open) / 10.0) : Json(nullptr)}};
}

Json KpiSummary(const std::vector<Json>& kpis) {
  Json items = Json::array(), by_status = Json::object();
  for (const Json& k : kpis) {
    Json latest = nullptr;
    for (const Json& p : k["periods"]) {
      if (!p["value"].is_null()) latest = p;
    }
    const std::string status = k["status"];
    by_status[status] = by_status.value(status, 0) + 1;
    items.push_back({{"id", k["id"]},
                     {"code", k["code"]},
                     {"name_ar", k["name_ar"]},
                     {"name_en", k["name_en"]},
                     {"unit", k["unit"]},
                     {"direction", k["direction"]},
                     {"status", status},
                     {"period", latest.is_null() ? Json(nullptr) : latest["period"]},
                     {"value", latest.is_null() ? Json(nullptr) : latest["value"]},
                     {"target", latest.is_null() ? Json(nullptr) : latest["target"]}});
  }
  return {{"total", kpis.size()}, {"by_status", std::move(by_status)}, {"items", std::move(items)}};
}

Result<Json> HeatmapIn(Tx& tx, const module::ModuleRegistry& registry, std::optional<std::string> period,
                       std::optional<int64_t> root) {
  auto period_rows = tx.Query("SELECT DISTINCT period FROM compliance_assessments ORDER BY period");
  if (!period_rows) return std::move(period_rows).error();
  std::set<std::string> known;
  for (const Row& r : *period_rows) known.insert(r.Text("period"));
  // Shown by default: the newest period anyone has assessed. The current year is always offered,
  // so that the network can open it and entities can start its self-assessment from the map.
  if (!period && !known.empty()) period = *known.rbegin();
  SAWT_ASSIGN_OR_RETURN(std::string today, Today(tx, registry));
  known.insert(today.substr(0, 4));
  Json periods = Json::array();
  for (const std::string& p : known) periods.push_back(p);
  Json axes = Json::array();
  for (const auto& term : registry.vocabulary("axes").terms()) axes.push_back(term.code);
  Json out = {{"period", period ? Json(*period) : Json(nullptr)}, {"periods", periods}, {"axes", axes}};

  SAWT_ASSIGN_OR_RETURN(auto entities, registry.entity_directory().All(tx));
  std::set<int64_t> shown;
  if (root) {
    SAWT_ASSIGN_OR_RETURN(auto ids, registry.entity_directory().Subtree(tx, *root));
    shown.insert(ids.begin(), ids.end());
  }
  // An entity's newest assessment of the period (by template) is its cell row.
  std::map<int64_t, Row> assessed;
  std::map<int64_t, AssessmentScores> scores;
  if (period) {
    auto rows = tx.Query("SELECT id, entity_id, status FROM compliance_assessments WHERE period = $1 ORDER BY template_id",
                         {*period});
    if (!rows) return std::move(rows).error();
    for (Row& r : *rows) assessed.insert_or_assign(r.Int("entity_id"), std::move(r));
    SAWT_ASSIGN_OR_RETURN(scores, ComputeScores(tx, store::Sql(" a.period = ", *period)));
  }
  Json rows = Json::array();
  std::map<std::string, std::pair<double, int>> sums;  // axis ("" = overall) → (sum, count)
  for (const auto& [id, e] : *entities) {
    if (root && shown.count(id) == 0) continue;
    auto found = assessed.find(id);
    // Entities (not the government root, not departments) are expected to assess themselves.
    if (found == assessed.end() && e.kind != "entity") continue;
    Json row = EntityJson(e);
    row.erase("id");
    row["entity_id"] = id;
    row["assessment_id"] = nullptr;
    row["status"] = "not_started";
    row["overall"] = nullptr;
    row["axes"] = Json::object();
    if (found != assessed.end()) {
      const int64_t assessment = found->second.Int("id");
      row["assessment_id"] = assessment;
      row["status"] = found->second.Text("status");
      // A draft is the entity's work in progress: its status shows, its partial scores do not.
      const Scores s = row["status"] == "draft" ? Scores{} : scores[assessment].current;
      row["overall"] = ScoreOrNull(s.overall);
      for (const auto& [axis, score] : s.axes) {
        row["axes"][axis] = score;
        sums[axis].first += score;
        ++sums[axis].second;
      }
      if (s.overall) {
        sums[""].first += *s.overall;
        ++sums[""].second;
      }
    }
    rows.push_back(std::move(row));
  }
  auto average = [&](const std::string& key) -> Json {
    auto it = sums.find(key);
    if (it == sums.end() || it->second.second == 0) return nullptr;
    return std::round(10.0 * it->second.first / it->second.second) / 10.0;
  };
  Json average_axes = Json::object();
  for (const Json& axis : axes) average_axes[axis.get<std::string>()] = average(axis);
  out["rows"] = std::move(rows);
  out["average"] = {{"overall", average("")}, {"axes", std::move(average_axes)}};
  return out;
}

/// Overall scores by entity id, then by period.
using OverallTrend = std::map<int64_t, std::map<std::string, double>>;

/// The overall score of every entity in each of `periods`, as the heat map counts it (the newest
/// template's assessment of the period; a draft shows none).
Result<OverallTrend> OverallTrendIn(Tx& tx, const std::vector<std::string>& periods) {
  OverallTrend out;
  if (periods.empty()) return out;
  const std::vector<store::Value> values(periods.begin(), periods.end());
  store::Sql assessments("SELECT id, entity_id, period, status FROM compliance_assessments");
  assessments.BindList(" WHERE period IN (", values).Append(") ORDER BY template_id");
  SAWT_ASSIGN_OR_RETURN(auto rows, store::Query(tx, assessments));
  store::Sql which;
  which.BindList(" a.period IN (", values).Append(")");
  SAWT_ASSIGN_OR_RETURN(auto scores, ComputeScores(tx, which));
  for (const Row& r : rows) {
    auto& cell = out[r.Int("entity_id")];
    const std::string period = r.Text("period");
    const std::optional<double> overall = scores[r.Int("id")].current.overall;
    if (r.Text("status") != "draft" && overall) cell[period] = *overall;
    else cell.erase(period);  // a newer template's draft replaces an older template's score
  }
  return out;
}

Result<Json> ScorecardIn(Tx& tx, const module::ModuleRegistry& registry, int64_t entity_id) {
  SAWT_ASSIGN_OR_RETURN(auto entities, registry.entity_directory().All(tx));
  auto entity = entities->find(entity_id);
  if (entity == entities->end()) return Error::NotFound("strategy.entity_not_found", {std::to_string(entity_id)});
  auto rows = tx.Query("SELECT id, period, status FROM compliance_assessments WHERE entity_id = $1 ORDER BY period, template_id",
                       {entity_id});
  if (!rows) return std::move(rows).error();
  SAWT_ASSIGN_OR_RETURN(auto scores, ComputeScores(tx, store::Sql(" a.entity_id = ", entity_id)));
  std::map<std::string, Json> by_period;  // the newest template's assessment of each period
  for (const Row& r : *rows) {
    const int64_t id = r.Int("id");
    by_period[r.Text("period")] = {{"period", r.Text("period")},
                                   {"assessment_id", id},
                                   {"status", r.Text("status")},
                                   {"scores", ScoresJson(scores[id].current)}};
  }
  Json periods = Json::array();
  for (auto& [period, p] : by_period) periods.push_back(std::move(p));
  SAWT_ASSIGN_OR_RETURN(auto kpis, KpiService::OfEntity(tx, entity_id));
  SAWT_ASSIGN_OR_RETURN(std::string today, Today(tx, registry));
  SAWT_ASSIGN_OR_RETURN(Json activities, ActivitySummary(tx, entity_id, today));
  // The latest period the entity has put its name to: a draft is work in progress (as on the heat map).
  Json latest = nullptr;
  for (const Json& p : periods) {
    if (p["status"] != "draft") latest = p;
  }
  return Json{{"entity", EntityJson(entity->second)},
              {"periods", std::move(periods)},
              {"latest", std::move(latest)},
              {"kpis", KpiSummary(kpis)},
              {"activities", std::move(activities)}};
}

Status CheckOptions(const ReportOptions& options, std::initializer_list<const char*> formats) {
  if (options.lang != "ar" && options.lang != "en") return Error::InvalidInput("compliance.bad_report_lang", "lang", {options.lang});
  if (!options.digits.empty() && options.digits != "arab" && options.digits != "latn") {
    return Error::InvalidInput("compliance.bad_report_digits", "digits", {options.digits});
  }
  for (const char* f : formats) {
    if (options.format == f) return Ok();
  }
  return Error::InvalidInput("compliance.bad_report_format", "format", {options.format});
}

}  // namespace

Result<Json> ScorecardService::Heatmap(const auth::Caller& caller, std::optional<std::string> period,
                                       std::optional<int64_t> root) {
  if (period && !IsAssessmentPeriod(*period)) return Error::InvalidInput("compliance.bad_period", "period", {*period});
  SAWT_TRY_STATUS(auth::Authorize(caller, "strategy.read", std::nullopt));
  return store::ReadValue<Json>(store_, [&](Tx& tx) { return HeatmapIn(tx, registry_, period, root); });
}

Result<Json> ScorecardService::Scorecard(const auth::Caller& caller, int64_t entity_id) {
  SAWT_TRY_STATUS(auth::Authorize(caller, "strategy.read", std::nullopt));
  return store::ReadValue<Json>(store_, [&](Tx& tx) { return ScorecardIn(tx, registry_, entity_id); });
}

Result<ReportFile> ScorecardService::HeatmapReport(const auth::Caller& caller, std::optional<std::string> period,
                                                   const ReportOptions& options) {
  SAWT_TRY_STATUS(CheckOptions(options, {"csv", "html", "pdf"}));
  SAWT_ASSIGN_OR_RETURN(Json heatmap, Heatmap(caller, period, std::nullopt));
  if (options.format != "csv" && heatmap["period"].is_string()) {
    // The printed report also shows each entity's overall score over the last periods up to this one.
    std::vector<std::string> periods;
    for (const Json& p : heatmap["periods"]) {
      if (p.get<std::string>() <= heatmap["period"].get<std::string>()) periods.push_back(p);
    }
    if (periods.size() > kTrendPeriods) periods.erase(periods.begin(), periods.end() - kTrendPeriods);
    SAWT_ASSIGN_OR_RETURN(auto trend, store::ReadValue<OverallTrend>(store_, [&](Tx& tx) { return OverallTrendIn(tx, periods); }));
    Json trend_rows = Json::object();
    for (const Json& row : heatmap["rows"]) {
      Json scores = Json::object();
      for (const auto& [p, score] : trend[row["entity_id"].get<int64_t>()]) scores[p] = score;
      trend_rows[std::to_string(row["entity_id"].get<int64_t>())] = std::move(scores);
    }
    heatmap["trend"] = {{"periods", periods}, {"rows", std::move(trend_rows)}};
  }
  return HeatmapFile(heatmap, registry_, options);
}

Result<ReportFile> ScorecardService::ScorecardReport(const auth::Caller& caller, int64_t entity_id,
                                                     const ReportOptions& options) {
  SAWT_TRY_STATUS(CheckOptions(options, {"html", "pdf"}));
  SAWT_ASSIGN_OR_RETURN(Json scorecard, Scorecard(caller, entity_id));
  return ScorecardFile(scorecard, registry_, options);
}

}  // namespace sawt::strategy
