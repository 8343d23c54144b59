#include "search/snippet.hpp"

#include <gtest/gtest.h>

#include "search/search_indexer.hpp"

namespace sawt::search {
namespace {

std::set<std::string> TermsOf(std::string_view q) {
  auto v = SearchAnalyzer().Terms(q);
  return {v.begin(), v.end()};
}

TEST(SnippetTest, MarksInflectedHitsAndEscapesTheRest) {
  const std::string s = Snippet(SearchAnalyzer(), "بيان <المتحدثين> & الوزارة", TermsOf("متحدث"));
  EXPECT_EQ(s, "بيان &lt;<mark>المتحدثين</mark>&gt; &amp; الوزارة");
}

TEST(SnippetTest, MarksHitsThroughWawAlternatives) {
  // الوزارات → وزار; وزارة → زار with the alternative وزار: a hit either way round.
  EXPECT_EQ(Snippet(SearchAnalyzer(), "وزارة الداخلية", TermsOf("الوزارات")), "<mark>وزارة</mark> الداخلية");
  EXPECT_EQ(Snippet(SearchAnalyzer(), "الوزارات الاتحادية", TermsOf("وزارة")), "<mark>الوزارات</mark> الاتحادية");
  EXPECT_TRUE(HasAnyTerm(SearchAnalyzer(), "وزارة الداخلية", TermsOf("والوزارة")));
  EXPECT_FALSE(HasAnyTerm(SearchAnalyzer(), "ولد", TermsOf("الوزارات")));
}

TEST(SnippetTest, CutsAWindowAroundTheFirstHit) {
  std::string text;
  for (int i = 0; i < 100; ++i) text += "word" + std::to_string(i) + " ";
  text += "communication ";
  for (int i = 0; i < 100; ++i) text += "tail" + std::to_string(i) + " ";
  const std::string s = Snippet(SearchAnalyzer(), text, TermsOf("communications"), 30);
  EXPECT_EQ(s.rfind("…", 0), 0u);
  EXPECT_NE(s.find("<mark>communication</mark>"), std::string::npos);
  EXPECT_NE(s.find("word90"), std::string::npos);
  EXPECT_EQ(s.find("word80 "), std::string::npos);
  EXPECT_NE(s.find("tail18"), std::string::npos);
  EXPECT_EQ(s.find("tail19"), std::string::npos);
}

TEST(SnippetTest, WithoutHitShowsTheStart) {
  EXPECT_EQ(Snippet(SearchAnalyzer(), "a <b>", TermsOf("zzz")), "a &lt;b&gt;");
}

TEST(SnippetTest, PgLexemeEscapesQuotesAndBackslashes) {
  EXPECT_EQ(PgLexeme("it's\\"), "'it''s\\\\'");
}

}  // namespace
}  // namespace sawt::search
