#include "notifications/routes.hpp"

#include "core/numbers.hpp"
#include "module/openapi.hpp"
#include "module/respond.hpp"

namespace sawt::notifications {

using namespace module::route_names;  // NOLINT: the route files' shared vocabulary

namespace {

/// Routes that take an empty object: like every write route, the body is read strictly first.
/// A request with no body and no Content-Type at all (a browser's bare POST) reads as {}.
core::Status EmptyBody(const Request& req) {
  if (req.body.empty() && req.Header("content-type").empty()) return core::Ok();
  auto body = module::JsonBody(req);
  if (!body) return std::move(body).error();
  return core::JsonReader(*body).Finish();
}

}  // namespace

void RegisterRoutes(module::ModuleRegistry& reg, std::shared_ptr<NotificationService> svc,
                    std::shared_ptr<NotificationStreams> streams) {
  reg.AddRoute(module::MakeRoute("GET", "/api/v1/notifications",
                                 {"The caller's own notifications, newest first, worded in the request's language",
                                  {}, {"unread", "cursor", "limit"}, "", "NotificationList"}),
               [svc](Request& req, const auth::Caller& caller) {
                 auto page = module::PageFrom(req);
                 if (!page) return Response::Problem(page.error(), req);
                 std::optional<bool> unread;
                 if (auto v = module::QueryText(req, "unread")) {
                   if (*v != "true" && *v != "false") {
                     return Response::Problem(core::Error::InvalidInput("notifications.bad_unread", "unread"), req);
                   }
                   unread = *v == "true";
                 }
                 return Reply(req, svc->List(caller, unread, *page, req.Locale()));
               });
  reg.AddRoute(module::MakeRoute("POST", "/api/v1/notifications/{id}/read",
                                 {"Mark one of the caller's notifications read", {"id"}, {}, "Empty", "Notification"}),
               [svc](Request& req, const auth::Caller& caller) {
                 if (auto st = EmptyBody(req); !st) return Response::Problem(st.error(), req);
                 auto id = module::PathId(req);
                 if (!id) return Response::Problem(id.error(), req);
                 return Reply(req, svc->MarkRead(caller, *id, req.Locale()));
               });
  reg.AddRoute(module::MakeRoute("POST", "/api/v1/notifications/read-all",
                                 {"Mark every notification of the caller read", {}, {}, "Empty", "NotificationUnread"}),
               [svc](Request& req, const auth::Caller& caller) {
                 if (auto st = EmptyBody(req); !st) return Response::Problem(st.error(), req);
                 return Reply(req, svc->MarkAllRead(caller));
               });
  reg.AddRoute(module::MakeRoute("GET", "/api/v1/notifications/preferences",
                                 {"The caller's notification preferences per kind (defaults filled in)", {}, {}, "",
                                  "NotificationPreferences"}),
               [svc](Request& req, const auth::Caller& caller) { return Reply(req, svc->Preferences(caller)); });
  reg.AddRoute(module::MakeRoute("PUT", "/api/v1/notifications/preferences",
                                 {"Set the caller's notification preferences for the kinds listed", {}, {},
                                  "NotificationPreferences", "NotificationPreferences", 200, false, {422}}),
               [svc](Request& req, const auth::Caller& caller) {
                 auto body = module::JsonBody(req);
                 if (!body) return Response::Problem(body.error(), req);
                 return Reply(req, svc->SetPreferences(caller, *body));
               });
  reg.AddRoute(module::MakeRoute("GET", "/api/v1/notifications/outbox",
                                 {"The notification e-mail outbox with each e-mail's status (network admins only)", {},
                                  {"cursor", "limit"}, "", "Page:NotificationEmail"}),
               [svc](Request& req, const auth::Caller& caller) {
                 auto page = module::PageFrom(req);
                 if (!page) return Response::Problem(page.error(), req);
                 return Reply(req, svc->Outbox(caller, *page));
               });

  http::Route stream = module::MakeRoute(
      "GET", "/api/v1/notifications/stream",
      {"Server-Sent Events of the caller's new notifications (Last-Event-ID resumes); `lang` takes an "
       "Accept-Language value (\"ar-u-nu-latn\") for clients that cannot set headers",
       {}, {"lang"}, "", "", 200, false, {429}});
  stream.openapi["responses"]["200"] = {
      {"description", "A stream of `notification` events whose data is a Notification"},
      {"content", {{"text/event-stream", {{"schema", {{"type", "string"}}}}}}}};
  const module::ModuleRegistry* registry = &reg;
  reg.AddRoute(std::move(stream), [streams, registry](Request& req, const auth::Caller& caller) {
    std::string_view from = req.Header("last-event-id");
    int64_t after = 0;
    if (!from.empty()) {
      auto parsed = core::ParseCanonicalInt(from);
      if (!parsed) {
        return Response::Problem(core::Error::InvalidInput("notifications.bad_last_event_id", "Last-Event-ID"), req);
      }
      after = *parsed;
    } else {
      // Without Last-Event-ID the stream starts at the present.
      auto newest = streams->service().Newest(caller.account_id);
      if (!newest) return Response::Problem(newest.error(), req);
      after = *newest;
    }
    // An EventSource cannot send the page's Accept-Language, so the page names it in `lang`.
    auto lang = module::QueryText(req, "lang");
    const http::Locale locale = lang ? http::LocaleOf(*lang) : req.Locale();
    auto opened = streams->Open(caller, after, locale, registry->ReauthenticatorFor(req));
    if (!opened) return Response::Problem(opened.error(), req);
    Response res;
    res.stream = std::move(*opened);
    return res;
  });
}

}  // namespace sawt::notifications
