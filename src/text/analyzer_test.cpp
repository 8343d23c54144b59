#include "text/analyzer.hpp"

#include <algorithm>

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

AnalyzerOptions WawOptions() {
  AnalyzerOptions options;
  options.waw_alternatives = true;
  return options;
}

TEST(AnalyzerTest, WawAlternativesOffByDefault) {
  EXPECT_FALSE(AnalyzerOptions{}.waw_alternatives);
  EXPECT_EQ(Joined(Analyzer(), "وزارة والوزارة الوزارات وحدة ولد"), "زار وزار وزار حد ولد");
}

TEST(AnalyzerTest, WawAlternativeFollowsItsPrimaryAtTheSamePosition) {
  const Analyzer analyzer(WawOptions());
  // وزارة: the و rule gives زار (Lucene); without it, وزاره loses ه → وزار.
  // والوزارة: وال, not the single-letter و rule → وزار only. الوزارات: ال → وزار only.
  // وحدة: حد and وحد. ولد: 3 letters, the و rule never applies → ولد only.
  const std::string text = "وزارة والوزارة الوزارات وحدة ولد";
  const std::vector<IndexTerm> terms = analyzer.IndexTerms(text);
  std::vector<std::string> texts;
  for (const IndexTerm& t : terms) texts.push_back(t.text);
  EXPECT_EQ(texts, (std::vector<std::string>{"زار", "وزار", "وزار", "وزار", "حد", "وحد", "ولد"}));
  ASSERT_EQ(terms.size(), 7u);
  EXPECT_EQ(terms[0].position, 0u);
  EXPECT_EQ(terms[1].position, 0u);
  EXPECT_EQ(terms[1].offset, terms[0].offset);
  EXPECT_EQ(terms[1].length, terms[0].length);
  EXPECT_EQ(text.substr(terms[1].offset, terms[1].length), "وزارة");
  EXPECT_EQ(terms[2].position, 1u);
  EXPECT_EQ(terms[3].position, 2u);
  EXPECT_EQ(terms[4].position, 3u);
  EXPECT_EQ(terms[5].position, 3u);
  EXPECT_EQ(text.substr(terms[5].offset, terms[5].length), "وحدة");
  EXPECT_EQ(terms[6].position, 4u);
}

TEST(AnalyzerTest, WawAlternativeMeetsThePrefixedForms) {
  const Analyzer analyzer(WawOptions());
  const auto has = [&](std::string_view text, const std::string& term) {
    const std::vector<std::string> t = analyzer.Terms(text);
    return std::find(t.begin(), t.end(), term) != t.end();
  };
  const std::string plural = analyzer.Terms("الوزارات").at(0);
  EXPECT_TRUE(has("وزارة", plural));
  EXPECT_TRUE(has("والوزارة", plural));
  EXPECT_TRUE(has("وزارات", plural));   // زار and وزار
  EXPECT_EQ(analyzer.Terms("وكتب"), (std::vector<std::string>{"كتب", "وكتب"}));
  // Primary terms are exactly the default analyzer's.
  const std::string text = "أعلنت وزارة الصحة والوقاية ووزارة الداخلية وحدة ولد the ministers";
  std::vector<std::string> primaries;
  struct Primary final : TermSink {
    std::vector<std::string>* out;
    bool any = false;
    std::size_t last = 0;
    void OnTerm(std::string_view term, const Token&, std::size_t position) override {
      if (!any || position != last) out->emplace_back(term);
      any = true;
      last = position;
    }
  } sink;
  sink.out = &primaries;
  analyzer.Analyze(text, sink);
  EXPECT_EQ(primaries, Analyzer().Terms(text));
  EXPECT_EQ(analyzer.Fingerprint(text), Analyzer().Fingerprint(text));
}

TEST(AnalyzerTest, WawAlternativeOnlyWithTheLightStemmer) {
  AnalyzerOptions options = WawOptions();
  options.arabic_stemming = ArabicStemming::kNone;
  EXPECT_EQ(Analyzer(options).Terms("وزارة"), (std::vector<std::string>{"وزاره"}));
  options.arabic_stemming = ArabicStemming::kSnowball;
  EXPECT_EQ(Analyzer(options).Terms("وزارة").size(), 1u);
}

TEST(AnalyzerTest, TermOfGivesTheAlternative) {
  const Analyzer analyzer(WawOptions());
  Tokenizer tokenizer("وزارة الوزارات");
  Token token;
  std::string scratch, term, alternative = "stale";
  ASSERT_TRUE(tokenizer.Next(&token));
  ASSERT_TRUE(analyzer.TermOf(token, &scratch, &term, &alternative));
  EXPECT_EQ(term, "زار");
  EXPECT_EQ(alternative, "وزار");
  ASSERT_TRUE(tokenizer.Next(&token));
  ASSERT_TRUE(analyzer.TermOf(token, &scratch, &term, &alternative));
  EXPECT_EQ(term, "وزار");
  EXPECT_EQ(alternative, "");
  // Without the option there is never an alternative.
  Tokenizer again("وزارة");
  ASSERT_TRUE(again.Next(&token));
  ASSERT_TRUE(Analyzer().TermOf(token, &scratch, &term, &alternative));
  EXPECT_EQ(term, "زار");
  EXPECT_EQ(alternative, "");
}

}  // namespace
}  // namespace sawt::text
