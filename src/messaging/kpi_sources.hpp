#pragma once

#include "module/kpi_source.hpp"

namespace sawt::messaging {

/// "messaging.content_published": content items published in the period (withdrawn ones count:
/// they were published), by owner entity.
class ContentPublishedKpi : public module::KpiSource {
 public:
  std::string code() const override { return "messaging.content_published"; }
  std::string name_ar() const override { return "المواد المنشورة"; }
  std::string name_en() const override { return "Content published"; }
  std::string unit() const override { return "items"; }
  std::string direction() const override { return "up"; }
  core::Result<double> Measure(store::Tx& tx, const std::optional<std::vector<int64_t>>& entities,
                               const module::KpiPeriod& period) const override;
};

/// "messaging.approved_with_errors": the share (%) of approvals in the period that let open
/// alignment errors through (a contradicted figure, a banned term) with an override, by owner
/// entity. No approval in the period: 0.
class ApprovedWithErrorsKpi : public module::KpiSource {
 public:
  std::string code() const override { return "messaging.approved_with_errors"; }
  std::string name_ar() const override { return "نسبة المواد المعتمدة رغم أخطاء المواءمة"; }
  std::string name_en() const override { return "Items approved with alignment errors"; }
  std::string unit() const override { return "%"; }
  std::string direction() const override { return "down"; }
  core::Result<double> Measure(store::Tx& tx, const std::optional<std::vector<int64_t>>& entities,
                               const module::KpiPeriod& period) const override;
};

/// "messaging.review_hours": the median time (hours, one decimal) from an item's submission for
/// review to its approval, over the approvals in the period, by owner entity. No approval in the
/// period: 409 messaging.kpi_no_approvals (a median of nothing is not 0).
class ReviewHoursKpi : public module::KpiSource {
 public:
  std::string code() const override { return "messaging.review_hours"; }
  std::string name_ar() const override { return "الوسيط الزمني للمراجعة"; }
  std::string name_en() const override { return "Median review time"; }
  std::string unit() const override { return "hours"; }
  std::string direction() const override { return "down"; }
  core::Result<double> Measure(store::Tx& tx, const std::optional<std::vector<int64_t>>& entities,
                               const module::KpiPeriod& period) const override;
};

}  // namespace sawt::messaging
