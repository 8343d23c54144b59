#include "messaging/vocabularies.hpp"

#include "messaging/channels.hpp"

namespace sawt::messaging {
namespace {

module::Term Channel(const char* code, const char* ar, const char* en, bool online) {
  return {code, ar, en, {{"online", online}, {"publishable", FindChannel(code) != nullptr}}};
}

}  // namespace

const module::Vocabulary& Channels() {
  static const module::Vocabulary v("channels", {
      Channel("website", "الموقع الإلكتروني", "Website", true),
      Channel("press", "الصحافة", "Press", false),
      Channel("x", "إكس", "X", true),
      Channel("instagram", "إنستغرام", "Instagram", true),
      Channel("facebook", "فيسبوك", "Facebook", true),
      Channel("linkedin", "لينكدإن", "LinkedIn", true),
      Channel("youtube", "يوتيوب", "YouTube", true),
      Channel("tiktok", "تيك توك", "TikTok", true),
      Channel("snapchat", "سناب شات", "Snapchat", true),
      Channel("whatsapp", "واتساب", "WhatsApp", true),
      Channel("intranet", "الشبكة الداخلية", "Intranet", true),
      Channel("tv", "التلفزيون", "Television", false),
      Channel("radio", "الإذاعة", "Radio", false),
      Channel("print", "المطبوعات", "Print", false),
      Channel("outdoor", "الإعلانات الخارجية", "Outdoor advertising", false),
      Channel("events", "الفعاليات", "Events", false),
      Channel("sms", "الرسائل النصية", "SMS", true),
      Channel("email", "البريد الإلكتروني", "E-mail", true),
  });
  return v;
}

const module::Vocabulary& ContentKinds() {
  static const module::Vocabulary v("content_kinds", {
      {"press_release", "بيان صحفي", "Press release"},
      {"social_post", "منشور على وسائل التواصل", "Social media post"},
      {"speech", "كلمة", "Speech"},
      {"web_article", "مقال للموقع", "Web article"},
      {"internal_memo", "مذكرة داخلية", "Internal memo"},
  });
  return v;
}

const module::Vocabulary& ContentStates() {
  static const module::Vocabulary v("content_states", {
      {"draft", "مسودة", "Draft"},
      {"in_review", "قيد المراجعة", "In review"},
      {"changes_requested", "مطلوب تعديلها", "Changes requested"},
      {"approved", "معتمد", "Approved"},
      {"scheduled", "مجدول", "Scheduled"},
      {"published", "منشور", "Published"},
      {"withdrawn", "مسحوب", "Withdrawn"},
  });
  return v;
}

const module::Vocabulary& LibraryStates() {
  static const module::Vocabulary v("library_states", {
      {"draft", "مسودة", "Draft"},
      {"approved", "معتمد", "Approved"},
      {"retired", "متوقف", "Retired"},
  });
  return v;
}

const module::Vocabulary& TermStatuses() {
  static const module::Vocabulary v("term_statuses", {
      {"banned", "محظور", "Banned"},
      {"deprecated", "غير مستحسن", "Deprecated"},
  });
  return v;
}

const module::Vocabulary& Languages() {
  static const module::Vocabulary v("languages", {
      {"ar", "العربية", "Arabic"},
      {"en", "الإنجليزية", "English"},
  });
  return v;
}

const module::Vocabulary& CountUnits() {
  static const module::Vocabulary v("count_units", {
      {"weighted", "الطول الموزون كما تعدّه إكس", "weighted length, as X counts it"},
      {"utf16", "وحدات UTF-16 كما تعدّها المنصة", "UTF-16 code units, as the platform counts them"},
      {"code_points", "الحروف", "characters"},
      {"bytes", "بايتات UTF-8", "UTF-8 bytes"},
      {"none", "بلا حد", "not limited"},
  });
  return v;
}

void RegisterVocabularies(module::ModuleRegistry& reg) {
  for (const module::Vocabulary* v : {&Channels(), &ContentKinds(), &ContentStates(), &LibraryStates(), &TermStatuses(),
                                      &Languages(), &CountUnits()}) {
    reg.AddVocabulary(*v);
  }
}

}  // namespace sawt::messaging
