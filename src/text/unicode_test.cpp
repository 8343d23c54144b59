#include "text/unicode.hpp"

#include <gtest/gtest.h>

namespace sawt::text {
namespace {

TEST(UnicodeTest, AcceptsWellFormedUtf8) {
  EXPECT_TRUE(IsValidUtf8(""));
  EXPECT_TRUE(IsValidUtf8("abc"));
  EXPECT_TRUE(IsValidUtf8("مرحبا 👍"));
}

TEST(UnicodeTest, RejectsIllFormedUtf8) {
  EXPECT_FALSE(IsValidUtf8("\xff"));
  EXPECT_FALSE(IsValidUtf8("\xc0\xaf"));          // overlong '/'
  EXPECT_FALSE(IsValidUtf8("\xed\xa0\x80"));      // surrogate U+D800
  EXPECT_FALSE(IsValidUtf8("\xf4\x90\x80\x80"));  // above U+10FFFF
  EXPECT_FALSE(IsValidUtf8("\xd8"));              // truncated
}

TEST(UnicodeTest, ClassifiesArabicLatinDigitsAndMarks) {
  EXPECT_EQ(ClassOf(U'\u0628'), CharClass::kArabicLetter);
  EXPECT_EQ(ClassOf(U'b'), CharClass::kLatinLetter);
  EXPECT_EQ(ClassOf(U'\u0663'), CharClass::kDigit);
  EXPECT_EQ(ClassOf(U'\u06F3'), CharClass::kDigit);
  EXPECT_EQ(ClassOf(U'\u064E'), CharClass::kMark);
  EXPECT_EQ(ClassOf(U'\u0640'), CharClass::kTatweel);
  EXPECT_EQ(ClassOf(U'\u200C'), CharClass::kJoiner);
  EXPECT_EQ(ClassOf(U'\U0001F600'), CharClass::kEmoji);
  EXPECT_EQ(ClassOf(kInvalidCodePoint), CharClass::kOther);
}

TEST(UnicodeTest, DigitValuesCoverAllThreeSystems) {
  EXPECT_EQ(DigitValue(U'7'), 7);
  EXPECT_EQ(DigitValue(U'\u0667'), 7);
  EXPECT_EQ(DigitValue(U'\u06F7'), 7);
  EXPECT_EQ(DigitValue(U'x'), -1);
}

TEST(UnicodeTest, CountsCodePoints) {
  EXPECT_EQ(CountCodePoints("a\u0628\U0001F600"), 3u);
}

}  // namespace
}  // namespace sawt::text
