#pragma once

#include <cstdint>
#include <optional>
#include <string>

#include "auth/caller.hpp"
#include "core/json.hpp"
#include "core/result.hpp"
#include "module/respond.hpp"
#include "module/entity_directory.hpp"
#include "store/store.hpp"

namespace sawt::messaging {

/// The fact sheet of the library (table created by LibraryService::Migrations): approved figures,
/// dates and texts with their source, which the alignment check compares drafts against. A number
/// or date fact without its value takes the first one its value text states. Every command
/// authorizes through auth::Authorize, validates its input and writes in one transaction that
/// appends its event. Results are wire JSON. Thread-safe.
class FactService {
 public:
  FactService(store::Store& store, module::EntityDirectorySource entities)
      : store_(store), entities_(std::move(entities)) {}

  core::Result<core::Json> ListFacts(const auth::Caller& caller, std::optional<std::string> state,
                                     const module::Page& page);
  core::Result<core::Json> GetFact(const auth::Caller& caller, int64_t id);
  core::Result<core::Json> CreateFact(const auth::Caller& caller, const core::Json& body);
  /// An edit of an approved fact sends it back to draft.
  core::Result<core::Json> UpdateFact(const auth::Caller& caller, int64_t id, std::optional<int64_t> if_match,
                                      const core::Json& body);
  core::Result<core::Json> ApproveFact(const auth::Caller& caller, int64_t id, std::optional<int64_t> if_match,
                                       const core::Json& body);

 private:
  store::Store& store_;
  module::EntityDirectorySource entities_;
};

}  // namespace sawt::messaging
