#include "crisis/kpi_sources.hpp"

#include <cmath>

#include "core/clock.hpp"
#include "core/numbers.hpp"
#include "store/sql.hpp"

namespace sawt::crisis {
namespace {

/// Rows of `sql` (whose lead entity is `c.lead_entity_id`) limited to `entities` when given;
/// an empty list selects nothing.
core::Result<std::vector<store::Row>> ForEntities(store::Tx& tx, store::Sql sql,
                                                  const std::optional<std::vector<int64_t>>& entities) {
  if (entities) {
    if (entities->empty()) return std::vector<store::Row>{};
    sql.BindList(" AND c.lead_entity_id IN (", std::vector<store::Value>(entities->begin(), entities->end())).Append(")");
  }
  return store::Query(tx, sql);
}

/// The median minutes between the rows' `from` and `to` columns, one decimal; nullopt when none.
std::optional<double> MedianMinutes(const std::vector<store::Row>& rows) {
  std::vector<double> minutes;
  for (const auto& r : rows) {
    int64_t a = 0, b = 0;
    const auto from = r.OptText("from_at"), to = r.OptText("to_at");
    if (!from || !to || !core::ParseIsoUtc(*from, &a) || !core::ParseIsoUtc(*to, &b)) continue;
    minutes.push_back(static_cast<double>(b - a) / 60'000'000.0);
  }
  auto median = core::Median(std::move(minutes));
  if (!median) return std::nullopt;
  return std::round(*median * 10.0) / 10.0;
}

}  // namespace

core::Result<double> FirstStatementKpi::Measure(store::Tx& tx, const std::optional<std::vector<int64_t>>& entities,
                                                const module::KpiPeriod& period) const {
  store::Sql sql("SELECT c.declared_at AS from_at, (SELECT MIN(s.published_at) FROM crisis_statements s WHERE "
                 "s.crisis_id = c.id AND s.status = 'published') AS to_at FROM crises c WHERE c.kind = 'real' AND "
                 "c.declared_at >= ", period.from_utc);
  sql.Bind(" AND c.declared_at < ", period.to_utc);
  SAWT_ASSIGN_OR_RETURN(auto rows, ForEntities(tx, std::move(sql), entities));
  auto median = MedianMinutes(rows);
  if (!median) return core::Error::Conflict("crisis.kpi_no_crises");
  return *median;
}

core::Result<double> ApprovalMinutesKpi::Measure(store::Tx& tx, const std::optional<std::vector<int64_t>>& entities,
                                                 const module::KpiPeriod& period) const {
  store::Sql sql("SELECT s.submitted_at AS from_at, s.published_at AS to_at FROM crisis_statements s JOIN crises c ON "
                 "c.id = s.crisis_id WHERE s.status = 'published' AND s.published_at >= ", period.from_utc);
  sql.Bind(" AND s.published_at < ", period.to_utc);
  SAWT_ASSIGN_OR_RETURN(auto rows, ForEntities(tx, std::move(sql), entities));
  auto median = MedianMinutes(rows);
  if (!median) return core::Error::Conflict("crisis.kpi_no_statements");
  return *median;
}

core::Result<double> DrillsHeldKpi::Measure(store::Tx& tx, const std::optional<std::vector<int64_t>>& entities,
                                            const module::KpiPeriod& period) const {
  store::Sql sql("SELECT c.id FROM crises c WHERE c.kind = 'drill' AND c.declared_at >= ", period.from_utc);
  sql.Bind(" AND c.declared_at < ", period.to_utc);
  SAWT_ASSIGN_OR_RETURN(auto rows, ForEntities(tx, std::move(sql), entities));
  return static_cast<double>(rows.size());
}

}  // namespace sawt::crisis
