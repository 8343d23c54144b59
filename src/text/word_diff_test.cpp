#include "text/word_diff.hpp"

#include <gtest/gtest.h>

#include <string>
#include <vector>

namespace sawt::text {
namespace {

/// The edits as "=word", "+word", "-word" for short expectations.
std::vector<std::string> Compact(const std::vector<WordEdit>& edits) {
  std::vector<std::string> out;
  for (const auto& e : edits) {
    const char* sign = e.op == DiffOp::kEqual ? "=" : e.op == DiffOp::kInsert ? "+" : "-";
    out.push_back(sign + e.word);
  }
  return out;
}

TEST(WordDiffTest, IdenticalTextsAreAllEqual) {
  EXPECT_EQ(Compact(WordDiff("one two three", "one two three")),
            (std::vector<std::string>{"=one", "=two", "=three"}));
}

TEST(WordDiffTest, EmptyTextsGiveNoEdits) {
  EXPECT_TRUE(WordDiff("", "").empty());
  EXPECT_EQ(Compact(WordDiff("", "new text")), (std::vector<std::string>{"+new", "+text"}));
  EXPECT_EQ(Compact(WordDiff("old text", "")), (std::vector<std::string>{"-old", "-text"}));
}

TEST(WordDiffTest, ReplacedWordIsInsertThenDelete) {
  EXPECT_EQ(Compact(WordDiff("the quick fox", "the slow fox")),
            (std::vector<std::string>{"=the", "+slow", "-quick", "=fox"}));
}

TEST(WordDiffTest, PunctuationAndSpacingAreNotWords) {
  EXPECT_EQ(Compact(WordDiff("Hello, world.", "Hello   world!")), (std::vector<std::string>{"=Hello", "=world"}));
}

TEST(WordDiffTest, ArabicWordWithCliticsIsOneUnit) {
  // "والمواصلات" (and the transport) differs from "المواصلات" as a whole word, not by a letter.
  EXPECT_EQ(Compact(WordDiff("هيئة الطرق والمواصلات", "هيئة الطرق المواصلات")),
            (std::vector<std::string>{"=هيئة", "=الطرق", "+المواصلات", "-والمواصلات"}));
}

TEST(WordDiffTest, MiddleUsesLongestCommonSubsequence) {
  EXPECT_EQ(Compact(WordDiff("a b c d e", "a c x d e")),
            (std::vector<std::string>{"=a", "-b", "=c", "+x", "=d", "=e"}));
}

TEST(WordDiffTest, EditsSpellBothTexts) {
  const std::string before = "الخدمات الحكومية الرقمية متاحة على مدار الساعة من أي مكان";
  const std::string after = "أغلب الخدمات الرقمية متاحة الآن على مدار الساعة";
  std::string a, b;
  for (const auto& e : WordDiff(before, after)) {
    if (e.op != DiffOp::kInsert) a += e.word + " ";
    if (e.op != DiffOp::kDelete) b += e.word + " ";
  }
  EXPECT_EQ(a, before + " ");
  EXPECT_EQ(b, after + " ");
}

TEST(WordDiffTest, OverTheCellBoundTheMiddleIsOneDeleteAndOneInsertRun) {
  // Middle of 2 × 2 words = 4 cells; a bound of 3 forces the fallback, keeping prefix and suffix.
  EXPECT_EQ(Compact(WordDiff("a b c z", "a c b z", 3)),
            (std::vector<std::string>{"=a", "-b", "-c", "+c", "+b", "=z"}));
  EXPECT_EQ(Compact(WordDiff("a b c z", "a c b z", 4)), (std::vector<std::string>{"=a", "+c", "=b", "-c", "=z"}));
}

TEST(WordDiffTest, OpNamesAreLowerCaseEnglish) {
  EXPECT_EQ(DiffOpName(DiffOp::kEqual), "equal");
  EXPECT_EQ(DiffOpName(DiffOp::kInsert), "insert");
  EXPECT_EQ(DiffOpName(DiffOp::kDelete), "delete");
}

}  // namespace
}  // namespace sawt::text
