#include "text/dedupe.hpp"

#include <gtest/gtest.h>

#include "text/analyzer.hpp"

namespace sawt::text {
namespace {

constexpr const char* kPost =
    "أعلنت وزارة الصحة اليوم عن إطلاق حملة وطنية للتطعيم ضد الإنفلونزا الموسمية تستهدف كبار "
    "السن والأطفال في جميع المحافظات اعتبارا من الأسبوع المقبل #صحتك_أولا";

TEST(DedupeTest, HammingDistanceCountsBits) {
  EXPECT_EQ(HammingDistance(0, 0), 0);
  EXPECT_EQ(HammingDistance(0, 0xFF), 8);
  EXPECT_EQ(HammingDistance(~std::uint64_t{0}, 0), 64);
}

TEST(DedupeTest, IdenticalTextsHaveIdenticalFingerprints) {
  const Analyzer analyzer;
  EXPECT_EQ(analyzer.Fingerprint(kPost), analyzer.Fingerprint(kPost));
}

TEST(DedupeTest, RetweetWithSmallEditsIsNearDuplicate) {
  const Analyzer analyzer;
  const std::string retweet = std::string("RT @moh_news: ") + kPost + " https://t.co/abc123";
  std::string edited = kPost;
  edited.replace(edited.find("اليوم"), std::string("اليوم").size(), "صباح اليوم");
  EXPECT_TRUE(IsNearDuplicate(analyzer.Fingerprint(kPost), analyzer.Fingerprint(retweet)));
  EXPECT_TRUE(IsNearDuplicate(analyzer.Fingerprint(kPost), analyzer.Fingerprint(edited)));
}

TEST(DedupeTest, DiacriticsAndSpellingVariantsDoNotMatter) {
  const Analyzer analyzer;
  EXPECT_EQ(analyzer.Fingerprint("أعلنت الوزارةُ إطلاقَ الحملة"),
            analyzer.Fingerprint("اعلنت الوزارة اطلاق الحملة"));
}

TEST(DedupeTest, UnrelatedTextsAreNotNearDuplicates) {
  const Analyzer analyzer;
  const char* other =
      "افتتح وزير النقل الطريق السريع الجديد الذي يربط العاصمة بالمطار الدولي بطول أربعين "
      "كيلومترا بعد عامين من العمل المتواصل";
  EXPECT_FALSE(IsNearDuplicate(analyzer.Fingerprint(kPost), analyzer.Fingerprint(other)));
}

TEST(DedupeTest, EmptyInputGivesZero) {
  EXPECT_EQ(SimHash64({}), 0u);
  const std::vector<std::string> one = {"x"};
  EXPECT_NE(SimHash64(one), 0u);
}

}  // namespace
}  // namespace sawt::text
