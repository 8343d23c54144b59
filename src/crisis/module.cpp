#include "crisis/module.hpp"

#include "crisis/calendar_source.hpp"
#include "crisis/crisis_service.hpp"
#include "crisis/demo.hpp"
#include "crisis/notification_source.hpp"
#include "crisis/resources.hpp"
#include "crisis/room_service.hpp"
#include "crisis/routes.hpp"
#include "crisis/template_service.hpp"
#include "crisis/vocabularies.hpp"
#include "module/schema.hpp"

namespace sawt::crisis {
namespace {

using namespace module::schema;  // NOLINT: the schema vocabulary reads best unqualified
using core::Json;

const std::vector<http::Message> kMessages = {
    {"crisis.not_found", "الأزمة رقم {0, digits} غير موجودة.", "Crisis {0} does not exist."},
    {"crisis.task_not_found", "المهمة رقم {0, digits} غير موجودة في هذه الأزمة.", "Task {0} does not exist in this crisis."},
    {"crisis.entity_not_found", "الجهة رقم {0, digits} غير موجودة.", "Entity {0} does not exist."},
    {"crisis.lead_is_affected", "الجهة القائدة لا تُدرج ضمن الجهات المتأثرة.", "The lead entity cannot also be an affected one."},
    {"crisis.bad_affected", "الجهات المتأثرة قائمة من 50 رقم جهة على الأكثر.",
     "Affected entities are a list of at most 50 entity ids."},
    {"crisis.bad_area",
     "الحقل {0} غير صحيح: المناطق قائمة من 10 على الأكثر، لكل منها وصف بالعربية والإنجليزية ومضلعات أو دوائر بصيغة CAP 1.2.",
     "The field {0} is not valid: areas are a list of at most 10, each with Arabic and English words and CAP 1.2 polygons or circles."},
    {"crisis.bad_themes", "المحاور قائمة من 20 رمزًا على الأكثر.", "Themes are a list of at most 20 codes."},
    {"crisis.unknown_theme", "المحور «{0}» غير موجود في مكتبة المحاور.", "Unknown theme \"{0}\"."},
    {"crisis.bad_roles", "الأدوار قائمة من 100 تكليف على الأكثر، لكل منها رقم حساب ودور.",
     "Roles are a list of at most 100 assignments, each an account id and a role."},
    {"crisis.bad_role", "الدور «{0}» غير معروف؛ الأدوار: lead وspokesperson وapprover وmonitoring.",
     "Unknown role \"{0}\"; use lead, spokesperson, approver or monitoring."},
    {"crisis.needs_lead", "لا بد لغرفة الأزمة من قائد واحد على الأقل.", "A crisis room needs at least one lead."},
    {"crisis.unknown_member", "الحساب رقم {0, digits} ليس عضوًا في الشبكة.", "Account {0} is not a member of the network."},
    {"crisis.bad_kind", "النوع «{0}» غير معروف؛ الأنواع: real وdrill.", "Unknown kind \"{0}\"; use real or drill."},
    {"crisis.bad_type", "نوع الأزمة «{0}» غير معروف.", "Unknown crisis type \"{0}\"."},
    {"crisis.bad_severity", "درجة الخطورة «{0}» غير معروفة؛ الدرجات: minor وmoderate وsevere وextreme.",
     "Unknown severity \"{0}\"; use minor, moderate, severe or extreme."},
    {"crisis.bad_status", "الحالة «{0}» غير معروفة؛ الحالات: active وclosed.", "Unknown status \"{0}\"; use active or closed."},
    {"crisis.bad_task_status", "حالة المهمة «{0}» غير معروفة؛ الحالات: open وdone وcancelled.",
     "Unknown task status \"{0}\"; use open, done or cancelled."},
    {"crisis.bad_entry_kind", "لا يُكتب في سجل الأزمة إلا ملاحظة أو قرار أو رصد (note وdecision وsignal)، لا «{0}».",
     "Members write notes, decisions or signals in the timeline (note, decision, signal), not \"{0}\"."},
    {"crisis.empty_entry", "اكتب نص المدخل بالعربية أو بالإنجليزية.", "Write the entry's text in Arabic or English."},
    {"crisis.bad_time", "الحقل {0} يجب أن يكون وقتًا بتوقيت UTC بصيغة YYYY-MM-DDTHH:MM:SSZ.",
     "The field {0} must be a UTC time (YYYY-MM-DDTHH:MM:SSZ)."},
    {"crisis.closed", "الأزمة رقم {0, digits} منتهية ولا يمكن تعديلها.", "Crisis {0} is closed and cannot change."},
    {"crisis.template_not_found", "القالب رقم {0, digits} غير موجود.", "Template {0} does not exist."},
    {"crisis.bad_template_code", "رمز القالب «{0}» غير صحيح: أحرف إنجليزية صغيرة وأرقام و- و_ (حتى 64).",
     "The template code \"{0}\" is not valid: lower-case letters, digits, - and _ (up to 64)."},
    {"crisis.template_code_taken", "يوجد قالب بالرمز «{0}».", "A template with the code \"{0}\" exists."},
    {"crisis.bad_template_status", "حالة القالب «{0}» غير معروفة؛ الحالات: active وretired.",
     "Unknown template status \"{0}\"; use active or retired."},
    {"crisis.bad_values", "القيم كائن من 50 قيمة نصية على الأكثر (حتى 300 بايت لكل منها).",
     "Values are an object of at most 50 texts (up to 300 bytes each)."},
    {"crisis.unknown_placeholder", "لا يحوي القالب الحقل «{0}».", "The template has no placeholder \"{0}\"."},
    {"crisis.task_finished", "المهمة رقم {0, digits} في الحالة «{1}» ولا يمكن تعديلها.",
     "Task {0} is \"{1}\" and cannot change."},
};

void RegisterSchemas(module::ModuleRegistry& reg) {
  const module::Resource& crisis = CrisisResource();
  reg.AddSchema("Crisis", crisis.Schema());
  const Json role = Obj({{"account_id", Int()}, {"role", Enum(RoomRoles())}}, {"account_id", "role"});
  const Json roles = {{"type", "array"}, {"maxItems", 100}, {"items", role}};
  reg.AddSchema("CrisisDeclare",
                crisis.Input({"kind", "crisis_type", "severity", "title_ar", "title_en", "situation_ar", "situation_en",
                              "lead_entity_id", "affected_entity_ids", "areas", "themes"},
                             {"kind", "crisis_type", "severity", "title_ar", "title_en", "lead_entity_id"},
                             {{"roles", roles}}));
  reg.AddSchema("CrisisUpdate", crisis.Input({"title_ar", "title_en", "severity", "situation_ar", "situation_en",
                                              "affected_entity_ids", "areas", "themes"}));
  reg.AddSchema("CrisisRoles", Obj({{"roles", roles}}, {"roles"}));
  reg.AddSchema("CrisisClose", crisis.Input({"lessons_ar", "lessons_en"}));
  const module::Resource& task = TaskResource();
  reg.AddSchema("CrisisTask", task.Schema());
  reg.AddSchema("CrisisTaskList", ListOf("CrisisTask"));
  reg.AddSchema("CrisisTaskCreate", task.Input({"title_ar", "title_en", "owner_account_id", "due_at"},
                                               {"title_ar", "title_en", "owner_account_id"}));
  Json task_update = task.Input({"title_ar", "title_en", "owner_account_id", "status"}, {},
                                {{"due_at", {{"type", {"string", "null"}}, {"format", "date-time"}}}});
  reg.AddSchema("CrisisTaskUpdate", task_update);
  const module::Resource& entry = TimelineEntryResource();
  reg.AddSchema("CrisisTimelineEntry", entry.Schema());
  reg.AddSchema("CrisisTimeline", ListOf("CrisisTimelineEntry"));
  const module::Resource& tmpl = TemplateResource();
  reg.AddSchema("CrisisTemplate", tmpl.Schema());
  reg.AddSchema("CrisisTemplateList", ListOf("CrisisTemplate"));
  reg.AddSchema("CrisisTemplateCreate", tmpl.Input({"code", "crisis_type", "title_ar", "title_en", "body_ar", "body_en"},
                                                   {"code", "crisis_type", "title_ar", "title_en", "body_ar", "body_en"}));
  reg.AddSchema("CrisisTemplateUpdate", tmpl.Input({"crisis_type", "title_ar", "title_en", "body_ar", "body_en", "status"}));
  reg.AddSchema("CrisisTemplateValues",
                Obj({{"values", {{"type", "object"}, {"maxProperties", 50}, {"additionalProperties", Str(300)}}}}, {"values"}));
  reg.AddSchema("CrisisTemplateRendered",
                Obj({{"title_ar", Str()}, {"title_en", Str()}, {"body_ar", Str(20000)}, {"body_en", Str(20000)},
                     {"missing", {{"type", "array"}, {"items", Str(32)}}}},
                    {"title_ar", "title_en", "body_ar", "body_en", "missing"}));
  reg.AddSchema("CrisisTimelineWrite",
                Obj({{"kind", {{"enum", {"note", "decision", "signal"}}}}, {"text_ar", Str(4000)}, {"text_en", Str(4000)}},
                    {"kind"}));
}

}  // namespace

void Register(module::ModuleRegistry& reg) {
  reg.BeginModule("crisis", {"network", "messaging"});
  using R = auth::Role;
  // Every member follows a crisis; the lead entity's admins (and the network admins) declare and
  // run it; its editors and spokespeople, and those of the affected entities, write in its room.
  reg.AddPermissions({
      {"crisis.read", {}, true, false, "Follow crises and drills and their rooms"},
      {"crisis.declare", {R::kEntityAdmin}, false, true, "Declare a crisis or a drill led by the entity"},
      {"crisis.manage", {R::kEntityAdmin}, false, true,
       "Run a crisis the entity leads: situation, roles, tasks, closing (the room's lead may too)"},
      {"crisis.contribute", {R::kEntityAdmin, R::kEditor, R::kSpokesperson}, false, true,
       "Write notes, decisions and signals in the room of a crisis the entity leads or is affected by"},
      {"crisis.templates", {}, false, true, "Write holding-statement templates (network admins only)"},
  });
  RegisterVocabularies(reg);
  auto crises = std::make_shared<CrisisService>(reg.services().store, reg);
  auto rooms = std::make_shared<RoomService>(reg.services().store, reg);
  reg.Keep(crises);
  auto templates = std::make_shared<TemplateService>(reg.services().store);
  reg.Keep(rooms);
  reg.Keep(templates);
  reg.AddMigrations(CrisisService::Migrations());
  reg.AddMigrations(TemplateService::Migrations());
  reg.AddEntityReference("crises", "lead_entity_id");
  reg.AddEntityReference("crisis_entities", "entity_id");
  reg.AddMessages(kMessages);
  reg.AddMessages(CrisisNotificationSource::Messages());
  reg.AddCalendarSource(std::make_shared<CrisisCalendarSource>());
  reg.AddNotificationSource(std::make_shared<CrisisNotificationSource>(reg));
  RegisterSchemas(reg);
  RegisterRoutes(reg, crises, rooms, templates);
  reg.AddDemoSeeder([templates](store::Store&, module::DemoContext& ctx) { return SeedDemo(*templates, ctx); });
}

}  // namespace sawt::crisis
