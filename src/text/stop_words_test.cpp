#include "text/stop_words.hpp"

#include <fstream>
#include <iterator>
#include <string>

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

namespace sawt::text {
namespace {

TEST(StopWordsTest, ReadmeDocumentsEveryStopWord) {
  std::ifstream in(std::string(SAWT_TEXT_TESTDATA_DIR) + "/../README.md");
  const std::string readme((std::istreambuf_iterator<char>(in)), std::istreambuf_iterator<char>());
  ASSERT_FALSE(readme.empty());
  // The README lists the words separated by spaces and line breaks.
  auto documented = [&](std::string_view w) {
    for (std::size_t at = readme.find(w); at != std::string::npos; at = readme.find(w, at + 1)) {
      const char before = at == 0 ? '\n' : readme[at - 1];
      const char after = at + w.size() < readme.size() ? readme[at + w.size()] : '\n';
      if ((before == ' ' || before == '\n') && (after == ' ' || after == '\n')) return true;
    }
    return false;
  };
  for (const std::string_view w : ArabicStopWords()) EXPECT_TRUE(documented(w)) << w;
  for (const std::string_view w : EnglishStopWords()) EXPECT_TRUE(documented(w)) << w;
}

}  // namespace
}  // namespace sawt::text
