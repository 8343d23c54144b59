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

/// "compliance_principles": the general guide's principles a checklist item may serve.
const module::Vocabulary& CompliancePrinciples();
/// "compliance_levels": how far an item is in place, "0" (not at all) to "4" (fully); an item's
/// score is level / 4 of its weight.
const module::Vocabulary& ComplianceLevels();
/// "assessment_statuses": draft (the entity assesses itself) → submitted → returned | reviewed.
const module::Vocabulary& AssessmentStatuses();
/// Where an entity stands for a period on the heat map: "not_started" (no assessment yet), then
/// the assessment statuses.
const module::Vocabulary& ComplianceStatuses();

void RegisterVocabularies(module::ModuleRegistry& reg);

}  // namespace sawt::strategy
