#pragma once

#include "module/registry.hpp"

namespace sawt::crisis {

/// Who hears of a crisis (module::NotificationSource): a declaration reaches everyone given a role
/// in the room and the admins and spokespeople of the lead and affected entities; a role, a task
/// or a new owner reaches the member concerned; closing reaches the room. Reads only the crisis
/// module's tables; who holds a role in an entity comes from the network's member directory.
class CrisisNotificationSource final : public module::NotificationSource {
 public:
  /// REQUIRES: `registry` outlives the source.
  explicit CrisisNotificationSource(const module::ModuleRegistry& registry) : registry_(registry) {}
  std::vector<module::NotificationKind> kinds() const override;
  std::vector<std::string> event_types() const override;
  core::Result<std::vector<module::NotificationDraft>> Drafts(store::Tx& tx, const store::Event& event) const override;

  /// The wording of the kinds above, in both languages.
  static const std::vector<http::Message>& Messages();

 private:
  const module::ModuleRegistry& registry_;
};

}  // namespace sawt::crisis
