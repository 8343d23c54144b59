#pragma once

#include <cstdint>
#include <map>
#include <memory>
#include <mutex>
#include <string>

#include "auth/caller.hpp"
#include "core/result.hpp"
#include "http/router.hpp"
#include "module/registry.hpp"
#include "module/stream_support.hpp"
#include "notifications/notification_service.hpp"

namespace sawt::notifications {

/// Live notification streams (Server-Sent Events), one caller each, at most kMaxPerAccount open
/// per account. Thread-safe. Each stream authenticates its credential again before every
/// delivery and ends when it no longer does (module::CheckStreamCaller, shared with the events
/// stream, as is the per-account cap: module::StreamQuota).
class NotificationStreams : public std::enable_shared_from_this<NotificationStreams> {
 public:
  static constexpr int kMaxPerAccount = 8;
  static constexpr int kBatch = 100;

  explicit NotificationStreams(NotificationService& service) : service_(service) {}

  /// A stream of the caller's notifications with id > `after` (`event: notification`, `id:` the
  /// notification id, `data:` its JSON worded for `locale`). kRateLimited "notifications.too_many_streams".
  core::Result<std::shared_ptr<http::EventStream>> Open(const auth::Caller& caller, int64_t after, http::Locale locale,
                                                        module::Reauthenticate reauthenticate);
  NotificationService& service() { return service_; }
  void Closed(int64_t account_id);

 private:
  NotificationService& service_;
  module::StreamQuota quota_{kMaxPerAccount};
};

}  // namespace sawt::notifications
