#pragma once

#include <cstdint>
#include <map>
#include <mutex>
#include <string>

#include "auth/caller.hpp"
#include "core/result.hpp"
#include "module/registry.hpp"

namespace sawt::module {

/// What a long-lived stream (Server-Sent Events) does with its credential before each delivery.
enum class StreamCheck {
  kDeliver,  ///< still the same account: deliver what `fresh` may see now
  kSkip,     ///< the store could not answer: send nothing this time, try at the next poll
  kEnd,      ///< signed out, revoked, deactivated, expired, or another account: end the stream
};

/// Authenticates the stream's credential again (Reauthenticate) and says what to do; on kDeliver
/// `fresh` holds the caller as they are now (roles removed meanwhile narrow what they see).
StreamCheck CheckStreamCaller(const Reauthenticate& reauthenticate, int64_t account_id, auth::Caller& fresh);

/// How many streams each account holds open, with a cap (tabs, devices). Thread-safe.
class StreamQuota {
 public:
  explicit StreamQuota(int max_per_account) : max_(max_per_account) {}
  /// Counts one more stream of `account_id`; kRateLimited `key` when it already holds the cap.
  core::Status Acquire(int64_t account_id, const std::string& key);
  /// A stream Acquire counted has ended.
  void Release(int64_t account_id);

 private:
  const int max_;
  std::mutex mu_;
  std::map<int64_t, int> open_;
};

}  // namespace sawt::module
