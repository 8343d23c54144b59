#pragma once

#include <cstdint>
#include <optional>
#include <string>

#include "auth/caller.hpp"
#include "core/json.hpp"
#include "core/result.hpp"
#include "module/entity_directory.hpp"
#include "store/store.hpp"

namespace sawt::messaging {

/// Channel variants of content items: per channel and language, the stored text or one derived
/// from the item, measured as the platform counts it (channels.hpp), and the live channel check
/// of the editor. Tables: content_item_variants (PublicationService::Migrations). Every change is
/// one store transaction with its event. Thread-safe.
class VariantService {
 public:
  VariantService(store::Store& store, module::EntityDirectorySource entities)
      : store_(store), entities_(std::move(entities)) {}

  /// Every channel × language of the item: the stored variant or a derived one, with its length.
  core::Result<core::Json> ListVariants(const auth::Caller& caller, int64_t item_id);
  /// {"lang", "text", "title"?, "hashtags"?} for one channel; only while the item is editable.
  core::Result<core::Json> SaveVariant(const auth::Caller& caller, int64_t item_id, const std::string& channel,
                                       std::optional<int64_t> if_match, const core::Json& body);
  /// Drops the stored variant of `channel` in `lang`: the item's derived text applies again. Only
  /// while the item is editable; kNotFound when nothing was stored.
  core::Status ResetVariant(const auth::Caller& caller, int64_t item_id, const std::string& channel,
                            const std::string& lang);
  /// {"channel", "text", "title"?, "hashtags"?} → the count, as the editor's live counter shows it.
  core::Result<core::Json> CheckText(const auth::Caller& caller, const core::Json& body);

  /// Hook of the content-item workflow, run inside its transaction before scheduled/published:
  /// every stored variant of the item's channels must fit (kUnprocessable
  /// "messaging.variant_blocks_publication" otherwise).
  static core::Status CheckStoredVariants(store::Tx& tx, int64_t item_id);

 private:
  store::Store& store_;
  module::EntityDirectorySource entities_;
};

}  // namespace sawt::messaging
