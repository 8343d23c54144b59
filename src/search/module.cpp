#include "search/module.hpp"

#include "search/routes.hpp"
#include "search/search_indexer.hpp"
#include "search/search_service.hpp"

namespace sawt::search {
namespace {

const std::vector<http::Message> kMessages = {
    {"search.bad_query", "نص البحث مطلوب، ويجب ألا يتجاوز {0, number} بايت.",
     "The search text is required and must not exceed {0} bytes."},
    {"search.bad_type", "نوع المحتوى «{0}» غير معروف للبحث.", "\"{0}\" is not a searchable type."},
    {"search.bad_limit", "عدد النتائج يجب أن يكون بين 1 و100.", "The limit must be between 1 and 100."},
};

}  // namespace

void Register(module::ModuleRegistry& reg) {
  reg.BeginModule("search");
  // Anyone signed in may search; each hit is filtered by its type's own read permission.
  reg.AddPermissions({{"search.query", {}, true, false, "Search across the modules"}});
  auto service = std::make_shared<SearchService>(reg.services().store, reg.search_types());
  reg.Keep(service);
  reg.AddMigrations(Migrations(reg.services().store.backend()));
  reg.AddMessages(kMessages);
  reg.AddSchema("SearchHit", {{"type", "object"},
                              {"properties",
                               {{"doc_type", {{"type", "string"}}},
                                {"doc_id", {{"type", "integer"}}},
                                {"entity_id", {{"type", {"integer", "null"}}}},
                                {"title", {{"type", "string"}}},
                                {"title_ar", {{"type", "string"}}},
                                {"title_en", {{"type", "string"}}},
                                {"ref", {{"type", "string"}}},
                                {"snippet", {{"type", "string"}, {"description", "HTML; hits wrapped in <mark>"}}},
                                {"score", {{"type", "number"}}}}}});
  reg.AddSchema("SearchResults",
                {{"type", "object"},
                 {"properties", {{"items", {{"type", "array"}, {"items", {{"$ref", "#/components/schemas/SearchHit"}}}}}}}});
  RegisterRoutes(reg, service);
}

}  // namespace sawt::search
