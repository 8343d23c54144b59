#pragma once

#include "module/kpi_source.hpp"

/// What the crisis module measures for strategy KPIs (module::KpiSource), by lead entity.
namespace sawt::crisis {

/// "crisis.minutes_to_first_statement": the median minutes from declaring a real crisis (drills
/// are practice) to its first published statement, over the crises declared in the period that
/// have one. None: 409 crisis.kpi_no_crises.
class FirstStatementKpi : public module::KpiSource {
 public:
  std::string code() const override { return "crisis.minutes_to_first_statement"; }
  std::string name_ar() const override { return "الزمن حتى أول بيان في الأزمة"; }
  std::string name_en() const override { return "Time to the first crisis statement"; }
  std::string unit() const override { return "minutes"; }
  std::string direction() const override { return "down"; }
  core::Result<double> Measure(store::Tx& tx, const std::optional<std::vector<int64_t>>& entities,
                               const module::KpiPeriod& period) const override;
};

/// "crisis.approval_minutes": the median minutes from a crisis statement's submission to its
/// publication (the fast-track approval), over the statements published in the period, drills
/// included. None: 409 crisis.kpi_no_statements.
class ApprovalMinutesKpi : public module::KpiSource {
 public:
  std::string code() const override { return "crisis.approval_minutes"; }
  std::string name_ar() const override { return "الوسيط الزمني لاعتماد بيانات الأزمات"; }
  std::string name_en() const override { return "Median crisis statement approval time"; }
  std::string unit() const override { return "minutes"; }
  std::string direction() const override { return "down"; }
  core::Result<double> Measure(store::Tx& tx, const std::optional<std::vector<int64_t>>& entities,
                               const module::KpiPeriod& period) const override;
};

/// "crisis.drills_held": drills declared in the period (preparedness).
class DrillsHeldKpi : public module::KpiSource {
 public:
  std::string code() const override { return "crisis.drills_held"; }
  std::string name_ar() const override { return "تمارين الأزمات المنفذة"; }
  std::string name_en() const override { return "Crisis drills held"; }
  std::string unit() const override { return "drills"; }
  std::string direction() const override { return "up"; }
  core::Result<double> Measure(store::Tx& tx, const std::optional<std::vector<int64_t>>& entities,
                               const module::KpiPeriod& period) const override;
};

}  // namespace sawt::crisis
