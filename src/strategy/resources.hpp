#pragma once

#include "module/resource.hpp"

/// The strategy module's resources, each described once (module::Resource): the services select
/// Columns() and answer ToJson(row); module.cpp registers Schema() and the request schemas.
namespace sawt::strategy {

/// A strategy's own row; its objectives are added by the service ("objectives").
const module::Resource& StrategyResource();
/// One objective of a strategy; "serves" (the umbrella objectives' codes) is added by the service.
const module::Resource& ObjectiveResource();
/// An activity; "overdue" is computed at read time and added by the service.
const module::Resource& ActivityResource();

/// A KPI's definition; its periods (target, value, status each) and latest status are added.
const module::Resource& KpiResource();

/// A follow-up meeting of an entity's plan: date, attendees, minutes; its decisions are added.
const module::Resource& MeetingResource();
/// A decision taken in a meeting, and the activity it became (if it did).
const module::Resource& DecisionResource();

/// A compliance checklist template; its items are added by the service ("items").
const module::Resource& TemplateResource();
/// One item of a template: axis (the guide's seven), principle, weight, evidence required.
const module::Resource& TemplateItemResource();
/// An entity's assessment for a period; the service adds its answers, evidence and scores.
const module::Resource& AssessmentResource();
/// An evidence file's metadata (the bytes are served by GET /api/v1/evidence/{id}).
const module::Resource& EvidenceResource();
/// An activity's evidence file (the same file fields as an assessment's, attached to an activity).
const module::Resource& ActivityEvidenceResource();
/// Scores of an assessment: overall and per axis, 0–100 (null: nothing to score).
core::Json ScoresSchema();

/// An objective as a strategy's body lists it: code, kind, titles and (entity strategies) the
/// codes of the umbrella objectives it serves.
core::Json ObjectiveInput();

}  // namespace sawt::strategy
