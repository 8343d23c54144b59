#pragma once

#include <cstdint>
#include <map>
#include <optional>
#include <string>

#include "core/json.hpp"
#include "core/result.hpp"
#include "store/sql.hpp"
#include "store/store.hpp"

namespace sawt::strategy {

/// Scores 0–100, one decimal: per axis and overall, each the weighted share of the full level
/// (4) its items reached. An unanswered item counts as 0; an axis without items is absent.
struct Scores {
  std::optional<double> overall;
  std::map<std::string, double> axes;
};

/// An assessment's scores from the entity's own levels and from the network's review (an item
/// the reviewer has not changed keeps the entity's level), and which of them counts: the review
/// once the assessment is reviewed, the entity's own until then.
struct AssessmentScores {
  Scores self, review, current;
};

/// Computes the scores of the assessments `where` selects (a condition on the alias `a`, e.g.
/// Sql(" a.period = ", "2026")), by assessment id, from the levels and the templates' current
/// weights: one grouped query, whatever the number of assessments.
core::Result<std::map<int64_t, AssessmentScores>> ComputeScores(store::Tx& tx, const store::Sql& where);

core::Json ScoresJson(const Scores& scores);

/// An assessment period: a year ("2026"), a half ("2026-H1") or a quarter ("2026-Q3").
bool IsAssessmentPeriod(const std::string& period);

}  // namespace sawt::strategy
