// Thin HTTP handlers of the messaging module: parse → call the service → reply.
#include "messaging/routes.hpp"

#include "module/openapi.hpp"
#include "module/respond.hpp"

namespace sawt::messaging {
namespace {

using namespace module::route_names;  // NOLINT: the route files' shared vocabulary

std::optional<std::string> QueryText(const Request& req, const std::string& name) {
  auto it = req.query.find(name);
  if (it == req.query.end()) return std::nullopt;
  return it->second;
}

}  // namespace

void RegisterRoutes(module::ModuleRegistry& reg, const Services& services) {
  using core::Json;
  // ---- themes ----
  auto library = services.library;
  reg.AddRoute(module::MakeRoute("GET", "/api/v1/themes", {"List key-message themes", {}, {}, "", "ThemeList"}),
               [library](Request& req, const auth::Caller& caller) { return Reply(req, library->ListThemes(caller)); });
  reg.AddRoute(module::MakeRoute("POST", "/api/v1/themes", {"Create a theme", {}, {}, "ThemeCreate", "Theme", 201, true, {409}}),
               module::CreateWithBody([library](const auth::Caller& c, const Json& b) { return library->CreateTheme(c, b); }));
  reg.AddRoute(module::MakeRoute("PATCH", "/api/v1/themes/{id}", {"Update a theme", {"id"}, {}, "ThemeUpdate", "Theme", 200, true}),
               WithIdMatchBody([library](const auth::Caller& c, int64_t id, std::optional<int64_t> m, const Json& b) {
                 return library->UpdateTheme(c, id, m, b);
               }));

  // ---- key messages ----
  auto messages = services.key_messages;
  reg.AddRoute(module::MakeRoute("GET", "/api/v1/key-messages",
                                 {"List key messages", {}, {"theme_id", "state", "cursor", "limit"}, "", "Page:KeyMessage"}),
               [messages](Request& req, const auth::Caller& caller) {
                 auto page = module::PageFrom(req);
                 if (!page) return Response::Problem(page.error(), req);
                 auto theme = module::QueryId(req, "theme_id");
                 if (!theme) return Response::Problem(theme.error(), req);
                 return Reply(req, messages->ListKeyMessages(caller, {*theme, QueryText(req, "state")}, *page));
               });
  reg.AddRoute(module::MakeRoute("POST", "/api/v1/key-messages",
                                 {"Draft a key message", {}, {}, "KeyMessageCreate", "KeyMessage", 201, true}),
               module::CreateWithBody([messages](const auth::Caller& c, const Json& b) { return messages->CreateKeyMessage(c, b); }));
  reg.AddRoute(module::MakeRoute("GET", "/api/v1/key-messages/{id}", {"Get a key message", {"id"}, {}, "", "KeyMessage", 200, true}),
               [messages](Request& req, const auth::Caller& caller) {
                 auto id = module::PathId(req);
                 if (!id) return Response::Problem(id.error(), req);
                 return ReplyWithEtag(req, messages->GetKeyMessage(caller, *id));
               });
  reg.AddRoute(module::MakeRoute("PATCH", "/api/v1/key-messages/{id}",
                                 {"Edit a key message (keeps the previous version)", {"id"}, {}, "KeyMessageUpdate", "KeyMessage", 200, true, {409}}),
               WithIdMatchBody([messages](const auth::Caller& c, int64_t id, std::optional<int64_t> m, const Json& b) {
                 return messages->UpdateKeyMessage(c, id, m, b);
               }));
  reg.AddRoute(module::MakeRoute("POST", "/api/v1/key-messages/{id}/approve",
                                 {"Approve a key message", {"id"}, {}, "Transition", "KeyMessage", 200, true, {409}}),
               WithIdMatchBody([messages](const auth::Caller& c, int64_t id, std::optional<int64_t> m, const Json& b) {
                 return messages->ApproveKeyMessage(c, id, m, b);
               }));
  reg.AddRoute(module::MakeRoute("POST", "/api/v1/key-messages/{id}/retire",
                                 {"Retire a key message", {"id"}, {}, "Transition", "KeyMessage", 200, true, {409}}),
               WithIdMatchBody([messages](const auth::Caller& c, int64_t id, std::optional<int64_t> m, const Json& b) {
                 return messages->RetireKeyMessage(c, id, m, b);
               }));
  reg.AddRoute(module::MakeRoute("GET", "/api/v1/key-messages/{id}/versions",
                                 {"Version history of a key message", {"id"}, {}, "", "KeyMessageVersions"}),
               [messages](Request& req, const auth::Caller& caller) {
                 auto id = module::PathId(req);
                 if (!id) return Response::Problem(id.error(), req);
                 return Reply(req, messages->KeyMessageVersions(caller, *id));
               });

  // ---- facts ----
  auto facts = services.facts;
  reg.AddRoute(module::MakeRoute("GET", "/api/v1/facts", {"List the fact sheet", {}, {"state", "cursor", "limit"}, "", "Page:Fact"}),
               [facts](Request& req, const auth::Caller& caller) {
                 auto page = module::PageFrom(req);
                 if (!page) return Response::Problem(page.error(), req);
                 return Reply(req, facts->ListFacts(caller, QueryText(req, "state"), *page));
               });
  reg.AddRoute(module::MakeRoute("POST", "/api/v1/facts", {"Draft a fact", {}, {}, "FactCreate", "Fact", 201, true, {409}}),
               module::CreateWithBody([facts](const auth::Caller& c, const Json& b) { return facts->CreateFact(c, b); }));
  reg.AddRoute(module::MakeRoute("GET", "/api/v1/facts/{id}", {"Get a fact", {"id"}, {}, "", "Fact", 200, true}),
               [facts](Request& req, const auth::Caller& caller) {
                 auto id = module::PathId(req);
                 if (!id) return Response::Problem(id.error(), req);
                 return ReplyWithEtag(req, facts->GetFact(caller, *id));
               });
  reg.AddRoute(module::MakeRoute("PATCH", "/api/v1/facts/{id}", {"Edit a fact", {"id"}, {}, "FactUpdate", "Fact", 200, true}),
               WithIdMatchBody([facts](const auth::Caller& c, int64_t id, std::optional<int64_t> m, const Json& b) {
                 return facts->UpdateFact(c, id, m, b);
               }));
  reg.AddRoute(module::MakeRoute("POST", "/api/v1/facts/{id}/approve", {"Approve a fact", {"id"}, {}, "Transition", "Fact", 200, true, {409}}),
               WithIdMatchBody([facts](const auth::Caller& c, int64_t id, std::optional<int64_t> m, const Json& b) {
                 return facts->ApproveFact(c, id, m, b);
               }));

  // ---- term list ----
  reg.AddRoute(module::MakeRoute("GET", "/api/v1/terms", {"The network term list", {}, {}, "", "TermList"}),
               [library](Request& req, const auth::Caller& caller) { return Reply(req, library->ListTerms(caller)); });
  reg.AddRoute(module::MakeRoute("POST", "/api/v1/terms", {"Add a banned or deprecated term", {}, {}, "TermCreate", "Term", 201, true, {409}}),
               module::CreateWithBody([library](const auth::Caller& c, const Json& b) { return library->CreateTerm(c, b); }));
  reg.AddRoute(module::MakeRoute("PATCH", "/api/v1/terms/{id}", {"Update a term", {"id"}, {}, "TermUpdate", "Term", 200, true}),
               WithIdMatchBody([library](const auth::Caller& c, int64_t id, std::optional<int64_t> m, const Json& b) {
                 return library->UpdateTerm(c, id, m, b);
               }));
  reg.AddRoute(module::MakeRoute("DELETE", "/api/v1/terms/{id}", {"Remove a term", {"id"}, {}, "", "", 204}),
               [library](Request& req, const auth::Caller& caller) {
                 auto id = module::PathId(req);
                 if (!id) return Response::Problem(id.error(), req);
                 return ReplyEmpty(req, library->DeleteTerm(caller, *id));
               });

  // ---- entity aliases (identity rules) ----
  reg.AddRoute(module::MakeRoute("GET", "/api/v1/entity-aliases", {"Known wrong or short entity names", {}, {"entity_id"}, "", "AliasList"}),
               [library](Request& req, const auth::Caller& caller) {
                 auto entity = module::QueryId(req, "entity_id");
                 if (!entity) return Response::Problem(entity.error(), req);
                 return Reply(req, library->ListAliases(caller, *entity));
               });
  reg.AddRoute(module::MakeRoute("POST", "/api/v1/entity-aliases", {"Register a wrong or short entity name", {}, {}, "AliasCreate", "Alias", 201, false, {409}}),
               [library](Request& req, const auth::Caller& caller) {
                 auto body = module::JsonBody(req);
                 if (!body) return Response::Problem(body.error(), req);
                 return Reply(req, library->CreateAlias(caller, *body), 201);
               });
  reg.AddRoute(module::MakeRoute("DELETE", "/api/v1/entity-aliases/{id}", {"Remove an entity alias", {"id"}, {}, "", "", 204}),
               [library](Request& req, const auth::Caller& caller) {
                 auto id = module::PathId(req);
                 if (!id) return Response::Problem(id.error(), req);
                 return ReplyEmpty(req, library->DeleteAlias(caller, *id));
               });

  // ---- content items and their workflow ----
  auto content = services.content;
  reg.AddRoute(module::MakeRoute("POST", "/api/v1/content-items",
                                 {"Draft a content item", {}, {}, "ContentItemCreate", "ContentItem", 201, true}),
               [content](Request& req, const auth::Caller& caller) {
                 auto body = module::JsonBody(req);
                 if (!body) return Response::Problem(body.error(), req);
                 return ReplyWithEtag(req, content->CreateContentItem(caller, *body, req.Locale()), 201);
               });
  reg.AddRoute(module::MakeRoute("GET", "/api/v1/content-items",
                                 {"List content items (the review queue: state=in_review)", {},
                                  {"state", "entity_id", "kind", "cursor", "limit"}, "", "Page:ContentItem"}),
               [content](Request& req, const auth::Caller& caller) {
                 auto page = module::PageFrom(req);
                 if (!page) return Response::Problem(page.error(), req);
                 auto entity = module::QueryId(req, "entity_id");
                 if (!entity) return Response::Problem(entity.error(), req);
                 return Reply(req, content->ListContentItems(caller, QueryText(req, "state"), *entity, QueryText(req, "kind"), *page));
               });
  reg.AddRoute(module::MakeRoute("GET", "/api/v1/content-items/{id}",
                                 {"Get a content item with its alignment findings", {"id"}, {}, "", "ContentItem", 200, true}),
               [content](Request& req, const auth::Caller& caller) {
                 auto id = module::PathId(req);
                 if (!id) return Response::Problem(id.error(), req);
                 return ReplyWithEtag(req, content->GetContentItem(caller, *id, req.Locale()));
               });
  reg.AddRoute(module::MakeRoute("PATCH", "/api/v1/content-items/{id}",
                                 {"Edit a draft (keeps a version)", {"id"}, {}, "ContentItemUpdate", "ContentItem", 200, true, {409}}),
               WithIdMatchBodyRequest([content](const auth::Caller& c, int64_t id, std::optional<int64_t> m, const Json& b,
                                                Request& req) { return content->UpdateContentItem(c, id, m, b, req.Locale()); }));
  reg.AddRoute(module::MakeRoute("POST", "/api/v1/content-items/{id}/transitions",
                                 {"Move a content item through the workflow (If-Match required)", {"id"}, {},
                                  "ContentTransition", "ContentItem", 200, true, {409, 422}}),
               WithIdMatchBodyRequest([content](const auth::Caller& c, int64_t id, std::optional<int64_t> m, const Json& b,
                                                Request& req) { return content->TransitionContentItem(c, id, m, b, req.Locale()); }));
  reg.AddRoute(module::MakeRoute("GET", "/api/v1/content-items/{id}/versions",
                                 {"Stored versions of a content item", {"id"}, {}, "", "ContentItemVersions"}),
               [content](Request& req, const auth::Caller& caller) {
                 auto id = module::PathId(req);
                 if (!id) return Response::Problem(id.error(), req);
                 return Reply(req, content->ContentItemVersions(caller, *id));
               });
  reg.AddRoute(module::MakeRoute("GET", "/api/v1/content-items/{id}/diff",
                                 {"Word-level diff of two versions", {"id"}, {"from", "to"}, "", "ContentDiff"}),
               [content](Request& req, const auth::Caller& caller) {
                 auto id = module::PathId(req);
                 if (!id) return Response::Problem(id.error(), req);
                 auto from = module::QueryId(req, "from");
                 if (!from) return Response::Problem(from.error(), req);
                 auto to = module::QueryId(req, "to");
                 if (!to) return Response::Problem(to.error(), req);
                 return Reply(req, content->DiffContentItem(caller, *id, *from, *to));
               });

  // ---- public Atom feeds of published items (RFC 4287) ----
  auto feeds = services.feeds;
  const std::string kAtom = "application/atom+xml";
  auto atom = [](const Request& req, const core::Result<std::string>& xml) {
    if (!xml) return Response::Problem(xml.error(), req);
    Response r;
    r.status = 200;
    r.content_type = "application/atom+xml; charset=utf-8";
    r.body = *xml;
    return r;
  };
  {
    http::Route route = module::MakeTextRoute("GET", "/feeds/government.atom",
                                              {"Atom feed of all published items", {}, {}, "", ""}, kAtom);
    route.handler = [feeds, atom](Request& req) { return atom(req, feeds->AtomFeed(std::nullopt, "/feeds/government.atom")); };
    reg.AddPublicRoute(std::move(route));
  }
  {
    // "/feeds/entities/{code}.atom": the router matches whole segments, so the handler strips ".atom".
    http::Route route = module::MakeTextRoute(
        "GET", "/feeds/entities/{feed}", {"Atom feed of one entity's published items ({code}.atom)", {"feed"}, {}, "", ""},
        kAtom);
    route.handler = [feeds, atom](Request& req) {
      auto it = req.params.find("feed");
      const std::string feed = it == req.params.end() ? std::string() : it->second;
      const std::string suffix = ".atom";
      if (feed.size() <= suffix.size() || feed.compare(feed.size() - suffix.size(), suffix.size(), suffix) != 0) {
        return Response::Problem(core::Error::NotFound("messaging.feed_entity_not_found", {feed}), req);
      }
      const std::string code = feed.substr(0, feed.size() - suffix.size());
      return atom(req, feeds->AtomFeed(code, "/feeds/entities/" + feed));
    };
    reg.AddPublicRoute(std::move(route));
  }

  // ---- alignment check ----
  auto alignment = services.alignment;
  reg.AddRoute(module::MakeRoute("POST", "/api/v1/alignment-checks",
                                 {"Check a draft against key messages, facts, terms and entity names", {}, {}, "AlignmentCheck",
                                  "AlignmentReport"}),
               [alignment](Request& req, const auth::Caller& caller) {
                 auto body = module::JsonBody(req);
                 if (!body) return Response::Problem(body.error(), req);
                 return Reply(req, alignment->CheckDraft(caller, *body, req.Locale()));
               });
}

void RegisterReviewSettingsRoutes(module::ModuleRegistry& reg, std::shared_ptr<ReviewSettingsService> svc) {
  reg.AddRoute(module::MakeRoute("GET", "/api/v1/entities/{id}/review-settings",
                                 {"An entity's review rules (maker-checker)", {"id"}, {}, "", "ReviewSettings", 200, true}),
               [svc](Request& req, const auth::Caller& caller) {
                 auto id = module::PathId(req);
                 if (!id) return Response::Problem(id.error(), req);
                 return ReplyWithEtag(req, svc->Get(caller, *id));
               });
  reg.AddRoute(module::MakeRoute("PUT", "/api/v1/entities/{id}/review-settings",
                                 {"Set an entity's review rules (its admins)", {"id"}, {}, "ReviewSettingsSave",
                                  "ReviewSettings", 200, true}),
               WithIdMatchBody([svc](const auth::Caller& c, int64_t id, std::optional<int64_t> m, const core::Json& b) {
                 return svc->Save(c, id, m, b);
               }));
}

}  // namespace sawt::messaging
