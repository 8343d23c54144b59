#include "core/time_zone.hpp"

#include <unicode/timezone.h>
#include <unicode/unistr.h>

#include <map>
#include <mutex>

#include "core/clock.hpp"

namespace sawt::core {

struct TimeZone::Rules {
  std::unique_ptr<const icu::TimeZone> zone;
};

namespace {

constexpr int64_t kUsPerMs = 1000;
constexpr int64_t kDayUs = 86'400'000'000;

bool PlausibleId(std::string_view id) {
  if (id.empty() || id.size() > 64) return false;
  for (char c : id) {
    const bool ok = (c >= 'A' && c <= 'Z') || (c >= 'a' && c <= 'z') || (c >= '0' && c <= '9') || c == '/' ||
                    c == '_' || c == '+' || c == '-';
    if (!ok) return false;
  }
  return true;
}

// Floor division: instants before 1970 still land on the right day.
int64_t FloorDiv(int64_t a, int64_t b) { return a / b - ((a % b != 0) && ((a < 0) != (b < 0))); }

}  // namespace

std::optional<TimeZone> TimeZone::Named(std::string_view id) {
  if (!PlausibleId(id)) return std::nullopt;
  // Zones are few and immutable: build each once (ICU loads its rules from its data file).
  static std::mutex mu;
  static std::map<std::string, std::shared_ptr<const Rules>, std::less<>> known;
  std::lock_guard lock(mu);
  if (auto found = known.find(id); found != known.end()) return TimeZone(std::string(id), found->second);
  const icu::UnicodeString uid = icu::UnicodeString::fromUTF8(icu::StringPiece(id.data(), static_cast<int32_t>(id.size())));
  icu::UnicodeString canonical;
  UBool system = false;
  UErrorCode status = U_ZERO_ERROR;
  icu::TimeZone::getCanonicalID(uid, canonical, system, status);
  if (U_FAILURE(status) || !system) return std::nullopt;
  auto rules = std::make_shared<Rules>();
  rules->zone.reset(icu::TimeZone::createTimeZone(uid));
  if (!rules->zone) return std::nullopt;
  known.emplace(std::string(id), rules);
  return TimeZone(std::string(id), std::move(rules));
}

const TimeZone& TimeZone::Utc() {
  static const TimeZone utc = *Named("UTC");
  return utc;
}

int64_t TimeZone::OffsetMicros(int64_t utc_us) const {
  int32_t raw = 0, dst = 0;
  UErrorCode status = U_ZERO_ERROR;
  rules_->zone->getOffset(static_cast<UDate>(FloorDiv(utc_us, kUsPerMs)), false, raw, dst, status);
  if (U_FAILURE(status)) return 0;
  return (int64_t{raw} + dst) * kUsPerMs;
}

int64_t TimeZone::WallToUtc(int64_t wall_us) const {
  int32_t raw = 0, dst = 0;
  UErrorCode status = U_ZERO_ERROR;
  // local = true: ICU reads the date as local wall time and answers the offset in force then.
  rules_->zone->getOffset(static_cast<UDate>(FloorDiv(wall_us, kUsPerMs)), true, raw, dst, status);
  if (U_FAILURE(status)) return wall_us;
  return wall_us - (int64_t{raw} + dst) * kUsPerMs;
}

std::optional<int64_t> TimeZone::DayStart(const std::string& date) const {
  int64_t wall = 0;
  if (date.size() != 10 || !ParseIsoUtc(date, &wall)) return std::nullopt;
  return WallToUtc(wall);
}

std::string TimeZone::DateOf(int64_t utc_us) const {
  const int64_t wall = utc_us + OffsetMicros(utc_us);
  return FormatIsoUtc(FloorDiv(wall, kDayUs) * kDayUs).substr(0, 10);
}

}  // namespace sawt::core
