#pragma once

#include "module/kpi_source.hpp"

namespace sawt::initiatives {

/// "initiatives.completed": initiatives completed whose end date falls in the period, by owner.
class CompletedInitiativesKpi : public module::KpiSource {
 public:
  std::string code() const override { return "initiatives.completed"; }
  std::string name_ar() const override { return "المبادرات المكتملة"; }
  std::string name_en() const override { return "Initiatives completed"; }
  std::string unit() const override { return "initiatives"; }
  std::string direction() const override { return "up"; }
  core::Result<double> Measure(store::Tx& tx, const std::optional<std::vector<int64_t>>& entities,
                               const module::KpiPeriod& period) const override;
};

}  // namespace sawt::initiatives
