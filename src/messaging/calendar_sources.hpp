#pragma once

#include <vector>

#include "module/calendar_source.hpp"
#include "module/theme_catalog.hpp"
#include "store/store.hpp"

namespace sawt::messaging {

/// Planned content items on the shared calendar. Messaging decides what an item means there: press
/// releases and speeches are the network's big announcements (high importance); internal memos
/// speak to employees, everything else to the public (docs/calendar.md).
class ContentCalendarSource final : public module::CalendarSource {
 public:
  /// The index the calendar's range query needs, on messaging's own table.
  static std::vector<store::Migration> Migrations();
  std::vector<std::string> Kinds() const override;
  core::Result<std::vector<module::CalendarItem>> Items(store::Tx& tx, const std::string& from_date,
                                                        const std::string& to_date) const override;
  /// An item created, edited (its date, importance or audience may change) or moved through its
  /// workflow (withdrawn leaves the calendar, scheduled and published stay).
  std::vector<std::string> EventTypes() const override;
  core::Result<std::optional<module::CalendarItem>> ItemOf(store::Tx& tx, const store::Event& event) const override;
};

/// The library's themes, for modules that tag their things with themes.
class LibraryThemeCatalog final : public module::ThemeCatalog {
 public:
  core::Result<bool> Exists(store::Tx& tx, const std::string& code) const override;
};

}  // namespace sawt::messaging
