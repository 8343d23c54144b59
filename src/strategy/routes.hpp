#pragma once

#include <memory>

#include "module/registry.hpp"
#include "strategy/activity_service.hpp"
#include "strategy/kpi_service.hpp"
#include "strategy/strategy_service.hpp"

namespace sawt::strategy {

/// /api/v1/strategies[/{id}[/traceability]], /api/v1/activities[/{id}], /api/v1/kpis[/{id}[/…]] and
/// /api/v1/kpi-sources.
void RegisterRoutes(module::ModuleRegistry& reg, std::shared_ptr<StrategyService> strategies,
                    std::shared_ptr<ActivityService> activities, std::shared_ptr<KpiService> kpis);

}  // namespace sawt::strategy
