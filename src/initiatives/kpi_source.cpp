#include "initiatives/kpi_source.hpp"

#include "store/sql.hpp"

namespace sawt::initiatives {

core::Result<double> CompletedInitiativesKpi::Measure(store::Tx& tx, const std::optional<std::vector<int64_t>>& entities,
                                                      const module::KpiPeriod& period) const {
  store::Sql sql("SELECT COUNT(*) AS completed FROM initiatives WHERE status = 'completed' AND end_date >= ",
                 period.from_date);
  sql.Bind(" AND end_date < ", period.to_date);
  if (entities) {
    if (entities->empty()) return 0.0;
    sql.BindList(" AND owner_entity_id IN (", std::vector<store::Value>(entities->begin(), entities->end())).Append(")");
  }
  auto rows = store::Query(tx, sql);
  if (!rows) return std::move(rows).error();
  return static_cast<double>((*rows)[0].Int("completed"));
}

}  // namespace sawt::initiatives
