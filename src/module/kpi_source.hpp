#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <vector>

#include "core/result.hpp"
#include "store/store.hpp"

namespace sawt::module {

/// The span a KPI is measured over: days of the network's time zone [from_date, to_date) and the
/// same span as UTC instants [from_utc, to_utc) (for timestamps such as published_at).
struct KpiPeriod {
  std::string from_date, to_date;  ///< "YYYY-MM-DD"
  std::string from_utc, to_utc;    ///< "YYYY-MM-DDTHH:MM:SS.ffffffZ"
};

/// A measure a module computes from its own data, which the strategy module's KPIs can be fed
/// from (ModuleRegistry::AddKpiSource): e.g. messaging's content published per entity. The
/// strategy never reads another module's tables; it asks the source. Thread-safe; Measure only
/// reads, inside the caller's transaction.
class KpiSource {
 public:
  virtual ~KpiSource() = default;
  virtual std::string code() const = 0;  ///< "<module>.<measure>", e.g. "messaging.content_published"
  virtual std::string name_ar() const = 0;
  virtual std::string name_en() const = 0;
  virtual std::string unit() const = 0;       ///< "items", "%", "hours", …
  virtual std::string direction() const = 0;  ///< "up" (more is better) or "down"
  /// The measure over `period` for the entities listed (an entity and its sub-entities), or the
  /// whole network when `entities` is nullopt.
  virtual core::Result<double> Measure(store::Tx& tx, const std::optional<std::vector<int64_t>>& entities,
                                       const KpiPeriod& period) const = 0;
};

}  // namespace sawt::module
