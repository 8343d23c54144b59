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

/// An objective as a strategy's body lists it: code, kind, titles and (entity strategies) the
/// codes of the umbrella objectives it serves.
core::Json ObjectiveInput();

}  // namespace sawt::strategy
