#pragma once

#include "calendar/calendar_service.hpp"
#include "module/registry.hpp"

namespace sawt::calendar {

/// A week of planned announcements, events and a campaign starting next Sunday, with exactly one
/// conflict (two high-importance announcements for the public on the same morning) and a blackout.
/// Dates are relative to `clock`'s today (the store's clock).
core::Status SeedDemo(CalendarService& svc, const core::Clock& clock, module::DemoContext& ctx);

}  // namespace sawt::calendar
