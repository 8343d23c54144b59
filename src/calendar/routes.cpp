// Thin HTTP handlers of the calendar module: parse → call the service → reply.
#include "calendar/routes.hpp"

#include "module/openapi.hpp"
#include "module/respond.hpp"

namespace sawt::calendar {
namespace {

using namespace module::route_names;  // NOLINT: the route files' shared vocabulary

core::Result<CalendarFilter> FilterFrom(const CalendarService& svc, const Request& req) {
  auto entity = module::QueryId(req, "entity_id");
  if (!entity) return std::move(entity).error();
  return svc.MakeFilter(module::QueryText(req, "from"), module::QueryText(req, "to"), *entity, module::QueryText(req, "theme"), module::QueryText(req, "channel"),
                        module::QueryText(req, "kind"));
}

const std::vector<std::string> kFilterParams = {"from", "to", "entity_id", "theme", "channel", "kind"};

}  // namespace

void RegisterRoutes(module::ModuleRegistry& reg, std::shared_ptr<CalendarService> svc, std::shared_ptr<EntryService> entries) {
  reg.AddRoute(module::MakeRoute("GET", "/api/v1/calendar",
                                 {"The shared calendar of all entities, with conflicts and blackout dates", {}, kFilterParams,
                                  "", "CalendarView"}),
               [svc](Request& req, const auth::Caller& caller) {
                 auto filter = FilterFrom(*svc, req);
                 if (!filter) return Response::Problem(filter.error(), req);
                 return Reply(req, svc->View(caller, *filter, req.Locale()));
               });
  {
    std::vector<std::string> params = kFilterParams;
    params.push_back("lang");
    reg.AddRoute(module::MakeTextRoute("GET", "/api/v1/calendar.ics",
                                       {"The calendar as iCalendar (RFC 5545), per entity or any filter", {}, params, "", ""},
                                       "text/calendar"),
                 [svc](Request& req, const auth::Caller& caller) {
                   auto filter = FilterFrom(*svc, req);
                   if (!filter) return Response::Problem(filter.error(), req);
                   const std::string lang = module::QueryText(req, "lang").value_or(req.Lang()) == "en" ? "en" : "ar";
                   auto ics = svc->Ics(caller, *filter, lang, "sawt");
                   if (!ics) return Response::Problem(ics.error(), req);
                   Response r;
                   r.status = 200;
                   r.content_type = "text/calendar; charset=utf-8";
                   r.headers.emplace_back("Content-Disposition", "attachment; filename=\"sawt-calendar.ics\"");
                   r.body = std::move(*ics);
                   return r;
                 });
  }
  reg.AddRoute(module::MakeRoute("POST", "/api/v1/calendar/entries",
                                 {"Plan an announcement, event, campaign or national day", {}, {}, "CalendarEntryCreate",
                                  "CalendarEntry", 201, true}),
               module::CreateWithBody([entries](const auth::Caller& c, const Json& b) { return entries->CreateEntry(c, b); }));
  reg.AddRoute(module::MakeRoute("GET", "/api/v1/calendar/entries/{id}",
                                 {"Get a calendar entry with its conflicts", {"id"}, {}, "", "CalendarEntry", 200, true}),
               [entries](Request& req, const auth::Caller& caller) {
                 auto id = module::PathId(req);
                 if (!id) return Response::Problem(id.error(), req);
                 return ReplyWithEtag(req, entries->GetEntry(caller, *id));
               });
  reg.AddRoute(module::MakeRoute("PATCH", "/api/v1/calendar/entries/{id}",
                                 {"Change a calendar entry", {"id"}, {}, "CalendarEntryUpdate", "CalendarEntry", 200, true}),
               module::WithIdMatchBody([entries](const auth::Caller& c, int64_t id, std::optional<int64_t> m, const Json& b) {
                 return entries->UpdateEntry(c, id, m, b);
               }));
  reg.AddRoute(module::MakeRoute("DELETE", "/api/v1/calendar/entries/{id}",
                                 {"Remove a calendar entry", {"id"}, {}, "", "", 204, true}),
               [entries](Request& req, const auth::Caller& caller) {
                 auto id = module::PathId(req);
                 if (!id) return Response::Problem(id.error(), req);
                 auto match = module::IfMatch(req);
                 if (!match) return Response::Problem(match.error(), req);
                 return ReplyEmpty(req, entries->DeleteEntry(caller, *id, *match));
               });
  reg.AddRoute(module::MakeRoute("GET", "/api/v1/calendar/blackouts", {"Blackout dates", {}, {}, "", "BlackoutList"}),
               [entries](Request& req, const auth::Caller& caller) { return Reply(req, entries->ListBlackouts(caller)); });
  reg.AddRoute(module::MakeRoute("POST", "/api/v1/calendar/blackouts",
                                 {"Declare blackout dates (network-wide or for one entity)", {}, {}, "BlackoutCreate",
                                  "Blackout", 201, true}),
               module::CreateWithBody([entries](const auth::Caller& c, const Json& b) { return entries->CreateBlackout(c, b); }));
  reg.AddRoute(module::MakeRoute("DELETE", "/api/v1/calendar/blackouts/{id}",
                                 {"Lift blackout dates", {"id"}, {}, "", "", 204}),
               [entries](Request& req, const auth::Caller& caller) {
                 auto id = module::PathId(req);
                 if (!id) return Response::Problem(id.error(), req);
                 return ReplyEmpty(req, entries->DeleteBlackout(caller, *id));
               });
  reg.AddRoute(module::MakeRoute("GET", "/api/v1/calendar/settings",
                                 {"Calendar settings (the conflict window)", {}, {}, "", "CalendarSettings", 200, true}),
               [svc](Request& req, const auth::Caller& caller) { return ReplyWithEtag(req, svc->GetSettings(caller)); });
  reg.AddRoute(module::MakeRoute("PUT", "/api/v1/calendar/settings",
                                 {"Change the conflict window", {}, {}, "CalendarSettingsUpdate", "CalendarSettings", 200, true}),
               [svc](Request& req, const auth::Caller& caller) {
                 auto match = module::IfMatch(req);
                 if (!match) return Response::Problem(match.error(), req);
                 auto body = module::JsonBody(req);
                 if (!body) return Response::Problem(body.error(), req);
                 return ReplyWithEtag(req, svc->UpdateSettings(caller, *match, *body));
               });
}

}  // namespace sawt::calendar
