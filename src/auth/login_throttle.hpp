#pragma once

#include <chrono>
#include <cstdint>
#include <mutex>
#include <optional>
#include <string>
#include <unordered_map>
#include <vector>

#include "core/result.hpp"
#include "store/store.hpp"

namespace sawt::auth {

/// Sign-in throttling settings (docs/security.md, "Sign-in throttling").
struct ThrottleOptions {
  /// After this many failures in a row of one (account, client address) pair, that pair must wait
  /// `first_delay`, doubled for every further failure, at most `max_delay`. Another address (the
  /// real user's) is not affected.
  int failures_before_delay = 5;
  std::chrono::seconds first_delay{60};
  std::chrono::seconds max_delay{3600};
  std::chrono::hours failure_memory{24};  ///< older failures of a pair are forgotten
  /// Failed sign-ins per client address per minute (in this process) before failures from it are
  /// answered 429 auth.too_many_attempts. Successes are not counted, and a correct password for an
  /// account that is not throttled at that address is still accepted, so a shared address (an
  /// office behind NAT) is never shut out by someone else's failures.
  int address_failures_per_minute = 30;
};

/// Failed sign-ins: per (account, address) pair in the `login_throttles` table, per address in
/// memory. Times are microseconds since the Unix epoch, from the caller's clock. Thread-safe.
class LoginThrottle {
 public:
  explicit LoginThrottle(ThrottleOptions options) : options_(options) {}

  /// Whether `remote` has reached address_failures_per_minute failures in the minute before `now`.
  bool AddressOverLimit(const std::string& remote, int64_t now);
  void RecordAddressFailure(const std::string& remote, int64_t now);

  /// Counts one failure of the pair in a single atomic statement (concurrent failures are never
  /// lost) and, from failures_before_delay on, starts or lengthens its delay; never shortens or
  /// clears one. Appends "auth.login_failed" or "auth.login_throttled" (actor `login`).
  core::Status RecordFailure(store::Tx& tx, int64_t account_id, const std::string& login, const std::string& remote,
                             int64_t now) const;
  /// Whether the pair must still wait at `now`.
  static core::Result<bool> Throttled(store::Tx& tx, int64_t account_id, const std::string& remote, int64_t now);
  /// Forgets the pair's failures (after a successful sign-in), or every pair of the account
  /// when `remote` is nullopt (after an operator's password reset).
  static core::Status Forget(store::Tx& tx, int64_t account_id, const std::optional<std::string>& remote);
  /// Lifts every throttle of the account and records "auth.login_unlocked" by `actor`. Returns
  /// how many addresses were waiting.
  static core::Result<int64_t> Unlock(store::Tx& tx, int64_t account_id, const std::string& actor);

 private:
  const ThrottleOptions options_;
  std::mutex mu_;
  std::unordered_map<std::string, std::vector<int64_t>> address_failures_;  // remote → failure times
};

}  // namespace sawt::auth
