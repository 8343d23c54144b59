// Thin HTTP handlers of the crisis module: parse → call the service → reply.
#include "crisis/routes.hpp"

#include "module/openapi.hpp"
#include "module/respond.hpp"

namespace sawt::crisis {

using namespace module::route_names;  // NOLINT: the route files' shared vocabulary

namespace {

void RegisterTemplateRoutes(module::ModuleRegistry& reg, std::shared_ptr<TemplateService> templates) {
  reg.AddRoute(module::MakeRoute("GET", "/api/v1/crisis-templates",
                                 {"Holding-statement templates (active ones unless include_retired=true)", {},
                                  {"crisis_type", "include_retired"}, "", "CrisisTemplateList"}),
               [templates](Request& req, const auth::Caller& caller) {
                 return Reply(req, templates->List(caller, module::QueryText(req, "crisis_type"),
                                                   module::QueryText(req, "include_retired") == "true"));
               });
  reg.AddRoute(module::MakeRoute("POST", "/api/v1/crisis-templates",
                                 {"Write a holding-statement template (network admins)", {}, {}, "CrisisTemplateCreate",
                                  "CrisisTemplate", 201, true, {409}}),
               module::CreateWithBody([templates](const auth::Caller& c, const Json& b) { return templates->Create(c, b); }));
  reg.AddRoute(module::MakeRoute("GET", "/api/v1/crisis-templates/{id}",
                                 {"Get a holding-statement template", {"id"}, {}, "", "CrisisTemplate", 200, true}),
               [templates](Request& req, const auth::Caller& caller) {
                 auto id = module::PathId(req);
                 if (!id) return Response::Problem(id.error(), req);
                 return ReplyWithEtag(req, templates->Get(caller, *id));
               });
  reg.AddRoute(module::MakeRoute("PATCH", "/api/v1/crisis-templates/{id}",
                                 {"Edit or retire a holding-statement template (network admins)", {"id"}, {},
                                  "CrisisTemplateUpdate", "CrisisTemplate", 200, true}),
               WithIdMatchBody([templates](const auth::Caller& c, int64_t id, std::optional<int64_t> m, const Json& b) {
                 return templates->Update(c, id, m, b);
               }));
  reg.AddRoute(module::MakeRoute("POST", "/api/v1/crisis-templates/{id}/render",
                                 {"Fill a template's placeholders", {"id"}, {}, "CrisisTemplateValues", "CrisisTemplateRendered"}),
               [templates](Request& req, const auth::Caller& caller) {
                 auto id = module::PathId(req);
                 if (!id) return Response::Problem(id.error(), req);
                 auto body = module::JsonBody(req);
                 if (!body) return Response::Problem(body.error(), req);
                 return Reply(req, templates->Render(caller, *id, *body));
               });
}

}  // namespace

void RegisterRoutes(module::ModuleRegistry& reg, std::shared_ptr<CrisisService> crises, std::shared_ptr<RoomService> rooms,
                    std::shared_ptr<TemplateService> templates, std::shared_ptr<ReportService> reports) {
  RegisterTemplateRoutes(reg, std::move(templates));
  reg.AddRoute(module::MakeRoute("GET", "/api/v1/crises/{id}/report",
                                 {"The post-crisis report: metrics, statements with their approval times, timeline, lessons",
                                  {"id"}, {}, "", "CrisisReport"}),
               [reports](Request& req, const auth::Caller& caller) {
                 auto id = module::PathId(req);
                 if (!id) return Response::Problem(id.error(), req);
                 return Reply(req, reports->Report(caller, *id));
               });
  reg.AddRoute(module::MakeRoute("GET", "/api/v1/crises",
                                 {"List crises and drills", {}, {"status", "kind", "entity_id", "cursor", "limit"}, "",
                                  "Page:Crisis"}),
               [crises](Request& req, const auth::Caller& caller) {
                 auto page = module::PageFrom(req);
                 if (!page) return Response::Problem(page.error(), req);
                 auto entity = module::QueryId(req, "entity_id");
                 if (!entity) return Response::Problem(entity.error(), req);
                 CrisisFilter filter{module::QueryText(req, "status"), module::QueryText(req, "kind"), *entity};
                 return Reply(req, crises->List(caller, filter, *page));
               });
  reg.AddRoute(module::MakeRoute("POST", "/api/v1/crises",
                                 {"Declare a crisis or a drill", {}, {}, "CrisisDeclare", "Crisis", 201, true}),
               module::CreateWithBody([crises](const auth::Caller& c, const Json& b) { return crises->Declare(c, b); }));
  reg.AddRoute(module::MakeRoute("GET", "/api/v1/crises/{id}", {"Get a crisis with its room's roles", {"id"}, {}, "", "Crisis", 200, true}),
               [crises](Request& req, const auth::Caller& caller) {
                 auto id = module::PathId(req);
                 if (!id) return Response::Problem(id.error(), req);
                 return ReplyWithEtag(req, crises->Get(caller, *id));
               });
  reg.AddRoute(module::MakeRoute("PATCH", "/api/v1/crises/{id}",
                                 {"Update a crisis's situation, severity, entities, areas or themes", {"id"}, {}, "CrisisUpdate",
                                  "Crisis", 200, true, {409}}),
               WithIdMatchBody([crises](const auth::Caller& c, int64_t id, std::optional<int64_t> m, const Json& b) {
                 return crises->Update(c, id, m, b);
               }));
  reg.AddRoute(module::MakeRoute("PUT", "/api/v1/crises/{id}/roles",
                                 {"Assign the room's roles (lead, spokesperson, approvers, monitoring)", {"id"}, {}, "CrisisRoles",
                                  "Crisis", 200, true, {409}}),
               WithIdMatchBody([crises](const auth::Caller& c, int64_t id, std::optional<int64_t> m, const Json& b) {
                 return crises->PutRoles(c, id, m, b);
               }));
  reg.AddRoute(module::MakeRoute("POST", "/api/v1/crises/{id}/close",
                                 {"Close a crisis with its lessons", {"id"}, {}, "CrisisClose", "Crisis", 200, true, {409}}),
               WithIdMatchBody([crises](const auth::Caller& c, int64_t id, std::optional<int64_t> m, const Json& b) {
                 return crises->Close(c, id, m, b);
               }));
  reg.AddRoute(module::MakeRoute("POST", "/api/v1/crises/{id}/pause-publishing",
                                 {"Pause the scheduled publishing of the crisis's lead and affected entities", {"id"}, {},
                                  "CrisisPause", "Crisis", 200, true, {409}}),
               WithIdMatchBody([crises](const auth::Caller& c, int64_t id, std::optional<int64_t> m, const Json& b) {
                 return crises->PausePublishing(c, id, m, b);
               }));
  reg.AddRoute(module::MakeRoute("POST", "/api/v1/crises/{id}/resume-publishing",
                                 {"End the crisis's pause of publishing: what it held goes out", {"id"}, {}, "CrisisResume",
                                  "Crisis", 200, true, {409}}),
               WithIdMatchBody([crises](const auth::Caller& c, int64_t id, std::optional<int64_t> m, const Json& b) {
                 return crises->ResumePublishing(c, id, m, b);
               }));
  reg.AddRoute(module::MakeRoute("GET", "/api/v1/crises/{id}/timeline",
                                 {"The room's timeline, with other modules' signals", {"id"}, {"limit"}, "", "CrisisTimeline"}),
               [rooms](Request& req, const auth::Caller& caller) {
                 auto id = module::PathId(req);
                 if (!id) return Response::Problem(id.error(), req);
                 auto page = module::PageFrom(req);
                 if (!page) return Response::Problem(page.error(), req);
                 // Without a limit, the whole timeline (up to the service's cap of 500).
                 return Reply(req, rooms->Timeline(caller, *id, module::QueryText(req, "limit") ? page->limit : 500));
               });
  reg.AddRoute(module::MakeRoute("POST", "/api/v1/crises/{id}/timeline",
                                 {"Write a note, decision or signal in the room", {"id"}, {}, "CrisisTimelineWrite",
                                  "CrisisTimelineEntry", 201, false, {409}}),
               [rooms](Request& req, const auth::Caller& caller) {
                 auto id = module::PathId(req);
                 if (!id) return Response::Problem(id.error(), req);
                 auto body = module::JsonBody(req);
                 if (!body) return Response::Problem(body.error(), req);
                 return Reply(req, rooms->Write(caller, *id, *body), 201);
               });
  reg.AddRoute(module::MakeRoute("GET", "/api/v1/crises/{id}/tasks", {"The room's tasks", {"id"}, {}, "", "CrisisTaskList"}),
               [rooms](Request& req, const auth::Caller& caller) {
                 auto id = module::PathId(req);
                 if (!id) return Response::Problem(id.error(), req);
                 return Reply(req, rooms->Tasks(caller, *id));
               });
  reg.AddRoute(module::MakeRoute("POST", "/api/v1/crises/{id}/tasks",
                                 {"Give a member a task in the room", {"id"}, {}, "CrisisTaskCreate", "CrisisTask", 201, true, {409}}),
               [rooms](Request& req, const auth::Caller& caller) {
                 auto id = module::PathId(req);
                 if (!id) return Response::Problem(id.error(), req);
                 auto body = module::JsonBody(req);
                 if (!body) return Response::Problem(body.error(), req);
                 return ReplyWithEtag(req, rooms->AddTask(caller, *id, *body), 201);
               });
  reg.AddRoute(module::MakeRoute("PATCH", "/api/v1/crises/{id}/tasks/{task_id}",
                                 {"Edit a task, or mark it done (its owner)", {"id", "task_id"}, {}, "CrisisTaskUpdate", "CrisisTask",
                                  200, true, {409}}),
               [rooms](Request& req, const auth::Caller& caller) {
                 auto id = module::PathId(req);
                 if (!id) return Response::Problem(id.error(), req);
                 auto task = module::PathId(req, "task_id");
                 if (!task) return Response::Problem(task.error(), req);
                 auto match = module::IfMatch(req);
                 if (!match) return Response::Problem(match.error(), req);
                 auto body = module::JsonBody(req);
                 if (!body) return Response::Problem(body.error(), req);
                 return ReplyWithEtag(req, rooms->UpdateTask(caller, *id, *task, *match, *body));
               });
}

}  // namespace sawt::crisis
