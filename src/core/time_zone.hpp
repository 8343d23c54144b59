#pragma once

#include <cstdint>
#include <memory>
#include <optional>
#include <string>
#include <string_view>

namespace sawt::core {

/// An IANA time zone (e.g. "Asia/Dubai") and its rules, from ICU's time zone data (so a machine
/// without tzdata still knows every zone). Instants stay UTC everywhere in sawt; a zone only says
/// which instant a calendar date or a wall-clock time names, and which day an instant falls on.
/// Cheap to copy; thread-safe.
class TimeZone {
 public:
  /// The zone with IANA id `id` ("Asia/Dubai", "Africa/Cairo", "UTC"), or nullopt when the id
  /// is not a zone ICU knows (ids are ASCII letters, digits and "/_+-", at most 64 characters).
  static std::optional<TimeZone> Named(std::string_view id);
  static const TimeZone& Utc();

  /// The id as given (ICU accepts legacy aliases such as "Asia/Calcutta"; they are kept).
  const std::string& id() const { return id_; }

  /// Local time minus UTC at the instant `utc_us`, in microseconds (e.g. +4 h in Dubai).
  int64_t OffsetMicros(int64_t utc_us) const;
  /// The instant at which local wall-clock time reads `wall_us` (a wall time written as if it were
  /// UTC, e.g. ParseIsoUtc("2026-12-07T09:00:00Z") for 09:00 local). In a gap (spring forward) the
  /// wall time is read with the offset before the gap; in an overlap (fall back), as standard time,
  /// the later of the two instants (ICU's defaults).
  int64_t WallToUtc(int64_t wall_us) const;
  /// The first instant of the calendar day `date` ("YYYY-MM-DD"), or nullopt if it is not a date.
  std::optional<int64_t> DayStart(const std::string& date) const;
  /// The calendar day ("YYYY-MM-DD") that the instant `utc_us` falls on in this zone.
  std::string DateOf(int64_t utc_us) const;

 private:
  struct Rules;
  TimeZone(std::string id, std::shared_ptr<const Rules> rules) : id_(std::move(id)), rules_(std::move(rules)) {}
  std::string id_;
  std::shared_ptr<const Rules> rules_;
};

}  // namespace sawt::core
