#pragma once

#include <cstdint>
#include <map>
#include <optional>
#include <string>
#include <vector>

#include "auth/caller.hpp"
#include "core/json.hpp"
#include "core/result.hpp"
#include "module/registry.hpp"
#include "module/respond.hpp"
#include "store/store.hpp"

namespace sawt::notifications {

/// The notification centre's reads and a member's own writes: the caller's notifications (newest
/// first), marking them read, their preferences per kind, and the e-mail outbox for network
/// admins. A member only ever reaches their own notifications: someone else's id is "not found".
/// Thread-safe.
class NotificationService {
 public:
  /// REQUIRES: `registry` outlives the service (its sources name the kinds).
  NotificationService(store::Store& store, const module::ModuleRegistry& registry);

  static std::vector<store::Migration> Migrations();

  /// Every kind the registered sources produce, in registration order.
  std::vector<module::NotificationKind> Kinds() const;
  /// The kind named `code`, if a source produces it.
  std::optional<module::NotificationKind> Kind(const std::string& code) const;

  /// {"items", "next_cursor", "unread"}: the caller's notifications with id < page.after_id (0:
  /// from the newest), newest first, worded for `locale`; `unread` filters by read state.
  core::Result<core::Json> List(const auth::Caller& caller, std::optional<bool> unread, const module::Page& page,
                                const http::Locale& locale);
  /// Marks the caller's notification read (idempotent) and returns it. kNotFound
  /// "notifications.not_found" for any id that is not the caller's.
  core::Result<core::Json> MarkRead(const auth::Caller& caller, int64_t id, const http::Locale& locale);
  /// Marks every notification of the caller read: {"unread": 0}.
  core::Result<core::Json> MarkAllRead(const auth::Caller& caller);
  /// The caller's notifications with id > after_id, oldest first, at most `limit` (the stream).
  core::Result<std::vector<core::Json>> After(int64_t account_id, int64_t after_id, int limit,
                                              const http::Locale& locale);
  /// The newest notification id of the account (0 when none).
  core::Result<int64_t> Newest(int64_t account_id);

  /// {"kinds": [{"kind", "in_app", "email"}]} for every kind, defaults filled in.
  core::Result<core::Json> Preferences(const auth::Caller& caller);
  /// Replaces the caller's preferences for the kinds listed (others keep theirs). Strict: unknown
  /// members are "common.unknown_field"; an unknown kind is 422 "notifications.unknown_kind".
  core::Result<core::Json> SetPreferences(const auth::Caller& caller, const core::Json& body);

  /// The e-mail outbox, newest first (network admins only).
  core::Result<core::Json> Outbox(const auth::Caller& caller, const module::Page& page);

  /// The preferences of `account_id` for `kind` as (in_app, email), defaults filled in.
  static core::Result<std::pair<bool, bool>> PreferenceOf(store::Tx& tx, int64_t account_id,
                                                          const module::NotificationKind& kind);

 private:
  /// Every declared kind by its code (built once per answer, not once per row).
  std::map<std::string, module::NotificationKind> KindsByCode() const;
  /// A stored notification as the API shows it, worded for `locale` (language and digits).
  core::Json ToJson(const store::Row& row, const http::Locale& locale,
                    const std::map<std::string, module::NotificationKind>& kinds) const;

  store::Store& store_;
  const module::ModuleRegistry& registry_;
};

}  // namespace sawt::notifications
