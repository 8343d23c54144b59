#include "messaging/alignment.hpp"

#include <gtest/gtest.h>

namespace sawt::messaging {
namespace {

LibrarySnapshot Sample() {
  LibrarySnapshot s;
  s.theme_names["tourism"] = {"السياحة", "Tourism"};
  s.theme_names["road-safety"] = {"السلامة المرورية", "Road safety"};
  s.messages.push_back({1, "tourism",
                        "الإمارة وجهة سياحية عالمية آمنة ترحب بالزوار من جميع أنحاء العالم على مدار العام",
                        "The emirate is a safe global tourist destination that welcomes visitors from all over the "
                        "world all year round"});
  s.messages.push_back({2, "road-safety", "السرعة الزائدة هي السبب الأول للحوادث المرورية الخطيرة على الطرق",
                        "Speeding is the first cause of serious traffic accidents on our roads"});
  FactEntry visitors;
  visitors.id = 10;
  visitors.key = "tourism-visitors";
  visitors.label_ar = "عدد الزوار";
  visitors.label_en = "number of visitors";
  visitors.value_ar = "24.1 مليون";
  visitors.value_en = "24.1 million";
  visitors.numeric_value = 24100000;
  visitors.as_of = "2022-03-31";
  s.facts.push_back(visitors);
  FactEntry opening;
  opening.id = 11;
  opening.key = "metro-opening";
  opening.kind = "date";
  opening.label_ar = "افتتاح الخط الأزرق";
  opening.label_en = "opening of the blue line";
  opening.value_ar = "2029-09-09";
  opening.value_en = "2029-09-09";
  opening.date_value = "2029-09-09";
  opening.as_of = "2024-01-01";
  s.facts.push_back(opening);
  s.terms.push_back({20, "ذوي الاحتياجات الخاصة", "ar", "banned", "أصحاب الهمم"});
  s.terms.push_back({21, "الحكومة الإلكترونية", "ar", "deprecated", "الحكومة الرقمية"});
  s.terms.push_back({22, "handicapped", "en", "banned", "people of determination"});
  EntityNameEntry rta;
  rta.entity_id = 7;
  rta.name_ar = "هيئة الطرق والمواصلات";
  rta.name_en = "Roads and Transport Authority";
  rta.aliases = {{"هيئة الطرق", "ar"}, {"roads authority", "en"}};
  s.entities.push_back(rta);
  return s;
}

const AlignmentLibrary& Lib() {
  static const AlignmentLibrary lib(Sample());
  return lib;
}

std::vector<Finding> Of(const std::vector<Finding>& all, const std::string& kind) {
  std::vector<Finding> out;
  for (const auto& f : all) {
    if (f.kind == kind) out.push_back(f);
  }
  return out;
}

Draft Ar(std::string text, std::vector<std::string> themes = {}) {
  Draft d;
  d.text_ar = std::move(text);
  d.themes = std::move(themes);
  return d;
}

TEST(AlignmentTest, StatesValueRoundsToTheDraftsPrecision) {
  EXPECT_TRUE(StatesValue(24100000, 24100000));
  EXPECT_TRUE(StatesValue(24000000, 24100000));   // "24 million"
  EXPECT_FALSE(StatesValue(23000000, 24100000));  // "23 million"
  EXPECT_FALSE(StatesValue(24200000, 24100000));
  EXPECT_FALSE(StatesValue(20000000, 24100000));  // two significant digits are assumed
  EXPECT_TRUE(StatesValue(92.5, 92.5));
  EXPECT_TRUE(StatesValue(93, 92.5));
  EXPECT_FALSE(StatesValue(92.4, 92.5));
}

TEST(AlignmentTest, ContradictedFigureInLatinDigitsPointsAtTheNumber) {
  const std::string text = "بلغ عدد الزوار 23 مليون زائر خلال العام الماضي.";
  auto facts = Of(CheckAlignment(Ar(text), Lib()), "fact");
  ASSERT_EQ(facts.size(), 1u);
  EXPECT_EQ(facts[0].reason, "messaging.alignment.fact_contradicted");
  EXPECT_EQ(facts[0].severity, "error");
  ASSERT_TRUE(facts[0].span);
  EXPECT_EQ(facts[0].span->excerpt, "23 مليون");
  EXPECT_EQ(text.substr(facts[0].span->offset, facts[0].span->length), "23 مليون");
  EXPECT_EQ(facts[0].details["expected"], 24100000.0);
  EXPECT_EQ(facts[0].details["found"], 23000000.0);
  EXPECT_EQ(facts[0].details["replacement"], "24.1 مليون");  // the one-click fix
}

TEST(AlignmentTest, RestatedNumbersKeepTheirDigitsSeparatorsAndScale) {
  EXPECT_EQ(RestateNumber("30 مليون", 30e6, 24.1e6), "24.1 مليون");
  EXPECT_EQ(RestateNumber("٣٠ مليون", 30e6, 24.1e6), "٢٤٫١ مليون");
  EXPECT_EQ(RestateNumber("۳۰ مليون", 30e6, 24.1e6), "۲۴٫۱ مليون");
  EXPECT_EQ(RestateNumber("21 million", 21e6, 24.1e6), "24.1 million");
  EXPECT_EQ(RestateNumber("150,000", 150000, 140000), "140,000");
  EXPECT_EQ(RestateNumber("1,250,000", 1250000, 24100000), "24,100,000");
  EXPECT_EQ(RestateNumber("١٥٠٬٠٠٠", 150000, 1400000), "١٬٤٠٠٬٠٠٠");
  EXPECT_EQ(RestateNumber("150 ألف", 150000, 140000), "140 ألف");
  EXPECT_EQ(RestateNumber("80", 80, 73), "73");
  EXPECT_EQ(RestateNumber("2.5 billion", 2.5e9, 3e9), "3 billion");
  // Nothing exact to offer: no digits, a negative figure.
  EXPECT_EQ(RestateNumber("مليون", 1e6, 24.1e6), std::nullopt);
  EXPECT_EQ(RestateNumber("-5", -5, 5), std::nullopt);
}

TEST(AlignmentTest, ContradictedFigureInArabicIndicDigits) {
  auto facts = Of(CheckAlignment(Ar("عدد الزوار ٢٣ مليون"), Lib()), "fact");
  ASSERT_EQ(facts.size(), 1u);
  EXPECT_EQ(facts[0].span->excerpt, "٢٣ مليون");
  EXPECT_EQ(facts[0].args_ar[1], "عدد الزوار");
  EXPECT_EQ(facts[0].args_en[2], "24.1 million");
}

TEST(AlignmentTest, MatchingOrRoundedFigureIsNoFinding) {
  EXPECT_TRUE(Of(CheckAlignment(Ar("عدد الزوار ٢٤٫١ مليون"), Lib()), "fact").empty());
  EXPECT_TRUE(Of(CheckAlignment(Ar("استقبلت الإمارة 24 مليون من الزوار"), Lib()), "fact").empty());
  // A year and a percentage next to the label are about something else.
  EXPECT_TRUE(Of(CheckAlignment(Ar("ارتفع عدد الزوار في 2023 بنسبة 5 في المئة"), Lib()), "fact").empty());
  // The number is far from the label (another sentence).
  EXPECT_TRUE(Of(CheckAlignment(Ar("عدد الزوار في ازدياد. وبلغت الاستثمارات 23 مليون درهم."), Lib()), "fact").empty());
}

TEST(AlignmentTest, EnglishFigureAndDateContradictions) {
  Draft d;
  d.text_en = "The number of visitors reached 21 million. The opening of the blue line is planned for 2030-01-15.";
  auto facts = Of(CheckAlignment(d, Lib()), "fact");
  ASSERT_EQ(facts.size(), 2u);
  EXPECT_EQ(facts[0].span->excerpt, "21 million");
  EXPECT_EQ(facts[1].reason, "messaging.alignment.fact_date_contradicted");
  EXPECT_EQ(facts[1].details["found"], "2030-01-15");
  EXPECT_EQ(facts[0].details["replacement"], "24.1 million");
  EXPECT_EQ(facts[1].details["replacement"], "2029-09-09");  // the fact sheet's own wording
}

TEST(AlignmentTest, BannedTermsAreFoundInInflectedForms) {
  const std::string text = "أطلقت الهيئة مبادرة لذوي الاحتياجات الخاصة ضمن خدمات الحكومة الإلكترونية.";
  auto terms = Of(CheckAlignment(Ar(text), Lib()), "term");
  ASSERT_EQ(terms.size(), 2u);
  EXPECT_EQ(terms[0].reason, "messaging.alignment.term_banned");
  EXPECT_EQ(terms[0].span->excerpt, "لذوي الاحتياجات الخاصة");
  EXPECT_EQ(terms[0].args_ar[1], "أصحاب الهمم");
  EXPECT_EQ(terms[1].reason, "messaging.alignment.term_deprecated");
  EXPECT_EQ(terms[1].severity, "warning");
}

TEST(AlignmentTest, AliasIsFlaggedButTheOfficialNameIsNot) {
  auto names = Of(CheckAlignment(Ar("أعلنت هيئة الطرق عن مشروع جديد"), Lib()), "entity_name");
  ASSERT_EQ(names.size(), 1u);
  EXPECT_EQ(names[0].span->excerpt, "هيئة الطرق");
  EXPECT_EQ(names[0].args_ar[1], "هيئة الطرق والمواصلات");
  EXPECT_TRUE(Of(CheckAlignment(Ar("أعلنت هيئة الطرق والمواصلات عن مشروع جديد"), Lib()), "entity_name").empty());
}

TEST(AlignmentTest, MissingLanguageVersionIsReported) {
  auto lang = Of(CheckAlignment(Ar("نص عربي فقط"), Lib()), "language");
  ASSERT_EQ(lang.size(), 1u);
  EXPECT_EQ(lang[0].reason, "messaging.alignment.missing_en");
  Draft both = Ar("نص");
  both.text_en = "text";
  EXPECT_TRUE(Of(CheckAlignment(both, Lib()), "language").empty());
}

TEST(AlignmentTest, KeyMessageReflectedOrMissingPerTheme) {
  Draft d = Ar("أكد المسؤول أن الإمارة وجهة سياحية عالمية آمنة ترحب بالزوار من كل مكان. وتحدث عن المعارض.",
               {"tourism", "road-safety"});
  auto km = Of(CheckAlignment(d, Lib()), "key_message");
  ASSERT_EQ(km.size(), 2u);
  EXPECT_EQ(km[0].reason, "messaging.alignment.key_message_reflected");
  EXPECT_EQ(km[0].details["message_id"], 1);
  EXPECT_GE(km[0].details["score"].get<double>(), 0.5);
  EXPECT_EQ(km[0].span->excerpt, "أكد المسؤول أن الإمارة وجهة سياحية عالمية آمنة ترحب بالزوار من كل مكان.");
  EXPECT_EQ(km[1].reason, "messaging.alignment.key_message_missing");
  EXPECT_EQ(km[1].args_en[0], "Road safety");
}

TEST(AlignmentTest, EnglishDraftMatchesEnglishKeyMessage) {
  Draft d;
  d.text_en = "Police warn that speeding remains the first cause of serious accidents on the roads.";
  d.themes = {"road-safety"};
  auto km = Of(CheckAlignment(d, Lib()), "key_message");
  ASSERT_EQ(km.size(), 1u);
  EXPECT_EQ(km[0].reason, "messaging.alignment.key_message_reflected");
  EXPECT_EQ(km[0].lang, "en");
}

TEST(AlignmentTest, EmptyLibraryAndEmptyTextAreFine) {
  AlignmentLibrary empty{LibrarySnapshot{}};
  auto all = CheckAlignment(Ar(""), empty);
  ASSERT_EQ(all.size(), 1u);  // only the missing English version
  EXPECT_TRUE(CheckAlignment(Draft{}, empty).empty());
}

}  // namespace
}  // namespace sawt::messaging
