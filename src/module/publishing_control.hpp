#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <vector>

#include "auth/caller.hpp"
#include "core/json.hpp"
#include "core/result.hpp"
#include "store/store.hpp"

namespace sawt::module {

/// What one pause of publishing covers and why. Empty `entity_ids` means every entity, empty
/// `channels` every channel.
struct PauseRequest {
  std::vector<int64_t> entity_ids;
  std::vector<std::string> channels;
  std::string reason;
  /// The record that asked for the pause, e.g. {"crisis", 12}; empty for a person's own pause.
  std::string source_type;
  std::optional<int64_t> source_id;
};

/// Text another module had approved (a crisis statement), published as one entity's content item:
/// it skips the content workflow, since that module's approval stands for it, but then goes out
/// like any published item — the entity's outbox rows per channel × language, its Atom feed.
struct PublishRequest {
  int64_t entity_id = 0;
  std::string kind = "press_release";  ///< a content kind
  std::string title_ar, title_en, body_ar, body_en;
  std::vector<std::string> channels;   ///< channel codes (the item's channels)
  std::string author;                  ///< the login the item is credited to (its creator)
  std::string source_type;             ///< e.g. "crisis_statement" (kept in the item's event)
  int64_t source_id = 0;
};

/// The messaging module's publishing as other modules use it: the "pause all publishing" switch
/// (its outbox and scheduled items are what stops) and publishing text they approved, registered
/// on the registry (ModuleRegistry::publishing_control) so that a crisis room, say, can pull the
/// switch for the entities it concerns and speak on all their channels at once. The
/// caller's own module decides who may; these calls check only the input. Runs inside the
/// caller's write transaction, with its event.
class PublishingControl {
 public:
  virtual ~PublishingControl() = default;
  /// Pauses what `request` covers; resolves to the pause (the PublishingPause schema).
  virtual core::Result<core::Json> Pause(store::Tx& tx, const auth::Caller& caller, const PauseRequest& request) const = 0;
  /// Ends a pause; kConflict when it has already ended.
  virtual core::Result<core::Json> Resume(store::Tx& tx, const auth::Caller& caller, int64_t pause_id,
                                          const std::string& reason) const = 0;
  /// Publishes `request` as a content item of its entity (state published, outbox rows queued —
  /// held like any other while a pause covers them); resolves to the item's id.
  virtual core::Result<int64_t> Publish(store::Tx& tx, const auth::Caller& caller, const PublishRequest& request) const = 0;
  /// The pauses `source_type`/`source_id` asked for that are still in force, oldest first.
  virtual core::Result<std::vector<core::Json>> ActiveFor(store::Tx& tx, const std::string& source_type,
                                                          int64_t source_id) const = 0;
};

}  // namespace sawt::module
