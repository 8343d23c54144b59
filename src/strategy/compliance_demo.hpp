#pragma once

#include "module/registry.hpp"
#include "strategy/compliance_service.hpp"

namespace sawt::strategy {

/// Demo compliance: the general guide's checklist (three weighted items on each of the seven
/// axes, tagged with the guide's principles, some needing evidence), active; every demo entity
/// assessed and reviewed for last year; this year in every state (reviewed, submitted, returned,
/// draft, not started) with realistic levels, comments and evidence files (CSV logs and a PDF
/// report made by the report renderer). Loaded through the service's own commands.
/// REQUIRES: the network demo ran first.
core::Status SeedComplianceDemo(ComplianceService& compliance, const module::ModuleRegistry& registry, store::Store& store,
                                module::DemoContext& ctx);

}  // namespace sawt::strategy
