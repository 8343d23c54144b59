#include "calendar/schedule.hpp"

#include <algorithm>
#include <map>

#include "core/clock.hpp"

namespace sawt::calendar {
namespace {

constexpr int64_t kMicrosPerMinute = 60'000'000;

/// "20261123T113647Z" (UTC) or "20261123" (date only) from microseconds.
std::string IcsTime(int64_t micros, bool date_only) {
  const std::string iso = core::FormatIsoUtc(micros);  // 2026-11-23T11:36:47.123456Z
  std::string out = iso.substr(0, 4) + iso.substr(5, 2) + iso.substr(8, 2);
  if (date_only) return out;
  return out + "T" + iso.substr(11, 2) + iso.substr(14, 2) + iso.substr(17, 2) + "Z";
}

void Line(std::string& out, const std::string& line) {
  out += IcsFold(line);
  out += "\r\n";
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

std::string IcsEscape(const std::string& text) {
  // RFC 5545 §3.3.11: backslash, semicolon and comma are escaped; newlines become \n.
  std::string out;
  out.reserve(text.size());
  for (char c : text) {
    switch (c) {
      case '\\': out += "\\\\"; break;
      case ';': out += "\\;"; break;
      case ',': out += "\\,"; break;
      case '\n': out += "\\n"; break;
      case '\r': break;
      default: out += c;
    }
  }
  return out;
}

std::string IcsFold(const std::string& line) {
  // RFC 5545 §3.1: lines longer than 75 octets are split with CRLF + one space; never inside a
  // UTF-8 sequence (continuation bytes are 10xxxxxx).
  std::string out;
  size_t pos = 0;
  size_t budget = 75;
  while (line.size() - pos > budget) {
    size_t cut = pos + budget;
    while (cut > pos && (static_cast<unsigned char>(line[cut]) & 0xC0) == 0x80) --cut;
    out.append(line, pos, cut - pos);
    out += "\r\n ";
    pos = cut;
    budget = 74;  // the leading space counts
  }
  out.append(line, pos, std::string::npos);
  return out;
}

std::string WriteIcs(const std::vector<IcsEvent>& events, const std::string& calendar_name, const std::string& lang,
                     const std::string& host, int64_t now_us) {
  std::string out;
  Line(out, "BEGIN:VCALENDAR");
  Line(out, "VERSION:2.0");
  Line(out, "PRODID:-//sawt//Government communication calendar//" + std::string(lang == "ar" ? "AR" : "EN"));
  Line(out, "CALSCALE:GREGORIAN");
  Line(out, "METHOD:PUBLISH");
  Line(out, "X-WR-CALNAME:" + IcsEscape(calendar_name));
  const std::string stamp = IcsTime(now_us, false);
  for (const IcsEvent& e : events) {
    const Slot& s = e.slot;
    Line(out, "BEGIN:VEVENT");
    Line(out, "UID:" + s.uid + "@" + host);
    Line(out, "DTSTAMP:" + stamp);
    if (s.all_day) {
      Line(out, "DTSTART;VALUE=DATE:" + IcsTime(s.starts_us, true));
      Line(out, "DTEND;VALUE=DATE:" + IcsTime(s.ends_us, true));
    } else {
      Line(out, "DTSTART:" + IcsTime(s.starts_us, false));
      Line(out, "DTEND:" + IcsTime(s.ends_us, false));
    }
    if (e.modified_us > 0) Line(out, "LAST-MODIFIED:" + IcsTime(e.modified_us, false));
    Line(out, "SEQUENCE:" + std::to_string(e.sequence));
    const std::string& title = lang == "ar" ? s.title_ar : s.title_en;
    Line(out, "SUMMARY;LANGUAGE=" + lang + ":" + IcsEscape(title.empty() ? (lang == "ar" ? s.title_en : s.title_ar) : title));
    if (!e.description.empty()) Line(out, "DESCRIPTION;LANGUAGE=" + lang + ":" + IcsEscape(e.description));
    if (!e.entity_name.empty()) Line(out, "X-SAWT-ENTITY:" + IcsEscape(e.entity_name));
    if (!e.categories.empty()) {
      std::string cats;
      for (const auto& c : e.categories) cats += (cats.empty() ? "" : ",") + IcsEscape(c);
      Line(out, "CATEGORIES:" + cats);
    }
    if (!e.status.empty()) Line(out, "STATUS:" + e.status);
    if (s.importance == "high") Line(out, "PRIORITY:1");
    Line(out, "TRANSP:TRANSPARENT");
    Line(out, "END:VEVENT");
  }
  Line(out, "END:VCALENDAR");
  return out;
}

}  // namespace sawt::calendar
