#include "calendar/notification_source.hpp"

#include <algorithm>

namespace sawt::calendar {
namespace {

using core::Result;
using module::NotificationDraft;

constexpr const char* kKind = "calendar_conflict";

}  // namespace

const std::vector<http::Message>& ConflictNotificationSource::Messages() {
  static const std::vector<http::Message> kMessages = {
      {"calendar.notify_calendar_conflict_title", "تعارض في التقويم: {0}", "Calendar conflict: {1}"},
      {"calendar.notify_calendar_conflict_body",
       "«{0}» و«{2}» إعلانان عاليا الأهمية للجمهور نفسه، وموعداهما أقرب مما تسمح به نافذة التعارض. راجعوا التقويم "
       "لتنسيقهما أو نقل أحدهما.",
       "\"{1}\" and \"{3}\" are both high-importance for the same audience and closer together than the conflict "
       "window allows. See the calendar to coordinate them or move one."},
  };
  return kMessages;
}

std::vector<module::NotificationKind> ConflictNotificationSource::kinds() const {
  // E-mail by default: it is rare (two high-importance items, once per pair) and someone has to
  // act before the day comes.
  const std::string key = std::string("calendar.notify_") + kKind;
  return {{kKind, "تعارض في التقويم", "Calendar conflict", key + "_title", key + "_body", true}};
}

std::vector<std::string> ConflictNotificationSource::event_types() const {
  std::vector<std::string> out = {"calendar.entry_created", "calendar.entry_updated"};
  for (const auto& source : registry_.calendar_sources()) {
    for (auto& type : source->EventTypes()) out.push_back(std::move(type));
  }
  return out;
}

Result<std::vector<NotificationDraft>> ConflictNotificationSource::Drafts(store::Tx& tx, const store::Event& event) const {
  std::vector<NotificationDraft> out;
  SAWT_ASSIGN_OR_RETURN(auto found, service_->WindowConflictsOf(tx, event));
  if (!found) return out;
  const Slot& item = found->item;
  for (const WindowConflict& conflict : found->conflicts) {
    const Slot& other = conflict.other;
    // Those who plan for each side: its entity's admins (directors) and editors. A network-wide
    // entry has no entity of its own; the other side's people still hear of it.
    std::vector<int64_t> recipients;
    for (const auto& entity : {item.entity_id, other.entity_id}) {
      if (!entity) continue;
      SAWT_ASSIGN_OR_RETURN(auto holders, registry_.member_directory().Holders(
                                              tx, *entity, {auth::Role::kEntityAdmin, auth::Role::kEditor}));
      recipients.insert(recipients.end(), holders.begin(), holders.end());
    }
    const auto [first, second] = std::minmax(item.uid, other.uid);
    NotificationDraft draft{recipients,
                            kKind,
                            {item.title_ar, item.title_en, other.title_ar, other.title_en},
                            "#/calendar/week/" + found->day,
                            item.entity_id};
    draft.dedup_key = std::string(kKind) + ":" + first + ":" + second;
    out.push_back(std::move(draft));
  }
  return out;
}

}  // namespace sawt::calendar
