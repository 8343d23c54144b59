// Thin HTTP handlers of crisis statements and public alerts: parse → call the service → reply.
#include "crisis/statement_routes.hpp"

#include "module/openapi.hpp"
#include "core/numbers.hpp"
#include "module/respond.hpp"

namespace sawt::crisis {
namespace {

using namespace module::route_names;  // NOLINT: the route files' shared vocabulary

/// The crisis id and the statement id of "/api/v1/crises/{id}/statements/{statement_id}…".
struct StatementPath {
  int64_t crisis = 0, statement = 0;
};
core::Result<StatementPath> PathOf(const Request& req) {
  SAWT_ASSIGN_OR_RETURN(int64_t crisis, module::PathId(req));
  SAWT_ASSIGN_OR_RETURN(int64_t statement, module::PathId(req, "statement_id"));
  return StatementPath{crisis, statement};
}

/// A handler for the statement's steps: `fn(caller, path, if_match, body, req)`; the reply carries its ETag.
template <typename Fn>
auto Step(Fn fn) {
  return [fn](Request& req, const auth::Caller& caller) {
    auto at = PathOf(req);
    if (!at) return Response::Problem(at.error(), req);
    auto match = module::IfMatch(req);
    if (!match) return Response::Problem(match.error(), req);
    auto body = module::JsonBody(req);
    if (!body) return Response::Problem(body.error(), req);
    return ReplyWithEtag(req, fn(caller, *at, *match, *body, req));
  };
}

/// A body that must be empty ({}): anything in it is an unknown field.
core::Status NoFields(const Json& body) {
  core::JsonReader in(body);
  return in.Finish();
}

Response Xml(const Request& req, const core::Result<std::string>& xml, const char* type) {
  if (!xml) return Response::Problem(xml.error(), req);
  Response r;
  r.content_type = std::string(type) + "; charset=utf-8";
  r.body = *xml;
  return r;
}

}  // namespace

void RegisterStatementRoutes(module::ModuleRegistry& reg, std::shared_ptr<StatementService> statements,
                             std::shared_ptr<PublicAlerts> alerts, std::shared_ptr<AlertFeed> feed) {
  const std::string base = "/api/v1/crises/{id}/statements";
  reg.AddRoute(module::MakeRoute("GET", base, {"The crisis's statements, newest first", {"id"}, {}, "", "CrisisStatementList"}),
               [statements](Request& req, const auth::Caller& caller) {
                 auto id = module::PathId(req);
                 if (!id) return Response::Problem(id.error(), req);
                 return Reply(req, statements->List(caller, *id));
               });
  reg.AddRoute(module::MakeRoute("POST", base,
                                 {"Draft a statement (from a template's filled texts, or written)", {"id"}, {},
                                  "CrisisStatementCreate", "CrisisStatement", 201, true, {409}}),
               [statements](Request& req, const auth::Caller& caller) {
                 auto id = module::PathId(req);
                 if (!id) return Response::Problem(id.error(), req);
                 auto body = module::JsonBody(req);
                 if (!body) return Response::Problem(body.error(), req);
                 return ReplyWithEtag(req, statements->Create(caller, *id, *body), 201);
               });
  reg.AddRoute(module::MakeRoute("GET", base + "/{statement_id}",
                                 {"A statement with its one-voice check", {"id", "statement_id"}, {}, "", "CrisisStatementChecked",
                                  200, true}),
               [statements](Request& req, const auth::Caller& caller) {
                 auto at = PathOf(req);
                 if (!at) return Response::Problem(at.error(), req);
                 return ReplyWithEtag(req, statements->Get(caller, at->crisis, at->statement, req.Locale()));
               });
  reg.AddRoute(module::MakeRoute("PATCH", base + "/{statement_id}",
                                 {"Edit a draft statement", {"id", "statement_id"}, {}, "CrisisStatementUpdate", "CrisisStatement",
                                  200, true, {409}}),
               Step([statements](const auth::Caller& c, StatementPath at, std::optional<int64_t> m, const Json& b, Request&) {
                 return statements->Update(c, at.crisis, at.statement, m, b);
               }));
  reg.AddRoute(module::MakeRoute("POST", base + "/{statement_id}/submit",
                                 {"Ask the approvers (a written reason overrides one-voice errors)", {"id", "statement_id"}, {},
                                  "CrisisStatementSubmit", "CrisisStatement", 200, true, {409, 422}}),
               Step([statements](const auth::Caller& c, StatementPath at, std::optional<int64_t> m, const Json& b, Request& req) {
                 return statements->Submit(c, at.crisis, at.statement, m, b, req.Locale());
               }));
  reg.AddRoute(module::MakeRoute("POST", base + "/{statement_id}/approve",
                                 {"Approve a statement (room approvers, never its author); the last approval publishes it",
                                  {"id", "statement_id"}, {}, "Empty", "CrisisStatement", 200, true, {409}}),
               Step([statements](const auth::Caller& c, StatementPath at, std::optional<int64_t> m, const Json& b,
                                 Request&) -> core::Result<Json> {
                 SAWT_TRY_STATUS(NoFields(b));
                 return statements->Approve(c, at.crisis, at.statement, m);
               }));
  reg.AddRoute(module::MakeRoute("POST", base + "/{statement_id}/withdraw",
                                 {"Withdraw a draft or a statement awaiting approval", {"id", "statement_id"}, {}, "Empty",
                                  "CrisisStatement", 200, true, {409}}),
               Step([statements](const auth::Caller& c, StatementPath at, std::optional<int64_t> m, const Json& b,
                                 Request&) -> core::Result<Json> {
                 SAWT_TRY_STATUS(NoFields(b));
                 return statements->Withdraw(c, at.crisis, at.statement, m);
               }));

  // ---- public: the newest statements, their live stream, CAP 1.2 alerts and their Atom index ----
  {
    http::Route route = module::MakeRoute("GET", "/api/v1/public/statements",
                                          {"The newest published crisis statements (public)", {}, {}, "", "PublicStatementList"});
    route.handler = [feed](Request& req) { return Reply(req, feed->Latest(50)); };
    reg.AddPublicRoute(std::move(route));
  }
  {
    http::Route route = module::MakeRoute(
        "GET", "/api/v1/public/alerts/stream",
        {"Server-Sent Events of newly published crisis statements (public; Last-Event-ID resumes)", {}, {}, "", "", 200, false,
         {429}});
    route.openapi["responses"]["200"] = {
        {"description", "A stream of `statement` events whose data is a PublicStatement"},
        {"content", {{"text/event-stream", {{"schema", {{"type", "string"}}}}}}}};
    route.handler = [feed](Request& req) {
      std::string_view from = req.Header("last-event-id");
      int64_t after = 0;
      if (!from.empty()) {
        auto parsed = core::ParseCanonicalInt(from);
        if (!parsed) return Response::Problem(core::Error::InvalidInput("crisis.bad_last_event_id", "Last-Event-ID"), req);
        after = *parsed;
      } else {
        // Without Last-Event-ID the stream starts at the present.
        auto newest = feed->Newest();
        if (!newest) return Response::Problem(newest.error(), req);
        after = *newest;
      }
      auto opened = feed->Open(after);
      if (!opened) return Response::Problem(opened.error(), req);
      Response res;
      res.stream = std::move(*opened);
      return res;
    };
    reg.AddPublicRoute(std::move(route));
  }
  {
    http::Route route = module::MakeTextRoute(
        "GET", "/api/v1/public/alerts", {"Atom index of published crisis statements as CAP alerts", {}, {}, "", ""},
        "application/atom+xml");
    route.handler = [alerts](Request& req) { return Xml(req, alerts->AtomIndex(), "application/atom+xml"); };
    reg.AddPublicRoute(std::move(route));
  }
  {
    http::Route route = module::MakeTextRoute(
        "GET", "/api/v1/public/alerts/{id}", {"A published crisis statement as an OASIS CAP 1.2 alert", {"id"}, {}, "", ""},
        "application/cap+xml");
    route.handler = [alerts](Request& req) {
      auto id = module::PathId(req);
      if (!id) return Response::Problem(id.error(), req);
      return Xml(req, alerts->Cap(*id), "application/cap+xml");
    };
    reg.AddPublicRoute(std::move(route));
  }
}

}  // namespace sawt::crisis
