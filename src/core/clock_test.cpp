#include "core/clock.hpp"

#include <gtest/gtest.h>

namespace sawt::core {
namespace {

TEST(ClockTest, FormatsAndParsesRoundTrip) {
  int64_t t = 1700000000123456;
  std::string s = FormatIsoUtc(t);
  EXPECT_EQ(s, "2023-11-14T22:13:20.123456Z");
  int64_t back = 0;
  ASSERT_TRUE(ParseIsoUtc(s, &back));
  EXPECT_EQ(back, t);
}

TEST(ClockTest, ParsesDatesAndRejectsNonsense) {
  int64_t t = 0;
  EXPECT_TRUE(ParseIsoUtc("2022-03-31", &t));
  EXPECT_FALSE(ParseIsoUtc("2022-02-30", &t));
  EXPECT_FALSE(ParseIsoUtc("2022-13-01", &t));
  EXPECT_FALSE(ParseIsoUtc("yesterday", &t));
  EXPECT_FALSE(ParseIsoUtc("2022-03-31T10:00:00", &t));
}

TEST(ClockTest, AManualClockStandsStillUntilMovedAndKeepsReadingsOrdered) {
  ManualClock clock(1'700'000'000'000'000);
  const int64_t first = clock.NowMicros();
  const int64_t second = clock.NowMicros();
  EXPECT_EQ(first, 1'700'000'000'000'000);
  EXPECT_EQ(second, first + 1);  // distinct and ordered, not a day later
  clock.Advance(std::chrono::hours(24));
  EXPECT_EQ(clock.NowMicros(), first + 2 + 86'400'000'000);
  clock.Set(5);
  EXPECT_EQ(clock.NowIsoUtc(), "1970-01-01T00:00:00.000005Z");
}

TEST(ClockTest, AJumpWakesSubscribersUntilTheirHandleEnds) {
  ManualClock clock(0);
  int woken = 0;
  Clock::JumpSubscription handle = clock.OnJump([&] { ++woken; });
  clock.Advance(std::chrono::seconds(1));
  clock.Set(10);
  EXPECT_EQ(woken, 2);
  handle.reset();
  clock.Advance(std::chrono::seconds(1));
  EXPECT_EQ(woken, 2);
  EXPECT_EQ(SystemClock().OnJump([&] { ++woken; }), nullptr);  // the real time never jumps
}

TEST(ClockTest, IsoDatesAreRealDays) {
  for (const char* ok : {"2026-12-06", "2024-02-29", "2000-02-29", "1999-12-31"}) EXPECT_TRUE(IsIsoDate(ok)) << ok;
  for (const char* bad : {"2026-02-29", "1900-02-29", "2026-13-01", "2026-00-10", "2026-04-31", "2026-1-01", "2026/01/01",
                          "2026-01-01T00:00:00Z", "", "２０２６-01-01"}) {
    EXPECT_FALSE(IsIsoDate(bad)) << bad;
  }
}

}  // namespace
}  // namespace sawt::core
