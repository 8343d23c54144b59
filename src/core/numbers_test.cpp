#include "core/numbers.hpp"

#include <gtest/gtest.h>

namespace sawt::core {
namespace {

TEST(NumbersTest, AcceptsOnlyCanonicalDecimalIntegers) {
  EXPECT_EQ(ParseCanonicalInt("0"), 0);
  EXPECT_EQ(ParseCanonicalInt("6"), 6);
  EXPECT_EQ(ParseCanonicalInt("9223372036854775807"), INT64_MAX);
  for (const char* bad : {"", "06", "00", "+6", "-6", " 6", "6 ", "6a", "0x6", "1e3", "9223372036854775808",
                          "18446744073709551616", "99999999999999999999"}) {
    EXPECT_EQ(ParseCanonicalInt(bad), std::nullopt) << bad;
  }
}

TEST(NumbersTest, IdsStartAtOne) {
  EXPECT_EQ(ParseId("0"), std::nullopt);
  EXPECT_EQ(ParseId("1"), 1);
  EXPECT_EQ(ParseId("06"), std::nullopt);
}

}  // namespace
}  // namespace sawt::core

namespace sawt::core {
namespace {

TEST(MedianTest, MiddleValueOrMeanOfTheMiddleTwo) {
  EXPECT_EQ(Median({}), std::nullopt);
  EXPECT_EQ(Median({7}), 7.0);
  EXPECT_EQ(Median({9, 1, 5}), 5.0);
  EXPECT_EQ(Median({4, 1, 3, 2}), 2.5);
}

}  // namespace
}  // namespace sawt::core
