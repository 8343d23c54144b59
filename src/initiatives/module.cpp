#include "initiatives/module.hpp"

#include "initiatives/calendar_source.hpp"
#include "initiatives/demo.hpp"
#include "initiatives/initiatives_service.hpp"
#include "initiatives/kpi_source.hpp"
#include "initiatives/resources.hpp"
#include "initiatives/routes.hpp"
#include "initiatives/vocabularies.hpp"
#include "module/schema.hpp"

namespace sawt::initiatives {
namespace {

using namespace module::schema;  // NOLINT: the schema vocabulary reads best unqualified

const std::vector<http::Message> kMessages = {
    {"initiatives.not_found", "المبادرة رقم {0, digits} غير موجودة.", "Initiative {0} does not exist."},
    {"initiatives.entity_not_found", "الجهة رقم {0, digits} غير موجودة.", "Entity {0} does not exist."},
    {"initiatives.owner_is_partner", "الجهة المالكة لا تُدرج ضمن الجهات الشريكة.",
     "The owner entity cannot also be a partner."},
    {"initiatives.bad_partners", "الجهات الشريكة قائمة من 20 رقم جهة على الأكثر.",
     "Partner entities are a list of at most 20 entity ids."},
    {"initiatives.bad_themes", "المحاور قائمة من 20 رمزًا على الأكثر.", "Themes are a list of at most 20 codes."},
    {"initiatives.unknown_theme", "المحور «{0}» غير موجود في مكتبة المحاور.", "Unknown theme \"{0}\"."},
    {"initiatives.bad_channel", "القنوات قائمة من 20 قناة معروفة على الأكثر ({0}).",
     "Channels are a list of at most 20 known channels ({0})."},
    {"initiatives.bad_date", "الحقل {0} يجب أن يكون تاريخًا صحيحًا بصيغة YYYY-MM-DD.",
     "The field {0} must be a valid date (YYYY-MM-DD)."},
    {"initiatives.bad_period", "تاريخ انتهاء المبادرة يسبق تاريخ بدئها.", "The initiative ends before it starts."},
    {"initiatives.bad_budget_band", "فئة الميزانية «{0}» غير معروفة؛ الفئات: lt_100k و100k_500k و500k_1m و1m_5m وgt_5m.",
     "Unknown budget band \"{0}\"; use lt_100k, 100k_500k, 500k_1m, 1m_5m or gt_5m."},
    {"initiatives.bad_status", "الحالة «{0}» غير معروفة؛ الحالات: planned وactive وcompleted وcancelled.",
     "Unknown status \"{0}\"; use planned, active, completed or cancelled."},
    {"initiatives.illegal_transition", "لا يمكن نقل المبادرة من «{0}» إلى «{1}».",
     "An initiative cannot go from \"{0}\" to \"{1}\"."},
    {"initiatives.cancelled", "المبادرة رقم {0, digits} ملغاة ولا يمكن تعديلها.", "Initiative {0} is cancelled and cannot change."},
    {"initiatives.outcomes_too_early", "لا تُسجَّل نتائج المبادرة رقم {0, digits} وهي في الحالة «{1}»؛ تُسجَّل بعد بدء التنفيذ.",
     "Outcomes of initiative {0} cannot be recorded in status \"{1}\"; record them once it is active."},
    {"initiatives.bad_results", "النتائج المقيسة قائمة من 20 عنصرًا على الأكثر، لكل منها وصف عربي وإنجليزي وقيمة رقمية.",
     "Measured results are a list of at most 20 items, each with an Arabic and an English label and a numeric value."},
    {"initiatives.bad_result_value", "قيمة النتيجة يجب أن تكون رقمًا.", "The result's value must be a number."},
    {"initiatives.showcase_not_eligible", "لا تُعرض في المبادرات المتميزة إلا المبادرات المكتملة ذات النتائج؛ المبادرة رقم {0, digits} ليست كذلك.",
     "Only completed initiatives with outcomes can be showcased; initiative {0} is not one."},
    {"initiatives.showcase_needs_outcomes", "المبادرة رقم {0, digits} معروضة في المبادرات المتميزة ولا يمكن حذف نتائجها.",
     "Initiative {0} is in the showcase: its outcomes cannot be emptied."},
    {"initiatives.not_showcased", "المبادرة رقم {0, digits} ليست معروضة في المبادرات المتميزة.", "Initiative {0} is not in the showcase."},
};


void RegisterSchemas(module::ModuleRegistry& reg) {
  const module::Resource& initiative = InitiativeResource();
  // What a writer sets (create and update share them; update also takes the outcomes).
  const std::vector<std::string> fields = {"partner_entity_ids", "title_ar",    "title_en",   "summary_ar",
                                           "summary_en",         "objectives_ar", "objectives_en", "audience_ar",
                                           "audience_en",        "themes",      "channels",   "start_date",
                                           "end_date",           "budget_band"};
  const std::vector<std::string> outcomes = {"outcomes_ar", "outcomes_en", "results"};
  reg.AddSchema("Initiative", initiative.Schema());
  reg.AddSchema("InitiativeList", ListOf("Initiative"));
  std::vector<std::string> create = fields;
  create.push_back("owner_entity_id");
  reg.AddSchema("InitiativeCreate",
                initiative.Input(create, {"owner_entity_id", "title_ar", "title_en", "start_date", "end_date"}));
  std::vector<std::string> update = fields;
  update.insert(update.end(), outcomes.begin(), outcomes.end());
  reg.AddSchema("InitiativeUpdate", initiative.Input(update));
  reg.AddSchema("InitiativeStatusChange", Obj({{"to", Enum(Statuses())}, {"comment", Str(2000)}}, {"to"}));
  reg.AddSchema("InitiativeOutcomes", initiative.Input(outcomes, outcomes));
  reg.AddSchema("ShowcaseNote", Obj({{"note", Str(2000)}}, {"note"}));
}

}  // namespace

void Register(module::ModuleRegistry& reg) {
  reg.BeginModule("initiatives", {"network", "messaging"});
  using R = auth::Role;
  // The central office sees every entity's initiatives, so every member reads them all; the owner
  // entity's editors and admins register, edit, move and record outcomes.
  reg.AddPermissions({
      {"initiatives.read", {}, true, false, "See every entity's initiatives"},
      {"initiatives.write", {R::kEntityAdmin, R::kEditor}, false, true, "Register and follow up the entity's initiatives"},
      {"initiatives.showcase", {}, false, true, "Choose the best-initiatives showcase (network admins only)"},
  });
  RegisterVocabularies(reg);
  auto service = std::make_shared<InitiativesService>(reg.services().store, reg);
  reg.AddCalendarSource(std::make_shared<InitiativeCalendarSource>());
  reg.AddKpiSource(std::make_shared<CompletedInitiativesKpi>());
  reg.Keep(service);
  reg.AddMigrations(InitiativesService::Migrations());
  reg.AddEntityReference("initiatives", "owner_entity_id");
  reg.AddEntityReference("initiative_partners", "entity_id");
  reg.AddMessages(kMessages);
  RegisterSchemas(reg);
  for (auto& type : InitiativesService::SearchTypes()) reg.AddSearchType(std::move(type));
  RegisterRoutes(reg, service);
  reg.AddDemoSeeder([service](store::Store&, module::DemoContext& ctx) { return SeedDemo(*service, ctx); });
}

}  // namespace sawt::initiatives
