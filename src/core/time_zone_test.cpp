#include "core/time_zone.hpp"

#include <gtest/gtest.h>

#include "core/clock.hpp"

namespace sawt::core {
namespace {

int64_t At(const std::string& iso) {
  int64_t us = 0;
  EXPECT_TRUE(ParseIsoUtc(iso, &us)) << iso;
  return us;
}

TEST(TimeZoneTest, DubaiDaysStartAtEightPmUtcTheDayBefore) {
  auto dubai = TimeZone::Named("Asia/Dubai");
  ASSERT_TRUE(dubai);
  EXPECT_EQ(dubai->id(), "Asia/Dubai");
  EXPECT_EQ(dubai->OffsetMicros(At("2026-12-07T00:00:00Z")), int64_t{4} * 3'600'000'000);
  EXPECT_EQ(dubai->DayStart("2026-12-07"), At("2026-12-06T20:00:00Z"));
  EXPECT_EQ(dubai->DateOf(At("2026-12-06T20:00:00Z")), "2026-12-07");
  EXPECT_EQ(dubai->DateOf(At("2026-12-06T19:59:59.999999Z")), "2026-12-06");
  EXPECT_EQ(dubai->WallToUtc(At("2026-12-07T09:00:00Z")), At("2026-12-07T05:00:00Z"));
}

TEST(TimeZoneTest, FollowsDaylightSavingTransitions) {
  // US Eastern time, 2026: EDT (UTC-4) from 8 March 02:00 to 1 November 02:00, EST (UTC-5) otherwise.
  auto ny = TimeZone::Named("America/New_York");
  ASSERT_TRUE(ny);
  EXPECT_EQ(ny->DayStart("2026-01-15"), At("2026-01-15T05:00:00Z"));
  EXPECT_EQ(ny->DayStart("2026-07-15"), At("2026-07-15T04:00:00Z"));
  EXPECT_EQ(ny->DateOf(At("2026-07-16T03:59:00Z")), "2026-07-15");
  // 02:30 on 8 March does not exist: read with the offset before the gap (EST), i.e. 03:30 EDT.
  EXPECT_EQ(ny->WallToUtc(At("2026-03-08T02:30:00Z")), At("2026-03-08T07:30:00Z"));
  // 01:30 on 1 November happens twice (EDT, then EST): read as the later one, in standard time.
  EXPECT_EQ(ny->WallToUtc(At("2026-11-01T01:30:00Z")), At("2026-11-01T06:30:00Z"));
  // A whole day is 23 hours on the day the clocks spring forward.
  EXPECT_EQ(*ny->DayStart("2026-03-09") - *ny->DayStart("2026-03-08"), int64_t{23} * 3'600'000'000);
}

TEST(TimeZoneTest, QuarterHourOffsetsAndUtc) {
  auto kathmandu = TimeZone::Named("Asia/Kathmandu");
  ASSERT_TRUE(kathmandu);
  EXPECT_EQ(kathmandu->DayStart("2026-12-07"), At("2026-12-06T18:15:00Z"));
  EXPECT_EQ(TimeZone::Utc().DayStart("2026-12-07"), At("2026-12-07T00:00:00Z"));
  EXPECT_EQ(TimeZone::Utc().DateOf(At("1969-12-31T23:59:59Z")), "1969-12-31");
}

TEST(TimeZoneTest, RejectsWhatIsNotAZone) {
  for (const char* bad : {"", "Mars/Olympus_Mons", "Asia/Dubai ", "asia\xE2\x80\x8F/dubai", "Etc/Unknown",
                          "../../etc/passwd", "Asia/Dubai\xEF\xBF\xBE"}) {
    EXPECT_FALSE(TimeZone::Named(bad)) << bad;
  }
  EXPECT_FALSE(TimeZone::Named(std::string(65, 'A')));
  auto dubai = TimeZone::Named("Asia/Dubai");
  ASSERT_TRUE(dubai);
  EXPECT_FALSE(dubai->DayStart("2026-02-30"));
  EXPECT_FALSE(dubai->DayStart("2026-12-07T00:00:00Z"));
}

}  // namespace
}  // namespace sawt::core
