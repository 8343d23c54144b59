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

/// Filters of the key-message list.
struct KeyMessageFilter {
  std::optional<int64_t> theme_id;
  std::optional<std::string> state;  ///< draft, approved, retired
};

/// Bilingual key messages of the library (tables created by LibraryService::Migrations): drafts,
/// edits that keep the previous version in the history, approval and retirement. Every command
/// authorizes through auth::Authorize, validates its input and writes in one transaction that
/// appends its event. Results are wire JSON. Thread-safe.
class KeyMessageService {
 public:
  KeyMessageService(store::Store& store, module::EntityDirectorySource entities)
      : store_(store), entities_(std::move(entities)) {}

  core::Result<core::Json> ListKeyMessages(const auth::Caller& caller, const KeyMessageFilter& filter,
                                           const module::Page& page);
  core::Result<core::Json> GetKeyMessage(const auth::Caller& caller, int64_t id);
  core::Result<core::Json> CreateKeyMessage(const auth::Caller& caller, const core::Json& body);
  /// Stores the previous version in the history; an approved message goes back to draft.
  core::Result<core::Json> UpdateKeyMessage(const auth::Caller& caller, int64_t id, std::optional<int64_t> if_match,
                                            const core::Json& body);
  /// draft → approved, by a network admin or an entity admin of the theme's owner entity.
  core::Result<core::Json> ApproveKeyMessage(const auth::Caller& caller, int64_t id, std::optional<int64_t> if_match,
                                             const core::Json& body);
  /// draft or approved → retired (same permission as approval).
  core::Result<core::Json> RetireKeyMessage(const auth::Caller& caller, int64_t id, std::optional<int64_t> if_match,
                                            const core::Json& body);
  core::Result<core::Json> KeyMessageVersions(const auth::Caller& caller, int64_t id);

 private:
  store::Store& store_;
  module::EntityDirectorySource entities_;
};

}  // namespace sawt::messaging
