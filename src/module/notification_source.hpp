#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <vector>

#include "core/result.hpp"
#include "store/store.hpp"

namespace sawt::module {

/// A kind of notification a source produces: a term of the "notification_kinds" vocabulary that
/// the notifications module builds from every registered source. Its wording lives in the
/// source module's own messages (`title_key`, `body_key`, slots {0}, {1}, … filled from
/// NotificationDraft::params), so each module words its own notifications in both languages.
struct NotificationKind {
  std::string code;  ///< unique across sources, e.g. "review_requested"
  std::string label_ar, label_en;
  std::string title_key, body_key;
  /// Whether an e-mail is sent for this kind until the member says otherwise.
  bool email_by_default = false;
};

/// One notification a source wants to send: the same wording to every recipient.
struct NotificationDraft {
  std::vector<int64_t> recipients;  ///< account ids
  std::string kind;                 ///< a NotificationKind::code of the same source
  std::vector<std::string> params;  ///< wording slots
  std::string link;                 ///< a web hash route, e.g. "#/review/42"
  std::optional<int64_t> entity_id;
  /// Optional: when set, each recipient hears of this key once. A later draft with the same key
  /// adds nothing for a recipient who already has a notification carrying it (whatever the event),
  /// e.g. "calendar_conflict:content-7:entry-3" announces a conflict once, not at every later edit.
  std::string dedup_key = {};  // a default member initializer: drafts may leave it out
};

/// How a module tells members about what happened in it (ModuleRegistry::AddNotificationSource):
/// the notifications module follows the events table and hands each stored event whose action
/// is one of `event_types()` to the source, which answers who should hear of it and how. The
/// source reads only its own module's tables (and the registry's directories). Thread-safe;
/// Drafts only reads, inside the producer's write transaction.
class NotificationSource {
 public:
  virtual ~NotificationSource() = default;
  virtual std::vector<NotificationKind> kinds() const = 0;
  virtual std::vector<std::string> event_types() const = 0;
  virtual core::Result<std::vector<NotificationDraft>> Drafts(store::Tx& tx, const store::Event& event) const = 0;
};

}  // namespace sawt::module
