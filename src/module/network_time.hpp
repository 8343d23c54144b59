#pragma once

#include "core/result.hpp"
#include "core/time_zone.hpp"
#include "store/store.hpp"

namespace sawt::module {

/// The network's time zone (a setting owned by the network module, registered on the registry as
/// ModuleRegistry::network_time). Instants are stored and exchanged in UTC; the zone says which
/// instants a date-only value covers ("2026-12-07" in Dubai is 20:00Z on the 6th to 20:00Z on the
/// 7th), where weeks begin, and what "today" is. Thread-safe.
class NetworkTime {
 public:
  virtual ~NetworkTime() = default;
  /// The zone as `tx` sees it.
  virtual core::Result<core::TimeZone> Zone(store::Tx& tx) const = 0;
};

}  // namespace sawt::module
