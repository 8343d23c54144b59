#include "text/numbers.hpp"

#include <charconv>
#include <string>

#include <gtest/gtest.h>

#include "text/test_util.hpp"

namespace sawt::text {
namespace {

using testing::ReadTsv;
using testing::TsvCase;

class NumbersTsvTest : public ::testing::TestWithParam<TsvCase> {};

TEST_P(NumbersTsvTest, ExtractsValues) {
  std::string values;
  for (const NumberMention& n : ExtractNumbers(GetParam().input)) {
    if (!values.empty()) values.push_back(' ');
    values += FormatNumber(n.value);
  }
  EXPECT_EQ(values, GetParam().expected);
}

INSTANTIATE_TEST_SUITE_P(Facts, NumbersTsvTest, ::testing::ValuesIn(ReadTsv("numbers.tsv")));

class DatesTsvTest : public ::testing::TestWithParam<TsvCase> {};

TEST_P(DatesTsvTest, ExtractsDates) {
  std::string dates;
  for (const DateMention& d : ExtractDates(GetParam().input)) {
    if (!dates.empty()) dates.push_back(' ');
    dates += d.Iso();
  }
  EXPECT_EQ(dates, GetParam().expected);
}

INSTANTIATE_TEST_SUITE_P(Facts, DatesTsvTest, ::testing::ValuesIn(ReadTsv("dates.tsv")));

TEST(NumbersTest, SpanCoversDigitsAndScaleWord) {
  const std::string text = "بلغ ٢٤٫١ مليون زائر";
  const std::vector<NumberMention> numbers = ExtractNumbers(text);
  ASSERT_EQ(numbers.size(), 1u);
  EXPECT_EQ(numbers[0].text, "٢٤٫١ مليون");
  EXPECT_EQ(text.substr(numbers[0].offset, numbers[0].length), numbers[0].text);
}

TEST(NumbersTest, ParseNumberReadsBothDigitSystems) {
  EXPECT_EQ(ParseNumber("٢٤٫١"), 24.1);
  EXPECT_EQ(ParseNumber("24.1"), 24.1);
  EXPECT_EQ(ParseNumber("1,000"), 1000.0);
  EXPECT_EQ(ParseNumber("١٬٠٠٠"), 1000.0);
  EXPECT_FALSE(ParseNumber("1.2.3").has_value());
  EXPECT_FALSE(ParseNumber("abc").has_value());
  EXPECT_FALSE(ParseNumber("").has_value());
}

TEST(NumbersTest, DateSpanCoversEraMark) {
  const std::vector<DateMention> dates = ExtractDates("في ٣١ آذار ٢٠٢٢م صدر");
  ASSERT_EQ(dates.size(), 1u);
  EXPECT_EQ(dates[0].text, "٣١ آذار ٢٠٢٢م");
}

}  // namespace
}  // namespace sawt::text
