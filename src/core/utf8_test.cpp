#include "core/utf8.hpp"

#include <gtest/gtest.h>

namespace sawt::core {
namespace {

TEST(Utf8Test, AcceptsArabicAndEmoji) {
  EXPECT_TRUE(IsValidUtf8("صوت sawt 😀"));
  EXPECT_TRUE(IsValidUtf8(""));
}

TEST(Utf8Test, RejectsMalformedSequences) {
  EXPECT_FALSE(IsValidUtf8("\xC3\x28"));          // bad continuation
  EXPECT_FALSE(IsValidUtf8("\xC0\xAF"));          // overlong '/'
  EXPECT_FALSE(IsValidUtf8("\xED\xA0\x80"));      // UTF-16 surrogate
  EXPECT_FALSE(IsValidUtf8("\xF4\x90\x80\x80"));  // above U+10FFFF
  EXPECT_FALSE(IsValidUtf8("\xE2\x82"));          // truncated
}

TEST(Utf8Test, DecodesAndEncodesRoundTrip) {
  const std::string text = "a\u00e9\u0635\U0001F600";
  std::string out;
  size_t i = 0;
  while (i < text.size()) AppendUtf8(out, *DecodeUtf8(text, &i));
  EXPECT_EQ(out, text);
  size_t j = 0;
  EXPECT_EQ(DecodeUtf8("\xED\xA0\x80", &j), std::nullopt);  // a lone surrogate's UTF-8 form
  EXPECT_EQ(j, 1u);
}

TEST(Utf8Test, KeepCodePointsDropsIllFormedSequencesAndRefusedOnes) {
  auto no_digits = [](char32_t c) { return c < '0' || c > '9'; };
  EXPECT_EQ(KeepCodePoints("a1\xED\xA0\x80" "b2\xC3" "c", no_digits), "abc");
}

TEST(Utf8Test, XmlCharsFollowTheXml10Production) {
  EXPECT_TRUE(IsXmlChar('\t'));
  EXPECT_TRUE(IsXmlChar(0x20));
  EXPECT_TRUE(IsXmlChar(0xFFFD));
  EXPECT_TRUE(IsXmlChar(0x10FFFF));
  for (char32_t bad : {char32_t{0x0}, char32_t{0x7}, char32_t{0x1F}, char32_t{0xD800}, char32_t{0xDFFF},
                       char32_t{0xFFFE}, char32_t{0xFFFF}, char32_t{0x110000}}) {
    EXPECT_FALSE(IsXmlChar(bad)) << std::hex << static_cast<uint32_t>(bad);
  }
}

TEST(Utf8Test, TextFaultsNameControlsNoncharactersAndOpenBidi) {
  EXPECT_EQ(FindTextFault("صوت\tsawt\r\n\u200f\u061c"), std::nullopt);  // tab, CRLF, RLM, ALM are fine
  EXPECT_EQ(FindTextFault("a\u202bb\u202cc\u2067d\u2069"), std::nullopt);   // balanced
  EXPECT_EQ(FindTextFault("\u2067x\u202bx\u2069"), std::nullopt);            // PDI closes embeddings inside
  auto kind = [](std::string_view s) { return FindTextFault(s)->kind; };
  using K = TextFault::Kind;
  EXPECT_EQ(kind("bell\a"), K::kControl);
  EXPECT_EQ(kind("\x7f"), K::kControl);
  EXPECT_EQ(kind("\u0085"), K::kControl);
  EXPECT_EQ(kind("\uffff"), K::kNoncharacter);
  EXPECT_EQ(kind("\ufffe"), K::kNoncharacter);
  EXPECT_EQ(kind("\ufdd0"), K::kNoncharacter);
  EXPECT_EQ(kind("\U0001fffe"), K::kNoncharacter);
  EXPECT_EQ(kind("\u202eevil"), K::kUnbalancedBidi);
  EXPECT_EQ(kind("x\u202c"), K::kUnbalancedBidi);
  EXPECT_EQ(kind("\u2066x"), K::kUnbalancedBidi);
  EXPECT_EQ(FindTextFault("a\ab")->code_point, char32_t{7});
}

}  // namespace
}  // namespace sawt::core
