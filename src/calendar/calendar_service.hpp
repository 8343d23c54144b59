#pragma once

#include <cstdint>
#include <optional>
#include <set>
#include <string>
#include <vector>

#include "auth/caller.hpp"
#include "calendar/schedule.hpp"
#include "core/json.hpp"
#include "core/result.hpp"
#include "module/registry.hpp"
#include "store/migrations.hpp"
#include "store/store.hpp"

namespace sawt::calendar {

/// What a calendar view or export shows: a date range and optional filters.
struct CalendarFilter {
  std::string from;  // YYYY-MM-DD, inclusive
  std::string to;    // YYYY-MM-DD, inclusive
  std::optional<int64_t> entity_id;  // this entity and its departments (+ network-wide entries)
  std::optional<std::string> theme;
  std::optional<std::string> channel;
  std::optional<std::string> kind;
};

/// A window conflict of one calendar item with another (two high-importance items for the same
/// audience closer than the conflict window), as the conflict notifications need it.
struct WindowConflict {
  Slot other;
  int64_t gap_minutes = 0;
};

/// The calendar item an event placed or moved and the window conflicts it now takes part in.
struct ItemConflicts {
  Slot item;
  std::string day;  ///< the item's first day in the network's time zone (YYYY-MM-DD)
  int window_hours = 48;
  std::vector<WindowConflict> conflicts;
};

/// The shared calendar of all entities as people look at it: its own entries and blackout dates
/// (planned through EntryService), the dated things other modules show through their calendar
/// sources (planned content items, initiatives, crisis milestones), the conflicts between them by
/// the conflict window (a setting), as JSON and as iCalendar. Every change is one transaction with its event.
class CalendarService {
 public:
  /// `registry`: where the calendar finds what other modules registered: the entity directory, the
  /// theme catalog, the channel vocabulary and the calendar sources (also those registered after
  /// the calendar). It outlives the service.
  CalendarService(store::Store& store, const module::ModuleRegistry& registry) : store_(store), registry_(registry) {}

  static std::vector<store::Migration> Migrations();

  /// Parses from/to (default: this month) and checks the range (at most 400 days).
  core::Result<CalendarFilter> MakeFilter(const std::optional<std::string>& from, const std::optional<std::string>& to,
                                          std::optional<int64_t> entity_id, std::optional<std::string> theme,
                                          std::optional<std::string> channel, std::optional<std::string> kind) const;

  /// {from, to, window_hours, items, conflicts, blackouts}; conflicts are found across all entities
  /// even when the view is filtered, and each item lists the conflicts it is part of.
  /// The conflicts' explanations (message_ar, message_en) are written in `reader`'s digits.
  core::Result<core::Json> View(const auth::Caller& caller, const CalendarFilter& filter, const http::Locale& reader = {});
  /// The same items as an iCalendar (RFC 5545) file; titles in `lang`.
  core::Result<std::string> Ics(const auth::Caller& caller, const CalendarFilter& filter, const std::string& lang,
                                const std::string& host);

  /// The conflicts the entry `entry` (a calendar_entries row as rows::SelectEntries reads it) takes
  /// part in, over the days around it. Reads in `tx`.
  core::Result<core::Json> ConflictsOfEntry(store::Tx& tx, const store::Row& entry) const;

  /// Conflicts on days [from_date, to_date) (YYYY-MM-DD, network time zone) that involve an item of
  /// one of `entities`, or every conflict when nullopt: the "calendar.conflicts" KPI. Reads in `tx`.
  core::Result<int64_t> CountConflicts(store::Tx& tx, const std::optional<std::vector<int64_t>>& entities,
                                       const std::string& from_date, const std::string& to_date) const;

  /// The calendar item `event` is about (a calendar entry, or an item of a calendar source whose
  /// EventTypes() name the event's action) with the window conflicts it takes part in now, by the
  /// same rule and window as the view (an empty list: none now); nullopt when the event places nothing
  /// on the calendar or the item takes part in no conflict (cancelled, withdrawn, context only).
  /// Reads in `tx`.
  core::Result<std::optional<ItemConflicts>> WindowConflictsOf(store::Tx& tx, const store::Event& event) const;

  core::Result<core::Json> GetSettings(const auth::Caller& caller);
  core::Result<core::Json> UpdateSettings(const auth::Caller& caller, std::optional<int64_t> if_match,
                                          const core::Json& body);

 private:
  store::Store& store_;
  const module::ModuleRegistry& registry_;
};

}  // namespace sawt::calendar
