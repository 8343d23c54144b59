#include "strategy/compliance_demo.hpp"

#include <cmath>
#include <string>
#include <vector>

#include "report/report.hpp"

namespace sawt::strategy {
namespace {

using core::Json;

struct DemoItem {
  const char* code;
  const char* axis;
  const char* principle;  // empty: none
  int weight;
  bool evidence;
  const char* title_ar;
  const char* title_en;
};

const std::vector<DemoItem> kItems = {
    {"SR1", "stakeholder_responsibilities", "entity_coordination", 5, true, "مصفوفة مسؤوليات الاتصال (RACI) معتمدة ومحدثة",
     "An approved, current RACI matrix for communication"},
    {"SR2", "stakeholder_responsibilities", "entity_coordination", 3, false, "ممثل للجهة في شبكة الاتصال الحكومي يحضر اجتماعاتها",
     "A representative in the government communication network who attends its meetings"},
    {"SR3", "stakeholder_responsibilities", "", 2, false, "أدوار فريق الاتصال موثقة في الهيكل التنظيمي",
     "Communication team roles documented in the organisation chart"},
    {"CT1", "communication_tasks", "", 5, true, "خطة اتصال سنوية مرتبطة باستراتيجية الاتصال المظلة",
     "An annual communication plan linked to the umbrella strategy"},
    {"CT2", "communication_tasks", "entity_coordination", 3, false, "المواعيد والإعلانات مسجلة في التقويم المشترك مسبقًا",
     "Announcements and events entered on the shared calendar in advance"},
    {"CT3", "communication_tasks", "", 2, false, "تقارير دورية عن تنفيذ خطة الاتصال", "Regular reports on the communication plan"},
    {"PI1", "public_image", "", 4, true, "دليل هوية مؤسسية مطبق على جميع المواد", "A brand guide applied to all materials"},
    {"PI2", "public_image", "public_interaction", 3, false, "رصد سمعة الجهة في الإعلام والمنصات الاجتماعية",
     "Monitoring of the entity's reputation in media and social platforms"},
    {"PI3", "public_image", "arabic_language", 3, false, "المواد المنشورة بلغة عربية سليمة أولًا",
     "Published materials in correct Arabic first"},
    {"IC1", "internal_communication", "employees_voice", 4, true, "قنوات لاستطلاع آراء الموظفين ومقترحاتهم",
     "Channels that collect employees' views and suggestions"},
    {"IC2", "internal_communication", "employees_voice", 3, false, "نشرة داخلية منتظمة", "A regular internal newsletter"},
    {"IC3", "internal_communication", "", 2, false, "إحاطة الموظفين بالرسائل الرئيسية قبل إعلانها",
     "Staff briefed on key messages before they are announced"},
    {"EC1", "external_communication", "public_service", 4, true, "قياس رضا المتعاملين عن التواصل ونشر النتائج",
     "Customer satisfaction with communication measured and published"},
    {"EC2", "external_communication", "public_interaction", 3, false, "الرد على استفسارات الجمهور خلال يوم عمل",
     "Public enquiries answered within one working day"},
    {"EC3", "external_communication", "entity_coordination", 3, false, "حملات مشتركة مع جهات أخرى في الشبكة",
     "Joint campaigns with other entities of the network"},
    {"EL1", "electronic_communication", "all_channels_active", 5, true, "جميع القنوات الرقمية الرسمية فعالة ومحدثة",
     "Every official digital channel active and up to date"},
    {"EL2", "electronic_communication", "arabic_language", 3, false, "الموقع الإلكتروني ثنائي اللغة والعربية أولًا",
     "A bilingual website, Arabic first"},
    {"EL3", "electronic_communication", "public_service", 2, false, "إتاحة المحتوى الرقمي لذوي الإعاقة",
     "Digital content accessible to people with disabilities"},
    {"MC1", "media_communication", "", 5, true, "متحدث رسمي معتمد ومدرب", "An approved, trained official spokesperson"},
    {"MC2", "media_communication", "public_interaction", 3, false, "الرد على استفسارات الإعلام ضمن الوقت المحدد",
     "Media enquiries answered within the agreed time"},
    {"MC3", "media_communication", "", 2, false, "خطة اتصال للأزمات مجربة مرة في السنة على الأقل",
     "A crisis communication plan, drilled at least once a year"},
};

/// Where each demo entity stands: how mature its communication is, and this year's assessment.
struct DemoEntity {
  const char* code;
  double maturity;          // 0..1: the share of the full level it reaches on average
  const char* this_year;    // "reviewed", "submitted", "returned", "draft" or "" (not started)
};

const std::vector<DemoEntity> kEntities = {
    {"gco", 0.88, "reviewed"},      {"cabinet", 0.8, "reviewed"},   {"police", 0.76, "submitted"},
    {"health", 0.7, "reviewed"},    {"rta", 0.64, "returned"},      {"municipality", 0.5, "draft"},
    {"tourism", 0.72, "submitted"}, {"economy", 0.58, ""},          {"knowledge", 0.62, "reviewed"},
    {"electricity", 0.54, "draft"},
};

/// A level 0..4 around the entity's maturity, varying by item and year, without randomness.
int64_t LevelFor(double maturity, size_t entity, size_t item, int year_shift) {
  const double wobble = std::sin(static_cast<double>(entity * 7 + item * 13 + static_cast<size_t>(year_shift) * 3)) * 1.1;
  const double level = 4.0 * maturity + wobble - (year_shift == 0 ? 0.4 : 0.0);
  return std::max<int64_t>(0, std::min<int64_t>(4, std::lround(level)));
}

core::Status Done(const core::Result<Json>& r) { return r ? core::Ok() : core::Status(r.error()); }

/// A one-page PDF an entity would attach: its media plan summary, made by the report renderer.
std::string PlanPdf(const std::string& entity_code, const std::string& year) {
  report::Document doc;
  doc.lang = "ar";
  doc.title = "خطة الاتصال السنوية " + year;
  doc.subtitle = "ملخص معتمد — " + entity_code;
  doc.blocks.push_back({report::Block::Kind::kParagraph, "ترتبط الخطة بأهداف استراتيجية الاتصال الحكومي المظلة.", {}});
  doc.blocks.push_back({report::Block::Kind::kTable, {},
                        {{"الربع", "الحملات", "القنوات"}, {{"الأول", "٣", "٥"}, {"الثاني", "٢", "٦"}, {"الثالث", "٤", "٦"}}, {}}});
  return report::RenderPdf(doc);
}

std::string LogCsv(const std::string& item, const std::string& year) {
  return "date,channel,note\r\n" + year + "-03-14,x,تقرير " + item + "\r\n" + year + "-06-02,website,تحديث\r\n" + year +
         "-09-21,instagram,حملة مشتركة\r\n";
}

core::Status Assess(ComplianceService& compliance, const auth::Caller& system, int64_t entity_id, const DemoEntity& e,
                    size_t index, const std::string& period, int year_shift, const std::string& target, const std::string& pdf) {
  auto made = compliance.CreateAssessment(system, {{"entity_id", entity_id}, {"period", period}});
  if (!made) return made.error();
  const int64_t id = (*made)["id"];
  // A draft is half done; anything further has every item answered and its evidence attached.
  const size_t answered = target == "draft" ? kItems.size() / 2 : kItems.size();
  for (size_t i = 0; i < answered; ++i) {
    const DemoItem& item = kItems[i];
    const int64_t level = LevelFor(e.maturity, index, i, year_shift);
    Json body = {{"level", level}};
    if (level <= 1) body["comment"] = "قيد التطوير ضمن خطة هذا العام";
    SAWT_TRY_STATUS(Done(compliance.PutAnswer(system, id, item.code, body)));
    if (!item.evidence) continue;
    const bool plan = std::string(item.code) == "CT1";
    SAWT_TRY_STATUS(Done(compliance.AddEvidence(system, id, item.code, plan ? "communication-plan.pdf" : std::string(item.code) + "-log.csv",
                                                plan ? "application/pdf" : "text/csv",
                                                plan ? pdf : LogCsv(item.code, period.substr(0, 4)))));
  }
  if (target == "draft") return core::Ok();
  SAWT_TRY_STATUS(Done(compliance.Submit(system, id, std::nullopt, Json::object())));
  if (target == "submitted") return core::Ok();
  if (target == "returned") {
    return Done(compliance.Return(system, id, std::nullopt,
                                  {{"note", "يرجى إرفاق خطة الاتصال المعتمدة من الإدارة العليا وتحديث مصفوفة المسؤوليات."}}));
  }
  // The network's reviewer is stricter on one item per axis it checked.
  for (size_t i = 0; i < kItems.size(); i += 4) {
    const int64_t self = LevelFor(e.maturity, index, i, year_shift);
    if (self == 0) continue;
    SAWT_TRY_STATUS(Done(compliance.PutAnswer(system, id, kItems[i].code,
                                              {{"level", self - 1}, {"comment", "الدليل المرفق لا يغطي جميع القنوات."}})));
  }
  return Done(compliance.Complete(system, id, std::nullopt, {{"note", "روجع التقييم مع فريق الاتصال في الجهة."}}));
}

}  // namespace

core::Status SeedComplianceDemo(ComplianceService& compliance, const module::ModuleRegistry& registry, store::Store& store,
                                module::DemoContext& ctx) {
  auth::Caller system;
  system.login = "system";
  system.network_admin = true;
  Json items = Json::array();
  for (const DemoItem& i : kItems) {
    Json item = {{"code", i.code}, {"axis", i.axis}, {"weight", i.weight}, {"evidence_required", i.evidence},
                 {"title_ar", i.title_ar}, {"title_en", i.title_en}};
    if (*i.principle != '\0') item["principle"] = i.principle;
    items.push_back(std::move(item));
  }
  SAWT_TRY_STATUS(Done(compliance.CreateTemplate(system, {{"code", "general-guide"},
                                                          {"title_ar", "قائمة الامتثال لدليل الاتصال الحكومي"},
                                                          {"title_en", "General communication guide checklist"},
                                                          {"status", "active"},
                                                          {"items", items}})));
  SAWT_ASSIGN_OR_RETURN(core::TimeZone zone, registry.CurrentTimeZone());
  const int year = std::stoi(zone.DateOf(store.clock().NowMicros()).substr(0, 4));
  const std::string last = std::to_string(year - 1), current = std::to_string(year);
  for (size_t index = 0; index < kEntities.size(); ++index) {
    const DemoEntity& e = kEntities[index];
    auto found = ctx.entities.find(e.code);
    if (found == ctx.entities.end()) continue;
    const std::string pdf = PlanPdf(e.code, current);
    SAWT_TRY_STATUS(Assess(compliance, system, found->second, e, index, last, 1, "reviewed", PlanPdf(e.code, last)));
    if (*e.this_year != '\0') SAWT_TRY_STATUS(Assess(compliance, system, found->second, e, index, current, 0, e.this_year, pdf));
  }
  return core::Ok();
}

}  // namespace sawt::strategy
