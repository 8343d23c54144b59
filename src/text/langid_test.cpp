#include "text/langid.hpp"

#include <gtest/gtest.h>

namespace sawt::text {
namespace {

TEST(LangidTest, ArabicTextIsArabic) {
  EXPECT_EQ(DetectLanguage("أعلنت وزارة الصحة عن حملة تطعيم جديدة"), Language::kArabic);
}

TEST(LangidTest, EnglishTextIsEnglish) {
  EXPECT_EQ(DetectLanguage("The ministry announced a new vaccination campaign"),
            Language::kEnglish);
}

TEST(LangidTest, ArabicWithABrandNameStaysArabic) {
  EXPECT_EQ(DetectLanguage("أطلقت الوزارة تطبيقا جديدا على متجر أبل للهواتف iPhone"),
            Language::kArabic);
}

TEST(LangidTest, LinksAndMentionsDoNotCount) {
  EXPECT_EQ(DetectLanguage("التفاصيل هنا https://health.gov.example/campaign/2024 @moh_official"),
            Language::kArabic);
}

TEST(LangidTest, EvenMixIsMixed) {
  EXPECT_EQ(DetectLanguage("وزارة الصحة Ministry of Health"), Language::kMixed);
}

TEST(LangidTest, NoLettersIsUnknown) {
  EXPECT_EQ(DetectLanguage("2024 👍 !!"), Language::kUnknown);
  EXPECT_EQ(LanguageCode(Language::kUnknown), "und");
  EXPECT_EQ(LanguageCode(Language::kArabic), "ar");
}

}  // namespace
}  // namespace sawt::text
