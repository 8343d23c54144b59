#pragma once

#include <atomic>
#include <memory>

#include "store/store.hpp"

namespace sawt::store::testing {

/// Wraps a real Store and makes the Nth Tx::Exec (counted across all write transactions from
/// the last FailExecNumber call) return an injected Error::Internal without running it, so tests
/// can prove that a failure in the middle of a Write leaves nothing half-written (leveldb's
/// ErrorEnv idea). Everything else is forwarded. Thread-safe like the wrapped store.
class FailingStore final : public Store {
 public:
  explicit FailingStore(Store& base) : base_(base) {}

  /// Arms the fault: the `n`th Exec from now fails (n >= 1); 0 disarms.
  void FailExecNumber(int n) {
    exec_count_ = 0;
    fail_at_ = n;
  }
  int exec_count() const { return exec_count_; }

  Backend backend() const override { return base_.backend(); }
  std::string Describe() const override { return "failing(" + base_.Describe() + ")"; }
  const core::Clock& clock() const override { return base_.clock(); }
  Status Migrate(const std::vector<Migration>& migrations) override { return base_.Migrate(migrations); }
  Status Write(const std::function<Status(Tx&)>& fn) override;
  Status Read(const std::function<Status(Tx&)>& fn) override { return base_.Read(fn); }
  Result<std::vector<Event>> EventsAfter(int64_t after_id, int limit) override {
    return base_.EventsAfter(after_id, limit);
  }
  Result<AuditReport> VerifyAudit() override { return base_.VerifyAudit(); }
  Status Ping() override { return base_.Ping(); }
  CommitSubscription OnCommit(std::function<void(int64_t)> cb) override { return base_.OnCommit(std::move(cb)); }
  Result<bool> HasEvents() override { return base_.HasEvents(); }

 private:
  friend class FailingTx;
  Store& base_;
  std::atomic<int> exec_count_{0};
  std::atomic<int> fail_at_{0};
};

}  // namespace sawt::store::testing
