#pragma once

#include <memory>

#include "calendar/calendar_service.hpp"
#include "module/registry.hpp"

namespace sawt::calendar {

/// What the calendar tells members (module::NotificationSource): when an event places or moves a
/// dated thing (a calendar entry, or an item of a calendar source whose EventTypes() name the
/// event) so that it now conflicts with another by the window rule, the entity admins and editors
/// of both items' entities hear of it, once per pair (the draft's dedup_key names the pair).
/// Reads only the calendar's own tables and the calendar sources; Drafts only reads.
class ConflictNotificationSource final : public module::NotificationSource {
 public:
  /// REQUIRES: `registry` outlives the source.
  ConflictNotificationSource(std::shared_ptr<const CalendarService> service, const module::ModuleRegistry& registry)
      : service_(std::move(service)), registry_(registry) {}
  std::vector<module::NotificationKind> kinds() const override;
  /// The calendar's own entry events and those of every calendar source (read at each call: the
  /// sources may register after the calendar).
  std::vector<std::string> event_types() const override;
  core::Result<std::vector<module::NotificationDraft>> Drafts(store::Tx& tx, const store::Event& event) const override;

  /// The wording of the kind above, in both languages.
  static const std::vector<http::Message>& Messages();

 private:
  std::shared_ptr<const CalendarService> service_;
  const module::ModuleRegistry& registry_;
};

}  // namespace sawt::calendar
