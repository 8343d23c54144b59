#include "text/stem.hpp"

#include <gtest/gtest.h>

#include "text/test_util.hpp"

namespace sawt::text {
namespace {

using testing::ReadTsv;
using testing::TsvCase;

class ArabicLightStemTsvTest : public ::testing::TestWithParam<TsvCase> {};

TEST_P(ArabicLightStemTsvTest, MatchesLucene) {
  EXPECT_EQ(ArabicLightStem(GetParam().input), GetParam().expected);
}

INSTANTIATE_TEST_SUITE_P(Lucene, ArabicLightStemTsvTest,
                         ::testing::ValuesIn(ReadTsv("arabic_light_stem.tsv")));

class EnglishStemTsvTest : public ::testing::TestWithParam<TsvCase> {};

TEST_P(EnglishStemTsvTest, MatchesPorter2) {
  EXPECT_EQ(EnglishStem(GetParam().input), GetParam().expected);
}

INSTANTIATE_TEST_SUITE_P(Snowball, EnglishStemTsvTest,
                         ::testing::ValuesIn(ReadTsv("english_stem.tsv")));

TEST(StemTest, LightStemStripsOnlyOnePrefix) {
  // وال is tried after ال, so "والكتاب" loses وال, not ال then و.
  EXPECT_EQ(ArabicLightStem("والكتاب"), "كتاب");
}

TEST(StemTest, LightStemStripsSuffixesInTableOrder) {
  // ات then ه: "ساهدهات" -> "ساهده" -> "ساهد" (Lucene's testComboSuf).
  EXPECT_EQ(ArabicLightStem("ساهدهات"), "ساهد");
}

TEST(StemTest, LightStemResultViewsTheInput) {
  const std::string word = "المدرسه";
  const std::string_view stem = ArabicLightStem(word);
  EXPECT_GE(stem.data(), word.data());
  EXPECT_LE(stem.data() + stem.size(), word.data() + word.size());
}

TEST(StemTest, SnowballArabicStemsDefiniteNouns) {
  EXPECT_EQ(SnowballArabicStem("الكتاب"), "كتاب");
  EXPECT_EQ(SnowballArabicStem("يكتبون"), "يكتب");
}

TEST(StemTest, SnowballStemmerRejectsUnknownAlgorithm) {
  EXPECT_EQ(SnowballStemmer::Create("klingon"), nullptr);
  EXPECT_NE(SnowballStemmer::Create("english"), nullptr);
}

TEST(StemTest, EnglishStemIntoOverwritesBuffer) {
  std::string out = "something long";
  EnglishStemInto("running", &out);
  EXPECT_EQ(out, "run");
}

}  // namespace
}  // namespace sawt::text
