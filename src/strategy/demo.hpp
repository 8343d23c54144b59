#pragma once

#include "module/registry.hpp"
#include "strategy/activity_service.hpp"
#include "strategy/kpi_service.hpp"
#include "strategy/meeting_service.hpp"
#include "strategy/strategy_service.hpp"

namespace sawt::strategy {

/// Demo strategy: an active umbrella communication strategy 2026–2030 shaped like the federal
/// government communication strategy 2017–2021 (strategic objectives and national priorities),
/// an active strategy for every demo entity linked to it (one national priority left unserved, so
/// the traceability view has something to show), and activities in every status, some overdue,
/// dated around today in the network's time zone; KPIs with two years of quarterly figures: the
/// network's content published (fed from messaging), public satisfaction per entity (measured by
/// people, with targets, one entity slipping) and initiatives completed (fed from initiatives); a
/// follow-up meeting per entity whose decision became an activity. Loaded through the services'
/// own commands.
/// REQUIRES: the network demo ran first.
core::Status SeedDemo(StrategyService& strategies, ActivityService& activities, KpiService& kpis, MeetingService& meetings,
                      const module::ModuleRegistry& registry, store::Store& store, module::DemoContext& ctx);

}  // namespace sawt::strategy
