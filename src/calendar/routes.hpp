#pragma once

#include <memory>

#include "calendar/calendar_service.hpp"
#include "module/registry.hpp"

namespace sawt::calendar {

void RegisterRoutes(module::ModuleRegistry& reg, std::shared_ptr<CalendarService> svc);

}  // namespace sawt::calendar
