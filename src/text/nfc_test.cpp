#include "text/nfc.hpp"

#include <gtest/gtest.h>

namespace sawt::text {
namespace {

// Expected values: Unicode Standard Annex #15 (canonical composition) and UnicodeData.txt
// decompositions of U+0623 (0627 0654) and U+00E9 (0065 0301).
TEST(NfcTest, ComposesArabicHamzaAndLatinAccents) {
  EXPECT_EQ(ToNfc("\u0627\u0654"), "\u0623");
  EXPECT_EQ(ToNfc("e\u0301te\u0301"), "\u00e9t\u00e9");
}

TEST(NfcTest, LeavesNormalizedAndAsciiTextAlone) {
  EXPECT_EQ(ToNfc("sawt"), "sawt");
  EXPECT_EQ(ToNfc("صوت الحكومة"), "صوت الحكومة");
  EXPECT_EQ(ToNfc(""), "");
}

TEST(NfcTest, KeepsCompatibilityCharacters) {
  // NFC, unlike NFKC, keeps presentation forms such as the lam-alef ligature U+FEFB.
  EXPECT_EQ(ToNfc("\uFEFB"), "\uFEFB");
}

TEST(NfcTest, IsIdempotent) {
  const std::string once = ToNfc("\u0627\u0654\u0644\u0651\u064E");
  EXPECT_EQ(ToNfc(once), once);
}

}  // namespace
}  // namespace sawt::text
