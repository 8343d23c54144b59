#include "module/stream_support.hpp"

namespace sawt::module {

StreamCheck CheckStreamCaller(const Reauthenticate& reauthenticate, int64_t account_id, auth::Caller& fresh) {
  auto caller = reauthenticate();
  if (!caller) {
    // Gone for good ends the stream; store trouble only skips this poll.
    return caller.error().code == core::ErrorCode::kUnauthenticated ? StreamCheck::kEnd : StreamCheck::kSkip;
  }
  if (caller->account_id != account_id) return StreamCheck::kEnd;
  fresh = std::move(*caller);
  return StreamCheck::kDeliver;
}

core::Status StreamQuota::Acquire(int64_t account_id, const std::string& key) {
  std::lock_guard<std::mutex> lock(mu_);
  int& open = open_[account_id];
  if (open >= max_) return core::Error::RateLimited(key);
  ++open;
  return core::Ok();
}

void StreamQuota::Release(int64_t account_id) {
  std::lock_guard<std::mutex> lock(mu_);
  auto it = open_.find(account_id);
  if (it != open_.end() && --it->second <= 0) open_.erase(it);
}

}  // namespace sawt::module
