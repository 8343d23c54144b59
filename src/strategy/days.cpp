#include "strategy/days.hpp"

#include "core/clock.hpp"
#include "core/time_zone.hpp"

namespace sawt::strategy {

core::Result<std::string> Today(store::Tx& tx, const module::ModuleRegistry& registry) {
  SAWT_ASSIGN_OR_RETURN(core::TimeZone zone, registry.network_time().Zone(tx));
  return zone.DateOf(tx.clock().NowMicros());
}

}  // namespace sawt::strategy
