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
#include "notifications/notification_service.hpp"

namespace sawt::notifications {

/// Live notification streams (Server-Sent Events), one caller each, at most kMaxPerAccount open
/// per account. Thread-safe. Each stream authenticates its credential again before every
/// delivery (module::Reauthenticate, as the events stream does) and ends when it no longer does.
class NotificationStreams : public std::enable_shared_from_this<NotificationStreams> {
 public:
  static constexpr int kMaxPerAccount = 8;
  static constexpr int kBatch = 100;

  explicit NotificationStreams(NotificationService& service) : service_(service) {}

  /// A stream of the caller's notifications with id > `after` (`event: notification`, `id:` the
  /// notification id, `data:` its JSON in `lang`). kRateLimited "notifications.too_many_streams".
  core::Result<std::shared_ptr<http::EventStream>> Open(const auth::Caller& caller, int64_t after, std::string lang,
                                                        module::Reauthenticate reauthenticate);
  NotificationService& service() { return service_; }
  void Closed(int64_t account_id);

 private:
  NotificationService& service_;
  std::mutex mu_;
  std::map<int64_t, int> open_;
};

}  // namespace sawt::notifications
