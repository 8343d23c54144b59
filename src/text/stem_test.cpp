#include "text/stem.hpp"

#include <random>

#include <gtest/gtest.h>

#include "text/test_util.hpp"
#include "text/unicode.hpp"

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

namespace sawt::text {
namespace {

// A direct transcription of the rules in README.md over code points, to check the optimized
// ArabicLightStem against on every short word of the affix letters.
// With `waw_rule` false the single-letter و prefix is left out; `*used_waw` (when given) tells
// whether that prefix was removed.
std::u32string ReferenceLightStem(std::u32string w, bool waw_rule = true, bool* used_waw = nullptr) {
  static const std::u32string kPre[] = {U"\u0627\u0644", U"\u0648\u0627\u0644", U"\u0628\u0627\u0644",
                                        U"\u0643\u0627\u0644", U"\u0641\u0627\u0644", U"\u0644\u0644",
                                        U"\u0648"};
  if (used_waw != nullptr) *used_waw = false;
  static const std::u32string kSuf[] = {U"\u0647\u0627", U"\u0627\u0646", U"\u0627\u062A",
                                        U"\u0648\u0646", U"\u064A\u0646", U"\u064A\u0647",
                                        U"\u064A\u0629", U"\u0647", U"\u0629", U"\u064A"};
  for (const std::u32string& p : kPre) {
    if (p.size() == 1 && !waw_rule) continue;
    const std::size_t min = p.size() == 1 ? 4 : p.size() + 2;
    if (w.size() >= min && w.starts_with(p)) {
      w.erase(0, p.size());
      if (used_waw != nullptr) *used_waw = p.size() == 1;
      break;
    }
  }
  for (const std::u32string& s : kSuf) {
    if (w.size() >= s.size() + 2 && w.ends_with(s)) w.erase(w.size() - s.size());
  }
  return w;
}

std::string ToUtf8(const std::u32string& w) {
  std::string out;
  for (const char32_t c : w) AppendUtf8(c, out);
  return out;
}

TEST(StemTest, LightStemAgreesWithReferenceOnAllShortAffixWords) {
  const char32_t kLetters[] = {0x0627, 0x0644, 0x0648, 0x0628, 0x0643, 0x0641,
                               0x0647, 0x0646, 0x062A, 0x064A, 0x0629, 0x0633};
  constexpr std::size_t kBase = std::size(kLetters);
  std::size_t checked = 0;
  for (std::size_t len = 0; len <= 5; ++len) {
    std::size_t total = 1;
    for (std::size_t i = 0; i < len; ++i) total *= kBase;
    for (std::size_t n = 0; n < total; ++n) {
      std::u32string w;
      for (std::size_t i = 0, m = n; i < len; ++i, m /= kBase) w.push_back(kLetters[m % kBase]);
      ASSERT_EQ(ArabicLightStem(ToUtf8(w)), ToUtf8(ReferenceLightStem(w))) << ToUtf8(w);
      // The two-result form: the same stem, and the stem without the و rule when it applied.
      const std::string word = ToUtf8(w);
      bool used_waw = false;
      const std::string expected = ToUtf8(ReferenceLightStem(w, true, &used_waw));
      std::string_view without_waw = "stale";
      ASSERT_EQ(ArabicLightStem(word, &without_waw), expected) << word;
      ASSERT_EQ(without_waw, used_waw ? ToUtf8(ReferenceLightStem(w, false)) : "") << word;
      ++checked;
    }
  }
  // Longer words, sampled.
  std::mt19937 rng(5);
  std::uniform_int_distribution<std::size_t> letter(0, kBase - 1);
  std::uniform_int_distribution<std::size_t> length(6, 9);
  for (int i = 0; i < 100000; ++i) {
    std::u32string w;
    for (std::size_t k = length(rng); k > 0; --k) w.push_back(kLetters[letter(rng)]);
    ASSERT_EQ(ArabicLightStem(ToUtf8(w)), ToUtf8(ReferenceLightStem(w))) << ToUtf8(w);
    ++checked;
  }
  EXPECT_GT(checked, 300000u);
}

TEST(StemTest, LightStemReportsTheStemWithoutTheWawRule) {
  // Normalized input: teh marbuta is heh.
  struct Case {
    const char* word;
    const char* stem;
    const char* without_waw;
  };
  const Case cases[] = {
      {"وزاره", "زار", "وزار"},     // وزارة "ministry": the و is a root letter
      {"وزارات", "زار", "وزار"},    // وزارات
      {"وحده", "حد", "وحد"},        // وحدة "unit"
      {"وكتب", "كتب", "وكتب"},      // "and he wrote": here the primary is right
      {"ووزاره", "وزار", "ووزار"},  // ووزارة "and a ministry"
      {"والوزاره", "وزار", ""},     // وال, not the single-letter و rule
      {"الوزارات", "وزار", ""},     // ال
      {"ولد", "ولد", ""},           // 3 letters: the و rule needs 4
      {"كتاب", "كتاب", ""},
      {"vote", "vote", ""},
  };
  for (const Case& c : cases) {
    std::string_view without_waw = "stale";
    EXPECT_EQ(ArabicLightStem(c.word, &without_waw), c.stem) << c.word;
    EXPECT_EQ(without_waw, c.without_waw) << c.word;
    EXPECT_EQ(ArabicLightStem(c.word), c.stem) << c.word;
  }
}

}  // namespace
}  // namespace sawt::text
