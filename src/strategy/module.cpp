#include "strategy/module.hpp"

#include <algorithm>

#include "module/schema.hpp"
#include "strategy/activity_evidence.hpp"
#include "strategy/activity_service.hpp"
#include "strategy/calendar_source.hpp"
#include "strategy/compliance_demo.hpp"
#include "strategy/compliance_routes.hpp"
#include "strategy/compliance_service.hpp"
#include "strategy/demo.hpp"
#include "strategy/kpi_service.hpp"
#include "strategy/meeting_service.hpp"
#include "strategy/reminders.hpp"
#include "strategy/resources.hpp"
#include "strategy/routes.hpp"
#include "strategy/scorecard_service.hpp"
#include "strategy/strategy_service.hpp"
#include "strategy/vocabularies.hpp"

namespace sawt::strategy {
namespace {

using namespace module::schema;  // NOLINT: the schema vocabulary reads best unqualified
using core::Json;

const std::vector<http::Message> kMessages = {
    {"strategy.not_found", "الاستراتيجية رقم {0, digits} غير موجودة.", "Strategy {0} does not exist."},
    {"strategy.activity_not_found", "النشاط رقم {0, digits} غير موجود.", "Activity {0} does not exist."},
    {"strategy.entity_not_found", "الجهة رقم {0, digits} غير موجودة.", "Entity {0} does not exist."},
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
    {"strategy.bad_year", "السنة {0, digits} خارج المدى المقبول (2000 إلى 2100).", "Year {0} is outside 2000 to 2100."},
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
    {"strategy.already_active", "توجد استراتيجية سارية أخرى (رقم {0, digits})؛ أرشفها أولًا.",
     "Another strategy is active (number {0}); archive it first."},
    {"strategy.bad_umbrella", "الاستراتيجية رقم {0, digits} ليست استراتيجية مظلة قائمة.",
     "Strategy {0} is not a current umbrella strategy."},
    {"strategy.archived", "الاستراتيجية رقم {0, digits} مؤرشفة ولا يمكن تعديلها.", "Strategy {0} is archived and cannot change."},
    {"strategy.illegal_transition", "لا يمكن نقل الاستراتيجية من «{0}» إلى «{1}».",
     "A strategy cannot go from \"{0}\" to \"{1}\"."},
    {"strategy.if_match_required", "أرسل ترويسة If-Match بإصدار الاستراتيجية أو النشاط الذي قرأته.",
     "Send an If-Match header with the version you read."},
    {"strategy.not_umbrella", "الاستراتيجية رقم {0, digits} ليست الاستراتيجية المظلة؛ التتبع يُعرض للمظلة.",
     "Strategy {0} is not an umbrella strategy; traceability is shown for the umbrella."},
    {"strategy.bad_date", "الحقل {0} يجب أن يكون تاريخًا صحيحًا بصيغة YYYY-MM-DD.",
     "The field {0} must be a valid date (YYYY-MM-DD)."},
    {"strategy.bad_activity_status", "حالة النشاط «{0}» غير معروفة؛ الحالات: planned وin_progress وblocked وdone وcancelled.",
     "Unknown activity status \"{0}\"; use planned, in_progress, blocked, done or cancelled."},
    {"strategy.bad_progress", "نسبة الإنجاز عدد صحيح من 0 إلى 100.", "Progress is a whole number from 0 to 100."},
    {"strategy.bad_objective", "الهدف رقم {0, digits} ليس من استراتيجية قائمة لهذه الجهة.",
     "Objective {0} is not in a current strategy of this entity."},
    {"strategy.bad_activity_period", "تاريخ استحقاق النشاط يسبق تاريخ بدئه.", "The activity is due before it starts."},
    {"strategy.unknown_owner", "لا يوجد حساب باسم الدخول «{0}».", "There is no account with the login \"{0}\"."},
    {"strategy.bad_overdue", "قيمة overdue إما true أو false.", "overdue is true or false."},
    {"strategy.bad_logins", "الحقل {0} قائمة من 20 اسم دخول على الأكثر، كل منها نص من 1 إلى 64 حرفًا.",
     "The field {0} is a list of at most 20 logins, each 1 to 64 characters."},
    {"strategy.not_a_member", "«{0}» ليس عضوًا في جهة النشاط ولا في جهة أعلى منها.",
     "\"{0}\" is not a member of the activity's entity or of an entity above it."},
    {"strategy.bad_dependencies", "depends_on قائمة من 20 رقم نشاط على الأكثر.",
     "depends_on is a list of at most 20 activity ids."},
    {"strategy.unknown_dependency", "لا يوجد نشاط رقم {0, digits} يمكنك الاطلاع عليه.", "There is no activity {0} you can see."},
    {"strategy.self_dependency", "لا ينتظر النشاط نفسه.", "An activity cannot wait for itself."},
    {"strategy.dependency_cycle", "النشاط رقم {0, digits} ينتظر هذا النشاط (مباشرة أو عبر غيره)؛ لا يمكن أن ينتظر كل منهما الآخر.",
     "Activity {0} already waits for this one (directly or through others); they cannot wait for each other."},
    {"strategy.activity_waiting", "لا يُنجز النشاط قبل إنجاز الأنشطة التي ينتظرها أو إلغائها: {0}.",
     "The activity cannot be done before the activities it waits for are done or cancelled: {0}."},
    {"strategy.meeting_not_found", "الاجتماع رقم {0, digits} غير موجود.", "Meeting {0} does not exist."},
    {"strategy.kpi_not_found", "المؤشر رقم {0, digits} غير موجود.", "KPI {0} does not exist."},
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
    {"strategy.bad_period_code", "الفترة «{0}» لا تناسب الدورية {1} (مثل «2026» أو «2026-Q3» أو «2026-09»).",
     "Period \"{0}\" does not fit the {1} frequency (e.g. 2026, 2026-Q3 or 2026-09)."},
    {"strategy.future_period", "الفترة {0} لم تبدأ بعد.", "Period {0} has not begun yet."},
    {"strategy.reason_required", "الفترة {0} انتهت؛ اذكر سبب تسجيل قياسها أو تعديله.",
     "Period {0} has ended: give the reason for recording or changing its measurement."},
    {"strategy.kpi_fed_by_source", "هذا المؤشر يُحتسب من المصدر «{0}»؛ حدّثه من مصدره.",
     "This KPI is computed from the source \"{0}\"; refresh it from its source."},
    {"strategy.kpi_is_manual", "المؤشر رقم {0, digits} يقيسه الأشخاص؛ سجّل قياسه يدويًا.",
     "KPI {0} is measured by people; record its measurement by hand."},
    {"compliance.template_not_found", "قالب الامتثال رقم {0, digits} غير موجود.", "Compliance template {0} does not exist."},
    {"compliance.bad_template_code", "رمز القالب «{0}» غير صالح: حروف لاتينية صغيرة وأرقام و. و_ و- حتى 64.",
     "Template code \"{0}\" is not valid: lower-case Latin letters, digits, '.', '_' and '-', up to 64."},
    {"compliance.template_code_taken", "رمز القالب «{0}» مستخدم.", "Template code \"{0}\" is taken."},
    {"compliance.bad_template_status", "الحالة «{0}» غير مقبولة؛ الحالات: draft وactive وarchived.",
     "Status \"{0}\" is not accepted; use draft, active or archived."},
    {"compliance.template_archived", "القالب رقم {0, digits} مؤرشف ولا يمكن تعديله.", "Template {0} is archived and cannot change."},
    {"compliance.bad_items", "بنود القالب قائمة من بند واحد إلى 100 بند، كل منها كائن.",
     "A template's items are a list of 1 to 100 objects."},
    {"compliance.bad_item_code", "رمز البند «{0}» غير صالح: حتى 32 حرفًا لاتينيًا أو رقمًا أو . أو _ أو -.",
     "Item code \"{0}\" is not valid: up to 32 Latin letters, digits, '.', '_' or '-'."},
    {"compliance.duplicate_item", "رمز البند «{0}» مكرر في القالب.", "Item code \"{0}\" appears twice."},
    {"compliance.bad_axis", "المحور «{0}» ليس من محاور دليل الاتصال الحكومي السبعة.",
     "\"{0}\" is not one of the general guide's seven axes."},
    {"compliance.bad_principle", "المبدأ «{0}» ليس من مبادئ الدليل (انظر ‎/api/v1/vocabularies).",
     "\"{0}\" is not one of the guide's principles (see /api/v1/vocabularies)."},
    {"compliance.bad_weight", "وزن البند «{0}» عدد صحيح من 1 إلى 100.", "The weight of item \"{0}\" is a whole number from 1 to 100."},
    {"compliance.item_in_use", "لا يمكن حذف البند «{0}»؛ أجابت عنه تقييمات أو أُرفقت له أدلة.",
     "Item \"{0}\" cannot be removed: assessments answered it or attached evidence to it."},
    {"compliance.if_match_required", "أرسل ترويسة If-Match بإصدار القالب الذي قرأته.",
     "Send an If-Match header with the version of the template you read."},
    {"compliance.assessment_not_found", "التقييم رقم {0, digits} غير موجود.", "Assessment {0} does not exist."},
    {"compliance.bad_period", "الفترة «{0}» غير صالحة؛ أمثلة: «2026» أو «2026-H1» أو «2026-Q3».",
     "Period \"{0}\" is not valid; e.g. 2026, 2026-H1 or 2026-Q3."},
    {"compliance.bad_status", "حالة التقييم «{0}» غير معروفة؛ الحالات: draft وsubmitted وreturned وreviewed.",
     "Unknown assessment status \"{0}\"; use draft, submitted, returned or reviewed."},
    {"compliance.template_not_active", "القالب رقم {0, digits} ليس قالبًا ساريًا.", "Template {0} is not an active template."},
    {"compliance.no_active_template", "لا يوجد قالب امتثال سارٍ؛ يفعّله مدير الشبكة أولًا.",
     "There is no active compliance template; a network admin activates one first."},
    {"compliance.assessment_exists", "للجهة تقييم للفترة {0} بهذا القالب (رقم {1, digits}).",
     "The entity already has an assessment for {0} with this template (number {1})."},
    {"compliance.bad_level", "المستوى عدد صحيح من 0 (غير مطبق) إلى 4 (مطبق بالكامل).",
     "The level is a whole number from 0 (not in place) to 4 (fully in place)."},
    {"compliance.item_not_found", "البند «{0}» ليس في قالب هذا التقييم.", "Item \"{0}\" is not in this assessment's template."},
    {"compliance.illegal_transition", "لا يمكن نقل التقييم من «{0}» إلى «{1}».", "An assessment cannot go from \"{0}\" to \"{1}\"."},
    {"compliance.not_editable", "لا تتغير إجابات الجهة وأدلتها وهو في حالة «{0}».",
     "The entity's answers and evidence cannot change while the assessment is \"{0}\"."},
    {"compliance.incomplete", "التقييم غير مكتمل؛ بنود بلا إجابة أو بلا دليل مطلوب: {0}.",
     "The assessment is incomplete; items without an answer or a required evidence file: {0}."},
    {"compliance.bad_file_name", "اسم الملف مطلوب: حتى 200 بايت، بلا مسارات ولا محارف تحكم أو اتجاه.",
     "A file name is required: up to 200 bytes, no path, control or direction characters."},
    {"compliance.empty_file", "الملف فارغ.", "The file is empty."},
    {"compliance.file_too_large", "ملف الدليل أكبر من 10 ميغابايت.", "The evidence file is larger than 10 MiB."},
    {"compliance.unsupported_file", "نوع الملف غير مقبول دليلًا؛ المقبول: PDF وPNG وJPEG وWebP ومستندات Office ونص UTF-8.",
     "This kind of file is not accepted as evidence; use PDF, PNG, JPEG, WebP, Office documents or UTF-8 text."},
    {"compliance.type_mismatch", "محتوى الملف لا يطابق النوع المعلن في Content-Type.",
     "The file's content does not match the Content-Type it was sent with."},
    {"compliance.evidence_not_found", "الدليل رقم {0, digits} غير موجود.", "Evidence file {0} does not exist."},
    {"strategy.activity_evidence_not_found", "ملف الدليل رقم {0, digits} غير موجود.", "Evidence file {0} does not exist."},
    {"strategy.too_many_evidence_files", "للنشاط {0, number} ملف دليل، وهو الحد الأقصى؛ احذف ملفًا قبل إضافة غيره.",
     "The activity already has {0} evidence files, the most it may have; remove one before adding another."},
    {"compliance.bad_report_lang", "لغة التقرير «{0}» غير مدعومة؛ ar أو en.", "Report language \"{0}\" is not supported; use ar or en."},
    {"compliance.bad_report_digits", "الأرقام «{0}» غير مدعومة؛ arab أو latn.", "Digits \"{0}\" are not supported; use arab or latn."},
    {"compliance.bad_report_format", "صيغة التقرير «{0}» غير متاحة هنا.", "Report format \"{0}\" is not available here."},
};

void RegisterComplianceSchemas(module::ModuleRegistry& reg) {
  const Json axis = Enum(reg.vocabulary("axes"));
  Json item = TemplateItemResource().Schema();
  item["properties"]["axis"] = axis;
  Json template_schema = TemplateResource().Schema();
  template_schema["properties"]["items"]["items"] = item;
  reg.AddSchema("ComplianceTemplate", template_schema);
  reg.AddSchema("ComplianceTemplateList", ListOf("ComplianceTemplate"));
  Json item_input = TemplateItemResource().Input({"code", "axis", "principle", "title_ar", "title_en", "weight", "evidence_required"},
                                                 {"code", "axis", "title_ar", "title_en", "weight"});
  item_input["properties"]["axis"] = axis;
  item_input["properties"]["principle"] = Enum(CompliancePrinciples(), true);
  const Json items = {{"type", "array"}, {"minItems", 1}, {"maxItems", 100}, {"items", item_input}};
  Json create = TemplateResource().Input({"code", "title_ar", "title_en", "status"}, {"code", "title_ar", "title_en"});
  create["properties"]["items"] = items;
  create["required"].push_back("items");
  reg.AddSchema("ComplianceTemplateCreate", create);
  Json update = TemplateResource().Input({"title_ar", "title_en", "status"});
  update["properties"]["items"] = items;
  reg.AddSchema("ComplianceTemplateUpdate", update);

  reg.AddSchema("Assessment", AssessmentResource().Schema());
  Json summary = AssessmentResource().Schema();
  for (const char* added : {"answers", "self_scores", "review_scores"}) {
    summary["properties"].erase(added);
    auto& required = summary["required"];
    required.erase(std::remove(required.begin(), required.end(), Json(added)), required.end());
  }
  reg.AddSchema("AssessmentSummary", summary);
  reg.AddSchema("AssessmentCreate", AssessmentResource().Input({"entity_id", "period", "template_id"}, {"entity_id", "period"}));
  reg.AddSchema("AssessmentAnswer",
                Obj({{"level", {{"type", {"integer", "null"}}, {"minimum", 0}, {"maximum", 4}, {"description", "null takes the answer back"}}}, {"comment", Str(4000)}}, {"level"}));
  reg.AddSchema("AssessmentSubmit", Obj({{"note", Str(4000)}}));
  reg.AddSchema("AssessmentReturn", Obj({{"note", Str(4000)}}, {"note"}));
  reg.AddSchema("AssessmentComplete", Obj({{"note", Str(4000)}}));
  reg.AddSchema("Evidence", EvidenceResource().Schema());

  const Json score = {{"type", {"number", "null"}}, {"minimum", 0}, {"maximum", 100}};
  Json cell_axes = {{"type", "object"}, {"additionalProperties", score}};
  Json heat_row = Obj({{"entity_id", Int()}, {"code", Str(64)}, {"name_ar", Str()}, {"name_en", Str()},
                       {"assessment_id", NullableInt()},
                       {"status", Enum(ComplianceStatuses())},
                       {"overall", score}, {"axes", cell_axes}},
                      {"entity_id", "code", "name_ar", "name_en", "assessment_id", "status", "overall", "axes"});
  reg.AddSchema("Heatmap", Obj({{"period", NullableStr(16)}, {"periods", {{"type", "array"}, {"items", Str(16)}}},
                                {"axes", {{"type", "array"}, {"items", axis}}}, {"rows", {{"type", "array"}, {"items", heat_row}}},
                                {"average", Obj({{"overall", score}, {"axes", cell_axes}}, {"overall", "axes"})}},
                               {"period", "periods", "axes", "rows", "average"}));
  const Json count = Int();
  Json period_row = Obj({{"period", Str(16)}, {"assessment_id", Int()}, {"status", Enum(AssessmentStatuses())}, {"scores", ScoresSchema()}},
                        {"period", "assessment_id", "status", "scores"});
  Json kpi_row = Obj({{"id", Int()}, {"code", Str(64)}, {"name_ar", Str()}, {"name_en", Str()}, {"unit", Str(32)},
                      {"direction", Enum(KpiDirections())}, {"status", Enum(KpiStatuses())}, {"period", NullableStr(16)},
                      {"value", {{"type", {"number", "null"}}}}, {"target", {{"type", {"number", "null"}}}}},
                     {"id", "code", "name_ar", "name_en", "unit", "direction", "status", "period", "value", "target"});
  Json counts = {{"type", "object"}, {"additionalProperties", count}};
  reg.AddSchema(
      "Scorecard",
      Obj({{"entity", Obj({{"id", Int()}, {"code", Str(64)}, {"name_ar", Str()}, {"name_en", Str()}}, {"id", "code", "name_ar", "name_en"})},
           {"periods", {{"type", "array"}, {"items", period_row}}},
           {"latest", {{"oneOf", {period_row, {{"type", "null"}}}}}},
           {"kpis", Obj({{"total", count}, {"by_status", counts}, {"items", {{"type", "array"}, {"items", kpi_row}}}},
                        {"total", "by_status", "items"})},
           {"activities", Obj({{"total", count}, {"by_status", counts}, {"overdue", count}, {"open", count}, {"on_track", count},
                               {"on_track_share", score}},
                              {"total", "by_status", "overdue", "open", "on_track", "on_track_share"})}},
          {"entity", "periods", "latest", "kpis", "activities"}));
}

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
  reg.AddSchema("ActivityEvidence", ActivityEvidenceResource().Schema());
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
                ActivityResource().Input({"entity_id", "objective_id", "title_ar", "title_en", "owner_login", "accountable",
                                          "consulted", "informed", "depends_on", "start_date", "due_date", "status",
                                          "progress", "notes"},
                                         {"entity_id", "title_ar", "title_en", "start_date", "due_date"}));
  RegisterComplianceSchemas(reg);
  reg.AddSchema("Meeting", MeetingResource().Schema());
  Json meeting_summary = MeetingResource().Schema();
  meeting_summary["properties"].erase("decisions");
  meeting_summary["required"].erase(std::remove(meeting_summary["required"].begin(), meeting_summary["required"].end(), Json("decisions")),
                                    meeting_summary["required"].end());
  reg.AddSchema("MeetingSummary", meeting_summary);
  reg.AddSchema("MeetingCreate", MeetingResource().Input({"entity_id", "title_ar", "title_en", "held_on", "attendees", "minutes"},
                                                         {"entity_id", "title_ar", "title_en", "held_on"}));
  reg.AddSchema("MeetingUpdate", MeetingResource().Input({"title_ar", "title_en", "held_on", "attendees", "minutes"}));
  Json decision = DecisionResource().Input({"text_ar", "text_en"}, {"text_ar", "text_en"});
  decision["properties"]["activity"] =
      ActivityResource().Input({"title_ar", "title_en", "owner_login", "accountable", "consulted", "informed", "depends_on",
                                "start_date", "due_date", "objective_id", "status", "notes"},
                               {"due_date"});
  reg.AddSchema("MeetingDecision", decision);
  reg.AddSchema("ActivityUpdate", ActivityResource().Input({"objective_id", "title_ar", "title_en", "owner_login", "accountable",
                                                            "consulted", "informed", "depends_on", "start_date", "due_date",
                                                            "status", "progress", "notes"}));
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
      {"strategy.compliance.templates.write", {}, false, true, "Write the compliance checklist templates (network admins only)"},
      {"strategy.compliance.read",
       {R::kEntityAdmin, R::kEditor, R::kReviewer, R::kSpokesperson, R::kAnalyst, R::kTrainer, R::kMember}, false, false,
       "See the entity's assessments in detail: answers, comments and evidence files"},
      {"strategy.compliance.assess", {R::kEntityAdmin}, false, true,
       "Assess the entity against the guide: answers, evidence files, submission"},
      {"strategy.compliance.review", {}, false, true, "Review, return and complete the entities' assessments (network admins only)"},
  });
  RegisterVocabularies(reg);
  auto strategies = std::make_shared<StrategyService>(reg.services().store, reg);
  auto activities = std::make_shared<ActivityService>(reg.services().store, reg, reg.services().auth);
  auto kpis = std::make_shared<KpiService>(reg.services().store, reg);
  reg.Keep(kpis);
  reg.Keep(strategies);
  reg.Keep(activities);
  auto meetings = std::make_shared<MeetingService>(reg.services().store, reg, *activities);
  reg.Keep(meetings);
  auto compliance = std::make_shared<ComplianceService>(reg.services().store, reg);
  auto scorecards = std::make_shared<ScorecardService>(reg.services().store, reg);
  reg.Keep(compliance);
  reg.Keep(scorecards);
  reg.AddMigrations(StrategyService::Migrations());
  reg.AddMigrations(KpiService::Migrations());
  reg.AddMigrations(ComplianceService::Migrations());
  reg.AddMigrations(MeetingService::Migrations());
  reg.AddMigrations(ActivityEvidenceMigrations());
  reg.AddEntityReference("kpis", "entity_id");
  reg.AddEntityReference("strategies", "entity_id");
  reg.AddEntityReference("strategy_activities", "entity_id");
  reg.AddEntityReference("compliance_assessments", "entity_id");
  reg.AddEntityReference("strategy_meetings", "entity_id");
  reg.AddCalendarSource(std::make_shared<ActivityCalendarSource>());
  // Activity reminders: due-soon and overdue events, and the notifications their people get.
  reg.AddMigrations(ActivityReminders::Migrations());
  auto reminders = std::make_shared<ActivityReminders>(reg.services().store, reg);
  reg.Keep(reminders);
  reg.AddWorker("reminders", [reminders](std::stop_token stop) { reminders->Run(stop); });
  reg.AddNotificationSource(std::make_shared<ActivityNotificationSource>());
  reg.AddMessages(ActivityNotificationSource::Messages());
  reg.AddMessages(kMessages);
  RegisterSchemas(reg);
  RegisterRoutes(reg, strategies, activities, kpis, meetings);
  RegisterComplianceRoutes(reg, compliance, scorecards);
  reg.AddDemoSeeder([strategies, activities, kpis, meetings, compliance, &reg](store::Store& store, module::DemoContext& ctx) -> core::Status {
    SAWT_TRY_STATUS(SeedDemo(*strategies, *activities, *kpis, *meetings, reg, store, ctx));
    return SeedComplianceDemo(*compliance, reg, store, ctx);
  });
}

}  // namespace sawt::strategy
