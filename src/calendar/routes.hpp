#pragma once

#include <memory>

#include "calendar/calendar_service.hpp"
#include "calendar/entry_service.hpp"
#include "module/registry.hpp"

namespace sawt::calendar {

/// The calendar's routes: the view and its export (`svc`), entries and blackouts (`entries`),
/// the settings.
void RegisterRoutes(module::ModuleRegistry& reg, std::shared_ptr<CalendarService> svc, std::shared_ptr<EntryService> entries);

}  // namespace sawt::calendar
