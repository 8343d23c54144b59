#include "module/shared_vocabularies.hpp"

namespace sawt::module {
namespace {

Term Audience(const char* code, const char* ar, const char* en, const char* phrase_ar, const char* phrase_en) {
  return {code, ar, en, {{"phrase_ar", phrase_ar}, {"phrase_en", phrase_en}}};
}

}  // namespace

const Vocabulary& Importance() {
  static const Vocabulary v("importance", {
      {"high", "أهمية عالية", "High importance"},
      {"normal", "أهمية عادية", "Normal importance"},
      {"low", "أهمية منخفضة", "Low importance"},
  });
  return v;
}

const Vocabulary& Audiences() {
  static const Vocabulary v("audiences", {
      Audience("public", "الجمهور العام", "General public", "الجمهور العام", "the general public"),
      Audience("media", "وسائل الإعلام", "Media", "وسائل الإعلام", "the media"),
      Audience("business", "قطاع الأعمال", "Business", "قطاع الأعمال", "business"),
      Audience("investors", "المستثمرون", "Investors", "المستثمرين", "investors"),
      Audience("residents", "السكان", "Residents", "السكان", "residents"),
      Audience("visitors", "الزوار", "Visitors", "الزوار", "visitors"),
      Audience("youth", "الشباب", "Young people", "الشباب", "young people"),
      Audience("students", "الطلاب", "Students", "الطلبة", "students"),
      Audience("families", "الأسر", "Families", "الأسر", "families"),
      Audience("employees", "الموظفون", "Employees", "الموظفين", "employees"),
      Audience("partners", "الشركاء", "Partners", "الشركاء", "partners"),
  });
  return v;
}

}  // namespace sawt::module
