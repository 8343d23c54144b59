// Thin HTTP handlers of the strategy module: parse → call the service → reply.
#include "strategy/routes.hpp"

#include "module/openapi.hpp"
#include "module/respond.hpp"
#include "strategy/file_routes.hpp"

namespace sawt::strategy {

using namespace module::route_names;  // NOLINT: the route files' shared vocabulary

void RegisterRoutes(module::ModuleRegistry& reg, std::shared_ptr<StrategyService> strategies,
                    std::shared_ptr<ActivityService> activities, std::shared_ptr<KpiService> kpis,
                    std::shared_ptr<MeetingService> meetings) {
  auto svc = strategies;
  reg.AddRoute(module::MakeRoute("GET", "/api/v1/strategies",
                                 {"List the umbrella strategy and the entities' strategies", {}, {"scope", "entity_id", "status"},
                                  "", "StrategyList"}),
               [svc](Request& req, const auth::Caller& caller) {
                 auto entity = module::QueryId(req, "entity_id");
                 if (!entity) return Response::Problem(entity.error(), req);
                 StrategyFilter filter{module::QueryText(req, "scope"), *entity, module::QueryText(req, "status")};
                 return Reply(req, svc->List(caller, filter));
               });
  reg.AddRoute(module::MakeRoute("POST", "/api/v1/strategies",
                                 {"Create the umbrella strategy (network admins) or an entity's strategy (its admins)", {}, {},
                                  "StrategyCreate", "Strategy", 201, true, {409}}),
               module::CreateWithBody([svc](const auth::Caller& c, const Json& b) { return svc->Create(c, b); }));
  reg.AddRoute(module::MakeRoute("GET", "/api/v1/strategies/{id}", {"Get a strategy with its objectives", {"id"}, {}, "", "Strategy", 200, true}),
               [svc](Request& req, const auth::Caller& caller) {
                 auto id = module::PathId(req);
                 if (!id) return Response::Problem(id.error(), req);
                 return ReplyWithEtag(req, svc->Get(caller, *id));
               });
  reg.AddRoute(module::MakeRoute("PATCH", "/api/v1/strategies/{id}",
                                 {"Edit a strategy: texts, period, status (draft → active → archived), objectives", {"id"}, {},
                                  "StrategyUpdate", "Strategy", 200, true, {409}}),
               WithIdMatchBody([svc](const auth::Caller& c, int64_t id, std::optional<int64_t> m, const Json& b) {
                 return svc->Update(c, id, m, b);
               }));
  reg.AddRoute(module::MakeRoute("GET", "/api/v1/strategies/{id}/traceability",
                                 {"Which entities serve each objective of the umbrella strategy, and what nobody serves", {"id"},
                                  {}, "", "Traceability"}),
               [svc](Request& req, const auth::Caller& caller) {
                 auto id = module::PathId(req);
                 if (!id) return Response::Problem(id.error(), req);
                 return Reply(req, svc->Traceability(caller, *id));
               });

  auto act = activities;
  reg.AddRoute(module::MakeRoute("GET", "/api/v1/activities",
                                 {"List strategy activities", {}, {"entity_id", "objective_id", "status", "overdue", "cursor", "limit"},
                                  "", "Page:Activity"}),
               [act](Request& req, const auth::Caller& caller) {
                 auto page = module::PageFrom(req);
                 if (!page) return Response::Problem(page.error(), req);
                 auto entity = module::QueryId(req, "entity_id");
                 if (!entity) return Response::Problem(entity.error(), req);
                 auto objective = module::QueryId(req, "objective_id");
                 if (!objective) return Response::Problem(objective.error(), req);
                 const auto overdue = module::QueryText(req, "overdue");
                 if (overdue && *overdue != "true" && *overdue != "false") {
                   return Response::Problem(core::Error::InvalidInput("strategy.bad_overdue", "overdue"), req);
                 }
                 ActivityFilter filter{*entity, *objective, module::QueryText(req, "status"), overdue == "true"};
                 return Reply(req, act->List(caller, filter, *page));
               });
  reg.AddRoute(module::MakeRoute("POST", "/api/v1/activities",
                                 {"Add an activity to an entity's plan: dates, RACI, the activities it waits for", {}, {},
                                  "ActivityCreate", "Activity", 201, true, {409, 422}}),
               module::CreateWithBody([act](const auth::Caller& c, const Json& b) { return act->Create(c, b); }));
  reg.AddRoute(module::MakeRoute("GET", "/api/v1/activities/{id}", {"Get an activity", {"id"}, {}, "", "Activity", 200, true}),
               [act](Request& req, const auth::Caller& caller) {
                 auto id = module::PathId(req);
                 if (!id) return Response::Problem(id.error(), req);
                 return ReplyWithEtag(req, act->Get(caller, *id));
               });
  reg.AddRoute(module::MakeRoute("PATCH", "/api/v1/activities/{id}",
                                 {"Follow up an activity: status, progress, dates, RACI, dependencies, notes", {"id"}, {},
                                  "ActivityUpdate", "Activity", 200, true, {409, 422}}),
               WithIdMatchBody([act](const auth::Caller& c, int64_t id, std::optional<int64_t> m, const Json& b) {
                 return act->Update(c, id, m, b);
               }));
  AddEvidenceRoutes(reg, {"/api/v1/activities/{id}/evidence",
                          "Attach an evidence file to an activity (minutes, photos, what it produced; the raw bytes as the "
                          "body: PDF, PNG, JPEG, WebP, Office documents or UTF-8 text, up to 10 MiB)",
                          "ActivityEvidence",
                          {},
                          "/api/v1/activity-evidence/{id}",
                          "Download an activity's evidence file (every member)",
                          "Remove an evidence file from an activity (the entity's admins and editors)",
                          {},
                          [act](const auth::Caller& c, int64_t id, const std::vector<std::string>&, const std::string& name,
                                const std::string& type, const std::string& bytes) {
                            return act->AddEvidence(c, id, name, type, bytes);
                          },
                          [act](const auth::Caller& c, int64_t id) { return act->GetEvidence(c, id); },
                          [act](const auth::Caller& c, int64_t id) { return act->DeleteEvidence(c, id); }});

  auto kpi = kpis;
  reg.AddRoute(module::MakeRoute("GET", "/api/v1/kpi-sources",
                                 {"Measures other modules compute, which KPIs can be fed from", {}, {}, "", "KpiSourceList"}),
               [kpi](Request& req, const auth::Caller& caller) { return Reply(req, kpi->Sources(caller)); });
  reg.AddRoute(module::MakeRoute("GET", "/api/v1/kpis",
                                 {"List KPIs with their periods and status", {}, {"entity_id", "cursor", "limit"}, "", "Page:Kpi"}),
               [kpi](Request& req, const auth::Caller& caller) {
                 auto page = module::PageFrom(req);
                 if (!page) return Response::Problem(page.error(), req);
                 auto entity = module::QueryId(req, "entity_id");
                 if (!entity) return Response::Problem(entity.error(), req);
                 return Reply(req, kpi->List(caller, *entity, *page));
               });
  reg.AddRoute(module::MakeRoute("POST", "/api/v1/kpis",
                                 {"Define a KPI of an entity (its admins) or of the network (network admins)", {}, {}, "KpiCreate",
                                  "Kpi", 201, true, {409}}),
               module::CreateWithBody([kpi](const auth::Caller& c, const Json& b) { return kpi->Create(c, b); }));
  reg.AddRoute(module::MakeRoute("GET", "/api/v1/kpis/{id}", {"Get a KPI with its periods", {"id"}, {}, "", "Kpi", 200, true}),
               [kpi](Request& req, const auth::Caller& caller) {
                 auto id = module::PathId(req);
                 if (!id) return Response::Problem(id.error(), req);
                 return ReplyWithEtag(req, kpi->Get(caller, *id));
               });
  reg.AddRoute(module::MakeRoute("PUT", "/api/v1/kpis/{id}/targets/{period}",
                                 {"Set a KPI's target for a period", {"id", "period"}, {}, "KpiTarget", "Kpi"}),
               [kpi](Request& req, const auth::Caller& caller) {
                 auto id = module::PathId(req);
                 if (!id) return Response::Problem(id.error(), req);
                 auto body = module::JsonBody(req);
                 if (!body) return Response::Problem(body.error(), req);
                 return Reply(req, kpi->PutTarget(caller, *id, req.params["period"], *body));
               });
  reg.AddRoute(module::MakeRoute("PUT", "/api/v1/kpis/{id}/measurements/{period}",
                                 {"Record a period's measurement of a KPI measured by people (an ended period needs a reason)",
                                  {"id", "period"}, {}, "KpiMeasurement", "Kpi", 200, false, {409}}),
               [kpi](Request& req, const auth::Caller& caller) {
                 auto id = module::PathId(req);
                 if (!id) return Response::Problem(id.error(), req);
                 auto body = module::JsonBody(req);
                 if (!body) return Response::Problem(body.error(), req);
                 return Reply(req, kpi->PutMeasurement(caller, *id, req.params["period"], *body));
               });
  reg.AddRoute(module::MakeRoute("POST", "/api/v1/kpis/{id}/refresh",
                                 {"Compute a period's measurement of a source-fed KPI from its source", {"id"}, {}, "KpiRefresh",
                                  "Kpi", 200, false, {409}}),
               [kpi](Request& req, const auth::Caller& caller) {
                 auto id = module::PathId(req);
                 if (!id) return Response::Problem(id.error(), req);
                 auto body = module::JsonBody(req);
                 if (!body) return Response::Problem(body.error(), req);
                 return Reply(req, kpi->Refresh(caller, *id, *body));
               });

  auto meet = meetings;
  reg.AddRoute(module::MakeRoute("GET", "/api/v1/meetings",
                                 {"List follow-up meetings", {}, {"entity_id", "cursor", "limit"}, "", "Page:MeetingSummary"}),
               [meet](Request& req, const auth::Caller& caller) {
                 auto page = module::PageFrom(req);
                 if (!page) return Response::Problem(page.error(), req);
                 auto entity = module::QueryId(req, "entity_id");
                 if (!entity) return Response::Problem(entity.error(), req);
                 return Reply(req, meet->List(caller, *entity, *page));
               });
  reg.AddRoute(module::MakeRoute("POST", "/api/v1/meetings",
                                 {"Record a follow-up meeting of an entity's plan", {}, {}, "MeetingCreate", "Meeting", 201, true}),
               module::CreateWithBody([meet](const auth::Caller& c, const Json& b) { return meet->Create(c, b); }));
  reg.AddRoute(module::MakeRoute("GET", "/api/v1/meetings/{id}",
                                 {"Get a meeting with its minutes and decisions", {"id"}, {}, "", "Meeting", 200, true}),
               [meet](Request& req, const auth::Caller& caller) {
                 auto id = module::PathId(req);
                 if (!id) return Response::Problem(id.error(), req);
                 return ReplyWithEtag(req, meet->Get(caller, *id));
               });
  reg.AddRoute(module::MakeRoute("PATCH", "/api/v1/meetings/{id}",
                                 {"Edit a meeting: titles, date, attendees, minutes", {"id"}, {}, "MeetingUpdate", "Meeting", 200, true}),
               WithIdMatchBody([meet](const auth::Caller& c, int64_t id, std::optional<int64_t> m, const Json& b) {
                 return meet->Update(c, id, m, b);
               }));
  reg.AddRoute(module::MakeRoute("POST", "/api/v1/meetings/{id}/decisions",
                                 {"Record a decision; with `activity` it becomes an activity of the entity's plan", {"id"}, {},
                                  "MeetingDecision", "Meeting", 201, false, {409, 422}}),
               [meet](Request& req, const auth::Caller& caller) {
                 auto id = module::PathId(req);
                 if (!id) return Response::Problem(id.error(), req);
                 auto body = module::JsonBody(req);
                 if (!body) return Response::Problem(body.error(), req);
                 return Reply(req, meet->AddDecision(caller, *id, *body), 201);
               });
}

}  // namespace sawt::strategy
