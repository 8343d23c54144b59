#pragma once

#include <cstdint>
#include <memory>
#include <optional>
#include <string>
#include <vector>

#include "auth/caller.hpp"
#include "core/json.hpp"
#include "core/result.hpp"
#include "module/entity_directory.hpp"
#include "module/publishing_control.hpp"
#include "module/vocabulary.hpp"
#include "store/store.hpp"

namespace sawt::messaging {

/// "Pause all publishing": while a pause is in force, the publication worker delivers no outbox
/// row and publishes no scheduled item it covers (every entity or chosen ones, every channel or
/// chosen ones); what it holds keeps its state and goes out once the pause ends. Network admins
/// pause and resume here; other modules (a crisis room, for its entities) through the
/// module::PublishingControl this service also implements (whose Publish is the content
/// workflow's ContentService::PublishApproved). Thread-safe.
class PauseService : public module::PublishingControl {
 public:
  PauseService(store::Store& store, module::EntityDirectorySource entities, const module::Vocabulary& channels);

  /// publishing_pauses and the entity/channel rows the worker matches against.
  static std::vector<store::Migration> Migrations();

  /// SQL that is true when an active pause covers the outbox row aliased `o` (owner_entity_id,
  /// channel) — for the worker's queries.
  static std::string CoversOutboxRow();
  /// SQL that is true when an active pause of every channel covers the content item aliased `c`.
  static std::string CoversScheduledItem();

  /// `status`: "active" (default) or "all", newest first. Network admins see every pause, others
  /// those that cover one of their entities (or every entity).
  core::Result<core::Json> List(const auth::Caller& caller, const std::string& status);
  core::Result<core::Json> Get(const auth::Caller& caller, int64_t id);
  /// {"reason", "entity_ids"?, "channels"?} (network admins).
  core::Result<core::Json> Create(const auth::Caller& caller, const core::Json& body);
  /// {"reason"?} (network admins).
  core::Result<core::Json> End(const auth::Caller& caller, int64_t id, std::optional<int64_t> if_match,
                               const core::Json& body);

  // ---- module::PublishingControl ----
  core::Result<core::Json> Pause(store::Tx& tx, const auth::Caller& caller,
                                 const module::PauseRequest& request) const override;
  core::Result<core::Json> Resume(store::Tx& tx, const auth::Caller& caller, int64_t pause_id,
                                  const std::string& reason) const override;
  core::Result<int64_t> Publish(store::Tx& tx, const auth::Caller& caller,
                                const module::PublishRequest& request) const override;
  core::Result<std::vector<core::Json>> ActiveFor(store::Tx& tx, const std::string& source_type,
                                                  int64_t source_id) const override;

 private:
  core::Result<core::Json> Load(store::Tx& tx, int64_t id) const;

  store::Store& store_;
  module::EntityDirectorySource entities_;
  const module::Vocabulary& channels_;
};

}  // namespace sawt::messaging
