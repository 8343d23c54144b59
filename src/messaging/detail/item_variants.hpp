#pragma once

#include <cstdint>
#include <map>
#include <optional>
#include <string>
#include <utility>
#include <vector>

#include "core/result.hpp"
#include "messaging/channels.hpp"
#include "store/store.hpp"

/// What channel variants and the publication outbox both need: a content item as they see it and
/// its variants as they would be posted. Internal to the module.
namespace sawt::messaging::detail {

/// What the variants and the outbox need of a content item.
struct ItemView {
  int64_t id = 0;
  int64_t owner = 0;
  std::string state;
  std::vector<std::string> channels;
  std::vector<std::string> themes;
  std::map<std::string, std::string> title, body;  // by language
  std::string kind;
  int64_t version = 0;
};

/// kNotFound "messaging.content_item_not_found" when the item does not exist.
core::Result<ItemView> LoadItemView(store::Tx& tx, int64_t id);

/// One variant as it would be posted.
struct Variant {
  std::string channel, lang;
  bool derived = true;
  std::optional<std::string> title;
  std::string text;
  std::vector<std::string> hashtags;
  std::optional<int64_t> version;
  std::optional<std::string> updated_by, updated_at;
};

/// Stored variants of an item by (channel, lang).
core::Result<std::map<std::pair<std::string, std::string>, Variant>> StoredVariants(store::Tx& tx, int64_t item_id);

/// Every (channel, lang) of the item with its final variant (stored, else derived from the item).
core::Result<std::vector<Variant>> FinalVariants(store::Tx& tx, const ItemView& item);

/// The counting rule of a channel; kInvalidInput "messaging.unknown_channel" naming `field`.
core::Result<const ChannelRule*> RuleOf(const std::string& channel, const char* field);

}  // namespace sawt::messaging::detail
