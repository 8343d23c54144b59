#include "text/normalize.hpp"

#include <gtest/gtest.h>

#include "text/test_util.hpp"

namespace sawt::text {
namespace {

using testing::ReadTsv;
using testing::TsvCase;

class NormalizeTsvTest : public ::testing::TestWithParam<TsvCase> {};

TEST_P(NormalizeTsvTest, MatchesExpectedForm) {
  EXPECT_EQ(Normalize(GetParam().input), GetParam().expected);
}

INSTANTIATE_TEST_SUITE_P(ArabicNormalize, NormalizeTsvTest,
                         ::testing::ValuesIn(ReadTsv("arabic_normalize.tsv")));

TEST(NormalizeTest, StripsTatweelAndDiacritics) {
  EXPECT_EQ(Normalize("مُـحَـمَّـدٌ"), "محمد");
}

TEST(NormalizeTest, MapsAlefVariantsToBareAlef) {
  EXPECT_EQ(Normalize("آ أ إ ا"), "ا ا ا ا");
}

TEST(NormalizeTest, KeepsSpacesAndPunctuationOfWholeTexts) {
  EXPECT_EQ(Normalize("قالَ: «نعم»."), "قال: «نعم».");
}

TEST(NormalizeTest, DropsInvalidUtf8Bytes) {
  EXPECT_EQ(Normalize("ab\xff\xfe" "c"), "abc");
  EXPECT_EQ(Normalize("\xd8"), "");
}

TEST(NormalizeTest, RemovesHamzaAboveAfterComposition) {
  // U+0627 U+0654 composes to U+0623 under NFKC and then becomes a bare alef.
  EXPECT_EQ(Normalize("\u0627\u0654\u062D\u0645\u062F"), "احمد");
}

TEST(NormalizeTest, LetterFollowedByMaddaMarkBecomesBareAlef) {
  // U+0623 U+0653: the madda is kept by Lucene's rules, but after the alef is bared it
  // composes to U+0622, which the next round bares again; the result must be stable.
  const std::string once = Normalize("\u0623\u0653");
  EXPECT_EQ(Normalize(once), once);
}

TEST(NormalizeTest, IntoReusesTheCallersBuffer) {
  std::string out = "old content";
  NormalizeInto("ABC", &out);
  EXPECT_EQ(out, "abc");
}

TEST(NormalizeTest, EmptyStaysEmpty) { EXPECT_EQ(Normalize(""), ""); }

}  // namespace
}  // namespace sawt::text
