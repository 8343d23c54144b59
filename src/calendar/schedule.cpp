#include "calendar/schedule.hpp"

#include <algorithm>
#include <map>

#include <libical/ical.h>

#include "core/clock.hpp"
#include "core/utf8.hpp"

namespace sawt::calendar {
namespace {

constexpr int64_t kMicrosPerMinute = 60'000'000;

/// A UTC date-time (or a date) from microseconds, as libical wants it.
icaltimetype IcalTime(int64_t micros, bool date_only) {
  icaltimetype t = icaltime_from_timet_with_zone(static_cast<time_t>(micros / 1'000'000), date_only ? 1 : 0,
                                                 icaltimezone_get_utc_timezone());
  if (date_only) t.is_date = 1;
  return t;
}

/// A TEXT property with an optional LANGUAGE parameter; the value is cleaned by IcsText and
/// escaped by libical.
icalproperty* TextProperty(icalproperty_kind kind, const std::string& value, const std::string& lang = "") {
  icalproperty* p = icalproperty_new(kind);
  icalproperty_set_value(p, icalvalue_new_text(IcsText(value).c_str()));
  if (!lang.empty()) icalproperty_add_parameter(p, icalparameter_new_language(lang.c_str()));
  return p;
}

icalproperty* XTextProperty(const char* name, const std::string& value) {
  icalproperty* p = icalproperty_new(ICAL_X_PROPERTY);
  icalproperty_set_x_name(p, name);
  icalproperty_set_value(p, icalvalue_new_text(IcsText(value).c_str()));
  return p;
}

}  // namespace
std::vector<Conflict> FindConflicts(std::vector<Slot> slots, const std::vector<Blackout>& blackouts, int window_hours) {
  std::sort(slots.begin(), slots.end(), [](const Slot& a, const Slot& b) {
    return a.starts_us != b.starts_us ? a.starts_us < b.starts_us : a.uid < b.uid;
  });
  std::vector<Conflict> out;
  // Window rule: sweep each audience's high-importance slots in start order.
  const int64_t window_us = int64_t{window_hours} * 60 * kMicrosPerMinute;
  std::map<std::string, std::vector<const Slot*>> by_audience;
  for (const Slot& s : slots) {
    if (s.importance == "high") by_audience[s.audience].push_back(&s);
  }
  for (const auto& [audience, list] : by_audience) {
    for (size_t i = 0; i < list.size(); ++i) {
      for (size_t j = i + 1; j < list.size() && list[j]->starts_us - list[i]->starts_us < window_us; ++j) {
        out.push_back({"window", {list[i]->uid, list[j]->uid}, std::nullopt,
                       (list[j]->starts_us - list[i]->starts_us) / kMicrosPerMinute});
      }
    }
  }
  // Blackout rule: any slot of the entity (or of anyone, for network-wide blackouts) overlapping it.
  for (const Blackout& b : blackouts) {
    for (const Slot& s : slots) {
      if (s.starts_us >= b.ends_us) break;  // sorted by start
      if (s.ends_us <= b.starts_us) continue;
      if (b.entity_id && s.entity_id != b.entity_id) continue;
      out.push_back({"blackout", {s.uid}, b.id, 0});
    }
  }
  return out;
}

std::string IcsText(std::string_view text) {
  return core::KeepCodePoints(text, [](char32_t c) {
    const bool control = (c < 0x20 && c != '\n' && c != '\t') || (c >= 0x7F && c <= 0x9F);
    return !control && !core::IsNoncharacter(c);
  });
}

std::string WriteIcs(const std::vector<IcsEvent>& events, const std::string& calendar_name, const std::string& lang,
                     const std::string& host, int64_t now_us) {
  icalcomponent* cal = icalcomponent_new_vcalendar();
  icalcomponent_add_property(cal, icalproperty_new_version("2.0"));
  const std::string prodid = "-//sawt//Government communication calendar//" + std::string(lang == "ar" ? "AR" : "EN");
  icalcomponent_add_property(cal, icalproperty_new_prodid(prodid.c_str()));
  icalcomponent_add_property(cal, icalproperty_new_calscale("GREGORIAN"));
  icalcomponent_add_property(cal, icalproperty_new_method(ICAL_METHOD_PUBLISH));
  icalcomponent_add_property(cal, XTextProperty("X-WR-CALNAME", calendar_name));
  const icaltimetype stamp = IcalTime(now_us, false);
  for (const IcsEvent& e : events) {
    const Slot& s = e.slot;
    icalcomponent* ev = icalcomponent_new_vevent();
    icalcomponent_add_property(ev, icalproperty_new_uid((s.uid + "@" + host).c_str()));
    icalcomponent_add_property(ev, icalproperty_new_dtstamp(stamp));
    icalcomponent_add_property(ev, icalproperty_new_dtstart(IcalTime(s.starts_us, s.all_day)));
    icalcomponent_add_property(ev, icalproperty_new_dtend(IcalTime(s.ends_us, s.all_day)));  // exclusive
    if (e.modified_us > 0) icalcomponent_add_property(ev, icalproperty_new_lastmodified(IcalTime(e.modified_us, false)));
    icalcomponent_add_property(ev, icalproperty_new_sequence(static_cast<int>(e.sequence)));
    const std::string& title = lang == "ar" ? s.title_ar : s.title_en;
    icalcomponent_add_property(
        ev, TextProperty(ICAL_SUMMARY_PROPERTY, title.empty() ? (lang == "ar" ? s.title_en : s.title_ar) : title, lang));
    if (!e.description.empty()) icalcomponent_add_property(ev, TextProperty(ICAL_DESCRIPTION_PROPERTY, e.description, lang));
    if (!e.location.empty()) icalcomponent_add_property(ev, TextProperty(ICAL_LOCATION_PROPERTY, e.location, lang));
    if (!e.entity_name.empty()) icalcomponent_add_property(ev, XTextProperty("X-SAWT-ENTITY", e.entity_name));
    // One CATEGORIES property per category: libical escapes a comma inside one value.
    for (const auto& c : e.categories) icalcomponent_add_property(ev, TextProperty(ICAL_CATEGORIES_PROPERTY, c));
    if (e.status == "CONFIRMED") icalcomponent_add_property(ev, icalproperty_new_status(ICAL_STATUS_CONFIRMED));
    if (e.status == "TENTATIVE") icalcomponent_add_property(ev, icalproperty_new_status(ICAL_STATUS_TENTATIVE));
    if (e.status == "CANCELLED") icalcomponent_add_property(ev, icalproperty_new_status(ICAL_STATUS_CANCELLED));
    if (s.importance == "high") icalcomponent_add_property(ev, icalproperty_new_priority(1));
    icalcomponent_add_property(ev, icalproperty_new_transp(ICAL_TRANSP_TRANSPARENT));
    icalcomponent_add_component(cal, ev);
  }
  char* text = icalcomponent_as_ical_string_r(cal);
  std::string out = text != nullptr ? text : "";
  icalmemory_free_buffer(text);
  icalcomponent_free(cal);
  return out;
}

}  // namespace sawt::calendar
