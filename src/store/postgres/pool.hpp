#pragma once

#include <chrono>
#include <condition_variable>
#include <memory>
#include <mutex>
#include <string>
#include <vector>

#include <pqxx/connection>

#include "core/result.hpp"

namespace sawt::store::pg {

/// Opens one PostgreSQL connection to `url`; failures (including pqxx exceptions) become
/// Error::Unavailable.
core::Result<std::unique_ptr<pqxx::connection>> Connect(const std::string& url);

/// A fixed-capacity pool of PostgreSQL connections, opened on demand. Thread-safe.
class Pool {
 public:
  /// A connection on loan; it goes back to the pool when the Lease dies, unless Discard()ed.
  /// Used by one thread.
  class Lease {
   public:
    Lease(Pool* pool, std::unique_ptr<pqxx::connection> conn) : pool_(pool), conn_(std::move(conn)) {}
    Lease(Lease&& other) noexcept = default;
    Lease& operator=(Lease&&) = delete;
    Lease(const Lease&) = delete;
    ~Lease();
    pqxx::connection& conn() { return *conn_; }
    /// Closes the connection (it is broken) instead of returning it; frees its slot.
    void Discard();

   private:
    Pool* pool_;
    std::unique_ptr<pqxx::connection> conn_;
  };

  /// REQUIRES: size >= 1.
  Pool(std::string url, int size, std::chrono::milliseconds acquire_timeout);
  ~Pool();

  /// Borrows an idle connection, or opens one if fewer than `size` exist, or waits up to
  /// `acquire_timeout` for one to come back (then Error::Unavailable).
  core::Result<Lease> Acquire();

 private:
  void Return(std::unique_ptr<pqxx::connection> conn);
  void Forget();

  const std::string url_;
  const int size_;
  const std::chrono::milliseconds acquire_timeout_;
  std::mutex mu_;  // guards idle_ and open_
  std::condition_variable cv_;
  std::vector<std::unique_ptr<pqxx::connection>> idle_;
  int open_ = 0;  // connections that exist: idle or on loan
};

}  // namespace sawt::store::pg
