#pragma once

#include "module/registry.hpp"
#include "module/vocabulary.hpp"

namespace sawt::strategy {

/// "strategy_scopes": the network's umbrella strategy, or one entity's strategy.
const module::Vocabulary& Scopes();
/// "strategy_statuses": draft → active → archived (one active umbrella, one active strategy per entity).
const module::Vocabulary& StrategyStatuses();
/// "objective_kinds": a strategic objective or a national priority (the latter on the umbrella only).
const module::Vocabulary& ObjectiveKinds();
/// "activity_statuses": planned, in progress, blocked, done, cancelled.
const module::Vocabulary& ActivityStatuses();

/// "kpi_directions": up (more is better) or down.
const module::Vocabulary& KpiDirections();
/// "kpi_frequencies": monthly ("2026-09"), quarterly ("2026-Q3"), yearly ("2026").
const module::Vocabulary& KpiFrequencies();
/// "kpi_statuses": a period against its target.
const module::Vocabulary& KpiStatuses();
/// "strategy_calendar_kinds": what the strategy's calendar source shows (an activity's due day).
const module::Vocabulary& CalendarKinds();

void RegisterVocabularies(module::ModuleRegistry& reg);

}  // namespace sawt::strategy
