#include "messaging/kpi_sources.hpp"

#include <algorithm>
#include <cmath>

#include "core/clock.hpp"
#include "core/numbers.hpp"
#include "store/sql.hpp"

namespace sawt::messaging {
namespace {

/// The approvals (version rows that reached "approved") saved in the period, of the entities'
/// items; `select` names what to read of the approval `a`.
core::Result<std::vector<store::Row>> Approvals(store::Tx& tx, const std::optional<std::vector<int64_t>>& entities,
                                                const module::KpiPeriod& period, const std::string& select) {
  store::Sql sql("SELECT " + select + " FROM content_item_versions a JOIN content_items c ON c.id = a.item_id "
                 "WHERE a.state = 'approved' AND a.saved_at >= ", period.from_utc);
  sql.Bind(" AND a.saved_at < ", period.to_utc);
  if (entities) {
    if (entities->empty()) return std::vector<store::Row>{};
    sql.BindList(" AND c.owner_entity_id IN (", std::vector<store::Value>(entities->begin(), entities->end())).Append(")");
  }
  return store::Query(tx, sql);
}

}  // namespace

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

namespace sawt::messaging {

core::Result<double> ApprovedWithErrorsKpi::Measure(store::Tx& tx, const std::optional<std::vector<int64_t>>& entities,
                                                    const module::KpiPeriod& period) const {
  SAWT_ASSIGN_OR_RETURN(auto rows, Approvals(tx, entities, period, "a.open_errors AS open_errors"));
  if (rows.empty()) return 0.0;
  const auto with_errors = std::count_if(rows.begin(), rows.end(), [](const store::Row& r) {
    return r.OptInt("open_errors").value_or(0) > 0;
  });
  return std::round(1000.0 * static_cast<double>(with_errors) / static_cast<double>(rows.size())) / 10.0;
}

core::Result<double> ReviewHoursKpi::Measure(store::Tx& tx, const std::optional<std::vector<int64_t>>& entities,
                                             const module::KpiPeriod& period) const {
  // The submission an approval answers: the item's latest move to review before it.
  SAWT_ASSIGN_OR_RETURN(auto rows, Approvals(tx, entities, period,
                                             "a.saved_at AS approved_at, (SELECT MAX(s.saved_at) FROM content_item_versions s "
                                             "WHERE s.item_id = a.item_id AND s.state = 'in_review' AND s.saved_at <= a.saved_at) "
                                             "AS submitted_at"));
  std::vector<double> hours;
  for (const store::Row& r : rows) {
    const auto submitted = r.OptText("submitted_at");
    int64_t from = 0, to = 0;
    if (!submitted || !core::ParseIsoUtc(*submitted, &from) || !core::ParseIsoUtc(r.Text("approved_at"), &to)) continue;
    hours.push_back(static_cast<double>(to - from) / 3'600'000'000.0);
  }
  const std::optional<double> median = core::Median(std::move(hours));
  if (!median) return core::Error::Conflict("messaging.kpi_no_approvals");
  return std::round(*median * 10.0) / 10.0;
}

}  // namespace sawt::messaging
