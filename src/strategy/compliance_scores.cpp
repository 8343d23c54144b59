#include "strategy/compliance_scores.hpp"

#include <cmath>
#include <regex>

namespace sawt::strategy {
namespace {

constexpr double kFullLevel = 4.0;

double Percent(int64_t points, int64_t weight) {
  return std::round(1000.0 * static_cast<double>(points) / (kFullLevel * static_cast<double>(weight))) / 10.0;
}

struct Sums {
  std::map<std::string, std::pair<int64_t, int64_t>> axes;  // axis → (points, weight)
  Scores Finish() const {
    Scores out;
    int64_t points = 0, weight = 0;
    for (const auto& [axis, pw] : axes) {
      if (pw.second <= 0) continue;
      out.axes[axis] = Percent(pw.first, pw.second);
      points += pw.first;
      weight += pw.second;
    }
    if (weight > 0) out.overall = Percent(points, weight);
    return out;
  }
};

}  // namespace

core::Result<std::map<int64_t, AssessmentScores>> ComputeScores(store::Tx& tx, const store::Sql& where) {
  // CASTs: PostgreSQL sums integers as numeric; both stores then answer plain integers.
  const std::string select =
      "SELECT a.id AS assessment_id, a.status AS status, i.axis AS axis, CAST(SUM(i.weight) AS BIGINT) AS weight, "
      "CAST(SUM(i.weight * COALESCE(ans.self_level, 0)) AS BIGINT) AS self_points, "
      "CAST(SUM(i.weight * COALESCE(ans.review_level, ans.self_level, 0)) AS BIGINT) AS review_points "
      "FROM compliance_assessments a JOIN compliance_items i ON i.template_id = a.template_id "
      "LEFT JOIN compliance_answers ans ON ans.assessment_id = a.id AND ans.item_id = i.id WHERE";
  // `where` numbers its placeholders from $1 and the prefix has none, so it is appended as is.
  auto rows = tx.Query(select + where.text() + " GROUP BY a.id, a.status, i.axis", where.params());
  if (!rows) return std::move(rows).error();
  std::map<int64_t, std::pair<std::string, std::pair<Sums, Sums>>> sums;
  for (const store::Row& r : *rows) {
    auto& [status, pair] = sums[r.Int("assessment_id")];
    status = r.Text("status");
    const int64_t weight = r.Int("weight");
    pair.first.axes[r.Text("axis")] = {r.Int("self_points"), weight};
    pair.second.axes[r.Text("axis")] = {r.Int("review_points"), weight};
  }
  std::map<int64_t, AssessmentScores> out;
  for (const auto& [id, entry] : sums) {
    AssessmentScores s{entry.second.first.Finish(), entry.second.second.Finish(), {}};
    s.current = entry.first == "reviewed" ? s.review : s.self;
    out.emplace(id, std::move(s));
  }
  return out;
}

core::Json ScoresJson(const Scores& scores) {
  core::Json axes = core::Json::object();
  for (const auto& [axis, score] : scores.axes) axes[axis] = score;
  return {{"overall", scores.overall ? core::Json(*scores.overall) : core::Json(nullptr)}, {"axes", std::move(axes)}};
}

bool IsAssessmentPeriod(const std::string& period) {
  static const std::regex pattern("^[0-9]{4}(-(H[12]|Q[1-4]))?$");
  return std::regex_match(period, pattern);
}

}  // namespace sawt::strategy
