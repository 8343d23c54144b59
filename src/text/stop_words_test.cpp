#include "text/stop_words.hpp"

#include <gtest/gtest.h>

#include "text/normalize.hpp"

namespace sawt::text {
namespace {

TEST(StopWordsTest, ArabicFunctionWordsAreStopWords) {
  for (const char* w : {"في", "من", "إلى", "هذا", "التي", "و"}) {
    EXPECT_TRUE(IsStopWord(Normalize(w))) << w;
  }
}

TEST(StopWordsTest, EnglishFunctionWordsAreStopWords) {
  for (const char* w : {"the", "and", "of", "is", "rt"}) EXPECT_TRUE(IsStopWord(w)) << w;
}

TEST(StopWordsTest, ContentWordsAreNotStopWords) {
  for (const char* w : {"وزارة", "الصحة", "ministry", "health", "مليون"}) {
    EXPECT_FALSE(IsStopWord(Normalize(w))) << w;
  }
}

TEST(StopWordsTest, TheNameAliIsNotAStopWord) {
  // "على" is deliberately absent: normalized it equals the given name "علي".
  EXPECT_FALSE(IsStopWord(Normalize("علي")));
}

TEST(StopWordsTest, EveryListedWordIsFoundAfterNormalization) {
  for (const std::string_view w : ArabicStopWords()) EXPECT_TRUE(IsStopWord(Normalize(w))) << w;
  for (const std::string_view w : EnglishStopWords()) EXPECT_TRUE(IsStopWord(Normalize(w))) << w;
}

TEST(StopWordsTest, EmptyIsNotAStopWord) { EXPECT_FALSE(IsStopWord("")); }

}  // namespace
}  // namespace sawt::text
