#include "store/postgres/pool.hpp"

#include <pqxx/pqxx>

#include <exception>

namespace sawt::store::pg {

core::Result<std::unique_ptr<pqxx::connection>> Connect(const std::string& url) {
  try {
    return std::make_unique<pqxx::connection>(url);
  } catch (const std::exception& e) {
    return core::Error::Unavailable(std::string("postgres: cannot connect: ") + e.what());
  }
}

Pool::Lease::~Lease() {
  if (conn_ && pool_ != nullptr) pool_->Return(std::move(conn_));
}

void Pool::Lease::Discard() {
  if (!conn_) return;
  try {
    conn_.reset();
  } catch (...) {  // closing a broken connection must not escape
  }
  pool_->Forget();
}

Pool::Pool(std::string url, int size, std::chrono::milliseconds acquire_timeout)
    : url_(std::move(url)), size_(size < 1 ? 1 : size), acquire_timeout_(acquire_timeout) {}

Pool::~Pool() = default;

core::Result<Pool::Lease> Pool::Acquire() {
  std::unique_lock<std::mutex> lock(mu_);
  bool ready = cv_.wait_for(lock, acquire_timeout_, [&] { return !idle_.empty() || open_ < size_; });
  if (!ready) return core::Error::Unavailable("postgres: no pooled connection free within the timeout");
  if (!idle_.empty()) {
    auto conn = std::move(idle_.back());
    idle_.pop_back();
    return Lease(this, std::move(conn));
  }
  ++open_;
  lock.unlock();
  auto conn = Connect(url_);
  if (!conn) {
    Forget();
    return std::move(conn).error();
  }
  return Lease(this, std::move(*conn));
}

void Pool::Return(std::unique_ptr<pqxx::connection> conn) {
  if (!conn->is_open()) {
    conn.reset();
    Forget();
    return;
  }
  std::lock_guard<std::mutex> lock(mu_);
  idle_.push_back(std::move(conn));
  cv_.notify_one();
}

void Pool::Forget() {
  std::lock_guard<std::mutex> lock(mu_);
  --open_;
  cv_.notify_one();
}

}  // namespace sawt::store::pg
