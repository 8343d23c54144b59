#pragma once

#include "module/registry.hpp"

namespace sawt::search {

/// Registers the search module: its migrations (for the store's backend), GET /api/v1/search,
/// messages and schemas. Modules register their searchable types with ModuleRegistry::AddSearchType and
/// index inside their write transactions with SearchIndexer (search_indexer.hpp). On SQLite the
/// app must also install the "sawt" FTS5 tokenizer (sqlite_tokenizer.hpp) before migrating.
void Register(module::ModuleRegistry& registry);

}  // namespace sawt::search
