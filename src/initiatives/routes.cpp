// Thin HTTP handlers of the initiatives module: parse → call the service → reply.
#include "initiatives/routes.hpp"

#include "module/openapi.hpp"
#include "module/respond.hpp"

namespace sawt::initiatives {

using namespace module::route_names;  // NOLINT: the route files' shared vocabulary

void RegisterRoutes(module::ModuleRegistry& reg, std::shared_ptr<InitiativesService> svc) {
  reg.AddRoute(module::MakeRoute("GET", "/api/v1/initiatives",
                                 {"List initiatives (every entity's)", {},
                                  {"entity_id", "theme", "status", "from", "to", "q", "cursor", "limit"}, "",
                                  "Page:Initiative"}),
               [svc](Request& req, const auth::Caller& caller) {
                 auto page = module::PageFrom(req);
                 if (!page) return Response::Problem(page.error(), req);
                 auto entity = module::QueryId(req, "entity_id");
                 if (!entity) return Response::Problem(entity.error(), req);
                 InitiativeFilter filter{*entity,          module::QueryText(req, "theme"), module::QueryText(req, "status"),
                                         module::QueryText(req, "from"), module::QueryText(req, "to"), module::QueryText(req, "q")};
                 return Reply(req, svc->List(caller, filter, *page));
               });
  reg.AddRoute(module::MakeRoute("POST", "/api/v1/initiatives",
                                 {"Register a planned initiative", {}, {}, "InitiativeCreate", "Initiative", 201, true}),
               module::CreateWithBody([svc](const auth::Caller& c, const Json& b) { return svc->Create(c, b); }));
  reg.AddRoute(module::MakeRoute("GET", "/api/v1/initiatives/showcase",
                                 {"The best-initiatives showcase (completed, with outcomes)", {}, {}, "", "InitiativeList"}),
               [svc](Request& req, const auth::Caller& caller) { return Reply(req, svc->ListShowcase(caller)); });
  reg.AddRoute(module::MakeRoute("GET", "/api/v1/initiatives/{id}", {"Get an initiative", {"id"}, {}, "", "Initiative", 200, true}),
               [svc](Request& req, const auth::Caller& caller) {
                 auto id = module::PathId(req);
                 if (!id) return Response::Problem(id.error(), req);
                 return ReplyWithEtag(req, svc->Get(caller, *id));
               });
  reg.AddRoute(module::MakeRoute("PATCH", "/api/v1/initiatives/{id}",
                                 {"Edit an initiative (outcomes once active)", {"id"}, {}, "InitiativeUpdate", "Initiative", 200, true, {409}}),
               WithIdMatchBody([svc](const auth::Caller& c, int64_t id, std::optional<int64_t> m, const Json& b) {
                 return svc->Update(c, id, m, b);
               }));
  reg.AddRoute(module::MakeRoute("POST", "/api/v1/initiatives/{id}/status",
                                 {"Move an initiative: planned → active → completed, or cancelled", {"id"}, {},
                                  "InitiativeStatusChange", "Initiative", 200, true, {409}}),
               WithIdMatchBody([svc](const auth::Caller& c, int64_t id, std::optional<int64_t> m, const Json& b) {
                 return svc->ChangeStatus(c, id, m, b);
               }));
  reg.AddRoute(module::MakeRoute("PUT", "/api/v1/initiatives/{id}/outcomes",
                                 {"Record the outcomes and measured results", {"id"}, {}, "InitiativeOutcomes", "Initiative",
                                  200, true, {409}}),
               WithIdMatchBody([svc](const auth::Caller& c, int64_t id, std::optional<int64_t> m, const Json& b) {
                 return svc->PutOutcomes(c, id, m, b);
               }));
  reg.AddRoute(module::MakeRoute("POST", "/api/v1/initiatives/{id}/showcase",
                                 {"Feature a completed initiative in the showcase (network admins)", {"id"}, {},
                                  "ShowcaseNote", "Initiative", 200, true, {409}}),
               WithIdMatchBody([svc](const auth::Caller& c, int64_t id, std::optional<int64_t> m, const Json& b) {
                 return svc->Showcase(c, id, m, b);
               }));
  reg.AddRoute(module::MakeRoute("DELETE", "/api/v1/initiatives/{id}/showcase",
                                 {"Take an initiative out of the showcase (network admins)", {"id"}, {}, "", "Initiative", 200,
                                  true, {409}}),
               [svc](Request& req, const auth::Caller& caller) {
                 auto id = module::PathId(req);
                 if (!id) return Response::Problem(id.error(), req);
                 auto match = module::IfMatch(req);
                 if (!match) return Response::Problem(match.error(), req);
                 return ReplyWithEtag(req, svc->Unshowcase(caller, *id, *match));
               });
}

}  // namespace sawt::initiatives
