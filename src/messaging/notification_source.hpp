#pragma once

#include "module/registry.hpp"

namespace sawt::messaging {

/// What messaging tells members (module::NotificationSource): an item submitted for review
/// reaches the reviewers of its entity; changes requested, approval and publication reach its
/// author; a failed publication reaches the entity's editors and entity admins. Reads only
/// messaging's own tables; who holds a role comes from the network's member directory.
class MessagingNotificationSource final : public module::NotificationSource {
 public:
  /// REQUIRES: `registry` outlives the source.
  explicit MessagingNotificationSource(const module::ModuleRegistry& registry) : registry_(registry) {}
  std::vector<module::NotificationKind> kinds() const override;
  std::vector<std::string> event_types() const override;
  core::Result<std::vector<module::NotificationDraft>> Drafts(store::Tx& tx, const store::Event& event) const override;

  /// The wording of the kinds above, in both languages.
  static const std::vector<http::Message>& Messages();

 private:
  const module::ModuleRegistry& registry_;
};

}  // namespace sawt::messaging
