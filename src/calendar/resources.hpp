#pragma once

#include "module/resource.hpp"

/// The calendar's resources, each described once (module::Resource): the service selects
/// Columns() and answers ToJson(row); module.cpp registers Schema() and the request schemas from
/// the same fields.
namespace sawt::calendar {

/// An entry; the service adds its uid and source, its owner's code and names (the entity
/// directory's) and its conflicts.
const module::Resource& EntryResource();
const module::Resource& BlackoutResource();
/// The calendar's settings (one row: the conflict window).
const module::Resource& CalendarSettingsResource();

}  // namespace sawt::calendar
