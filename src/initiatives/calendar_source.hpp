#pragma once

#include "module/calendar_source.hpp"

namespace sawt::initiatives {

/// Planned, running and completed initiatives on the shared calendar: each an all-day span for
/// context, never part of a conflict (it spans weeks; docs/calendar.md).
class InitiativeCalendarSource final : public module::CalendarSource {
 public:
  std::vector<std::string> Kinds() const override;
  core::Result<std::vector<module::CalendarItem>> Items(store::Tx& tx, const std::string& from_date,
                                                        const std::string& to_date) const override;
};

}  // namespace sawt::initiatives
