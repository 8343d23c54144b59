#include "calendar/demo.hpp"

#include <string>

#include "core/clock.hpp"
#include "core/time_zone.hpp"

namespace sawt::calendar {
namespace {

using core::Json;

struct DemoEntry {
  const char* entity;  // "" = network-wide
  const char* kind;
  int day;             // 0 = the Monday after the demo is loaded
  const char* time;    // "09:00:00" (the network's time zone) or "" for all day
  int days;            // all-day length
  const char* importance;
  const char* audience;
  const char* theme;   // "" = none
  const char* title_ar;
  const char* title_en;
  const char* location_ar;
  const char* location_en;
};

// Exactly one conflict: the RTA and the police announce to the public on the same Tuesday morning.
constexpr DemoEntry kEntries[] = {
    {"tourism", "campaign", 0, "", 6, "normal", "visitors", "tourism", "حملة «شتاء الإمارة» السياحية",
     "\"Emirate Winter\" tourism campaign", "", ""},
    {"health", "event", 0, "10:00:00", 0, "normal", "public", "happiness", "حملة التطعيم الموسمي ضد الإنفلونزا",
     "Seasonal flu vaccination drive", "مراكز الرعاية الصحية الأولية", "Primary health care centres"},
    {"rta", "announcement", 1, "10:00:00", 0, "high", "public", "road-safety", "إطلاق خطة تطوير شبكة الطرق 2030",
     "Launch of the 2030 road network plan", "المركز الإعلامي", "Media centre"},
    {"police", "announcement", 1, "12:00:00", 0, "high", "public", "road-safety", "إعلان إحصاءات السلامة المرورية السنوية",
     "Annual road safety statistics", "القيادة العامة للشرطة", "Police headquarters"},
    {"economy", "event", 2, "14:00:00", 0, "normal", "business", "digital", "ملتقى رواد الأعمال الرقميين",
     "Digital entrepreneurs forum", "مركز المعارض", "Exhibition centre"},
    {"knowledge", "announcement", 3, "09:00:00", 0, "high", "families", "", "نتائج التقييم المدرسي السنوي",
     "Annual school inspection results", "", ""},
    {"", "national_day", 4, "", 1, "high", "public", "happiness", "يوم العلم", "Flag Day", "", ""},
    {"municipality", "event", 5, "08:00:00", 0, "normal", "residents", "happiness", "مبادرة «نظّف حيّك»",
     "\"Clean your neighbourhood\" initiative", "الحدائق العامة", "Public parks"},
};

constexpr int64_t kDayUs = 86'400'000'000;

std::string DayAfter(int64_t monday_us, int day) { return core::FormatIsoUtc(monday_us + int64_t{day} * kDayUs).substr(0, 10); }

}  // namespace

core::Status SeedDemo(EntryService& svc, const core::Clock& clock, const core::TimeZone& zone,
                      module::DemoContext& ctx) {
  auth::Caller system;
  system.login = "system";
  system.network_admin = true;
  // The Monday after today, in the network's time zone (1970-01-01 was a Thursday).
  int64_t today_us = 0;
  core::ParseIsoUtc(zone.DateOf(clock.NowMicros()), &today_us);
  const int64_t today = today_us / kDayUs;
  const int64_t weekday = (today + 3) % 7;  // 0 = Monday
  const int64_t monday_us = (today + (7 - weekday)) * kDayUs;
  for (const auto& e : kEntries) {
    const std::string day = DayAfter(monday_us, e.day);
    Json body = {{"kind", e.kind},
                 {"title_ar", e.title_ar},
                 {"title_en", e.title_en},
                 {"importance", e.importance},
                 {"audience", e.audience},
                 {"location_ar", e.location_ar},
                 {"location_en", e.location_en},
                 {"channels", {"website", "x", "instagram"}}};
    if (*e.entity) body["entity_id"] = ctx.entities.at(e.entity);
    if (*e.theme) body["themes"] = {e.theme};
    if (*e.time) {
      int64_t wall = 0;
      core::ParseIsoUtc(day + "T" + e.time + "Z", &wall);
      body["starts_at"] = core::FormatIsoUtc(zone.WallToUtc(wall)).substr(0, 19) + "Z";
    } else {
      body["starts_at"] = day;
      if (e.days > 1) body["ends_at"] = DayAfter(monday_us, e.day + e.days - 1);
    }
    auto made = svc.CreateEntry(system, body);
    if (!made) return std::move(made).error();
  }
  // A blackout on the Sunday closing the week: no announcements planned there (so the one conflict
  // above stays the only one), visible on the calendar.
  auto blackout = svc.CreateBlackout(system, {{"starts_on", DayAfter(monday_us, 6)},
                                              {"reason_ar", "يوم صمت إعلامي: انتخابات المجلس الاستشاري"},
                                              {"reason_en", "Media silence: Consultative Council elections"}});
  if (!blackout) return std::move(blackout).error();
  return core::Ok();
}

}  // namespace sawt::calendar
