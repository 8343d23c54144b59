#pragma once

#include <optional>
#include <string>

#include "core/result.hpp"
#include "module/entity_directory.hpp"
#include "store/store.hpp"

namespace sawt::messaging {

/// The public Atom feeds (RFC 4287) of published content items, written through xml::Writer.
/// Reads only; needs no caller (the feeds are public). Thread-safe.
class FeedService {
 public:
  FeedService(store::Store& store, module::EntityDirectorySource entities)
      : store_(store), entities_(std::move(entities)) {}

  /// Published items of one entity (by code) or of the whole government, newest first, as Atom XML.
  /// kNotFound "messaging.feed_entity_not_found" for an unknown entity code.
  core::Result<std::string> AtomFeed(const std::optional<std::string>& entity_code, const std::string& self_url);

 private:
  store::Store& store_;
  module::EntityDirectorySource entities_;
};

}  // namespace sawt::messaging
