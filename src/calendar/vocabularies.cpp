#include "calendar/vocabularies.hpp"

namespace sawt::calendar {

const module::Vocabulary& EntryKinds() {
  static const module::Vocabulary v("calendar_entry_kinds", {
      {"announcement", "إعلان", "Announcement"},
      {"event", "فعالية", "Event"},
      {"campaign", "حملة", "Campaign"},
      {"national_day", "مناسبة وطنية", "National day"},
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

void RegisterVocabularies(module::ModuleRegistry& reg) {
  for (const module::Vocabulary* v : {&EntryKinds(), &EntryStatuses()}) {
    reg.AddVocabulary(*v);
  }
}

}  // namespace sawt::calendar
