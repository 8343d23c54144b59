#pragma once

#include <memory>

#include "module/registry.hpp"
#include "strategy/activity_service.hpp"
#include "strategy/kpi_service.hpp"
#include "strategy/meeting_service.hpp"
#include "strategy/strategy_service.hpp"

namespace sawt::strategy {

/// /api/v1/strategies[/{id}[/traceability]], /api/v1/activities[/{id}[/evidence]], /api/v1/activity-evidence/{id}, /api/v1/kpis[/{id}[/…]],
/// /api/v1/kpi-sources and /api/v1/meetings[/{id}[/decisions]].
void RegisterRoutes(module::ModuleRegistry& reg, std::shared_ptr<StrategyService> strategies,
                    std::shared_ptr<ActivityService> activities, std::shared_ptr<KpiService> kpis,
                    std::shared_ptr<MeetingService> meetings);

}  // namespace sawt::strategy
