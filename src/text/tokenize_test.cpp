#include "text/tokenize.hpp"

#include <string>

#include <gtest/gtest.h>

#include "text/test_util.hpp"

namespace sawt::text {
namespace {

using testing::ReadTsv;
using testing::TsvCase;

std::string Render(std::string_view text) {
  std::string out;
  for (const Token& t : Tokenize(text)) {
    if (!out.empty()) out.push_back(' ');
    out.append(TokenTypeName(t.type));
    out.push_back(':');
    out.append(t.text);
  }
  return out;
}

class TokenizeTsvTest : public ::testing::TestWithParam<TsvCase> {};

TEST_P(TokenizeTsvTest, SplitsAsExpected) {
  EXPECT_EQ(Render(GetParam().input), GetParam().expected);
}

INSTANTIATE_TEST_SUITE_P(Rules, TokenizeTsvTest, ::testing::ValuesIn(ReadTsv("tokenize.tsv")));

TEST(TokenizeTest, OffsetsAreBytesIntoTheInput) {
  const std::string text = "قال الوزير: 24.1 مليون";
  for (const Token& t : Tokenize(text)) {
    EXPECT_EQ(text.substr(t.offset, t.length), t.text);
    EXPECT_EQ(t.text.data(), text.data() + t.offset);
  }
  const std::vector<Token> tokens = Tokenize(text);
  ASSERT_EQ(tokens.size(), 4u);
  EXPECT_EQ(tokens[1].offset, 7u);   // "قال " is 3 letters x 2 bytes + 1 space
  EXPECT_EQ(tokens[1].length, 12u);  // "الوزير"
}

TEST(TokenizeTest, ReportsScriptOfEachToken) {
  const std::vector<Token> tokens = Tokenize("وزارة Ministry 12 #صحة_health");
  ASSERT_EQ(tokens.size(), 4u);
  EXPECT_EQ(tokens[0].script, Script::kArabic);
  EXPECT_EQ(tokens[1].script, Script::kLatin);
  EXPECT_EQ(tokens[2].script, Script::kCommon);
  EXPECT_EQ(tokens[3].script, Script::kMixed);
}

TEST(TokenizeTest, NeverSplitsACombiningMarkFromItsBase) {
  // "e" + U+0301 and an Arabic letter with shadda and fatha stay whole.
  const std::vector<Token> tokens = Tokenize("cafe\u0301 \u0645\u0651\u064E");
  ASSERT_EQ(tokens.size(), 2u);
  EXPECT_EQ(tokens[0].text, "cafe\u0301");
  EXPECT_EQ(tokens[1].text, "\u0645\u0651\u064E");
}

TEST(TokenizeTest, SkipsInvalidUtf8Bytes) {
  const std::vector<Token> tokens = Tokenize("ab\xff" "cd \xd8");
  ASSERT_EQ(tokens.size(), 2u);
  EXPECT_EQ(tokens[0].text, "ab");
  EXPECT_EQ(tokens[1].text, "cd");
}

TEST(TokenizeTest, LeadingMarksAndTatweelStartNoToken) {
  EXPECT_TRUE(Tokenize("\u064E\u0640\u200C ...").empty());
}

TEST(TokenizeTest, TypeAndScriptNamesAreStable) {
  EXPECT_EQ(TokenTypeName(TokenType::kEmail), "email");
  EXPECT_EQ(ScriptName(Script::kArabic), "arabic");
}

}  // namespace
}  // namespace sawt::text
