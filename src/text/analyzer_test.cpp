#include "text/analyzer.hpp"

#include <gtest/gtest.h>

namespace sawt::text {
namespace {

std::string Joined(const Analyzer& analyzer, std::string_view text) {
  std::string out;
  for (const std::string& t : analyzer.Terms(text)) {
    if (!out.empty()) out.push_back(' ');
    out += t;
  }
  return out;
}

TEST(AnalyzerTest, IndexTermsNormalizeDropStopWordsAndStem) {
  const Analyzer analyzer;
  EXPECT_EQ(Joined(analyzer, "ذهب الطلابُ إلى المدرسةِ"), "ذهب طلاب مدرس");
}

TEST(AnalyzerTest, EnglishWordsGetPorter2) {
  const Analyzer analyzer;
  EXPECT_EQ(Joined(analyzer, "The Ministers were RUNNING"), "minist run");
}

TEST(AnalyzerTest, OffsetsPointIntoTheOriginalText) {
  const Analyzer analyzer;
  const std::string text = "أعلنتْ الوزارةُ عن 24.1 مليون #تطعيم";
  const std::vector<IndexTerm> terms = analyzer.IndexTerms(text);
  ASSERT_EQ(terms.size(), 5u);
  EXPECT_EQ(text.substr(terms[1].offset, terms[1].length), "الوزارةُ");
  EXPECT_EQ(terms[1].text, "وزار");
  EXPECT_EQ(terms[1].position, 1u);
  EXPECT_EQ(terms[2].position, 3u);  // "عن" is a stop word but keeps its position
  EXPECT_EQ(terms[2].type, TokenType::kNumber);
  EXPECT_EQ(terms[4].text, "#تطعيم");
}

TEST(AnalyzerTest, QueryAndDocumentSpellingsMeet) {
  const Analyzer analyzer;
  EXPECT_EQ(analyzer.Terms("المدرسة"), analyzer.Terms("المدرسه"));
  EXPECT_EQ(analyzer.Terms("إعلان"), analyzer.Terms("اعلان"));
  EXPECT_EQ(analyzer.Terms("٢٠٢٢"), analyzer.Terms("2022"));
  EXPECT_EQ(analyzer.Terms("کتاب"), analyzer.Terms("كتاب"));
}

TEST(AnalyzerTest, OptionsSwitchStemmersAndStopWords) {
  AnalyzerOptions options;
  options.arabic_stemming = ArabicStemming::kNone;
  options.stem_english = false;
  options.remove_stop_words = false;
  const Analyzer plain(options);
  EXPECT_EQ(Joined(plain, "في المدرسة the schools"), "في المدرسه the schools");
  options.arabic_stemming = ArabicStemming::kSnowball;
  const Analyzer snowball(options);
  EXPECT_FALSE(snowball.Terms("المدرسة").empty());
}

TEST(AnalyzerTest, EmojiKeepTheirJoiners) {
  const Analyzer analyzer;
  const std::vector<std::string> terms = analyzer.Terms("👨‍👩‍👧 ❤️");
  ASSERT_EQ(terms.size(), 2u);
  EXPECT_EQ(terms[0], "👨‍👩‍👧");
  EXPECT_EQ(terms[1], "❤");
}

TEST(AnalyzerTest, SinkReceivesTermsWithoutCopies) {
  struct Counter final : TermSink {
    std::size_t n = 0;
    void OnTerm(std::string_view, const Token&, std::size_t) override { ++n; }
  } counter;
  Analyzer().Analyze("وزارة الصحة health ministry", counter);
  EXPECT_EQ(counter.n, 4u);
}

}  // namespace
}  // namespace sawt::text
