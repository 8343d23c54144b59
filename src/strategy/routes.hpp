#pragma once

#include <memory>

#include "module/registry.hpp"
#include "strategy/activity_service.hpp"
#include "strategy/strategy_service.hpp"

namespace sawt::strategy {

/// /api/v1/strategies[/{id}[/traceability]] and /api/v1/activities[/{id}].
void RegisterRoutes(module::ModuleRegistry& reg, std::shared_ptr<StrategyService> strategies,
                    std::shared_ptr<ActivityService> activities);

}  // namespace sawt::strategy
