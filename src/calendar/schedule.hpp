#pragma once

// The shared calendar's rules, free of storage and HTTP: what counts as a conflict between planned
// items, and how a calendar is written as iCalendar (RFC 5545). Unit-tested without a store.

#include <cstdint>
#include <optional>
#include <string>
#include <vector>

namespace sawt::calendar {

/// One thing on the calendar: an entry of the calendar itself or a planned content item.
struct Slot {
  std::string uid;             // "entry-12", "content-7": unique across sources
  std::string kind;            // announcement, event, campaign, national_day, press_release, ...
  std::optional<int64_t> entity_id;  // empty: the whole network (national days)
  std::string title_ar, title_en;
  int64_t starts_us = 0;       // UTC microseconds; all-day items start at 00:00Z of their first day
  int64_t ends_us = 0;         // exclusive; > starts_us
  bool all_day = false;
  std::string importance;      // high, normal, low
  std::string audience;        // public, media, business, internal, ...
};

/// A date range on which nothing should be announced (e.g. a day of mourning, an election silence).
struct Blackout {
  int64_t id = 0;
  std::optional<int64_t> entity_id;  // empty: applies to every entity
  int64_t starts_us = 0;             // 00:00Z of the first day
  int64_t ends_us = 0;               // 00:00Z of the day after the last day
  std::string reason_ar, reason_en;
};

struct Conflict {
  std::string rule;               // "window" (two high-importance items, same audience) or "blackout"
  std::vector<std::string> uids;  // the slots involved (two for "window", one for "blackout")
  std::optional<int64_t> blackout_id;
  int64_t gap_minutes = 0;        // "window": minutes between the two starts
};

/// Conflicts among `slots`: every pair of high-importance slots for the same audience whose starts
/// are less than `window_hours` apart (the audience hears one big announcement drown the other),
/// and every slot that overlaps a blackout applying to its entity (or to all). `slots` need not be
/// sorted. O(n log n + conflicts).
std::vector<Conflict> FindConflicts(std::vector<Slot> slots, const std::vector<Blackout>& blackouts, int window_hours);

/// RFC 5545 text. Each slot becomes a VEVENT whose SUMMARY is in `lang` (ar or en) and whose
/// DESCRIPTION carries the other language and the entity; lines are CRLF-terminated and folded at
/// 75 octets without splitting a UTF-8 sequence; TEXT values are escaped.
struct IcsEvent {
  Slot slot;
  std::string entity_name;  // in `lang`
  std::string description;  // extra text (other-language title, state, themes, channels)
  std::string status;       // TENTATIVE or CONFIRMED or CANCELLED
  std::vector<std::string> categories;
  int64_t sequence = 0;     // the row's version - 1: calendar clients replace older copies
  int64_t modified_us = 0;
};
std::string WriteIcs(const std::vector<IcsEvent>& events, const std::string& calendar_name, const std::string& lang,
                     const std::string& host, int64_t now_us);

/// Helpers used by the service and the tests.
std::string IcsEscape(const std::string& text);
std::string IcsFold(const std::string& line);

}  // namespace sawt::calendar
