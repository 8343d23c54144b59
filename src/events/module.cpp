#include "events/module.hpp"

#include "core/numbers.hpp"
#include "module/openapi.hpp"
#include "module/respond.hpp"

namespace sawt::events {

using namespace module::route_names;  // NOLINT: the route files' shared vocabulary

std::shared_ptr<EventsService> Register(module::ModuleRegistry& reg) {
  reg.BeginModule("events", {"accounts"});
  auto svc = std::make_shared<EventsService>(reg.services().store);
  reg.Keep(svc);
  reg.AddMessages({{"events.bad_last_event_id", "قيمة Last-Event-ID غير صالحة.", "Last-Event-ID is not valid."},
                   {"events.too_many_streams", "فتحت اتصالات بث مباشر كثيرة بهذا الحساب؛ أغلق بعضها ثم أعد المحاولة.",
                    "This account has too many live event streams open; close some and try again."}});
  const module::ModuleRegistry* registry = &reg;
  reg.AddSchema("Event", {{"type", "object"},
                          {"properties",
                           {{"id", {{"type", "integer"}}}, {"at", {{"type", "string"}}}, {"actor", {{"type", "string"}}},
                            {"action", {{"type", "string"}}}, {"entity_id", {{"type", {"integer", "null"}}}},
                            {"object_type", {{"type", "string"}}}, {"object_id", {{"type", "string"}}},
                            {"payload", {{"type", "object"}}}}}});

  reg.AddRoute(module::MakeRoute("GET", "/api/v1/events", {"The audit log the caller may see", {}, {"cursor", "limit"}, "", "Page:Event"}),
               [svc](Request& req, const auth::Caller& caller) {
                 auto page = module::PageFrom(req);
                 if (!page) return Response::Problem(page.error(), req);
                 auto events = svc->Visible(caller, page->after_id, page->limit);
                 if (!events) return Response::Problem(events.error(), req);
                 core::Json items = core::Json::array();
                 int64_t last = 0;
                 for (auto& e : *events) {
                   last = e["id"];
                   items.push_back(std::move(e));
                 }
                 return Response::Json(200, module::PageJson(std::move(items), *page, last));
               });

  http::Route stream = module::MakeRoute("GET", "/api/v1/stream",
                         {"Server-Sent Events of the events the caller may see (Last-Event-ID resumes)", {}, {}, "", "", 200, false, {429}});
  stream.openapi["responses"]["200"] = {
      {"description", "An event stream"}, {"content", {{"text/event-stream", {{"schema", {{"type", "string"}}}}}}}};
  reg.AddRoute(std::move(stream), [svc, registry](Request& req, const auth::Caller& caller) {
    // Last-Event-ID (header, sent by EventSource on reconnect) or ?last_event_id= resumes;
    // without either the stream starts at the present.
    std::string_view from = req.Header("last-event-id");
    if (from.empty()) {
      if (auto it = req.query.find("last_event_id"); it != req.query.end()) from = it->second;
    }
    int64_t after = svc->latest();
    if (!from.empty()) {
      // Event ids have one spelling (0 = from the start): "007" or "+7" is refused, not read as 7.
      auto parsed = core::ParseCanonicalInt(from);
      if (!parsed) return Response::Problem(core::Error::InvalidInput("events.bad_last_event_id", "Last-Event-ID"), req);
      after = *parsed;
    }
    auto opened = svc->OpenStream(caller, after, registry->ReauthenticatorFor(req));
    if (!opened) return Response::Problem(opened.error(), req);
    Response res;
    res.stream = std::move(*opened);
    return res;
  });
  return svc;
}

}  // namespace sawt::events
