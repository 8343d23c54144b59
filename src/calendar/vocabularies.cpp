#include "calendar/vocabularies.hpp"

namespace sawt::calendar {
namespace {

module::Term Audience(const char* code, const char* ar, const char* en, const char* phrase_ar, const char* phrase_en) {
  return {code, ar, en, {{"phrase_ar", phrase_ar}, {"phrase_en", phrase_en}}};
}

}  // namespace

const module::Vocabulary& EntryKinds() {
  static const module::Vocabulary v("calendar_entry_kinds", {
      {"announcement", "إعلان", "Announcement"},
      {"event", "فعالية", "Event"},
      {"campaign", "حملة", "Campaign"},
      {"national_day", "مناسبة وطنية", "National day"},
  });
  return v;
}

const module::Vocabulary& Importance() {
  static const module::Vocabulary v("importance", {
      {"high", "أهمية عالية", "High importance"},
      {"normal", "أهمية عادية", "Normal importance"},
      {"low", "أهمية منخفضة", "Low importance"},
  });
  return v;
}

const module::Vocabulary& EntryStatuses() {
  static const module::Vocabulary v("calendar_entry_statuses", {
      {"tentative", "مبدئي", "Tentative"},
      {"confirmed", "مؤكد", "Confirmed"},
      {"cancelled", "ملغى", "Cancelled"},
  });
  return v;
}

const module::Vocabulary& Audiences() {
  static const module::Vocabulary v("audiences", {
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

void RegisterVocabularies(module::ModuleRegistry& reg) {
  for (const module::Vocabulary* v : {&EntryKinds(), &Importance(), &EntryStatuses(), &Audiences()}) {
    reg.AddVocabulary(*v);
  }
}

}  // namespace sawt::calendar
