#pragma once

#include <memory>

#include "module/registry.hpp"
#include "search/search_service.hpp"

namespace sawt::search {

/// GET /api/v1/search.
void RegisterRoutes(module::ModuleRegistry& registry, std::shared_ptr<SearchService> service);

}  // namespace sawt::search
