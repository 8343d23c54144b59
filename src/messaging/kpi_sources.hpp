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

}  // namespace sawt::messaging
