#include "calendar/schedule.hpp"

#include <gtest/gtest.h>
#include <libical/ical.h>

#include <algorithm>

#include "core/clock.hpp"

namespace sawt::calendar {
namespace {

int64_t At(const std::string& iso) {
  int64_t us = 0;
  EXPECT_TRUE(core::ParseIsoUtc(iso, &us)) << iso;
  return us;
}

Slot Timed(std::string uid, const std::string& start, std::string importance = "high", std::string audience = "public",
           std::optional<int64_t> entity = 1) {
  Slot s;
  s.uid = std::move(uid);
  s.kind = "announcement";
  s.entity_id = entity;
  s.title_ar = "إعلان " + s.uid;
  s.title_en = "Announcement " + s.uid;
  s.starts_us = At(start);
  s.ends_us = s.starts_us + 3'600'000'000;
  s.importance = std::move(importance);
  s.audience = std::move(audience);
  return s;
}

TEST(FindConflictsTest, TwoHighImportanceForTheSameAudienceInsideTheWindowConflict) {
  auto found = FindConflicts({Timed("a", "2026-12-01T06:00:00Z"), Timed("b", "2026-12-01T08:30:00Z")}, {}, 48);
  ASSERT_EQ(found.size(), 1u);
  EXPECT_EQ(found[0].rule, "window");
  EXPECT_EQ(found[0].uids, (std::vector<std::string>{"a", "b"}));
  EXPECT_EQ(found[0].gap_minutes, 150);
}

TEST(FindConflictsTest, TheWindowIsExclusiveAtItsEnd) {
  EXPECT_TRUE(FindConflicts({Timed("a", "2026-12-01T06:00:00Z"), Timed("b", "2026-12-03T06:00:00Z")}, {}, 48).empty());
  EXPECT_EQ(FindConflicts({Timed("a", "2026-12-01T06:00:00Z"), Timed("b", "2026-12-03T05:59:59Z")}, {}, 48).size(), 1u);
}

TEST(FindConflictsTest, OtherAudiencesAndNormalImportanceDoNotConflict) {
  EXPECT_TRUE(FindConflicts({Timed("a", "2026-12-01T06:00:00Z"), Timed("b", "2026-12-01T07:00:00Z", "high", "media")}, {}, 48)
                  .empty());
  EXPECT_TRUE(FindConflicts({Timed("a", "2026-12-01T06:00:00Z"), Timed("b", "2026-12-01T07:00:00Z", "normal")}, {}, 48).empty());
}

TEST(FindConflictsTest, EveryPairInsideTheWindowIsReportedOnceInStartOrder) {
  auto found = FindConflicts({Timed("c", "2026-12-01T10:00:00Z"), Timed("a", "2026-12-01T06:00:00Z"),
                              Timed("b", "2026-12-01T08:00:00Z"), Timed("d", "2026-12-09T08:00:00Z")},
                             {}, 24);
  ASSERT_EQ(found.size(), 3u);
  EXPECT_EQ(found[0].uids, (std::vector<std::string>{"a", "b"}));
  EXPECT_EQ(found[1].uids, (std::vector<std::string>{"a", "c"}));
  EXPECT_EQ(found[2].uids, (std::vector<std::string>{"b", "c"}));
}

TEST(FindConflictsTest, BlackoutsCatchAnyItemOfTheirEntityOrOfEveryone) {
  Blackout network{7, std::nullopt, At("2026-12-06"), At("2026-12-07"), "صمت", "Silence"};
  Blackout police{8, 2, At("2026-12-10"), At("2026-12-12"), "حداد", "Mourning"};
  Slot low = Timed("x", "2026-12-06T23:00:00Z", "low", "youth", 5);
  Slot police_item = Timed("p", "2026-12-11T09:00:00Z", "normal", "public", 2);
  Slot other_item = Timed("o", "2026-12-11T09:00:00Z", "normal", "public", 3);
  Slot before = Timed("b", "2026-12-05T23:00:00Z", "low", "youth", 5);  // ends exactly at the blackout's start
  auto found = FindConflicts({low, police_item, other_item, before}, {network, police}, 48);
  ASSERT_EQ(found.size(), 2u);
  EXPECT_EQ(found[0].rule, "blackout");
  EXPECT_EQ(found[0].uids, (std::vector<std::string>{"x"}));
  EXPECT_EQ(found[0].blackout_id, 7);
  EXPECT_EQ(found[1].uids, (std::vector<std::string>{"p"}));
  EXPECT_EQ(found[1].blackout_id, 8);
}

TEST(FindConflictsTest, ScalesToAYearOfItems) {
  std::vector<Slot> slots;
  for (int i = 0; i < 20000; ++i) {
    Slot s = Timed("s" + std::to_string(i), "2026-01-01T00:00:00Z", i % 10 == 0 ? "high" : "normal");
    s.starts_us += int64_t{i} * 26 * 60 * 1'000'000;  // one every 26 minutes
    s.ends_us = s.starts_us + 1;
    slots.push_back(s);
  }
  // High items are 260 minutes apart: with a 5-hour window each conflicts with its next one only.
  EXPECT_EQ(FindConflicts(slots, {}, 5).size(), 1999u);
}

/// The content lines of `ics` unfolded (RFC 5545 §3.1), checking on the way that every physical
/// line ends in CRLF, is at most 75 octets and that no fold splits a UTF-8 sequence.
std::vector<std::string> UnfoldedLines(const std::string& ics) {
  std::vector<std::string> lines;
  size_t start = 0;
  while (start < ics.size()) {
    const size_t end = ics.find("\r\n", start);
    EXPECT_NE(end, std::string::npos) << "the last line has no CRLF";
    if (end == std::string::npos) break;
    std::string piece = ics.substr(start, end - start);
    EXPECT_LE(piece.size(), 75u) << piece;
    EXPECT_EQ(piece.find('\n'), std::string::npos) << "bare LF in " << piece;
    if (!piece.empty() && piece[0] == ' ') {
      EXPECT_NE(piece.size() > 1 ? static_cast<unsigned char>(piece[1]) & 0xC0 : 0, 0x80) << "a fold split UTF-8";
      EXPECT_NE(static_cast<unsigned char>(ics[end - 1]) & 0xC0, 0xC0) << "a fold after a lead byte";
      lines.back() += piece.substr(1);
    } else {
      lines.push_back(piece);
    }
    start = end + 2;
  }
  return lines;
}

TEST(IcsTest, FoldsLongArabicLinesWithoutSplittingUtf8) {
  IcsEvent e;
  e.slot = Timed("entry-9", "2026-12-01T06:00:00Z");
  e.slot.title_ar = std::string(41, 'x') + "إطلاقخطةتطويرشبكةالطرقوالمواصلاتالعامةإطلاقخطةتطويرشبكةالطرقوالمواصلاتالعامة";
  e.description = std::string(40, 'y') + "😀😀😀😀😀😀😀😀😀😀😀😀😀😀😀😀😀😀😀😀😀😀😀😀";
  const auto lines = UnfoldedLines(WriteIcs({e}, "تقويم", "ar", "sawt", At("2026-11-23T10:00:00Z")));
  EXPECT_NE(std::find(lines.begin(), lines.end(), "SUMMARY;LANGUAGE=ar:" + e.slot.title_ar), lines.end());
  EXPECT_NE(std::find(lines.begin(), lines.end(), "DESCRIPTION;LANGUAGE=ar:" + e.description), lines.end());
}

TEST(IcsTest, RemovesControlCharactersRfc5545Forbids) {
  // (String pieces keep "\x07" from swallowing the next letter as a hex digit.)
  EXPECT_EQ(IcsText(std::string("a\x07") + "b\x0b\x7f\x1b" + "[0mc\r\nd\te\xC2\x85" + "\xEF\xBF\xBF\xED\xA0\x80"),
            "ab[0mc\nd\te");
  IcsEvent e;
  e.slot = Timed("entry-3", "2026-12-01T06:00:00Z");
  e.slot.title_en = std::string("Bell\x07 tab\x0b del\x7f, done; ok\\");
  e.description = "first line\r\nsecond\x07 line";
  e.location = "Hall\x01 A";
  const std::string ics = WriteIcs({e}, "calendar\x07", "en", "sawt", At("2026-11-23T10:00:00Z"));
  for (char c : ics) {
    const auto u = static_cast<unsigned char>(c);
    EXPECT_TRUE(u >= 0x20 ? u != 0x7F : (c == '\r' || c == '\n')) << "control " << static_cast<int>(u);
  }
  const auto lines = UnfoldedLines(ics);
  auto has = [&](const std::string& line) { return std::find(lines.begin(), lines.end(), line) != lines.end(); };
  EXPECT_TRUE(has("SUMMARY;LANGUAGE=en:Bell tab del\\, done\\; ok\\\\")) << ics;
  EXPECT_TRUE(has("DESCRIPTION;LANGUAGE=en:first line\\nsecond line")) << ics;
  EXPECT_TRUE(has("LOCATION;LANGUAGE=en:Hall A")) << ics;
}

TEST(IcsTest, LibicalParsesWhatItWroteBack) {
  IcsEvent e;
  e.slot = Timed("entry-4", "2026-12-01T06:00:00Z");
  e.slot.title_ar = "إطلاق، المرحلة الأولى; a,b";
  e.description = "وصف\nسطر ثانٍ";
  e.location = "مركز المعارض, القاعة 3";
  e.categories = {"announcement", "road-safety"};
  e.sequence = 4;
  e.modified_us = At("2026-11-20T08:00:00Z");
  const std::string ics = WriteIcs({e}, "تقويم", "ar", "sawt", At("2026-11-23T10:00:00Z"));
  icalcomponent* cal = icalparser_parse_string(ics.c_str());
  ASSERT_NE(cal, nullptr);
  icalcomponent* ev = icalcomponent_get_first_component(cal, ICAL_VEVENT_COMPONENT);
  ASSERT_NE(ev, nullptr);
  EXPECT_STREQ(icalcomponent_get_summary(ev), e.slot.title_ar.c_str());
  EXPECT_STREQ(icalcomponent_get_description(ev), e.description.c_str());
  EXPECT_STREQ(icalcomponent_get_location(ev), e.location.c_str());
  EXPECT_STREQ(icalcomponent_get_uid(ev), "entry-4@sawt");
  EXPECT_EQ(icalcomponent_count_properties(ev, ICAL_CATEGORIES_PROPERTY), 2);
  EXPECT_EQ(icalcomponent_get_sequence(ev), 4);
  EXPECT_EQ(icaltime_as_timet(icalcomponent_get_dtstart(ev)), At("2026-12-01T06:00:00Z") / 1'000'000);
  icalcomponent_free(cal);
}

TEST(IcsTest, WritesAllDayAndTimedEventsWithCrlf) {
  IcsEvent timed;
  timed.slot = Timed("entry-1", "2026-12-01T06:00:00Z");
  timed.slot.title_ar = "إطلاق الخطة، المرحلة الأولى";
  timed.entity_name = "هيئة الطرق";
  timed.status = "CONFIRMED";
  timed.categories = {"announcement", "road-safety"};
  timed.sequence = 2;
  IcsEvent all_day;
  all_day.slot = Timed("entry-2", "2026-12-04", "high", "public", std::nullopt);
  all_day.slot.all_day = true;
  all_day.slot.ends_us = all_day.slot.starts_us + 86'400'000'000;
  const std::string ics = WriteIcs({timed, all_day}, "تقويم", "ar", "sawt", At("2026-11-23T10:00:00Z"));
  EXPECT_EQ(ics.rfind("BEGIN:VCALENDAR\r\nVERSION:2.0\r\nPRODID:", 0), 0u);
  EXPECT_NE(ics.find("UID:entry-1@sawt\r\n"), std::string::npos);
  EXPECT_NE(ics.find("DTSTAMP:20261123T100000Z\r\n"), std::string::npos);
  EXPECT_NE(ics.find("DTSTART:20261201T060000Z\r\nDTEND:20261201T070000Z\r\n"), std::string::npos);
  // The Arabic comma is not the TEXT separator: only the ASCII comma, semicolon and backslash are escaped.
  EXPECT_NE(ics.find("SUMMARY;LANGUAGE=ar:إطلاق الخطة، المرحلة الأولى\r\n"), std::string::npos);
  EXPECT_NE(ics.find("SEQUENCE:2\r\n"), std::string::npos);
  EXPECT_NE(ics.find("CATEGORIES:announcement\r\nCATEGORIES:road-safety\r\n"), std::string::npos);
  EXPECT_NE(ics.find("DTSTART;VALUE=DATE:20261204\r\nDTEND;VALUE=DATE:20261205\r\n"), std::string::npos);
  EXPECT_NE(ics.find("PRIORITY:1\r\n"), std::string::npos);
  EXPECT_EQ(ics.substr(ics.size() - 15), "END:VCALENDAR\r\n");
  // Every line ends in CRLF: no bare LF anywhere.
  for (size_t i = 0; i < ics.size(); ++i) {
    if (ics[i] == '\n') {
      ASSERT_EQ(ics[i - 1], '\r') << "bare LF at " << i;
    }
  }
}

}  // namespace
}  // namespace sawt::calendar
