#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <vector>

#include "auth/caller.hpp"
#include "core/json.hpp"
#include "core/result.hpp"
#include "module/registry.hpp"
#include "module/respond.hpp"
#include "store/store.hpp"

namespace sawt::strategy {

/// Key performance indicators of the network (network admins) and of each entity (its admins):
/// definition (unit, direction, frequency, baseline), a target per period and one measurement per
/// period, entered by people or computed by a KPI source another module registered
/// (module::KpiSource, e.g. messaging's content published). Periods are "2026" (yearly),
/// "2026-Q3" (quarterly) or "2026-09" (monthly), days of the network's time zone. Each period gets
/// a status against its target: on_track, at_risk (within the KPI's margin), off_track, no_target,
/// no_data. A measurement for a period that has ended needs a reason; every write is an event.
class KpiService {
 public:
  KpiService(store::Store& store, const module::ModuleRegistry& registry) : store_(store), registry_(registry) {}

  static std::vector<store::Migration> Migrations();

  /// The registered KPI sources: {"items": [{code, name_ar, name_en, unit, direction}]}.
  core::Result<core::Json> Sources(const auth::Caller& caller);
  /// KPIs of an entity's subtree (`entity_id`), or every KPI; each with its periods.
  core::Result<core::Json> List(const auth::Caller& caller, std::optional<int64_t> entity_id, const module::Page& page);
  core::Result<core::Json> Get(const auth::Caller& caller, int64_t id);
  /// {code, entity_id?, objective_id?, name_ar, name_en, unit, direction, frequency, baseline?,
  ///  source? (a registered KPI source's code; absent: measured by people), at_risk_margin?}
  core::Result<core::Json> Create(const auth::Caller& caller, const core::Json& body);
  /// {target} for `period`.
  core::Result<core::Json> PutTarget(const auth::Caller& caller, int64_t id, const std::string& period,
                                     const core::Json& body);
  /// {value, reason?} for `period` of a KPI measured by people.
  core::Result<core::Json> PutMeasurement(const auth::Caller& caller, int64_t id, const std::string& period,
                                          const core::Json& body);
  /// {period}: computes a source-fed KPI's measurement for the period from its source.
  core::Result<core::Json> Refresh(const auth::Caller& caller, int64_t id, const core::Json& body);

  /// The entity's own KPIs, each as Get answers it (periods and latest status), within `tx`: what
  /// its scorecard shows.
  static core::Result<std::vector<core::Json>> OfEntity(store::Tx& tx, int64_t entity_id);

 private:
  store::Store& store_;
  const module::ModuleRegistry& registry_;
};

}  // namespace sawt::strategy
