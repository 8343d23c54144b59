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

/// Per-entity rules of the content review, kept in messaging's own table
/// (messaging_review_settings). Today one rule: maker-checker, under which nobody who wrote or
/// edited an item (its text, its planning, its channel variants) may approve it, so an item is
/// always seen by a second person before it can be published. Off for an entity without a row.
/// Every change is one store transaction with its event. Thread-safe.
class ReviewSettingsService {
 public:
  ReviewSettingsService(store::Store& store, module::EntityDirectorySource entities)
      : store_(store), entities_(std::move(entities)) {}

  static std::vector<store::Migration> Migrations();

  /// {"entity_id", "maker_checker", "version"}: any member (the rule is no secret). kNotFound for
  /// an unknown entity. `version` is 1 while the defaults apply.
  core::Result<core::Json> Get(const auth::Caller& caller, int64_t entity_id);
  /// {"maker_checker": bool, "forbid_error_override"?: bool}: the entity's admins or a network admin. If-Match is the version read.
  core::Result<core::Json> Save(const auth::Caller& caller, int64_t entity_id, std::optional<int64_t> if_match,
                                const core::Json& body);

  /// The hook of the approval step, inside its transaction: kForbidden "messaging.maker_checker"
  /// when the owner entity has maker-checker on and `login` wrote or edited item `item_id`.
  static core::Status CheckApprover(store::Tx& tx, int64_t owner_entity_id, int64_t item_id, const std::string& login);
  /// The hook of a guarded step taken over open error findings: kConflict
  /// "messaging.override_forbidden" when the owner entity does not allow overriding them.
  static core::Status CheckErrorOverride(store::Tx& tx, int64_t owner_entity_id);

 private:
  store::Store& store_;
  module::EntityDirectorySource entities_;
};

}  // namespace sawt::messaging
