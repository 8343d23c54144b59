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

}  // namespace
}  // namespace sawt::core
