#pragma once

#include "module/registry.hpp"

namespace sawt::calendar {

/// The shared calendar: entries, blackout dates, conflict detection and the iCalendar export.
void Register(module::ModuleRegistry& reg);

}  // namespace sawt::calendar
