#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <vector>

#include "auth/caller.hpp"
#include "core/json.hpp"
#include "module/publishing_control.hpp"
#include "core/result.hpp"
#include "http/messages.hpp"
#include "messaging/alignment_service.hpp"
#include "module/respond.hpp"
#include "module/entity_directory.hpp"
#include "store/store.hpp"

namespace sawt::messaging {

/// Content items (press releases, posts, speeches, articles, memos) with their stored versions and
/// their workflow draft → in_review → changes_requested | approved → scheduled → published →
/// withdrawn. Every answer about one item carries its alignment findings (AlignmentService). Every
/// command authorizes through auth::Authorize, validates its input (unknown fields are errors) and
/// writes in one transaction that appends its event. Results are wire JSON. Thread-safe.
class ContentService {
 public:
  /// REQUIRES: `alignment` outlives the service.
  ContentService(store::Store& store, module::EntityDirectorySource entities, AlignmentService& alignment)
      : store_(store), entities_(std::move(entities)), alignment_(alignment) {}

  /// content_items and content_item_versions.
  static std::vector<store::Migration> Migrations();

  /// Another module's approved text as a published content item of its entity, inside `tx`
  /// (module::PublishingControl::Publish): checked like a create, versioned, queued to the outbox,
  /// with a created and a published event. Resolves to the item's id.
  static core::Result<int64_t> PublishApproved(store::Tx& tx, const module::EntityDirectory& entities,
                                               const auth::Caller& caller, const module::PublishRequest& request);

  /// Creates a draft (version 1); the answer carries "alignment" (the check of title + body), its
  /// explanations worded in `reader`'s digits (as every answer carrying "alignment" below).
  core::Result<core::Json> CreateContentItem(const auth::Caller& caller, const core::Json& body,
                                             const http::Locale& reader = {});
  core::Result<core::Json> GetContentItem(const auth::Caller& caller, int64_t id, const http::Locale& reader = {});
  /// Content items (without alignment), filtered by state, owner entity and kind: the review queue is
  /// ?state=in_review&entity_id=.
  core::Result<core::Json> ListContentItems(const auth::Caller& caller, std::optional<std::string> state,
                                            std::optional<int64_t> entity_id, std::optional<std::string> kind,
                                            const module::Page& page);
  /// Edits a draft or an item with changes requested; every save keeps a version.
  core::Result<core::Json> UpdateContentItem(const auth::Caller& caller, int64_t id, std::optional<int64_t> if_match,
                                             const core::Json& body, const http::Locale& reader = {});
  /// {"to", "comment"}: one step of draft → in_review → changes_requested | approved → scheduled →
  /// published → withdrawn. If-Match is required. Publishing queues the outbox and withdrawing
  /// cancels it, in the same transaction (PublicationService hooks).
  core::Result<core::Json> TransitionContentItem(const auth::Caller& caller, int64_t id,
                                                 std::optional<int64_t> if_match, const core::Json& body,
                                                 const http::Locale& reader = {});
  /// Every stored version of an item, newest first (without bodies: diff two of them to compare).
  core::Result<core::Json> ContentItemVersions(const auth::Caller& caller, int64_t id);
  /// Word-level diff (text::WordDiff) of two stored versions, per field.
  core::Result<core::Json> DiffContentItem(const auth::Caller& caller, int64_t id, std::optional<int64_t> from,
                                           std::optional<int64_t> to);

 private:
  store::Store& store_;
  module::EntityDirectorySource entities_;
  AlignmentService& alignment_;
};

}  // namespace sawt::messaging
