// Thin HTTP handler of the search module: parse → call the service → reply.
#include "search/routes.hpp"

#include "module/openapi.hpp"
#include "module/respond.hpp"

namespace sawt::search {

void RegisterRoutes(module::ModuleRegistry& reg, std::shared_ptr<SearchService> svc) {
  http::Route route = module::MakeRoute(
      "GET", "/api/v1/search",
      {"Search everything the caller may see (Arabic and English, ranked by BM25)", {}, {"q", "type", "limit"}, "",
       "SearchResults"});
  reg.AddRoute(std::move(route), [svc](http::Request& req, const auth::Caller& caller) {
    auto get = [&](const char* name) {
      auto it = req.query.find(name);
      return it == req.query.end() ? std::string() : it->second;
    };
    auto limit = module::QueryId(req, "limit");
    if (!limit) {
      return http::Response::Problem(core::Error::InvalidInput("search.bad_limit", "limit"), req);
    }
    return module::Reply(req, svc->Search(caller, get("q"), get("type"), *limit, req.Lang()));
  });
}

}  // namespace sawt::search
