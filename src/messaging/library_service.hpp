#pragma once

#include <cstdint>
#include <optional>
#include <vector>

#include "auth/caller.hpp"
#include "core/json.hpp"
#include "core/result.hpp"
#include "module/entity_directory.hpp"
#include "store/store.hpp"

namespace sawt::messaging {

/// The catalog half of the messaging library ("one voice"): themes, the network term list and
/// entity aliases (wrong or short forms of entity names). Key messages and facts have their own
/// services. Every command authorizes through auth::Authorize, validates its input (unknown fields
/// are errors) and writes in one transaction that appends its event. Results are wire JSON.
/// Thread-safe.
class LibraryService {
 public:
  LibraryService(store::Store& store, module::EntityDirectorySource entities)
      : store_(store), entities_(std::move(entities)) {}

  /// The library's tables: themes, key messages with their history, facts, terms, aliases.
  static std::vector<store::Migration> Migrations();

  core::Result<core::Json> ListThemes(const auth::Caller& caller);
  core::Result<core::Json> CreateTheme(const auth::Caller& caller, const core::Json& body);
  core::Result<core::Json> UpdateTheme(const auth::Caller& caller, int64_t id, std::optional<int64_t> if_match,
                                       const core::Json& body);

  core::Result<core::Json> ListTerms(const auth::Caller& caller);
  core::Result<core::Json> CreateTerm(const auth::Caller& caller, const core::Json& body);
  core::Result<core::Json> UpdateTerm(const auth::Caller& caller, int64_t id, std::optional<int64_t> if_match,
                                      const core::Json& body);
  core::Status DeleteTerm(const auth::Caller& caller, int64_t id);

  core::Result<core::Json> ListAliases(const auth::Caller& caller, std::optional<int64_t> entity_id);
  core::Result<core::Json> CreateAlias(const auth::Caller& caller, const core::Json& body);
  core::Status DeleteAlias(const auth::Caller& caller, int64_t id);

 private:
  store::Store& store_;
  module::EntityDirectorySource entities_;
};

}  // namespace sawt::messaging
