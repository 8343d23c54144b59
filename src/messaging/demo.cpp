#include "messaging/demo.hpp"

#include <map>
#include <string>
#include <vector>

#include "core/clock.hpp"

namespace sawt::messaging {
namespace {

using core::Json;

struct DemoTheme {
  const char* code;
  const char* owner;
  bool strategic;
  const char* name_ar;
  const char* name_en;
};

constexpr DemoTheme kThemes[] = {
    {"happiness", "gco", true, "السعادة وجودة الحياة", "Happiness and quality of life"},
    {"digital", "gco", true, "التحول الرقمي", "Digital transformation"},
    {"road-safety", "rta", false, "السلامة المرورية", "Road safety"},
    {"tourism", "tourism", false, "السياحة", "Tourism"},
};

struct DemoMessage {
  const char* theme;
  const char* owner;
  const char* text_ar;
  const char* text_en;
  const char* point_ar;
  const char* point_en;
};

constexpr DemoMessage kMessages[] = {
    {"happiness", "gco",
     "سعادة المواطنين والمقيمين وجودة حياتهم غاية العمل الحكومي ومقياس نجاحه.",
     "The happiness and quality of life of citizens and residents are the purpose of government work and the measure "
     "of its success.",
     "تقيس الجهات الحكومية رضا المتعاملين بصفة دورية وتنشر نتائجه.",
     "Government entities measure customer satisfaction regularly and publish the results."},
    {"happiness", "gco",
     "تعمل الحكومة على توفير بيئة متكاملة تدعم الأسرة وتعزز الترابط المجتمعي.",
     "The government provides an integrated environment that supports families and strengthens social cohesion.",
     "برامج الإسكان والتعليم والصحة تتكامل لخدمة الأسرة.",
     "Housing, education and health programmes work together for families."},
    {"happiness", "health",
     "الرعاية الصحية الجيدة حق لكل فرد، وهي أساس جودة الحياة في الإمارة.",
     "Good health care is every person's right and the foundation of quality of life in the emirate.",
     "خدمات الرعاية الأولية متاحة في جميع المناطق.", "Primary care services are available in every district."},
    {"digital", "gco",
     "الخدمات الحكومية الرقمية متاحة على مدار الساعة من أي مكان، لتوفير الوقت والجهد على المتعاملين.",
     "Digital government services are available around the clock from anywhere, saving customers time and effort.",
     "أكثر من تسعين في المئة من الخدمات الحكومية متاحة رقميًا.", "More than ninety per cent of government services are digital."},
    {"digital", "gco",
     "نعتمد البيانات المفتوحة والذكاء الاصطناعي لاتخاذ قرارات حكومية أسرع وأدق.",
     "We use open data and artificial intelligence to make faster and more accurate government decisions.",
     "تنشر الجهات بياناتها المفتوحة وفق معايير موحدة.", "Entities publish open data to common standards."},
    {"digital", "economy",
     "التحول الرقمي يفتح فرصًا جديدة لرواد الأعمال ويعزز تنافسية الاقتصاد الوطني.",
     "Digital transformation opens new opportunities for entrepreneurs and strengthens the competitiveness of the "
     "national economy.",
     "ترخيص الأعمال إلكترونيًا في أقل من يوم.", "Businesses are licensed online in less than a day."},
    {"road-safety", "rta",
     "السرعة الزائدة هي السبب الأول للحوادث المرورية الخطيرة، والالتزام بالسرعة المحددة ينقذ الأرواح.",
     "Speeding is the first cause of serious traffic accidents; keeping to the speed limit saves lives.",
     "الرادارات الذكية تغطي الطرق الرئيسية.", "Smart radars cover the main roads."},
    {"road-safety", "police",
     "استخدام الهاتف أثناء القيادة يشتت انتباه السائق ويعرض حياته وحياة الآخرين للخطر.",
     "Using a phone while driving distracts the driver and endangers their life and the lives of others.",
     "المخالفة تشمل الغرامة والنقاط المرورية.", "The offence carries a fine and black points."},
    {"road-safety", "rta",
     "حزام الأمان ومقاعد الأطفال المخصصة تحمي الركاب في كل رحلة مهما قصرت.",
     "Seat belts and proper child seats protect passengers on every journey, however short.",
     "مقعد الطفل إلزامي حتى سن الرابعة.", "A child seat is mandatory up to the age of four."},
    {"tourism", "tourism",
     "الإمارة وجهة سياحية عالمية آمنة ترحب بالزوار من جميع أنحاء العالم على مدار العام.",
     "The emirate is a safe, global tourist destination that welcomes visitors from all over the world all year round.",
     "الإمارة من أكثر مدن العالم أمانًا.", "The emirate is among the safest cities in the world."},
    {"tourism", "tourism",
     "تجمع الإمارة بين أصالة التراث وحداثة المعالم، فتقدم تجربة فريدة لكل زائر.",
     "The emirate combines authentic heritage with modern landmarks, offering a unique experience to every visitor.",
     "المتاحف والأسواق التراثية مفتوحة للزوار طوال الأسبوع.", "Museums and heritage markets are open every day of the week."},
    {"tourism", "economy",
     "قطاع السياحة ركيزة أساسية للتنويع الاقتصادي وخلق فرص العمل.",
     "Tourism is a pillar of economic diversification and job creation.",
     "السياحة توفر عشرات الآلاف من الوظائف.", "Tourism provides tens of thousands of jobs."},
};

struct DemoFact {
  const char* key;
  const char* kind;
  const char* owner;
  const char* label_ar;
  const char* label_en;
  const char* value_ar;
  const char* value_en;
  const char* as_of;
  const char* source;
};

constexpr DemoFact kFacts[] = {
    {"tourism-visitors", "number", "tourism", "عدد الزوار", "number of visitors", "24.1 مليون", "24.1 million",
     "2022-03-31", "دائرة السياحة والتسويق التجاري، التقرير السنوي 2021-2022"},
    {"hotel-rooms", "number", "tourism", "عدد الغرف الفندقية", "number of hotel rooms", "140 ألف غرفة",
     "140 thousand rooms", "2022-03-31", "دائرة السياحة والتسويق التجاري"},
    {"hotel-occupancy", "number", "tourism", "نسبة إشغال الفنادق", "hotel occupancy rate", "73 في المئة", "73 per cent",
     "2022-03-31", "دائرة السياحة والتسويق التجاري"},
    {"road-deaths", "number", "rta", "عدد الوفيات الناتجة عن الحوادث المرورية", "number of road traffic deaths", "115 حالة",
     "115 deaths", "2023-12-31", "هيئة الطرق والمواصلات والقيادة العامة للشرطة"},
    {"metro-riders", "number", "rta", "عدد ركاب المترو", "number of metro riders", "225 مليون راكب", "225 million riders",
     "2023-12-31", "هيئة الطرق والمواصلات، الإحصاء السنوي"},
    {"digital-services", "number", "gco", "نسبة الخدمات الحكومية الرقمية", "share of digital government services",
     "92 في المئة", "92 per cent", "2023-12-31", "مكتب الاتصال الحكومي"},
    {"customer-happiness", "number", "gco", "مؤشر سعادة المتعاملين", "customer happiness index", "89.6 في المئة",
     "89.6 per cent", "2023-12-31", "مكتب الاتصال الحكومي، مسح سعادة المتعاملين"},
    {"population", "number", "cabinet", "عدد السكان", "population", "3.6 مليون نسمة", "3.6 million people", "2023-12-31",
     "مركز الإحصاء"},
    {"health-centres", "number", "health", "عدد مراكز الرعاية الصحية الأولية", "number of primary health care centres",
     "34 مركزًا", "34 centres", "2023-12-31", "هيئة الصحة"},
    {"blue-line-opening", "date", "rta", "افتتاح الخط الأزرق للمترو", "opening of the metro blue line",
     "9 سبتمبر 2029", "9 September 2029", "2023-11-24", "هيئة الطرق والمواصلات"},
};

struct DemoTerm {
  const char* term;
  const char* lang;
  const char* status;
  const char* replacement;
};

constexpr DemoTerm kTerms[] = {
    {"ذوي الاحتياجات الخاصة", "ar", "banned", "أصحاب الهمم"},
    {"المعاقين", "ar", "banned", "أصحاب الهمم"},
    {"كبار السن", "ar", "deprecated", "كبار المواطنين"},
    {"الخادمة", "ar", "banned", "العاملة المساعدة"},
    {"الحكومة الإلكترونية", "ar", "deprecated", "الحكومة الرقمية"},
    {"handicapped", "en", "banned", "people of determination"},
    {"disabled people", "en", "banned", "people of determination"},
    {"maid", "en", "banned", "domestic worker"},
    {"e-government", "en", "deprecated", "digital government"},
};

struct DemoAlias {
  const char* entity;
  const char* alias;
  const char* lang;
};

constexpr DemoAlias kAliases[] = {
    {"rta", "هيئة الطرق", "ar"},
    {"rta", "roads authority", "en"},
    {"tourism", "دائرة السياحة", "ar"},
    {"tourism", "tourism department", "en"},
    {"police", "شرطة الإمارة", "ar"},
    {"health", "وزارة الصحة", "ar"},
};

struct DemoItem {
  const char* kind;
  const char* owner;
  const char* theme;
  const char* title_ar;
  const char* title_en;
  const char* body_ar;
  const char* body_en;
  std::vector<const char*> steps;  // transitions from draft
};

const DemoItem kItems[] = {
    {"press_release", "rta", "road-safety", "هيئة الطرق والمواصلات تطلق حملة العودة الآمنة إلى المدارس",
     "RTA launches the safe return to school campaign",
     "تطلق هيئة الطرق والمواصلات حملة توعية بالسلامة المرورية حول المدارس مع بداية العام الدراسي.",
     "The Roads and Transport Authority launches a road safety awareness campaign around schools.", {}},
    {"social_post", "rta", "road-safety", "السرعة الزائدة تقتل", "Speeding kills",
     "السرعة الزائدة هي السبب الأول للحوادث المرورية الخطيرة. التزم بالسرعة المحددة.",
     "Speeding is the first cause of serious accidents. Keep to the limit.", {"in_review"}},
    {"press_release", "tourism", "tourism", "23 مليون زائر في عام واحد", "23 million visitors in one year",
     "أعلنت دائرة السياحة أن عدد الزوار بلغ 23 مليون زائر.", "The tourism department said visitors reached 23 million.",
     {"in_review", "changes_requested"}},
    {"web_article", "tourism", "tourism", "مواسم الفعاليات الشتوية", "The winter events season",
     "تستضيف الإمارة موسمًا حافلًا بالفعاليات الثقافية والرياضية.", "The emirate hosts a busy season of cultural and sports events.",
     {"in_review", "approved"}},
    {"speech", "rta", "road-safety", "كلمة المدير العام في منتدى السلامة", "Director General's speech at the safety forum",
     "الطرق الآمنة مسؤولية مشتركة بين السائقين والمشاة والجهات المختصة.",
     "Safe roads are a shared responsibility of drivers, pedestrians and the authorities.",
     {"in_review", "approved", "scheduled"}},
    {"press_release", "tourism", "tourism", "افتتاح مركز الزوار الجديد", "New visitor centre opens",
     "افتتحت دائرة السياحة مركز الزوار الجديد في الواجهة البحرية.", "The tourism department opened the new waterfront visitor centre.",
     {"in_review", "approved", "scheduled", "published"}},
    {"social_post", "rta", "road-safety", "تحويلات مرورية مؤقتة", "Temporary diversions",
     "تحويلات مرورية مؤقتة على الطريق الدائري نهاية الأسبوع.", "Temporary diversions on the ring road this weekend.",
     {"in_review", "approved", "scheduled", "published", "withdrawn"}},
    {"internal_memo", "rta", "road-safety", "تعميم داخلي: مراجعة البيانات قبل النشر", "Memo: review statements before release",
     "يرجى إرسال جميع البيانات الصحفية للمراجعة قبل يومين من النشر.", "Please send every press release for review two days ahead.",
     {"in_review", "approved", "scheduled", "published"}},
};

// Two items police.editor wrote: one waiting for the police reviewers, one sent back to its author
// (what their notification centres show at first sign-in).
const DemoItem kPoliceEditorItems[] = {
    {"social_post", "police", "road-safety", "حزام الأمان ينقذ الأرواح", "Seat belts save lives",
     "حزام الأمان يقلل الإصابات الخطيرة في الحوادث. اربطه في كل رحلة.",
     "Seat belts reduce serious injuries in accidents. Buckle up on every trip.", {"in_review"}},
    {"press_release", "police", "road-safety", "حملة الشرطة للسلامة على الطرق", "Police road safety week",
     "تنظم الشرطة أسبوعًا للسلامة على الطرق بالتعاون مع المدارس.",
     "The police hold a road safety week with the schools.", {"in_review", "changes_requested"}},
};

}  // namespace

core::Status SeedDemo(const Services& services, const core::Clock& clock, const core::TimeZone& zone,
                      module::DemoContext& ctx) {
  LibraryService& library = *services.library;
  KeyMessageService& messages = *services.key_messages;
  FactService& facts = *services.facts;
  ContentService& content = *services.content;
  auth::Caller system;
  system.login = "system";
  system.network_admin = true;
  std::map<std::string, int64_t> themes;
  for (const auto& t : kThemes) {
    auto made = library.CreateTheme(system, {{"code", t.code}, {"name_ar", t.name_ar}, {"name_en", t.name_en},
                                             {"owner_entity_id", ctx.entities.at(t.owner)}, {"strategic", t.strategic}});
    if (!made) return std::move(made).error();
    themes[t.code] = (*made)["id"];
  }
  for (const auto& m : kMessages) {
    Json body = {{"theme_id", themes.at(m.theme)},
                 {"owner_entity_id", ctx.entities.at(m.owner)},
                 {"text_ar", m.text_ar},
                 {"text_en", m.text_en},
                 {"supporting_points", Json::array({{{"ar", m.point_ar}, {"en", m.point_en}}})},
                 {"valid_from", "2024-01-01"},
                 {"valid_until", "2030-12-31"}};
    auto made = messages.CreateKeyMessage(system, body);
    if (!made) return std::move(made).error();
    auto approved = messages.ApproveKeyMessage(system, (*made)["id"], std::nullopt, Json::object());
    if (!approved) return std::move(approved).error();
  }
  for (const auto& f : kFacts) {
    auto made = facts.CreateFact(system, {{"key", f.key}, {"kind", f.kind}, {"label_ar", f.label_ar},
                                          {"label_en", f.label_en}, {"value_ar", f.value_ar}, {"value_en", f.value_en},
                                          {"as_of", f.as_of}, {"source", f.source},
                                          {"owner_entity_id", ctx.entities.at(f.owner)}});
    if (!made) return std::move(made).error();
    auto approved = facts.ApproveFact(system, (*made)["id"], std::nullopt, Json::object());
    if (!approved) return std::move(approved).error();
  }
  for (const auto& t : kTerms) {
    auto made = library.CreateTerm(system, {{"term", t.term}, {"lang", t.lang}, {"status", t.status},
                                            {"replacement", t.replacement}});
    if (!made) return std::move(made).error();
  }
  for (const auto& a : kAliases) {
    auto made =
        library.CreateAlias(system, {{"entity_id", ctx.entities.at(a.entity)}, {"alias", a.alias}, {"lang", a.lang}});
    if (!made) return std::move(made).error();
  }
  // Content items in every workflow state (moved through the same transitions as real ones). The
  // published ones were planned in the past days, the scheduled and approved ones after the demo
  // calendar week (src/calendar/demo.cpp), so they add no conflict to it.
  const std::map<std::string, int> planned_in_days = {{"New visitor centre opens", -2},
                                                      {"Memo: review statements before release", -1},
                                                      {"Director General's speech at the safety forum", 15},
                                                      {"The winter events season", 16}};
  constexpr int64_t kDayUs = 86'400'000'000;
  int64_t today_us = 0;  // 00:00 of today in the network's zone, written as if UTC (a wall time)
  core::ParseIsoUtc(zone.DateOf(clock.NowMicros()), &today_us);
  auth::Caller police_editor = system;
  police_editor.login = "police.editor";
  std::vector<std::pair<const auth::Caller*, const DemoItem*>> items;
  for (const auto& it : kItems) items.emplace_back(&system, &it);
  for (const auto& it : kPoliceEditorItems) items.emplace_back(&police_editor, &it);
  for (const auto& [author, item] : items) {
    const DemoItem& it = *item;
    Json body = {{"kind", it.kind}, {"owner_entity_id", ctx.entities.at(it.owner)}, {"title_ar", it.title_ar},
                 {"title_en", it.title_en}, {"body_ar", it.body_ar}, {"body_en", it.body_en},
                 {"themes", {it.theme}}, {"channels", {"website", "x"}}};
    if (auto day = planned_in_days.find(it.title_en); day != planned_in_days.end()) {
      const int64_t ten_oclock = today_us + int64_t{day->second} * kDayUs + 10 * int64_t{3'600'000'000};
      body["planned_at"] = core::FormatIsoUtc(zone.WallToUtc(ten_oclock)).substr(0, 19) + "Z";
    }
    auto made = content.CreateContentItem(*author, body);
    if (!made) return std::move(made).error();
    const int64_t id = (*made)["id"];
    int64_t version = (*made)["version"];
    for (const char* to : it.steps) {
      auto moved = content.TransitionContentItem(system, id, version, {{"to", to}, {"comment", "demo"}});
      if (!moved) return std::move(moved).error();
      version = (*moved)["version"];
    }
  }
  return core::Ok();
}

core::Status SeedReviewSettings(ReviewSettingsService& service, module::DemoContext& ctx) {
  auth::Caller system;
  system.login = "system";
  system.network_admin = true;
  auto saved = service.Save(system, ctx.entities.at("tourism"), std::nullopt, Json{{"maker_checker", true}});
  if (!saved) return std::move(saved).error();
  return core::Ok();
}

}  // namespace sawt::messaging
