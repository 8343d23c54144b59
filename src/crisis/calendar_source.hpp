#pragma once

#include "module/calendar_source.hpp"

namespace sawt::crisis {

/// Crisis milestones on the shared calendar: when each crisis or drill was declared and closed,
/// and when its open tasks are due. High importance, internal, never part of a publishing conflict.
class CrisisCalendarSource final : public module::CalendarSource {
 public:
  std::vector<std::string> Kinds() const override;
  core::Result<std::vector<module::CalendarItem>> Items(store::Tx& tx, const std::string& from_date,
                                                        const std::string& to_date) const override;
};

}  // namespace sawt::crisis
