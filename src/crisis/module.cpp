#include "crisis/module.hpp"

#include "crisis/alert_stream.hpp"
#include "crisis/calendar_source.hpp"
#include "crisis/crisis_service.hpp"
#include "crisis/demo.hpp"
#include "crisis/kpi_sources.hpp"
#include "crisis/report_service.hpp"
#include "crisis/notification_source.hpp"
#include "crisis/resources.hpp"
#include "crisis/room_service.hpp"
#include "crisis/public_alerts.hpp"
#include "crisis/routes.hpp"
#include "crisis/statement_routes.hpp"
#include "crisis/statement_service.hpp"
#include "crisis/template_service.hpp"
#include "crisis/vocabularies.hpp"
#include "crisis/webhook_routes.hpp"
#include "crisis/webhook_service.hpp"
#include "crisis/webhook_worker.hpp"
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
    {"crisis.bad_last_event_id", "قيمة Last-Event-ID غير صالحة.", "Last-Event-ID is not valid."},
    {"crisis.too_many_streams", "بلغ عدد المتابعين المباشرين للتنبيهات الحد الأقصى؛ أعد المحاولة بعد قليل.",
     "The live alert stream has as many listeners as it can take; try again shortly."},
    {"crisis.already_paused", "النشر موقوف بقرار من هذه الأزمة (رقم {0, digits})؛ استأنفه أولًا لتغيير نطاق الإيقاف.",
     "Publishing is already paused by this crisis ({0}); resume it first to change what the pause covers."},
    {"crisis.not_paused", "لم توقف الأزمة رقم {0, digits} النشر، أو استُؤنف من قبل.",
     "Crisis {0} has not paused publishing, or it has already resumed."},
    {"crisis.bad_required_approvals", "عدد المعتمِدين المطلوب بين 1 و5.", "The number of approvers required is 1 to 5."},
    {"crisis.statement_not_found", "البيان رقم {0, digits} غير موجود في هذه الأزمة.", "Statement {0} does not exist in this crisis."},
    {"crisis.alert_not_found", "لا يوجد تنبيه منشور برقم {0, digits}.", "There is no published alert {0}."},
    {"crisis.bad_urgency", "درجة الاستعجال «{0}» غير معروفة.", "Unknown urgency \"{0}\"."},
    {"crisis.bad_certainty", "درجة التأكد «{0}» غير معروفة.", "Unknown certainty \"{0}\"."},
    {"crisis.bad_msg_type", "نوع البيان «{0}» غير معروف؛ الأنواع: alert وupdate وcancel.",
     "Unknown statement type \"{0}\"; use alert, update or cancel."},
    {"crisis.bad_channels", "القنوات قائمة من 20 قناة معروفة على الأكثر ({0}).", "Channels are a list of at most 20 known channels ({0})."},
    {"crisis.alert_supersedes", "البيان الأول (تنبيه) لا يحل محل بيان سابق؛ التحديث أو الإلغاء هو ما يفعل.",
     "An alert supersedes nothing; an update or a cancellation does."},
    {"crisis.supersedes_required", "{0, select, cancel {الإلغاء} other {التحديث}} يسمّي البيان المنشور الذي يحل محله (supersedes_id).",
     "{0, select, cancel {A cancellation} other {An update}} names the published statement it supersedes (supersedes_id)."},
    {"crisis.bad_supersedes", "البيان رقم {0, digits} ليس بيانًا منشورًا في هذه الأزمة.",
     "Statement {0} is not a published statement of this crisis."},
    {"crisis.statement_not_draft", "البيان رقم {0, digits} في الحالة «{1}»؛ لا تُعدَّل إلا المسودات.",
     "Statement {0} is \"{1}\"; only drafts can be edited."},
    {"crisis.statement_illegal_transition", "لا يمكن نقل البيان من «{0}» إلى «{1}».", "A statement cannot go from \"{0}\" to \"{1}\"."},
    {"crisis.statement_misaligned",
     "{0, plural, one {في البيان خطأ واحد} two {في البيان خطآن} few {في البيان # أخطاء} other {في البيان # خطأً}} في فحص الصوت الواحد؛ صحّحه أو اكتب سبب التجاوز (override_reason).",
     "The one-voice check finds {0, plural, one {# error} other {# errors}} in the statement; correct it or write why it goes out anyway (override_reason)."},
    {"crisis.author_cannot_approve", "لا يعتمد كاتب البيان بيانه؛ يعتمده معتمِدون آخرون.",
     "The author of a statement cannot approve it; other approvers do."},
    {"crisis.already_approved", "اعتمدتَ البيان رقم {0, digits} من قبل.", "You have already approved statement {0}."},
    {"crisis.statement_not_in_approval", "البيان رقم {0, digits} في الحالة «{1}» وليس بانتظار الاعتماد.",
     "Statement {0} is \"{1}\", not awaiting approval."},
    {"crisis.webhook_not_found", "المشترك رقم {0, digits} غير موجود.", "Webhook subscriber {0} does not exist."},
    {"crisis.bad_webhook_url", "عنوان المشترك يجب أن يكون عنوان http:// أو https:// كاملًا (حتى 2000 بايت).",
     "The subscriber's address must be a full http:// or https:// URL (up to 2000 bytes)."},
    {"crisis.bad_delivery_state", "حالة الإرسال «{0}» غير معروفة؛ الحالات: pending وdelivered وfailed وcancelled.",
     "Unknown delivery state \"{0}\"; use pending, delivered, failed or cancelled."},
    {"crisis.delivery_not_found", "الإرسال رقم {0, digits} غير موجود لهذا المشترك.", "Delivery {0} does not exist for this subscriber."},
    {"crisis.delivery_delivered", "وصل الإرسال رقم {0, digits} إلى المشترك؛ لا يُعاد إرسال ما وصل.",
     "Delivery {0} has reached the subscriber; what has arrived is not sent again."},
    {"crisis.kpi_no_crises", "لم تُعلن في هذه الفترة أزمة فعلية نُشر فيها بيان؛ لا يوجد زمن يُقاس.",
     "No real crisis declared in this period has a published statement; there is no time to measure."},
    {"crisis.kpi_no_statements", "لم يُنشر في هذه الفترة بيان أزمة؛ لا يوجد زمن اعتماد يُقاس.",
     "No crisis statement was published in this period; there is no approval time to measure."},
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
                              "lead_entity_id", "affected_entity_ids", "areas", "themes", "required_approvals"},
                             {"kind", "crisis_type", "severity", "title_ar", "title_en", "lead_entity_id"},
                             {{"roles", roles}}));
  reg.AddSchema("CrisisUpdate", crisis.Input({"title_ar", "title_en", "severity", "situation_ar", "situation_en",
                                              "affected_entity_ids", "areas", "themes", "required_approvals"}));
  reg.AddSchema("CrisisRoles", Obj({{"roles", roles}}, {"roles"}));
  reg.AddSchema("CrisisClose", crisis.Input({"lessons_ar", "lessons_en"}));
  reg.AddSchema("CrisisPause", Obj({{"reason", Str(2000)}, {"channels", {{"type", "array"}, {"maxItems", 20}, {"items", Str(32)}}}},
                                   {"reason"}));
  reg.AddSchema("CrisisResume", Obj({{"reason", Str(2000)}}));
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
  const module::Resource& statement = StatementResource();
  reg.AddSchema("CrisisStatement", statement.Schema());
  Json checked = statement.Schema();
  checked["properties"]["alignment"] = {{"type", "object"}};
  checked["required"].push_back("alignment");
  reg.AddSchema("CrisisStatementChecked", checked);
  reg.AddSchema("CrisisStatementList", ListOf("CrisisStatement"));
  const std::vector<std::string> texts = {"title_ar", "title_en", "body_ar", "body_en", "instruction_ar", "instruction_en",
                                          "urgency", "certainty", "channels"};
  std::vector<std::string> create = texts;
  create.insert(create.end(), {"msg_type", "supersedes_id", "template_id"});
  reg.AddSchema("CrisisStatementCreate", statement.Input(create, {"title_ar", "title_en", "body_ar", "body_en"}));
  reg.AddSchema("CrisisStatementUpdate", statement.Input(texts));
  reg.AddSchema("CrisisStatementSubmit", Obj({{"override_reason", Str(2000)}}));
  reg.AddSchema("PublicStatement",
                Obj({{"id", Int()}, {"seq", Int()}, {"crisis_id", Int()}, {"msg_type", Enum(MessageTypes())},
                     {"kind", Enum(Kinds())}, {"crisis_type", Enum(Types())}, {"severity", Enum(Severities())},
                     {"urgency", Enum(Urgencies())}, {"certainty", Enum(Certainties())}, {"supersedes_id", NullableInt()},
                     {"title_ar", Str()}, {"title_en", Str()}, {"body_ar", Str(8000)}, {"body_en", Str(8000)},
                     {"instruction_ar", Str(2000)}, {"instruction_en", Str(2000)}, {"published_at", Timestamp()},
                     {"cap_url", Str(300)}},
                    {"id", "seq", "crisis_id", "msg_type", "kind", "crisis_type", "severity", "urgency", "certainty",
                     "supersedes_id", "title_ar", "title_en", "body_ar", "body_en", "instruction_ar", "instruction_en",
                     "published_at", "cap_url"}));
  reg.AddSchema("PublicStatementList", ListOf("PublicStatement"));
  const module::Resource& webhook = WebhookResource();
  reg.AddSchema("CrisisWebhook", webhook.Schema());
  reg.AddSchema("CrisisWebhookList", ListOf("CrisisWebhook"));
  Json with_secret = webhook.Schema();
  with_secret["properties"]["secret"] = Str(100);
  with_secret["required"].push_back("secret");
  reg.AddSchema("CrisisWebhookWithSecret", with_secret);
  reg.AddSchema("CrisisWebhookCreate", webhook.Input({"name", "url", "active", "include_drills"}, {"name", "url"}));
  reg.AddSchema("CrisisWebhookUpdate", webhook.Input({"name", "url", "active", "include_drills"}));
  reg.AddSchema("CrisisWebhookDelivery", DeliveryResource().Schema());
  const Json minutes = {{"type", {"number", "null"}}};
  const auto counts = [](std::vector<std::string> keys) {
    Json props = Json::object();
    for (const auto& k : keys) props[k] = Int();
    return Obj(props, keys);
  };
  const Json metrics = Obj(
      {{"declared_at", Timestamp()}, {"first_statement_at", NullableTimestamp()}, {"minutes_to_first_statement", minutes},
       {"statements_published", Int()}, {"updates", Int()}, {"cancellations", Int()}, {"approval_minutes_median", minutes},
       {"approval_minutes_max", minutes}, {"duration_hours", minutes}, {"channel_items", Int()}, {"entities_reached", Int()},
       {"webhook_deliveries", counts({"pending", "delivered", "failed", "cancelled"})},
       {"tasks", counts({"open", "done", "cancelled"})}},
      {"declared_at", "first_statement_at", "minutes_to_first_statement", "statements_published", "updates", "cancellations",
       "approval_minutes_median", "approval_minutes_max", "duration_hours", "channel_items", "entities_reached",
       "webhook_deliveries", "tasks"});
  const Json reported = Obj({{"id", Int()}, {"msg_type", Enum(MessageTypes())}, {"supersedes_id", NullableInt()},
                             {"title_ar", Str()}, {"title_en", Str()}, {"submitted_at", NullableTimestamp()},
                             {"published_at", Timestamp()}, {"approval_minutes", minutes}},
                            {"id", "msg_type", "supersedes_id", "title_ar", "title_en", "submitted_at", "published_at",
                             "approval_minutes"});
  reg.AddSchema("CrisisReport",
                Obj({{"crisis", {{"$ref", "#/components/schemas/Crisis"}}}, {"metrics", metrics},
                     {"statements", {{"type", "array"}, {"items", reported}}},
                     {"timeline", {{"type", "array"}, {"items", {{"$ref", "#/components/schemas/CrisisTimelineEntry"}}}}},
                     {"lessons_ar", Str(8000)}, {"lessons_en", Str(8000)}},
                    {"crisis", "metrics", "statements", "timeline", "lessons_ar", "lessons_en"}));
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
      {"crisis.webhooks", {}, false, true,
       "Register webhook subscribers of crisis statements and follow their deliveries (network admins only)"},
  });
  RegisterVocabularies(reg);
  auto crises = std::make_shared<CrisisService>(reg.services().store, reg);
  auto rooms = std::make_shared<RoomService>(reg.services().store, reg);
  reg.Keep(crises);
  auto templates = std::make_shared<TemplateService>(reg.services().store);
  const std::string& public_url = reg.services().settings.public_url;
  auto statements = std::make_shared<StatementService>(reg.services().store, reg, public_url);
  auto alerts = std::make_shared<PublicAlerts>(reg.services().store, reg, public_url);
  auto feed = std::make_shared<AlertFeed>(reg.services().store, public_url);
  reg.Keep(feed);
  reg.Keep(statements);
  reg.Keep(alerts);
  reg.Keep(rooms);
  reg.Keep(templates);
  auto reports = std::make_shared<ReportService>(reg.services().store, crises, rooms);
  reg.Keep(reports);
  reg.AddKpiSource(std::make_shared<FirstStatementKpi>());
  reg.AddKpiSource(std::make_shared<ApprovalMinutesKpi>());
  reg.AddKpiSource(std::make_shared<DrillsHeldKpi>());
  auto webhooks = std::make_shared<WebhookService>(reg.services().store);
  WebhookOptions delivery;
  delivery.addresses = reg.services().settings.webhook_addresses;
  delivery.trust.ca_file = reg.services().settings.tls_ca_file;
  auto webhook_worker = std::make_shared<WebhookWorker>(reg.services().store, std::move(delivery));
  reg.Keep(webhooks);
  reg.Keep(webhook_worker);
  reg.AddMigrations(CrisisService::Migrations());
  reg.AddMigrations(TemplateService::Migrations());
  reg.AddMigrations(StatementService::Migrations());
  reg.AddMigrations(WebhookService::Migrations());
  reg.AddEntityReference("crises", "lead_entity_id");
  reg.AddEntityReference("crisis_entities", "entity_id");
  reg.AddMessages(kMessages);
  reg.AddMessages(CrisisNotificationSource::Messages());
  reg.AddCalendarSource(std::make_shared<CrisisCalendarSource>());
  reg.AddNotificationSource(std::make_shared<CrisisNotificationSource>(reg));
  RegisterSchemas(reg);
  RegisterRoutes(reg, crises, rooms, templates, reports);
  RegisterStatementRoutes(reg, statements, alerts, feed);
  RegisterWebhookRoutes(reg, webhooks);
  reg.AddWorker("crisis_webhooks", [webhook_worker](std::stop_token stop) { webhook_worker->Run(stop); });
  reg.AddDemoSeeder([templates](store::Store&, module::DemoContext& ctx) { return SeedDemo(*templates, ctx); });
}

}  // namespace sawt::crisis
