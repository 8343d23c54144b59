// Thin HTTP handlers of channel variants, channel checks, the publication outbox and channel
// endpoints: parse → call VariantService or PublicationService → reply.
#include "messaging/routes.hpp"

#include "module/openapi.hpp"
#include "module/respond.hpp"

namespace sawt::messaging {
namespace {

using namespace module::route_names;  // NOLINT: the route files' shared vocabulary

std::string PathText(const Request& req, const std::string& name) {
  auto it = req.params.find(name);
  return it == req.params.end() ? std::string() : it->second;
}

}  // namespace

void RegisterPublicationRoutes(module::ModuleRegistry& reg, const Services& services) {
  auto variants = services.variants;
  auto publications = services.publications;
  auto pauses = services.pauses;
  reg.AddRoute(module::MakeRoute("GET", "/api/v1/content-items/{id}/variants",
                                 {"Channel variants of a content item (stored or derived) with their lengths", {"id"}, {},
                                  "", "VariantList"}),
               [variants](Request& req, const auth::Caller& caller) {
                 auto id = module::PathId(req);
                 if (!id) return Response::Problem(id.error(), req);
                 return Reply(req, variants->ListVariants(caller, *id));
               });
  reg.AddRoute(module::MakeRoute("PUT", "/api/v1/content-items/{id}/variants/{channel}",
                                 {"Store the text of one channel variant (422 when over the platform's limit)",
                                  {"id", "channel"}, {}, "VariantSave", "Variant", 200, true, {409, 422}}),
               [variants](Request& req, const auth::Caller& caller) {
                 // The body is read first so that malformed input is a 400 whatever the path names.
                 auto body = module::JsonBody(req);
                 if (!body) return Response::Problem(body.error(), req);
                 auto id = module::PathId(req);
                 if (!id) return Response::Problem(id.error(), req);
                 auto match = module::IfMatch(req);
                 if (!match) return Response::Problem(match.error(), req);
                 return ReplyWithEtag(req, variants->SaveVariant(caller, *id, PathText(req, "channel"), *match, *body));
               });
  reg.AddRoute(module::MakeRoute("DELETE", "/api/v1/content-items/{id}/variants/{channel}",
                                 {"Drop a stored variant (?lang=ar|en): the derived text applies again", {"id", "channel"},
                                  {"lang"}, "", "", 204, false, {409}}),
               [variants](Request& req, const auth::Caller& caller) {
                 auto id = module::PathId(req);
                 if (!id) return Response::Problem(id.error(), req);
                 auto lang = req.query.find("lang");
                 return module::ReplyEmpty(req, variants->ResetVariant(caller, *id, PathText(req, "channel"),
                                                          lang == req.query.end() ? std::string() : lang->second));
               });
  reg.AddRoute(module::MakeRoute("POST", "/api/v1/channel-checks",
                                 {"Count a text as a channel's platform counts it (writes nothing)", {}, {}, "ChannelCheck",
                                  "ChannelCheckResult"}),
               [variants](Request& req, const auth::Caller& caller) {
                 auto body = module::JsonBody(req);
                 if (!body) return Response::Problem(body.error(), req);
                 return Reply(req, variants->CheckText(caller, *body));
               });
  reg.AddRoute(module::MakeRoute("GET", "/api/v1/content-items/{id}/publications",
                                 {"Publication outbox rows of a content item", {"id"}, {}, "", "PublicationList"}),
               [publications](Request& req, const auth::Caller& caller) {
                 auto id = module::PathId(req);
                 if (!id) return Response::Problem(id.error(), req);
                 return Reply(req, publications->ListPublications(caller, *id));
               });
  reg.AddRoute(module::MakeRoute("POST", "/api/v1/publications/{id}/posted",
                                 {"Record that a person posted a manual or failed publication", {"id"}, {}, "PublicationPosted",
                                  "Publication", 200, true, {409}}),
               module::WithIdMatchBody([publications](const auth::Caller& c, int64_t id, std::optional<int64_t> m, const Json& b) {
                 return publications->MarkPosted(c, id, m, b);
               }));
  reg.AddRoute(module::MakeRoute("POST", "/api/v1/publications/{id}/retry",
                                 {"Send a failed or manual publication again (after an endpoint was fixed)", {"id"}, {},
                                  "Transition", "Publication", 200, true, {409}}),
               module::WithIdMatchBody([publications](const auth::Caller& c, int64_t id, std::optional<int64_t> m, const Json& b) {
                 return publications->Retry(c, id, m, b);
               }));
  reg.AddRoute(module::MakeRoute("GET", "/api/v1/publishing-pauses",
                                 {"Pauses of publishing (status=active, the default, or all), with what each holds", {},
                                  {"status"}, "", "PublishingPauseList"}),
               [pauses](Request& req, const auth::Caller& caller) {
                 return Reply(req, pauses->List(caller, module::QueryText(req, "status").value_or("")));
               });
  reg.AddRoute(module::MakeRoute("POST", "/api/v1/publishing-pauses",
                                 {"Pause publishing: every entity or chosen ones, every channel or chosen ones (network "
                                  "admins)",
                                  {}, {}, "PublishingPauseCreate", "PublishingPause", 201, true}),
               module::CreateWithBody([pauses](const auth::Caller& c, const Json& b) { return pauses->Create(c, b); }));
  reg.AddRoute(module::MakeRoute("GET", "/api/v1/publishing-pauses/{id}",
                                 {"Get a pause of publishing", {"id"}, {}, "", "PublishingPause", 200, true}),
               [pauses](Request& req, const auth::Caller& caller) {
                 auto id = module::PathId(req);
                 if (!id) return Response::Problem(id.error(), req);
                 return ReplyWithEtag(req, pauses->Get(caller, *id));
               });
  reg.AddRoute(module::MakeRoute("POST", "/api/v1/publishing-pauses/{id}/resume",
                                 {"Resume publishing: what the pause held goes out (network admins)", {"id"}, {},
                                  "PublishingPauseEnd", "PublishingPause", 200, true, {409}}),
               module::WithIdMatchBody([pauses](const auth::Caller& c, int64_t id, std::optional<int64_t> m, const Json& b) {
                 return pauses->End(c, id, m, b);
               }));
  reg.AddRoute(module::MakeRoute("GET", "/api/v1/channel-endpoints",
                                 {"Delivery endpoints per channel (network admins; secrets are never shown)", {}, {}, "",
                                  "ChannelEndpointList"}),
               [publications](Request& req, const auth::Caller& caller) { return Reply(req, publications->ListEndpoints(caller)); });
  reg.AddRoute(module::MakeRoute("PUT", "/api/v1/channel-endpoints/{channel}",
                                 {"Set a channel's delivery endpoint (network admins)", {"channel"}, {}, "ChannelEndpointSave",
                                  "ChannelEndpoint"}),
               [publications](Request& req, const auth::Caller& caller) {
                 auto body = module::JsonBody(req);
                 if (!body) return Response::Problem(body.error(), req);
                 return Reply(req, publications->SaveEndpoint(caller, PathText(req, "channel"), *body));
               });
  reg.AddRoute(module::MakeRoute("DELETE", "/api/v1/channel-endpoints/{channel}",
                                 {"Remove a channel's delivery endpoint (its publications become manual)", {"channel"}, {}, "",
                                  "", 204}),
               [publications](Request& req, const auth::Caller& caller) {
                 return module::ReplyEmpty(req, publications->DeleteEndpoint(caller, PathText(req, "channel")));
               });
}

}  // namespace sawt::messaging
