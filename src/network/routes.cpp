// Thin HTTP handlers of the network module: parse → call the service → reply.
#include "network/routes.hpp"

#include "module/openapi.hpp"
#include "module/respond.hpp"

namespace sawt::network {

using namespace module::route_names;  // NOLINT: the route files' shared vocabulary

void RegisterRoutes(module::ModuleRegistry& reg, std::shared_ptr<NetworkService> svc, std::shared_ptr<MembershipService> roles) {
  reg.AddRoute(module::MakeRoute("GET", "/api/v1/axes", {"The general guide's seven axes", {}, {}, "", "AxisList"}),
               [svc](Request&, const auth::Caller&) { return Response::Json(200, svc->Axes()); });

  reg.AddRoute(module::MakeRoute("GET", "/api/v1/entities", {"List entities", {}, {"parent_id", "cursor", "limit"}, "", "Page:Entity"}),
               [svc](Request& req, const auth::Caller& caller) {
                 auto page = module::PageFrom(req);
                 if (!page) return Response::Problem(page.error(), req);
                 auto parent = module::QueryId(req, "parent_id");
                 if (!parent) return Response::Problem(parent.error(), req);
                 auto body = svc->ListEntities(caller, *parent, *page);
                 if (!body) return Response::Problem(body.error(), req);
                 Response res;
                 res.body = **body;
                 return res;
               });
  reg.AddRoute(module::MakeRoute("POST", "/api/v1/entities", {"Create an entity", {}, {}, "EntityCreate", "Entity", 201, true, {409}}),
               module::CreateWithBody([svc](const auth::Caller& c, const core::Json& b) { return svc->CreateEntity(c, b); }));
  reg.AddRoute(module::MakeRoute("GET", "/api/v1/entities/{id}", {"Get an entity", {"id"}, {}, "", "Entity", 200, true}),
               [svc](Request& req, const auth::Caller& caller) {
                 auto id = module::PathId(req);
                 if (!id) return Response::Problem(id.error(), req);
                 return ReplyWithEtag(req, svc->GetEntity(caller, *id));
               });
  reg.AddRoute(module::MakeRoute("PATCH", "/api/v1/entities/{id}", {"Update an entity", {"id"}, {}, "EntityUpdate", "Entity", 200, true}),
               module::WithIdMatchBody([svc](const auth::Caller& c, int64_t id, std::optional<int64_t> m, const core::Json& b) {
                 return svc->UpdateEntity(c, id, m, b);
               }));
  reg.AddRoute(module::MakeRoute("DELETE", "/api/v1/entities/{id}", {"Delete an empty entity", {"id"}, {}, "", "", 204, true, {409}}),
               [svc](Request& req, const auth::Caller& caller) {
                 auto id = module::PathId(req);
                 if (!id) return Response::Problem(id.error(), req);
                 auto match = module::IfMatch(req);
                 if (!match) return Response::Problem(match.error(), req);
                 return ReplyEmpty(req, svc->DeleteEntity(caller, *id, *match));
               });

  reg.AddRoute(module::MakeRoute("GET", "/api/v1/members", {"List members", {}, {"entity_id", "cursor", "limit"}, "", "Page:Member"}),
               [svc](Request& req, const auth::Caller& caller) {
                 auto page = module::PageFrom(req);
                 if (!page) return Response::Problem(page.error(), req);
                 auto entity = module::QueryId(req, "entity_id");
                 if (!entity) return Response::Problem(entity.error(), req);
                 return Reply(req, svc->ListMembers(caller, *entity, *page));
               });
  reg.AddRoute(module::MakeRoute("POST", "/api/v1/members", {"Create a member account", {}, {}, "MemberCreate", "Member", 201, true, {409}}),
               module::CreateWithBody([svc](const auth::Caller& c, const core::Json& b) { return svc->CreateMember(c, b); }));
  reg.AddRoute(module::MakeRoute("GET", "/api/v1/members/{id}", {"Get a member", {"id"}, {}, "", "Member", 200, true}),
               [svc](Request& req, const auth::Caller& caller) {
                 auto id = module::PathId(req);
                 if (!id) return Response::Problem(id.error(), req);
                 return ReplyWithEtag(req, svc->GetMember(caller, *id));
               });
  reg.AddRoute(module::MakeRoute("PATCH", "/api/v1/members/{id}", {"Update a member", {"id"}, {}, "MemberUpdate", "Member", 200, true, {409}}),
               module::WithIdMatchBody([svc](const auth::Caller& c, int64_t id, std::optional<int64_t> m, const core::Json& b) {
                 return svc->UpdateMember(c, id, m, b);
               }));

  reg.AddRoute(module::MakeRoute("DELETE", "/api/v1/members/{id}/login-throttles",
                                 {"Unlock sign-in: lift the member's sign-in throttles at every address", {"id"}, {}, "", "", 204}),
               [svc](Request& req, const auth::Caller& caller) {
                 auto id = module::PathId(req);
                 if (!id) return Response::Problem(id.error(), req);
                 return ReplyEmpty(req, svc->UnlockMember(caller, *id));
               });
  reg.AddRoute(module::MakeRoute("GET", "/api/v1/memberships",
                 {"List memberships", {}, {"entity_id", "member_id", "cursor", "limit"}, "", "Page:Membership"}),
               [roles](Request& req, const auth::Caller& caller) {
                 auto page = module::PageFrom(req);
                 if (!page) return Response::Problem(page.error(), req);
                 auto entity = module::QueryId(req, "entity_id");
                 if (!entity) return Response::Problem(entity.error(), req);
                 auto member = module::QueryId(req, "member_id");
                 if (!member) return Response::Problem(member.error(), req);
                 return Reply(req, roles->ListMemberships(caller, *entity, *member, *page));
               });
  reg.AddRoute(module::MakeRoute("POST", "/api/v1/memberships", {"Grant a role in an entity", {}, {}, "MembershipCreate", "Membership", 201, false, {409}}),
               [roles](Request& req, const auth::Caller& caller) {
                 auto body = module::JsonBody(req);
                 if (!body) return Response::Problem(body.error(), req);
                 return Reply(req, roles->CreateMembership(caller, *body), 201);
               });
  reg.AddRoute(module::MakeRoute("POST", "/api/v1/memberships/{id}/accept",
                                 {"Accept an invitation to a role (the invited member only)", {"id"}, {}, "Empty", "Membership", 200, false, {409}}),
               [roles](Request& req, const auth::Caller& caller) {
                 // An empty object: like every write route, the body is read strictly first.
                 auto body = module::JsonBody(req);
                 if (!body) return Response::Problem(body.error(), req);
                 if (auto st = core::JsonReader(*body).Finish(); !st) return Response::Problem(st.error(), req);
                 auto id = module::PathId(req);
                 if (!id) return Response::Problem(id.error(), req);
                 return Reply(req, roles->AcceptMembership(caller, *id));
               });
  reg.AddRoute(module::MakeRoute("DELETE", "/api/v1/memberships/{id}",
                                 {"Revoke a role, or decline one's own invitation", {"id"}, {}, "", "", 204, false, {409}}),
               [roles](Request& req, const auth::Caller& caller) {
                 auto id = module::PathId(req);
                 if (!id) return Response::Problem(id.error(), req);
                 return ReplyEmpty(req, roles->DeleteMembership(caller, *id));
               });

  reg.AddRoute(module::MakeRoute("GET", "/api/v1/responsibilities",
                 {"List RACI responsibilities", {}, {"entity_id", "cursor", "limit"}, "", "Page:Responsibility"}),
               [roles](Request& req, const auth::Caller& caller) {
                 auto page = module::PageFrom(req);
                 if (!page) return Response::Problem(page.error(), req);
                 auto entity = module::QueryId(req, "entity_id");
                 if (!entity) return Response::Problem(entity.error(), req);
                 return Reply(req, roles->ListResponsibilities(caller, *entity, *page));
               });
  reg.AddRoute(module::MakeRoute("POST", "/api/v1/responsibilities",
                 {"Assign a responsibility", {}, {}, "ResponsibilityCreate", "Responsibility", 201, true}),
               module::CreateWithBody([roles](const auth::Caller& c, const core::Json& b) { return roles->CreateResponsibility(c, b); }));
  reg.AddRoute(module::MakeRoute("PATCH", "/api/v1/responsibilities/{id}",
                 {"Update a responsibility", {"id"}, {}, "ResponsibilityUpdate", "Responsibility", 200, true}),
               module::WithIdMatchBody([roles](const auth::Caller& c, int64_t id, std::optional<int64_t> m, const core::Json& b) {
                 return roles->UpdateResponsibility(c, id, m, b);
               }));
  reg.AddRoute(module::MakeRoute("DELETE", "/api/v1/responsibilities/{id}", {"Remove a responsibility", {"id"}, {}, "", "", 204, true}),
               [roles](Request& req, const auth::Caller& caller) {
                 auto id = module::PathId(req);
                 if (!id) return Response::Problem(id.error(), req);
                 auto match = module::IfMatch(req);
                 if (!match) return Response::Problem(match.error(), req);
                 return ReplyEmpty(req, roles->DeleteResponsibility(caller, *id, *match));
               });
}

void RegisterSettingsRoutes(module::ModuleRegistry& reg, std::shared_ptr<NetworkSettingsService> settings) {
  reg.AddRoute(module::MakeRoute("GET", "/api/v1/network/settings",
                                 {"Network settings (the time zone)", {}, {}, "", "NetworkSettings", 200, true}),
               [settings](Request& req, const auth::Caller& caller) { return ReplyWithEtag(req, settings->Get(caller)); });
  reg.AddRoute(module::MakeRoute("PUT", "/api/v1/network/settings",
                                 {"Change the network's time zone", {}, {}, "NetworkSettingsUpdate", "NetworkSettings", 200, true}),
               [settings](Request& req, const auth::Caller& caller) {
                 auto match = module::IfMatch(req);
                 if (!match) return Response::Problem(match.error(), req);
                 auto body = module::JsonBody(req);
                 if (!body) return Response::Problem(body.error(), req);
                 return ReplyWithEtag(req, settings->Update(caller, *match, *body));
               });
}

}  // namespace sawt::network
