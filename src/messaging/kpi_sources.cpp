#include "messaging/kpi_sources.hpp"

#include "store/sql.hpp"

namespace sawt::messaging {

core::Result<double> ContentPublishedKpi::Measure(store::Tx& tx, const std::optional<std::vector<int64_t>>& entities,
                                                  const module::KpiPeriod& period) const {
  store::Sql sql("SELECT COUNT(*) AS published FROM content_items WHERE published_at >= ", period.from_utc);
  sql.Bind(" AND published_at < ", period.to_utc);
  if (entities) {
    if (entities->empty()) return 0.0;
    sql.BindList(" AND owner_entity_id IN (", std::vector<store::Value>(entities->begin(), entities->end())).Append(")");
  }
  auto rows = store::Query(tx, sql);
  if (!rows) return std::move(rows).error();
  return static_cast<double>((*rows)[0].Int("published"));
}

}  // namespace sawt::messaging
