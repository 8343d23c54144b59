#pragma once

#include <memory>

#include "calendar/calendar_service.hpp"
#include "module/kpi_source.hpp"

namespace sawt::calendar {

/// "calendar.conflicts": conflicts on the shared calendar (two big announcements for one audience
/// within the window, or an item in a blackout) in the period that involve the entity's items.
/// Fewer is better: it measures how well the entities coordinate.
class ConflictsKpi : public module::KpiSource {
 public:
  explicit ConflictsKpi(std::shared_ptr<const CalendarService> calendar) : calendar_(std::move(calendar)) {}

  std::string code() const override { return "calendar.conflicts"; }
  std::string name_ar() const override { return "تعارضات التقويم المشترك"; }
  std::string name_en() const override { return "Shared calendar conflicts"; }
  std::string unit() const override { return "conflicts"; }
  std::string direction() const override { return "down"; }
  core::Result<double> Measure(store::Tx& tx, const std::optional<std::vector<int64_t>>& entities,
                               const module::KpiPeriod& period) const override {
    SAWT_ASSIGN_OR_RETURN(int64_t count, calendar_->CountConflicts(tx, entities, period.from_date, period.to_date));
    return static_cast<double>(count);
  }

 private:
  std::shared_ptr<const CalendarService> calendar_;
};

}  // namespace sawt::calendar
