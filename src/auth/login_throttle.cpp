#include "auth/login_throttle.hpp"

#include <algorithm>

#include "core/clock.hpp"

namespace sawt::auth {
namespace {

constexpr int64_t kMicrosPerMinute = 60 * 1000000LL;
constexpr size_t kMaxTrackedAddresses = 100000;  // bounds memory under address spraying

template <typename Rep, typename Period>
int64_t Micros(std::chrono::duration<Rep, Period> d) {
  return std::chrono::duration_cast<std::chrono::microseconds>(d).count();
}

}  // namespace

bool LoginThrottle::AddressOverLimit(const std::string& remote, int64_t now) {
  std::lock_guard<std::mutex> lock(mu_);
  auto it = address_failures_.find(remote);
  if (it == address_failures_.end()) return false;
  std::erase_if(it->second, [&](int64_t t) { return now - t > kMicrosPerMinute; });
  return static_cast<int>(it->second.size()) >= options_.address_failures_per_minute;
}

void LoginThrottle::RecordAddressFailure(const std::string& remote, int64_t now) {
  std::lock_guard<std::mutex> lock(mu_);
  if (address_failures_.size() > kMaxTrackedAddresses) address_failures_.clear();
  auto& times = address_failures_[remote];
  std::erase_if(times, [&](int64_t t) { return now - t > kMicrosPerMinute; });
  times.push_back(now);
}

core::Status LoginThrottle::RecordFailure(store::Tx& tx, int64_t account_id, const std::string& login,
                                          const std::string& remote, int64_t now) const {
  const std::string now_iso = core::FormatIsoUtc(now);
  const std::string forget_before = core::FormatIsoUtc(now - Micros(options_.failure_memory));
  auto rows = tx.Query(
      "INSERT INTO login_throttles (account_id, remote, failures, last_failure_at) VALUES ($1, $2, 1, $3) "
      "ON CONFLICT (account_id, remote) DO UPDATE SET "
      "failures = CASE WHEN login_throttles.last_failure_at < $4 THEN 1 ELSE login_throttles.failures + 1 END, "
      "last_failure_at = $3 RETURNING failures",
      {account_id, remote, now_iso, forget_before});
  if (!rows) return std::move(rows).error();
  const int64_t failures = (*rows)[0].Int("failures");
  if (failures < options_.failures_before_delay) {
    auto ev = tx.Append({login, "auth.login_failed", std::nullopt, "account", std::to_string(account_id),
                         core::Json{{"remote", remote}, {"failures", failures}}});
    if (!ev) return std::move(ev).error();
    return core::Ok();
  }
  const int64_t doublings = std::min<int64_t>(failures - options_.failures_before_delay, 30);
  const int64_t delay = std::min(Micros(options_.first_delay) << doublings, Micros(options_.max_delay));
  const std::string until = core::FormatIsoUtc(now + delay);
  auto n = tx.Exec(
      "UPDATE login_throttles SET locked_until = $3 WHERE account_id = $1 AND remote = $2 "
      "AND (locked_until IS NULL OR locked_until < $3)",
      {account_id, remote, until});
  if (!n) return std::move(n).error();
  auto ev = tx.Append({login, "auth.login_throttled", std::nullopt, "account", std::to_string(account_id),
                       core::Json{{"remote", remote}, {"failures", failures}, {"until", until}}});
  if (!ev) return std::move(ev).error();
  return core::Ok();
}

core::Result<bool> LoginThrottle::Throttled(store::Tx& tx, int64_t account_id, const std::string& remote,
                                            int64_t now) {
  auto rows = tx.Query("SELECT 1 FROM login_throttles WHERE account_id = $1 AND remote = $2 AND locked_until > $3",
                       {account_id, remote, core::FormatIsoUtc(now)});
  if (!rows) return std::move(rows).error();
  return !rows->empty();
}

core::Status LoginThrottle::Forget(store::Tx& tx, int64_t account_id, const std::optional<std::string>& remote) {
  auto n = remote ? tx.Exec("DELETE FROM login_throttles WHERE account_id = $1 AND remote = $2", {account_id, *remote})
                  : tx.Exec("DELETE FROM login_throttles WHERE account_id = $1", {account_id});
  if (!n) return std::move(n).error();
  return core::Ok();
}

core::Result<int64_t> LoginThrottle::Unlock(store::Tx& tx, int64_t account_id, const std::string& actor) {
  auto waiting = tx.Query(
      "SELECT COUNT(*) AS throttled FROM login_throttles WHERE account_id = $1 AND locked_until IS NOT NULL",
      {account_id});
  if (!waiting) return std::move(waiting).error();
  const int64_t n = (*waiting)[0].Int("throttled");
  SAWT_TRY_STATUS(Forget(tx, account_id, std::nullopt));
  auto ev = tx.Append({actor, "auth.login_unlocked", std::nullopt, "account", std::to_string(account_id),
                       core::Json{{"throttled_addresses", n}}});
  if (!ev) return std::move(ev).error();
  return n;
}

}  // namespace sawt::auth
