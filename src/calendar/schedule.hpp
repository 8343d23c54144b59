#pragma once

// The shared calendar's rules, free of storage and HTTP: what counts as a conflict between planned
// items, and how a calendar is written as iCalendar (RFC 5545). Unit-tested without a store.

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

namespace sawt::calendar {

/// One thing on the calendar: an entry of the calendar itself or a planned content item.
struct Slot {
  std::string uid;             // "entry-12", "content-7": unique across sources
  std::string kind;            // announcement, event, campaign, national_day, press_release, ...
  std::optional<int64_t> entity_id;  // empty: the whole network (national days)
  std::string title_ar, title_en;
  int64_t starts_us = 0;       // UTC microseconds; all-day items start when their first day begins in the network's zone
  int64_t ends_us = 0;         // exclusive; > starts_us
  bool all_day = false;
  std::string importance;      // high, normal, low
  std::string audience;        // public, media, business, internal, ...
};

/// A date range on which nothing should be announced (e.g. a day of mourning, an election silence).
struct Blackout {
  int64_t id = 0;
  std::optional<int64_t> entity_id;  // empty: applies to every entity
  int64_t starts_us = 0;             // when the first day begins (network time zone)
  int64_t ends_us = 0;               // when the day after the last day begins
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

/// RFC 5545 text, serialised by libical (the reference implementation: escaping, CRLF, folding
/// at 75 octets without splitting a UTF-8 sequence). Each slot becomes a VEVENT with a stable UID,
/// DTSTART/DTEND (VALUE=DATE with an exclusive end for all-day items), SEQUENCE, LAST-MODIFIED,
/// a SUMMARY in `lang` (ar or en), its DESCRIPTION and LOCATION. Characters RFC 5545 §3.3.11
/// forbids in TEXT (controls other than the escaped newline: BEL, VT, DEL ...) are removed.
struct IcsEvent {
  Slot slot;
  std::string entity_name;  // in `lang`
  std::string description;  // the entry's description, then the other-language title, state, themes, channels
  std::string location;     // where it happens, in `lang` (empty: none)
  std::string status;       // TENTATIVE or CONFIRMED or CANCELLED
  std::vector<std::string> categories;
  int64_t sequence = 0;     // the row's version - 1: calendar clients replace older copies
  int64_t modified_us = 0;
};
std::string WriteIcs(const std::vector<IcsEvent>& events, const std::string& calendar_name, const std::string& lang,
                     const std::string& host, int64_t now_us);

/// `text` as RFC 5545 TEXT may carry it: ill-formed UTF-8, controls other than LF and TAB (CR,
/// BEL, VT, ESC, DEL, C1) and noncharacters removed.
std::string IcsText(std::string_view text);

}  // namespace sawt::calendar
