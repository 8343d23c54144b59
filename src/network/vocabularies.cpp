#include "network/vocabularies.hpp"

#include "network/model.hpp"

namespace sawt::network {

const module::Vocabulary& Roles() {
  static const module::Vocabulary v("roles", {
      {"network_admin", "مدير الشبكة", "Network administrator"},
      {"entity_admin", "مدير الجهة", "Entity administrator"},
      {"editor", "محرر", "Editor"},
      {"reviewer", "مراجع", "Reviewer"},
      {"spokesperson", "متحدث رسمي", "Spokesperson"},
      {"analyst", "محلل", "Analyst"},
      {"trainer", "مدرب", "Trainer"},
      {"member", "عضو", "Member"},
  });
  return v;
}

const module::Vocabulary& EntityKinds() {
  static const module::Vocabulary v("entity_kinds", {
      {"government", "حكومة", "Government"},
      {"entity", "جهة", "Entity"},
      {"department", "إدارة", "Department"},
  });
  return v;
}

const module::Vocabulary& Axes() {
  static const module::Vocabulary v("axes", [] {
    std::vector<module::Term> terms;
    for (const Axis& a : kAxes) terms.push_back({std::string(a.key), std::string(a.name_ar), std::string(a.name_en)});
    return terms;
  }());
  return v;
}

const module::Vocabulary& Raci() {
  static const module::Vocabulary v("raci", {
      {"R", "المسؤول عن التنفيذ", "Responsible"},
      {"A", "صاحب الاعتماد والمساءلة", "Accountable"},
      {"C", "جهة الاستشارة", "Consulted"},
      {"I", "جهة الإحاطة بالعلم", "Informed"},
  });
  return v;
}

void RegisterVocabularies(module::ModuleRegistry& reg) {
  for (const module::Vocabulary* v : {&Roles(), &EntityKinds(), &Axes(), &Raci()}) reg.AddVocabulary(*v);
}

}  // namespace sawt::network
