#pragma once

#include <optional>
#include <string>

#include "core/result.hpp"
#include "module/entity_directory.hpp"
#include "store/store.hpp"

namespace sawt::messaging {

/// The public Atom feeds (RFC 4287) of published content items, written through xml::Writer.
/// Each entry links (rel="alternate") to where the item was posted for the public (its website
/// publication first, Arabic first); the feed's self link is absolute when the deployment's public
/// address is known. Reads only; needs no caller (the feeds are public). Thread-safe.
class FeedService {
 public:
  /// `public_url`: --public-url (normalised, no trailing "/"), or empty.
  FeedService(store::Store& store, module::EntityDirectorySource entities, std::string public_url = {})
      : store_(store), entities_(std::move(entities)), public_url_(std::move(public_url)) {}

  /// Published items of one entity (by code) or of the whole government, newest first, as Atom XML;
  /// `self_path` is the feed's own path ("/feeds/…"). kNotFound "messaging.feed_entity_not_found"
  /// for an unknown entity code.
  core::Result<std::string> AtomFeed(const std::optional<std::string>& entity_code, const std::string& self_path);

 private:
  store::Store& store_;
  module::EntityDirectorySource entities_;
  std::string public_url_;
};

}  // namespace sawt::messaging
