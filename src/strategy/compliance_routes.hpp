#pragma once

#include <memory>

#include "module/registry.hpp"
#include "strategy/compliance_service.hpp"
#include "strategy/scorecard_service.hpp"

namespace sawt::strategy {

/// /api/v1/compliance/templates[/{id}], /api/v1/assessments[/{id}[/answers/{item}|/submit|/return|
/// /complete|/evidence]], /api/v1/evidence/{id}, /api/v1/compliance/heatmap[/export] and
/// /api/v1/scorecards/{entity_id}[/report].
void RegisterComplianceRoutes(module::ModuleRegistry& reg, std::shared_ptr<ComplianceService> compliance,
                              std::shared_ptr<ScorecardService> scorecards);

}  // namespace sawt::strategy
