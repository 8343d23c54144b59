#include "initiatives/demo.hpp"

#include <vector>

namespace sawt::initiatives {
namespace {

using core::Json;

struct DemoResult {
  const char* label_ar;
  const char* label_en;
  double value;
  const char* unit;
};

struct DemoInitiative {
  const char* owner;
  std::vector<const char*> partners;
  const char* title_ar;
  const char* title_en;
  const char* summary_ar;
  const char* summary_en;
  const char* audience_ar;
  const char* audience_en;
  std::vector<const char*> themes;
  std::vector<const char*> channels;
  const char* start;
  const char* end;
  const char* budget;  // "" for none
  const char* status;  // where it ends up: planned, active, completed, cancelled
  const char* outcomes_ar;
  const char* outcomes_en;
  std::vector<DemoResult> results;
  const char* showcase_note;  // "" when not featured
};

// A fictional emirate's initiatives in 2026-2027 (the demo network's entities and the messaging
// demo's theme codes). Figures are invented for the demo.
const std::vector<DemoInitiative> kInitiatives = {
    {"rta", {"police", "knowledge"}, "العودة الآمنة إلى المدارس", "Safe Return to School",
     "حملة توعية مرورية حول المدارس مع بداية العام الدراسي: دوريات عند بوابات المدارس، وورش للطلاب، ورسائل لأولياء الأمور.",
     "A road safety campaign around schools at the start of the school year: patrols at school gates, workshops for "
     "pupils and messages for parents.",
     "الطلاب وأولياء الأمور وسائقو الحافلات المدرسية", "Pupils, parents and school bus drivers", {"road-safety"},
     {"website", "x", "instagram", "events"}, "2026-08-20", "2026-09-30", "500k_1m", "completed",
     "غطت الحملة جميع المدارس الحكومية والخاصة، وانخفضت إصابات المشاة قرب المدارس خلال الأسابيع الستة الأولى.",
     "The campaign covered every public and private school, and pedestrian injuries near schools fell in the first "
     "six weeks.",
     {{"المدارس المشمولة", "Schools covered", 312, ""},
      {"الطلاب المستفيدون", "Pupils reached", 148000, ""},
      {"انخفاض إصابات المشاة قرب المدارس", "Fall in pedestrian injuries near schools", 27, "%"}},
     "نموذج للتنسيق بين ثلاث جهات برسالة واحدة ونتائج مقيسة خلال ستة أسابيع."},
    {"police", {"rta"}, "صيف بلا حوادث", "Accident-Free Summer",
     "حملة صيفية تركز على السرعة الزائدة واستخدام الهاتف أثناء القيادة، مع رسائل موحدة على جميع القنوات.",
     "A summer campaign on speeding and phone use while driving, with one set of messages on every channel.",
     "السائقون الشباب والزوار", "Young drivers and visitors", {"road-safety"}, {"x", "instagram", "radio", "outdoor"},
     "2026-06-01", "2026-09-15", "1m_5m", "completed",
     "انخفضت الحوادث الخطيرة مقارنة بصيف العام السابق، ووصلت رسائل الحملة إلى أكثر من أربعة ملايين مشاهدة.",
     "Serious accidents fell compared with the previous summer, and the campaign's messages passed four million views.",
     {{"انخفاض الحوادث الخطيرة", "Fall in serious accidents", 18, "%"},
      {"مرات الوصول عبر القنوات الرقمية", "Digital reach", 4200000, ""},
      {"مخالفات استخدام الهاتف", "Phone-use offences recorded", 9350, ""}},
     "رسائل موحدة بين الشرطة وهيئة الطرق، وأثر واضح في السلامة المرورية."},
    {"health", {}, "صحتك أولًا", "Your Health First",
     "حملة للتعريف بخدمات الرعاية الصحية الأولية والفحص المبكر في المراكز الصحية القريبة من السكن.",
     "A campaign introducing primary care and early screening at the health centres near people's homes.",
     "الأسر وكبار المواطنين", "Families and senior citizens", {"happiness"}, {"website", "x", "sms", "tv"}, "2026-03-01",
     "2026-06-30", "100k_500k", "completed",
     "ارتفعت زيارات مراكز الرعاية الأولية وأُجري عدد قياسي من الفحوص المبكرة، مع رضا مرتفع لدى المراجعين.",
     "Visits to primary care centres rose and a record number of early screenings were done, with high visitor "
     "satisfaction.",
     {{"الفحوص المبكرة المنجزة", "Early screenings done", 56400, ""},
      {"زيادة زيارات الرعاية الأولية", "Rise in primary care visits", 22, "%"},
      {"رضا المراجعين", "Visitor satisfaction", 91, "%"}},
     "مبادرة صحية قريبة من الناس، بنتائج تقاس بعدد الفحوص لا بعدد المنشورات."},
    {"tourism", {"economy", "municipality"}, "شتاء الإمارة", "Winter in the Emirate",
     "موسم فعاليات شتوية ثقافية ورياضية يروج للإمارة وجهة سياحية آمنة على مدار العام.",
     "A winter season of cultural and sports events promoting the emirate as a safe destination all year round.",
     "الزوار من داخل الدولة وخارجها", "Visitors from home and abroad", {"tourism"},
     {"website", "instagram", "youtube", "tiktok", "outdoor"}, "2026-11-01", "2027-03-31", "gt_5m", "active", "", "", {},
     ""},
    {"gco", {"cabinet", "executive-council"}, "حكومة بلا ورق", "Paperless Government",
     "حملة مشتركة تعرّف المتعاملين بالخدمات الرقمية وتشجعهم على استخدامها بدل المعاملات الورقية.",
     "A joint campaign introducing customers to digital services and encouraging them to use them instead of paper.",
     "جميع المتعاملين مع الجهات الحكومية", "Every customer of government entities", {"digital", "happiness"},
     {"website", "x", "linkedin", "email"}, "2026-09-01", "2027-06-30", "1m_5m", "active",
     "تضاعف استخدام التطبيق الحكومي الموحد في الشهرين الأولين.", "Use of the unified government app doubled in the first "
     "two months.",
     {{"معاملات رقمية إضافية شهريًا", "Additional digital transactions a month", 38000, ""}}, ""},
    {"municipality", {}, "أحياء خضراء", "Green Neighbourhoods",
     "مبادرة لزراعة الأشجار وتحسين الحدائق في الأحياء السكنية بمشاركة السكان والمدارس.",
     "An initiative to plant trees and improve parks in residential neighbourhoods together with residents and schools.",
     "سكان الأحياء والمتطوعون", "Residents and volunteers", {"happiness"}, {"website", "instagram", "events"},
     "2027-01-15", "2027-04-30", "100k_500k", "planned", "", "", {}, ""},
    {"economy", {}, "رخصتك في يوم", "Your Licence in a Day",
     "حملة تعرّف رواد الأعمال بإصدار الرخص التجارية إلكترونيًا في أقل من يوم.",
     "A campaign telling entrepreneurs that trade licences are issued online in less than a day.",
     "رواد الأعمال وأصحاب المشاريع الصغيرة", "Entrepreneurs and small business owners", {"digital"},
     {"website", "linkedin", "x"}, "2026-10-01", "2026-12-31", "lt_100k", "active", "", "", {}, ""},
    {"civil-defence", {"municipality"}, "بيت آمن", "Safe Home",
     "زيارات توعوية وتركيب أجهزة إنذار الحريق في المنازل القديمة قبل فصل الشتاء.",
     "Awareness visits and smoke alarms fitted in older homes before the winter.", "الأسر في المنازل القديمة",
     "Families in older homes", {"happiness"}, {"website", "sms", "whatsapp"}, "2027-02-01", "2027-03-15", "lt_100k",
     "planned", "", "", {}, ""},
    {"electricity", {}, "كل قطرة تهمّ", "Every Drop Counts",
     "حملة لترشيد استهلاك المياه تبدأ في اليوم العالمي للمياه، مع نصائح عملية للأسر والمنشآت.",
     "A water-saving campaign starting on World Water Day, with practical tips for households and businesses.",
     "الأسر والمنشآت التجارية", "Households and businesses", {"happiness"}, {"website", "x", "tv", "radio"}, "2027-03-22",
     "2027-06-30", "500k_1m", "planned", "", "", {}, ""},
    {"knowledge", {"municipality"}, "شهر القراءة العائلية", "Family Reading Month",
     "فعاليات قراءة في المكتبات العامة والمدارس تشجع الأسر على القراءة معًا.",
     "Reading events in public libraries and schools that encourage families to read together.", "الأسر والطلاب",
     "Families and pupils", {"happiness"}, {"website", "instagram", "events"}, "2027-03-01", "2027-03-31", "lt_100k",
     "planned", "", "", {}, ""},
    {"police-media", {"rta"}, "عينك على الطريق", "Eyes on the Road",
     "رسائل قصيرة ومقاطع مرئية عن خطر استخدام الهاتف أثناء القيادة، تعدها إدارة الإعلام الأمني.",
     "Short messages and videos on the danger of using a phone while driving, produced by the Security Media Department.",
     "السائقون", "Drivers", {"road-safety"}, {"x", "instagram", "tiktok"}, "2026-12-01", "2027-01-31", "", "planned", "",
     "", {}, ""},
    {"tourism", {}, "مهرجان الأسواق التراثية", "Heritage Markets Festival",
     "مهرجان في الأسواق التراثية أُلغي بعد دمجه في موسم شتاء الإمارة.",
     "A festival in the heritage markets, cancelled after it was merged into the Winter in the Emirate season.",
     "الزوار والعائلات", "Visitors and families", {"tourism"}, {"website", "instagram"}, "2026-04-01", "2026-05-15",
     "100k_500k", "cancelled", "", "", {}, ""},
};

Json ResultsJson(const std::vector<DemoResult>& results) {
  Json out = Json::array();
  for (const auto& r : results) {
    out.push_back({{"label_ar", r.label_ar}, {"label_en", r.label_en}, {"value", r.value}, {"unit", r.unit}});
  }
  return out;
}

/// The steps from planned to `status`.
std::vector<const char*> StepsTo(const std::string& status) {
  if (status == "active") return {"active"};
  if (status == "completed") return {"active", "completed"};
  if (status == "cancelled") return {"cancelled"};
  return {};
}

}  // namespace

core::Status SeedDemo(InitiativesService& svc, module::DemoContext& ctx) {
  auth::Caller system;
  system.login = "system";
  system.network_admin = true;
  for (const auto& d : kInitiatives) {
    Json partners = Json::array();
    for (const char* p : d.partners) partners.push_back(ctx.entities.at(p));
    Json body = {{"owner_entity_id", ctx.entities.at(d.owner)},
                 {"partner_entity_ids", partners},
                 {"title_ar", d.title_ar},
                 {"title_en", d.title_en},
                 {"summary_ar", d.summary_ar},
                 {"summary_en", d.summary_en},
                 {"audience_ar", d.audience_ar},
                 {"audience_en", d.audience_en},
                 {"themes", d.themes},
                 {"channels", d.channels},
                 {"start_date", d.start},
                 {"end_date", d.end}};
    if (*d.budget) body["budget_band"] = d.budget;
    auto made = svc.Create(system, body);
    if (!made) return std::move(made).error();
    const int64_t id = (*made)["id"];
    for (const char* to : StepsTo(d.status)) {
      auto moved = svc.ChangeStatus(system, id, std::nullopt, {{"to", to}, {"comment", "demo"}});
      if (!moved) return std::move(moved).error();
      // Outcomes are recorded while the initiative runs, before it completes.
      if (std::string(to) == "active" && *d.outcomes_ar) {
        auto recorded = svc.PutOutcomes(system, id, std::nullopt,
                                        {{"outcomes_ar", d.outcomes_ar}, {"outcomes_en", d.outcomes_en},
                                         {"results", ResultsJson(d.results)}});
        if (!recorded) return std::move(recorded).error();
      }
    }
    if (*d.showcase_note) {
      auto featured = svc.Showcase(system, id, std::nullopt, {{"note", d.showcase_note}});
      if (!featured) return std::move(featured).error();
    }
  }
  return core::Ok();
}

}  // namespace sawt::initiatives
