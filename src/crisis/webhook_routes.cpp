// Thin HTTP handlers of crisis webhook subscribers: parse → call the service → reply.
#include "crisis/webhook_routes.hpp"

#include "module/openapi.hpp"
#include "module/respond.hpp"

namespace sawt::crisis {

using namespace module::route_names;  // NOLINT: the route files' shared vocabulary

void RegisterWebhookRoutes(module::ModuleRegistry& reg, std::shared_ptr<WebhookService> webhooks) {
  const std::string base = "/api/v1/crisis-webhooks";
  reg.AddRoute(module::MakeRoute("GET", base, {"Webhook subscribers of crisis statements, with delivery counts", {}, {}, "",
                                               "CrisisWebhookList"}),
               [webhooks](Request& req, const auth::Caller& caller) { return Reply(req, webhooks->List(caller)); });
  reg.AddRoute(module::MakeRoute("POST", base,
                                 {"Register a subscriber (its signing secret is in this answer only)", {}, {},
                                  "CrisisWebhookCreate", "CrisisWebhookWithSecret", 201, true}),
               module::CreateWithBody([webhooks](const auth::Caller& c, const Json& b) { return webhooks->Create(c, b); }));
  reg.AddRoute(module::MakeRoute("GET", base + "/{id}", {"A subscriber with its delivery counts", {"id"}, {}, "",
                                                         "CrisisWebhook", 200, true}),
               [webhooks](Request& req, const auth::Caller& caller) {
                 auto id = module::PathId(req);
                 if (!id) return Response::Problem(id.error(), req);
                 return ReplyWithEtag(req, webhooks->Get(caller, *id));
               });
  reg.AddRoute(module::MakeRoute("PATCH", base + "/{id}",
                                 {"Rename, move, pause or resume a subscriber, or choose whether drills reach it", {"id"}, {},
                                  "CrisisWebhookUpdate", "CrisisWebhook", 200, true}),
               module::WithIdMatchBody([webhooks](const auth::Caller& c, int64_t id, std::optional<int64_t> m, const Json& b) {
                 return webhooks->Update(c, id, m, b);
               }));
  reg.AddRoute(module::MakeRoute("POST", base + "/{id}/rotate-secret",
                                 {"A new signing secret (in this answer only); the old one signs nothing more", {"id"}, {},
                                  "Empty", "CrisisWebhookWithSecret", 200, true}),
               module::WithIdMatchBody([webhooks](const auth::Caller& c, int64_t id, std::optional<int64_t> m,
                                                  const Json& b) -> core::Result<Json> {
                 core::JsonReader in(b);
                 SAWT_TRY_STATUS(in.Finish());
                 return webhooks->RotateSecret(c, id, m);
               }));
  reg.AddRoute(module::MakeRoute("DELETE", base + "/{id}",
                                 {"Remove a subscriber (its pending deliveries are cancelled)", {"id"}, {}, "", "", 204, true}),
               [webhooks](Request& req, const auth::Caller& caller) {
                 auto id = module::PathId(req);
                 if (!id) return Response::Problem(id.error(), req);
                 auto match = module::IfMatch(req);
                 if (!match) return Response::Problem(match.error(), req);
                 return ReplyEmpty(req, webhooks->Remove(caller, *id, *match));
               });
  reg.AddRoute(module::MakeRoute("GET", base + "/{id}/deliveries",
                                 {"A subscriber's deliveries, newest first (state filters)", {"id"}, {"state", "limit", "cursor"},
                                  "", "Page:CrisisWebhookDelivery"}),
               [webhooks](Request& req, const auth::Caller& caller) {
                 auto id = module::PathId(req);
                 if (!id) return Response::Problem(id.error(), req);
                 auto page = module::PageFrom(req);
                 if (!page) return Response::Problem(page.error(), req);
                 return Reply(req, webhooks->Deliveries(caller, *id, module::QueryText(req, "state"), *page));
               });
  reg.AddRoute(module::MakeRoute("POST", base + "/{id}/deliveries/{delivery_id}/redeliver",
                                 {"Send a delivery now: a pending one without waiting, a failed or cancelled one again (same idempotency key)", {"id", "delivery_id"},
                                  {}, "Empty", "CrisisWebhookDelivery", 200, false, {409}}),
               [webhooks](Request& req, const auth::Caller& caller) {
                 auto id = module::PathId(req);
                 if (!id) return Response::Problem(id.error(), req);
                 auto delivery = module::PathId(req, "delivery_id");
                 if (!delivery) return Response::Problem(delivery.error(), req);
                 auto body = module::JsonBody(req);
                 if (!body) return Response::Problem(body.error(), req);
                 core::JsonReader in(*body);
                 if (auto st = in.Finish(); !st) return Response::Problem(st.error(), req);
                 return Reply(req, webhooks->Redeliver(caller, *id, *delivery));
               });
}

}  // namespace sawt::crisis
