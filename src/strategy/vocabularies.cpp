#include "strategy/vocabularies.hpp"

namespace sawt::strategy {

const module::Vocabulary& Scopes() {
  static const module::Vocabulary v("strategy_scopes", {
      {"umbrella", "الاستراتيجية المظلة", "Umbrella strategy"},
      {"entity", "استراتيجية الجهة", "Entity strategy"},
  });
  return v;
}

const module::Vocabulary& StrategyStatuses() {
  static const module::Vocabulary v("strategy_statuses", {
      {"draft", "مسودة", "Draft"},
      {"active", "معتمدة وسارية", "Active"},
      {"archived", "مؤرشفة", "Archived"},
  });
  return v;
}

const module::Vocabulary& ObjectiveKinds() {
  static const module::Vocabulary v("objective_kinds", {
      {"objective", "هدف استراتيجي", "Strategic objective"},
      {"national_priority", "أولوية وطنية", "National priority"},
  });
  return v;
}

const module::Vocabulary& ActivityStatuses() {
  static const module::Vocabulary v("activity_statuses", {
      {"planned", "مخطط", "Planned"},
      {"in_progress", "قيد التنفيذ", "In progress"},
      {"blocked", "متعثر", "Blocked"},
      {"done", "منجز", "Done"},
      {"cancelled", "ملغى", "Cancelled"},
  });
  return v;
}

const module::Vocabulary& KpiDirections() {
  static const module::Vocabulary v("kpi_directions", {
      {"up", "الأعلى أفضل", "Higher is better"},
      {"down", "الأدنى أفضل", "Lower is better"},
  });
  return v;
}

const module::Vocabulary& KpiFrequencies() {
  static const module::Vocabulary v("kpi_frequencies", {
      {"monthly", "شهري", "Monthly"},
      {"quarterly", "ربع سنوي", "Quarterly"},
      {"yearly", "سنوي", "Yearly"},
  });
  return v;
}

const module::Vocabulary& KpiStatuses() {
  static const module::Vocabulary v("kpi_statuses", {
      {"on_track", "على المسار", "On track"},
      {"at_risk", "معرض للخطر", "At risk"},
      {"off_track", "خارج المسار", "Off track"},
      {"no_target", "بلا مستهدف", "No target"},
      {"no_data", "بلا قياس", "No data"},
  });
  return v;
}

const module::Vocabulary& CalendarKinds() {
  static const module::Vocabulary v("strategy_calendar_kinds", {
      {"strategy_activity", "موعد نشاط استراتيجي", "Strategy activity due"},
  });
  return v;
}

void RegisterVocabularies(module::ModuleRegistry& reg) {
  for (const module::Vocabulary* v :
       {&Scopes(), &StrategyStatuses(), &ObjectiveKinds(), &ActivityStatuses(), &KpiDirections(), &KpiFrequencies(),
        &KpiStatuses(), &CalendarKinds()}) {
    reg.AddVocabulary(*v);
  }
}

}  // namespace sawt::strategy
