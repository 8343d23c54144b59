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

const module::Vocabulary& CompliancePrinciples() {
  static const module::Vocabulary v("compliance_principles", {
      {"public_interaction", "التفاعل مع الجمهور", "Public interaction"},
      {"arabic_language", "استخدام اللغة العربية", "Use of Arabic"},
      {"all_channels_active", "تفعيل جميع القنوات", "All channels active"},
      {"employees_voice", "صوت الموظفين", "Employees' voice"},
      {"public_service", "خدمة الجمهور", "Public service"},
      {"entity_coordination", "التنسيق بين الجهات", "Coordination between entities"},
  });
  return v;
}

const module::Vocabulary& ComplianceLevels() {
  static const module::Vocabulary v("compliance_levels", {
      {"0", "غير مطبق", "Not in place"},
      {"1", "بداية التطبيق", "Started"},
      {"2", "مطبق جزئيًا", "Partly in place"},
      {"3", "مطبق في معظمه", "Largely in place"},
      {"4", "مطبق بالكامل", "Fully in place"},
  });
  return v;
}

const module::Vocabulary& AssessmentStatuses() {
  static const module::Vocabulary v("assessment_statuses", {
      {"draft", "تقييم ذاتي قيد الإعداد", "Self-assessment in progress"},
      {"submitted", "بانتظار مراجعة الشبكة", "Awaiting the network's review"},
      {"returned", "أعيد إلى الجهة", "Returned to the entity"},
      {"reviewed", "روجع واعتُمد", "Reviewed"},
  });
  return v;
}

const module::Vocabulary& ComplianceStatuses() {
  static const module::Vocabulary v = [] {
    std::vector<module::Term> terms = {{"not_started", "لم يبدأ التقييم", "Not started"}};
    for (const module::Term& t : AssessmentStatuses().terms()) terms.push_back(t);
    return module::Vocabulary("compliance_statuses", std::move(terms));
  }();
  return v;
}

void RegisterVocabularies(module::ModuleRegistry& reg) {
  for (const module::Vocabulary* v :
       {&Scopes(), &StrategyStatuses(), &ObjectiveKinds(), &ActivityStatuses(), &KpiDirections(), &KpiFrequencies(),
        &KpiStatuses(), &CalendarKinds(), &CompliancePrinciples(), &ComplianceLevels(), &AssessmentStatuses(),
        &ComplianceStatuses()}) {
    reg.AddVocabulary(*v);
  }
}

}  // namespace sawt::strategy
