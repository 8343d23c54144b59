#pragma once

// Backend-independent pieces shared by store/sqlite and store/postgres. Not part of the public
// store interface: only store backends include this header.

#include <atomic>
#include <cstdint>
#include <functional>
#include <memory>
#include <mutex>
#include <optional>
#include <string_view>
#include <vector>

#include "store/store.hpp"

namespace sawt::store::detail {

/// What both backends do the same way on top of Read: the events feed, the audit walk, the ping,
/// the clock. A backend derives from it and supplies the transactions.
class BackendStore : public Store {
 public:
  explicit BackendStore(const StoreOptions& options) : options_(options) {}
  const core::Clock& clock() const override { return options_.clock_or_system(); }
  Result<std::vector<Event>> EventsAfter(int64_t after_id, int limit) override;
  Result<AuditReport> VerifyAudit() override;
  Status Ping() override;
  Result<bool> HasEvents() override;

 protected:
  const StoreOptions options_;
};

/// A backend's write transaction as seen by the migration runner.
class ScriptTx : public Tx {
 public:
  explicit ScriptTx(const core::Clock& clock) : clock_(clock) {}
  const core::Clock& clock() const override { return clock_; }
  /// Runs a script of one or more statements without parameters.
  virtual Status ExecScript(std::string_view sql) = 0;
  /// Serialises concurrent Migrate calls (PostgreSQL: transaction advisory lock; SQLite: no-op,
  /// BEGIN IMMEDIATE already serialises writers).
  virtual Status LockForMigration() = 0;

  /// The newest event this transaction appended (0 = none).
  int64_t last_event_id() const { return last_event_id_; }
  /// The first statement error, after which the transaction is poisoned.
  const std::optional<core::Error>& failure() const { return failed_; }
  /// The key Append hashes with (the store's option; nullptr = plain SHA-256). Must outlive the Tx.
  void set_audit_key(const AuditKey* key) { audit_key_ = key; }

 protected:
  // After one failed statement the transaction is poisoned (PostgreSQL's own rule, copied on
  // SQLite so both backends behave alike): later calls fail and the transaction rolls back.
  Status Check() const {
    if (failed_) {
      core::Error e = *failed_;
      e.detail = "transaction aborted by an earlier error: " + e.detail;
      return e;
    }
    return core::Ok();
  }
  core::Error Fail(core::Error e) {
    if (!failed_) failed_ = e;
    return e;
  }

  std::optional<core::Error> failed_;
  int64_t last_event_id_ = 0;
  const AuditKey* audit_key_ = nullptr;
  const core::Clock& clock_;
};

/// Runs `fn` in one write transaction of the backend (commit on Ok, rollback otherwise).
using ScriptWriteRunner = std::function<Status(const std::function<Status(ScriptTx&)>&)>;

/// Creates schema_migrations, then applies the store's own migrations and `migrations` that are
/// not recorded yet, in OrderMigrations order (registration order), each in its own transaction.
Status RunMigrations(Backend backend, const std::vector<Migration>& migrations,
                     const ScriptWriteRunner& run_write);

/// Appends one event through `tx`: reads events_head (`lock_head` adds FOR UPDATE), inserts the
/// row with at = the transaction's clock, sets its hash and advances the head.
/// With `key`, the row's hash is keyed (HMAC-SHA256).
Result<Event> AppendEvent(Tx& tx, const NewEvent& event, bool lock_head, const AuditKey* key);

/// Events with id > after_id in id order, at most `limit` (clamped to [0, 10000]).
Result<std::vector<Event>> LoadEventsAfter(Tx& tx, int64_t after_id, int limit);

/// Walks the events table in id order and checks every link, every hash and events_head.
/// With `key`, rows from key->from_id on must carry keyed hashes.
Result<AuditReport> VerifyChain(Tx& tx, const AuditKey* key);

/// Whether `events` has at least one row.
Result<bool> AnyEvents(Tx& tx);

/// OnCommit registry. Notify() calls every callback with `last_event_id` unless a callback was
/// already called with an id >= it (so a local commit and its own NOTIFY are reported once).
/// Thread-safe; a subscription's end waits for a call in progress (CommitSubscription).
class CommitNotifier {
 public:
  CommitNotifier();
  CommitSubscription Add(std::function<void(int64_t)> cb);
  void Notify(int64_t last_event_id);
  bool empty() const;

 private:
  struct Entry;
  struct State;
  std::shared_ptr<State> state_;  // shared with the subscriptions, which may outlive the store
};

/// Rewrites $N placeholders to ?N (SQLite), leaving string literals, quoted identifiers and
/// comments untouched.
std::string RewritePlaceholders(std::string_view sql);

}  // namespace sawt::store::detail
