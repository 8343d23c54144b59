#include "crisis/vocabularies.hpp"

namespace sawt::crisis {

const module::Vocabulary& Kinds() {
  static const module::Vocabulary v("crisis_kinds", {
      {"real", "أزمة فعلية", "Real crisis"},
      {"drill", "تمرين", "Drill"},
  });
  return v;
}

const module::Vocabulary& Types() {
  static const module::Vocabulary v("crisis_types", {
      {"weather", "حالة جوية", "Severe weather"},
      {"health", "صحة عامة", "Public health"},
      {"safety", "أمن وسلامة", "Safety and security"},
      {"infrastructure", "بنية تحتية وخدمات", "Infrastructure and services"},
      {"cyber", "أمن سيبراني", "Cyber incident"},
      {"environment", "بيئة", "Environment"},
      {"reputation", "سمعة وشائعات", "Reputation and rumours"},
      {"other", "أخرى", "Other"},
  });
  return v;
}

const module::Vocabulary& Severities() {
  static const module::Vocabulary v("crisis_severities", {
      {"minor", "طفيفة (1)", "Minor (1)", {{"level", 1}, {"cap", "Minor"}}},
      {"moderate", "متوسطة (2)", "Moderate (2)", {{"level", 2}, {"cap", "Moderate"}}},
      {"severe", "شديدة (3)", "Severe (3)", {{"level", 3}, {"cap", "Severe"}}},
      {"extreme", "قصوى (4)", "Extreme (4)", {{"level", 4}, {"cap", "Extreme"}}},
  });
  return v;
}

const module::Vocabulary& Statuses() {
  static const module::Vocabulary v("crisis_statuses", {
      {"active", "قائمة", "Active"},
      {"closed", "منتهية", "Closed"},
  });
  return v;
}

const module::Vocabulary& RoomRoles() {
  static const module::Vocabulary v("crisis_roles", {
      {"lead", "قائد الأزمة", "Crisis lead"},
      {"spokesperson", "المتحدث الرسمي", "Spokesperson"},
      {"approver", "معتمِد البيانات", "Statement approver"},
      {"monitoring", "الرصد والمتابعة", "Monitoring"},
  });
  return v;
}

const module::Vocabulary& TaskStatuses() {
  static const module::Vocabulary v("crisis_task_statuses", {
      {"open", "مفتوحة", "Open"},
      {"done", "منجزة", "Done"},
      {"cancelled", "ملغاة", "Cancelled"},
  });
  return v;
}

const module::Vocabulary& TimelineKinds() {
  static const module::Vocabulary v("crisis_timeline_kinds", {
      {"declared", "إعلان الأزمة", "Crisis declared"},
      {"note", "ملاحظة", "Note", {{"written", true}}},
      {"decision", "قرار", "Decision", {{"written", true}}},
      {"signal", "رصد", "Signal", {{"written", true}}},
      {"situation", "تحديث الموقف", "Situation update"},
      {"roles", "تكليف الأدوار", "Roles assigned"},
      {"task_added", "مهمة جديدة", "Task added"},
      {"task_done", "مهمة منجزة", "Task done"},
      {"task_cancelled", "مهمة ملغاة", "Task cancelled"},
      {"statement", "بيان منشور", "Statement published"},
      {"publishing_paused", "إيقاف النشر", "Publishing paused"},
      {"publishing_resumed", "استئناف النشر", "Publishing resumed"},
      {"closed", "انتهاء الأزمة", "Crisis closed"},
  });
  return v;
}

const module::Vocabulary& CalendarKinds() {
  static const module::Vocabulary v("crisis_calendar_kinds", {
      {"crisis_declared", "إعلان أزمة", "Crisis declared"},
      {"crisis_task_due", "موعد مهمة أزمة", "Crisis task due"},
      {"crisis_closed", "انتهاء أزمة", "Crisis closed"},
  });
  return v;
}

const module::Vocabulary& MessageTypes() {
  static const module::Vocabulary v("crisis_message_types", {
      {"alert", "تنبيه", "Alert", {{"cap", "Alert"}}},
      {"update", "تحديث", "Update", {{"cap", "Update"}}},
      {"cancel", "إلغاء", "Cancellation", {{"cap", "Cancel"}}},
  });
  return v;
}

const module::Vocabulary& Urgencies() {
  static const module::Vocabulary v("crisis_urgencies", {
      {"immediate", "فوري", "Immediate", {{"cap", "Immediate"}}},
      {"expected", "خلال ساعة", "Expected (within the hour)", {{"cap", "Expected"}}},
      {"future", "في المستقبل القريب", "Future", {{"cap", "Future"}}},
      {"past", "لم يعد مطلوبًا", "Past", {{"cap", "Past"}}},
      {"unknown", "غير معروف", "Unknown", {{"cap", "Unknown"}}},
  });
  return v;
}

const module::Vocabulary& Certainties() {
  static const module::Vocabulary v("crisis_certainties", {
      {"observed", "مؤكد", "Observed", {{"cap", "Observed"}}},
      {"likely", "مرجّح", "Likely", {{"cap", "Likely"}}},
      {"possible", "محتمل", "Possible", {{"cap", "Possible"}}},
      {"unlikely", "مستبعد", "Unlikely", {{"cap", "Unlikely"}}},
      {"unknown", "غير معروف", "Unknown", {{"cap", "Unknown"}}},
  });
  return v;
}

const module::Vocabulary& StatementStatuses() {
  static const module::Vocabulary v("crisis_statement_statuses", {
      {"draft", "مسودة", "Draft"},
      {"in_approval", "بانتظار الاعتماد", "Awaiting approval"},
      {"published", "منشور", "Published"},
      {"withdrawn", "مسحوب", "Withdrawn"},
  });
  return v;
}

const module::Vocabulary& DeliveryStates() {
  static const module::Vocabulary v("crisis_webhook_delivery_states", {
      {"pending", "قيد الإرسال", "Pending"},
      {"delivered", "وصل", "Delivered"},
      {"failed", "تعذّر", "Failed"},
      {"cancelled", "أُلغي", "Cancelled"},
  });
  return v;
}

const module::Vocabulary& DeliveryErrors() {
  static const module::Vocabulary v("crisis_webhook_errors", {
      {"bad_url", "عنوان المشترك غير صالح", "The subscriber's address is not valid"},
      {"address_refused", "العنوان محظور بسياسة العناوين", "The address is refused by the address policy"},
      {"unresolved", "تعذّر العثور على اسم الخادم", "The server's name could not be found"},
      {"unreachable", "تعذّر الاتصال بالخادم", "The server could not be reached"},
      {"timeout", "انتهت مهلة الانتظار", "The server did not answer in time"},
      {"tls", "تعذّر التحقق من شهادة الخادم أو إنشاء اتصال آمن", "The server's certificate could not be verified, or TLS failed"},
      {"connection_lost", "انقطع الاتصال أثناء الإرسال", "The connection broke during the delivery"},
      {"http_status", "ردّ الخادم برمز خطأ", "The server answered with an error status"},
  });
  return v;
}

void RegisterVocabularies(module::ModuleRegistry& reg) {
  for (const module::Vocabulary* v : {&Kinds(), &Types(), &Severities(), &Statuses(), &RoomRoles(), &TaskStatuses(),
                                      &TimelineKinds(), &CalendarKinds(), &MessageTypes(), &Urgencies(), &Certainties(),
                                      &StatementStatuses(), &DeliveryStates(), &DeliveryErrors()}) {
    reg.AddVocabulary(*v);
  }
}

}  // namespace sawt::crisis
