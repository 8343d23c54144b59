#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <vector>

#include "core/result.hpp"
#include "store/store.hpp"

namespace sawt::module {

/// A dated thing of some module, shown on the shared calendar. The calendar never reads another
/// module's tables: each module that has dated things registers a CalendarSource
/// (ModuleRegistry::AddCalendarSource) and says here what its items are.
struct CalendarItem {
  std::string source;                  ///< the item type, e.g. "content_item", "initiative"
  int64_t id = 0;                      ///< the id within its module
  std::optional<int64_t> entity_id;    ///< the owner entity
  std::string kind;                    ///< a code of the module's kinds vocabulary
  std::string title_ar, title_en;
  std::string starts_at;               ///< "YYYY-MM-DD" (all day, a day of the network's time zone) or "YYYY-MM-DDTHH:MM:SSZ"
  std::optional<std::string> ends_at;  ///< for spans: the last day ("YYYY-MM-DD"), inclusive
  std::string importance = "normal";   ///< a code of the "importance" vocabulary
  std::string audience = "public";     ///< a code of the "audiences" vocabulary
  std::vector<std::string> themes;
  std::vector<std::string> channels;
  std::string status;                  ///< the module's own state code
  int64_t version = 1;
  std::string updated_at;
  /// false: context only (a span of weeks), never part of a conflict.
  bool in_conflicts = true;
};

/// Implemented by a module with dated things. Thread-safe; called inside the calendar's read
/// transaction, so it must only read.
class CalendarSource {
 public:
  virtual ~CalendarSource() = default;
  /// The kinds its items carry (the calendar's kind filter accepts them).
  virtual std::vector<std::string> Kinds() const = 0;
  /// Items whose time overlaps [from_date, to_date) (dates "YYYY-MM-DD"; the calendar asks a day
  /// wider than it shows, so reading the bounds as UTC or as the network's zone both do), read in `tx`.
  /// Withdrawn or cancelled things are left out.
  virtual core::Result<std::vector<CalendarItem>> Items(store::Tx& tx, const std::string& from_date,
                                                        const std::string& to_date) const = 0;

  /// The event actions that place, move or change one of its items (the event's object is the
  /// item): the calendar's conflict notifications follow them. Default: none (a source whose items
  /// take part in no conflict need not say).
  virtual std::vector<std::string> EventTypes() const { return {}; }
  /// The item an event of EventTypes() is about, as Items shows it now; nullopt when it is not on
  /// the calendar (no date, withdrawn, gone). Reads only, in `tx`.
  virtual core::Result<std::optional<CalendarItem>> ItemOf(store::Tx& tx, const store::Event& event) const {
    (void)tx;
    (void)event;
    return std::optional<CalendarItem>();
  }
};

}  // namespace sawt::module
