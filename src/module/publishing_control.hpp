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

/// The "pause all publishing" switch, owned by the messaging module (its outbox and scheduled
/// items are what stops) and registered on the registry (ModuleRegistry::publishing_control) so
/// that other modules, such as a crisis room, can pull it for the entities they concern. The
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
  /// The pauses `source_type`/`source_id` asked for that are still in force, oldest first.
  virtual core::Result<std::vector<core::Json>> ActiveFor(store::Tx& tx, const std::string& source_type,
                                                          int64_t source_id) const = 0;
};

}  // namespace sawt::module
