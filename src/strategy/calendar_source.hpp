#pragma once

#include "module/calendar_source.hpp"

namespace sawt::strategy {

/// The strategy activities' due dates on the shared calendar (context for planners: a deadline
/// never conflicts with an announcement). Cancelled and done activities are left out.
class ActivityCalendarSource : public module::CalendarSource {
 public:
  std::vector<std::string> Kinds() const override;
  core::Result<std::vector<module::CalendarItem>> Items(store::Tx& tx, const std::string& from_date,
                                                        const std::string& to_date) const override;
};

}  // namespace sawt::strategy
