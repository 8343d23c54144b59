#include "strategy/module.hpp"

#include "module/schema.hpp"
#include "strategy/activity_service.hpp"
#include "strategy/calendar_source.hpp"
#include "strategy/demo.hpp"
#include "strategy/kpi_service.hpp"
#include "strategy/resources.hpp"
#include "strategy/routes.hpp"
#include "strategy/strategy_service.hpp"
#include "strategy/vocabularies.hpp"

namespace sawt::strategy {
namespace {

using namespace module::schema;  // NOLINT: the schema vocabulary reads best unqualified
using core::Json;

const std::vector<http::Message> kMessages = {
    {"strategy.not_found", "الاستراتيجية رقم {0} غير موجودة.", "Strategy {0} does not exist."},
    {"strategy.activity_not_found", "النشاط رقم {0} غير موجود.", "Activity {0} does not exist."},
    {"strategy.entity_not_found", "الجهة رقم {0} غير موجودة.", "Entity {0} does not exist."},
    {"strategy.bad_scope", "النطاق «{0}» غير معروف؛ النطاقان: umbrella (المظلة) وentity (الجهة).",
     "Unknown scope \"{0}\"; use umbrella or entity."},
    {"strategy.bad_status", "الحالة «{0}» غير مقبولة هنا؛ الحالات: draft وactive وarchived.",
     "Status \"{0}\" is not accepted here; use draft, active or archived."},
    {"strategy.bad_objectives", "الأهداف قائمة من 50 هدفًا على الأكثر، كل منها كائن.",
     "Objectives are a list of at most 50 objects."},
    {"strategy.bad_objective_code", "رمز الهدف «{0}» غير صالح: حتى 32 حرفًا لاتينيًا أو رقمًا أو . أو _ أو -.",
     "Objective code \"{0}\" is not valid: up to 32 Latin letters, digits, '.', '_' or '-'."},
    {"strategy.duplicate_objective", "رمز الهدف «{0}» مكرر في الاستراتيجية.", "Objective code \"{0}\" appears twice."},
    {"strategy.bad_objective_kind", "نوع الهدف «{0}» غير معروف؛ النوعان: objective وnational_priority.",
     "Unknown objective kind \"{0}\"; use objective or national_priority."},
    {"strategy.bad_serves", "الحقل serves للهدف «{0}» قائمة من 20 رمزًا على الأكثر لأهداف الاستراتيجية المظلة.",
     "The serves field of objective \"{0}\" is a list of at most 20 codes of umbrella objectives."},
    {"strategy.priority_on_umbrella_only", "الأولويات الوطنية تُحدد في الاستراتيجية المظلة فقط؛ الهدف «{0}» هدف استراتيجي.",
     "National priorities belong to the umbrella strategy only; make \"{0}\" a strategic objective."},
    {"strategy.objective_serves_nothing", "يجب أن يخدم الهدف «{0}» هدفًا واحدًا على الأقل من أهداف الاستراتيجية المظلة.",
     "Objective \"{0}\" must serve at least one objective of the umbrella strategy."},
    {"strategy.umbrella_serves", "أهداف الاستراتيجية المظلة لا تخدم أهدافًا أخرى (الهدف «{0}»).",
     "Objectives of the umbrella strategy serve no other objective (\"{0}\")."},
    {"strategy.bad_year", "السنة {0} خارج المدى المقبول (2000 إلى 2100).", "Year {0} is outside 2000 to 2100."},
    {"strategy.bad_period", "سنة نهاية الاستراتيجية تسبق سنة بدايتها.", "The strategy ends before it starts."},
    {"strategy.umbrella_belongs_to_network",
     "الاستراتيجية المظلة للشبكة كلها: لا تُحدد لها جهة ولا استراتيجية مظلة.",
     "The umbrella strategy is the whole network's: it takes no entity and no umbrella."},
    {"strategy.objective_in_use", "لا يمكن حذف الهدف «{0}»؛ تخدمه أهداف في استراتيجيات الجهات.",
     "Objective \"{0}\" cannot be removed: entity strategies serve it."},
    {"strategy.objective_has_work", "لا يمكن حذف الهدف «{0}»؛ ترتبط به أنشطة أو مؤشرات أداء.",
     "Objective \"{0}\" cannot be removed: activities or KPIs follow it."},
    {"strategy.unknown_umbrella_objective", "الهدف «{0}» يخدم «{1}»، وهو ليس من أهداف الاستراتيجية المظلة.",
     "Objective \"{0}\" serves \"{1}\", which is not an objective of the umbrella strategy."},
    {"strategy.already_active", "توجد استراتيجية سارية أخرى (رقم {0})؛ أرشفها أولًا.",
     "Another strategy is active (number {0}); archive it first."},
    {"strategy.bad_umbrella", "الاستراتيجية رقم {0} ليست استراتيجية مظلة قائمة.",
     "Strategy {0} is not a current umbrella strategy."},
    {"strategy.archived", "الاستراتيجية رقم {0} مؤرشفة ولا يمكن تعديلها.", "Strategy {0} is archived and cannot change."},
    {"strategy.illegal_transition", "لا يمكن نقل الاستراتيجية من «{0}» إلى «{1}».",
     "A strategy cannot go from \"{0}\" to \"{1}\"."},
    {"strategy.if_match_required", "أرسل ترويسة If-Match بإصدار الاستراتيجية أو النشاط الذي قرأته.",
     "Send an If-Match header with the version you read."},
    {"strategy.not_umbrella", "الاستراتيجية رقم {0} ليست الاستراتيجية المظلة؛ التتبع يُعرض للمظلة.",
     "Strategy {0} is not an umbrella strategy; traceability is shown for the umbrella."},
    {"strategy.bad_date", "الحقل {0} يجب أن يكون تاريخًا صحيحًا بصيغة YYYY-MM-DD.",
     "The field {0} must be a valid date (YYYY-MM-DD)."},
    {"strategy.bad_activity_status", "حالة النشاط «{0}» غير معروفة؛ الحالات: planned وin_progress وblocked وdone وcancelled.",
     "Unknown activity status \"{0}\"; use planned, in_progress, blocked, done or cancelled."},
    {"strategy.bad_progress", "نسبة الإنجاز عدد صحيح من 0 إلى 100.", "Progress is a whole number from 0 to 100."},
    {"strategy.bad_objective", "الهدف رقم {0} ليس من استراتيجية قائمة لهذه الجهة.",
     "Objective {0} is not in a current strategy of this entity."},
    {"strategy.bad_activity_period", "تاريخ استحقاق النشاط يسبق تاريخ بدئه.", "The activity is due before it starts."},
    {"strategy.unknown_owner", "لا يوجد حساب باسم الدخول «{0}».", "There is no account with the login \"{0}\"."},
    {"strategy.bad_overdue", "قيمة overdue إما true أو false.", "overdue is true or false."},
    {"strategy.kpi_not_found", "المؤشر رقم {0} غير موجود.", "KPI {0} does not exist."},
    {"strategy.bad_kpi_code", "رمز المؤشر «{0}» غير صالح: حروف لاتينية صغيرة وأرقام و. و_ و- حتى 64.",
     "KPI code \"{0}\" is not valid: lower-case Latin letters, digits, '.', '_' and '-', up to 64."},
    {"strategy.kpi_code_taken", "رمز المؤشر «{0}» مستخدم.", "KPI code \"{0}\" is taken."},
    {"strategy.bad_direction", "الاتجاه «{0}» غير معروف؛ up أو down.", "Unknown direction \"{0}\"; use up or down."},
    {"strategy.bad_frequency", "الدورية «{0}» غير معروفة؛ monthly أو quarterly أو yearly.",
     "Unknown frequency \"{0}\"; use monthly, quarterly or yearly."},
    {"strategy.bad_number", "الحقل {0} يجب أن يكون رقمًا.", "The field {0} must be a number."},
    {"strategy.bad_margin", "هامش الخطر نسبة من 0 إلى 100.", "The at-risk margin is a percentage from 0 to 100."},
    {"strategy.unknown_kpi_source", "مصدر القياس «{0}» غير مسجل (انظر ‎/api/v1/kpi-sources).",
     "KPI source \"{0}\" is not registered (see /api/v1/kpi-sources)."},
    {"strategy.bad_period_code", "الفترة «{0}» لا تناسب الدورية {1} (مثل 2026 أو 2026-Q3 أو 2026-09).",
     "Period \"{0}\" does not fit the {1} frequency (e.g. 2026, 2026-Q3 or 2026-09)."},
    {"strategy.future_period", "الفترة {0} لم تبدأ بعد.", "Period {0} has not begun yet."},
    {"strategy.reason_required", "الفترة {0} انتهت؛ اذكر سبب تسجيل قياسها أو تعديله.",
     "Period {0} has ended: give the reason for recording or changing its measurement."},
    {"strategy.kpi_fed_by_source", "هذا المؤشر يُحتسب من المصدر «{0}»؛ حدّثه من مصدره.",
     "This KPI is computed from the source \"{0}\"; refresh it from its source."},
    {"strategy.kpi_is_manual", "المؤشر رقم {0} يقيسه الأشخاص؛ سجّل قياسه يدويًا.",
     "KPI {0} is measured by people; record its measurement by hand."},
};

void RegisterSchemas(module::ModuleRegistry& reg) {
  reg.AddSchema("Strategy", StrategyResource().Schema());
  reg.AddSchema("StrategyList", ListOf("Strategy"));
  const Json objectives_input = {{"type", "array"}, {"maxItems", 50}, {"items", ObjectiveInput()}};
  Json create = StrategyResource().Input({"scope", "entity_id", "umbrella_id", "title_ar", "title_en", "vision_ar",
                                          "vision_en", "period_start", "period_end", "status"},
                                         {"scope", "title_ar", "title_en", "period_start", "period_end"});
  create["properties"]["objectives"] = objectives_input;
  reg.AddSchema("StrategyCreate", create);
  Json update = StrategyResource().Input({"title_ar", "title_en", "vision_ar", "vision_en", "period_start", "period_end", "status"});
  update["properties"]["objectives"] = objectives_input;
  reg.AddSchema("StrategyUpdate", update);

  Json contribution = {{"type", "object"},
                       {"properties",
                        {{"entity_id", Int()}, {"strategy_id", Int()}, {"strategy_status", Enum(StrategyStatuses())},
                         {"objective_id", Int()}, {"code", Str(32)}, {"title_ar", Str()}, {"title_en", Str()}}}};
  Json traced = ObjectiveResource().Schema();
  traced["properties"].erase("serves");  // an umbrella objective serves nothing: its contributions are listed
  traced["required"] = Json::array({"id", "code", "kind", "title_ar", "title_en", "contributions", "entity_count"});
  traced["properties"]["contributions"] = {{"type", "array"}, {"items", contribution}};
  traced["properties"]["entity_count"] = Int();
  Json count = Int();
  reg.AddSchema("Traceability",
                {{"type", "object"},
                 {"required", {"strategy_id", "objectives", "unserved", "entities_without_strategy", "summary"}},
                 {"properties",
                  {{"strategy_id", Int()},
                   {"objectives", {{"type", "array"}, {"items", traced}}},
                   {"unserved", {{"type", "array"}, {"items", Str(32)}}},
                   {"entities_without_strategy", {{"type", "array"}, {"items", Int()}}},
                   {"summary",
                    {{"type", "object"},
                     {"properties",
                      {{"objectives", count}, {"served", count}, {"unserved", count},
                       {"entities_with_strategy", count}, {"entities_without_strategy", count}}}}}}}});

  reg.AddSchema("Activity", ActivityResource().Schema());
  reg.AddSchema("Kpi", KpiResource().Schema());
  reg.AddSchema("KpiCreate", KpiResource().Input({"code", "entity_id", "objective_id", "name_ar", "name_en", "unit", "direction",
                                                  "frequency", "baseline", "source", "at_risk_margin"},
                                                 {"code", "name_ar", "name_en", "direction", "frequency"}));
  reg.AddSchema("KpiTarget", Obj({{"target", Number()}}, {"target"}));
  reg.AddSchema("KpiMeasurement", Obj({{"value", Number()}, {"reason", Str(2000)}}, {"value"}));
  reg.AddSchema("KpiRefresh", Obj({{"period", Str(16)}}, {"period"}));
  reg.AddSchema("KpiSourceList",
                ListOf("KpiSource"));
  reg.AddSchema("KpiSource", {{"type", "object"},
                              {"required", {"code", "name_ar", "name_en", "unit", "direction"}},
                              {"properties",
                               {{"code", Str(64)}, {"name_ar", Str()}, {"name_en", Str()}, {"unit", Str(32)},
                                {"direction", Enum(KpiDirections())}}}});
  reg.AddSchema("ActivityCreate",
                ActivityResource().Input({"entity_id", "objective_id", "title_ar", "title_en", "owner_login", "start_date",
                                          "due_date", "status", "progress", "notes"},
                                         {"entity_id", "title_ar", "title_en", "start_date", "due_date"}));
  reg.AddSchema("ActivityUpdate", ActivityResource().Input({"objective_id", "title_ar", "title_en", "owner_login",
                                                            "start_date", "due_date", "status", "progress", "notes"}));
}

}  // namespace

void Register(module::ModuleRegistry& reg) {
  reg.BeginModule("strategy", {"network"});
  using R = auth::Role;
  // Every member reads the network's strategies (one voice starts from one plan); the network
  // admins own the umbrella, each entity's admins its own strategy, and its editors follow up
  // the activities with them.
  reg.AddPermissions({
      {"strategy.read", {}, true, false, "See the umbrella strategy, every entity's strategy, traceability and activities"},
      {"strategy.umbrella.write", {}, false, true, "Write the umbrella strategy (network admins only)"},
      {"strategy.entity.write", {R::kEntityAdmin}, false, true, "Write the entity's strategy and link it to the umbrella"},
      {"strategy.activities.write", {R::kEntityAdmin, R::kEditor}, false, true, "Plan and follow up the entity's activities"},
      {"strategy.kpis.write", {R::kEntityAdmin}, false, true, "Define the entity's KPIs and their targets"},
      {"strategy.kpis.measure", {R::kEntityAdmin, R::kEditor, R::kAnalyst}, false, true,
       "Record the entity's KPI measurements and refresh them from their sources"},
  });
  RegisterVocabularies(reg);
  auto strategies = std::make_shared<StrategyService>(reg.services().store, reg);
  auto activities = std::make_shared<ActivityService>(reg.services().store, reg);
  auto kpis = std::make_shared<KpiService>(reg.services().store, reg);
  reg.Keep(kpis);
  reg.Keep(strategies);
  reg.Keep(activities);
  reg.AddMigrations(StrategyService::Migrations());
  reg.AddMigrations(KpiService::Migrations());
  reg.AddEntityReference("kpis", "entity_id");
  reg.AddEntityReference("strategies", "entity_id");
  reg.AddEntityReference("strategy_activities", "entity_id");
  reg.AddCalendarSource(std::make_shared<ActivityCalendarSource>());
  reg.AddMessages(kMessages);
  RegisterSchemas(reg);
  RegisterRoutes(reg, strategies, activities, kpis);
  reg.AddDemoSeeder([strategies, activities, kpis, &reg](store::Store& store, module::DemoContext& ctx) {
    return SeedDemo(*strategies, *activities, *kpis, reg, store, ctx);
  });
}

}  // namespace sawt::strategy
