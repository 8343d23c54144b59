#pragma once

#include "calendar/entry_service.hpp"
#include "module/registry.hpp"

namespace sawt::calendar {

/// A week of planned announcements, events and a campaign starting next Monday, with exactly one
/// conflict (two high-importance announcements for the public on the same morning) and a blackout.
/// Dates are relative to `clock`'s today, times are wall-clock times, both in the network's `zone`.
core::Status SeedDemo(EntryService& svc, const core::Clock& clock, const core::TimeZone& zone,
                      module::DemoContext& ctx);

}  // namespace sawt::calendar
