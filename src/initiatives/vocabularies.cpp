#include "initiatives/vocabularies.hpp"

namespace sawt::initiatives {

const module::Vocabulary& Statuses() {
  static const module::Vocabulary v("initiative_statuses", {
      {"planned", "مخططة", "Planned"},
      {"active", "جارية", "Active"},
      {"completed", "مكتملة", "Completed"},
      {"cancelled", "ملغاة", "Cancelled"},
  });
  return v;
}

const module::Vocabulary& BudgetBands() {
  static const module::Vocabulary v("budget_bands", {
      {"lt_100k", "أقل من 100 ألف درهم", "Under AED 100,000"},
      {"100k_500k", "من 100 ألف إلى 500 ألف درهم", "AED 100,000 to 500,000"},
      {"500k_1m", "من 500 ألف إلى مليون درهم", "AED 500,000 to 1 million"},
      {"1m_5m", "من مليون إلى 5 ملايين درهم", "AED 1 to 5 million"},
      {"gt_5m", "أكثر من 5 ملايين درهم", "Over AED 5 million"},
  });
  return v;
}

void RegisterVocabularies(module::ModuleRegistry& reg) {
  for (const module::Vocabulary* v : {&Statuses(), &BudgetBands()}) reg.AddVocabulary(*v);
}

}  // namespace sawt::initiatives
