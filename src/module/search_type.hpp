#pragma once

#include <functional>
#include <string>

#include "core/result.hpp"
#include "store/store.hpp"

namespace sawt::module {

/// A kind of searchable object, registered by the module that owns it
/// (ModuleRegistry::AddSearchType); the search module indexes and queries every registered type.
struct SearchType {
  std::string name;        ///< doc_type, e.g. "member"
  std::string permission;  ///< auth policy permission that governs visibility, e.g. "network.members.read"
  /// Re-indexes every object of the type (search::SearchIndexer::Upsert for each) inside `tx`;
  /// returns how many.
  std::function<core::Result<int64_t>(store::Tx& tx)> rebuild;
};

}  // namespace sawt::module
