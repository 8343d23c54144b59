// Property tests: normalize is idempotent, and no input crashes or hangs the engine.

#include <chrono>
#include <random>
#include <sstream>
#include <string>

#include <gtest/gtest.h>

#include "text/analyze_command.hpp"
#include "text/analyzer.hpp"

namespace sawt::text {
namespace {

// Code points that exercise every rule: Arabic letters and marks, Persian letters, digits of
// three systems, separators, joiners, emoji parts, presentation forms, Latin with accents.
constexpr char32_t kAlphabet[] = {
    0x0621, 0x0622, 0x0623, 0x0625, 0x0627, 0x0629, 0x0640, 0x0647, 0x0648, 0x0649, 0x064A,
    0x064B, 0x064E, 0x0651, 0x0652, 0x0653, 0x0654, 0x0655, 0x0670, 0x0671, 0x06A9, 0x06C0,
    0x06C1, 0x06CC, 0x06D2, 0x06D5, 0x0660, 0x0665, 0x06F5, 0x066B, 0x066C, 0x200C, 0x200D,
    0xFE0F, 0x20E3, 0x1F600, 0x1F3FD, 0x1F1EF, 0xFEFB, 0xFDF2, 0xFB8F, 'a', 'Z', '1', '.',
    ',', '#', '@', ' ', '-', '/', 0x00E9, 0x0301, 0x00DF, 0x0130, 0xFF21, 0x2163, 0x1E9E};

std::string RandomText(std::mt19937& rng, std::size_t max_len) {
  std::uniform_int_distribution<std::size_t> len(0, max_len);
  std::uniform_int_distribution<std::size_t> pick(0, std::size(kAlphabet) - 1);
  std::string out;
  const std::size_t n = len(rng);
  for (std::size_t i = 0; i < n; ++i) {
    const char32_t c = kAlphabet[pick(rng)];
    if (c < 0x80) {
      out.push_back(static_cast<char>(c));
    } else {
      AppendUtf8(c, out);
    }
  }
  return out;
}

std::string RandomBytes(std::mt19937& rng, std::size_t max_len) {
  std::uniform_int_distribution<std::size_t> len(0, max_len);
  std::uniform_int_distribution<int> byte(0, 255);
  std::string out(len(rng), '\0');
  for (char& c : out) c = static_cast<char>(byte(rng));
  return out;
}

void ExerciseEverything(const std::string& text) {
  static const Analyzer analyzer;
  for (const IndexTerm& t : analyzer.IndexTerms(text)) {
    ASSERT_LE(t.offset + t.length, text.size());
  }
  for (const Token& t : Tokenize(text)) {
    ASSERT_LE(t.offset + t.length, text.size());
    ASSERT_GT(t.length, 0u);
  }
  for (const NumberMention& n : ExtractNumbers(text)) ASSERT_LE(n.offset + n.length, text.size());
  for (const DateMention& d : ExtractDates(text)) ASSERT_LE(d.offset + d.length, text.size());
  (void)DetectLanguage(text);
  (void)analyzer.Fingerprint(text);
  std::istringstream in(text);
  std::ostringstream out;
  std::ostringstream err;
  for (const char* mode : {"normalize", "stem", "index", "json"}) {
    in.clear();
    in.seekg(0);
    ASSERT_NE(RunAnalyzeCommand(mode, in, out, err), 2);
  }
}

TEST(RobustnessTest, NormalizeIsIdempotentOnRandomText) {
  std::mt19937 rng(20240601);
  for (int i = 0; i < 20000; ++i) {
    const std::string text = RandomText(rng, 12);
    const std::string once = Normalize(text);
    ASSERT_EQ(Normalize(once), once) << "input: " << text;
    ASSERT_TRUE(IsValidUtf8(once));
  }
}

TEST(RobustnessTest, FastPathsAgreeWithNormalize) {
  std::mt19937 rng(99);
  for (int i = 0; i < 20000; ++i) {
    const std::string text = i % 2 == 0 ? RandomText(rng, 8) : RandomBytes(rng, 8);
    const std::string expected = Normalize(text);
    std::size_t n = 0;
    if (detail::IsNormalizedFast(text, &n)) {
      ASSERT_EQ(expected, text);
      ASSERT_EQ(n, CountCodePoints(text));
    }
    std::string out;
    if (detail::NormalizeFastPath(text, &out, &n)) {
      ASSERT_EQ(out, expected);
      ASSERT_EQ(n, CountCodePoints(out));
    }
  }
}

TEST(RobustnessTest, NormalizeIsIdempotentOnRandomBytes) {
  std::mt19937 rng(7);
  for (int i = 0; i < 5000; ++i) {
    const std::string text = RandomBytes(rng, 24);
    const std::string once = Normalize(text);
    ASSERT_EQ(Normalize(once), once);
    ASSERT_TRUE(IsValidUtf8(once));
  }
}

TEST(RobustnessTest, RandomTextAndBytesNeverCrash) {
  std::mt19937 rng(42);
  for (int i = 0; i < 2000; ++i) {
    ExerciseEverything(RandomText(rng, 64));
    ExerciseEverything(RandomBytes(rng, 64));
  }
}

TEST(RobustnessTest, MegabyteSingleTokensFinishQuickly) {
  const auto start = std::chrono::steady_clock::now();
  const std::size_t mb = 1 << 20;
  std::string arabic;
  while (arabic.size() < mb) arabic += "\u0628";
  std::string dotted;
  while (dotted.size() < mb) dotted += "a.";
  std::string digits(mb, '7');
  std::string url = "https://x.example/" + std::string(mb, 'q');
  std::string marks = "\u0628";
  while (marks.size() < mb) marks += "\u064E";
  std::string hashtag = "#" + std::string(mb, 'h');
  std::string emoji;
  while (emoji.size() < mb) emoji += "\U0001F468\u200D";
  std::string separators;
  while (separators.size() < mb) separators += "1,";
  for (const std::string* text : {&arabic, &dotted, &digits, &url, &marks, &hashtag, &emoji,
                                  &separators}) {
    ExerciseEverything(*text);
  }
  const double seconds =
      std::chrono::duration<double>(std::chrono::steady_clock::now() - start).count();
  // About a second in a release build and under a minute with sanitizers on a busy machine;
  // quadratic behaviour on a megabyte would take hours.
  EXPECT_LT(seconds, 120.0);
}

}  // namespace
}  // namespace sawt::text
