#pragma once

#include <chrono>
#include <cstdint>
#include <functional>
#include <memory>
#include <optional>
#include <string>
#include <string_view>
#include <variant>
#include <vector>

#include "core/clock.hpp"
#include "core/json.hpp"
#include "core/result.hpp"

struct sqlite3;  // SQLite's connection handle (StoreOptions::sqlite_connection_hooks)

namespace sawt::store {

using core::Result;
using core::Status;

/// A SQL parameter or column value. monostate is SQL NULL.
using Value = std::variant<std::monostate, int64_t, double, std::string>;

/// Helpers to build parameter lists: Null(), and optional values that map nullopt to NULL.
inline Value Null() { return std::monostate{}; }
inline Value OrNull(const std::optional<int64_t>& v) { return v ? Value(*v) : Null(); }
inline Value OrNull(const std::optional<std::string>& v) { return v ? Value(*v) : Null(); }

/// One result row. Accessors REQUIRE the column to exist and hold that type (programmer error
/// otherwise); integers read as Text() are not converted.
/// The names of a result's columns, shared by its rows: what the SELECT calls each column (its
/// own name or its AS alias; "e.id" is "id").
using ColumnNames = std::shared_ptr<const std::vector<std::string>>;

/// One result row. Module code reads columns by name (`r.Text("title_ar")`), so a SELECT list can
/// change without silently shifting what every position means; reading a column the SELECT does
/// not name, or as the wrong type, is a programmer error (asserted).
class Row {
 public:
  explicit Row(std::vector<Value> values, ColumnNames names = nullptr)
      : values_(std::move(values)), names_(std::move(names)) {}
  size_t size() const { return values_.size(); }
  bool IsNull(size_t i) const;
  int64_t Int(size_t i) const;
  double Double(size_t i) const;
  const std::string& Text(size_t i) const;
  std::optional<int64_t> OptInt(size_t i) const;
  std::optional<std::string> OptText(size_t i) const;
  const Value& at(size_t i) const;

  bool IsNull(std::string_view column) const { return IsNull(Index(column)); }
  int64_t Int(std::string_view column) const { return Int(Index(column)); }
  double Double(std::string_view column) const { return Double(Index(column)); }
  const std::string& Text(std::string_view column) const { return Text(Index(column)); }
  std::optional<int64_t> OptInt(std::string_view column) const { return OptInt(Index(column)); }
  std::optional<std::string> OptText(std::string_view column) const { return OptText(Index(column)); }
  const Value& at(std::string_view column) const { return at(Index(column)); }
  /// The position of `column`. REQUIRES: the SELECT names it.
  size_t Index(std::string_view column) const;

 private:
  std::vector<Value> values_;
  ColumnNames names_;
};

enum class Backend { kSqlite, kPostgres };

/// An audit event to append inside a write transaction: who did what to which object, in the
/// scope of which government entity.
struct NewEvent {
  std::string actor;                 ///< account login, or "system"
  std::string action;                ///< "<module>.<past_verb>", e.g. "network.entity_created"
  std::optional<int64_t> entity_id;  ///< the entity whose members may see it; nullopt = network-wide
  std::string object_type;           ///< e.g. "entity", "member"
  std::string object_id;
  core::Json payload = core::Json::object();
};

/// A stored event. `hash` = SHA-256 over `prev_hash` and the canonical content (see event_hash.hpp).
struct Event {
  int64_t id = 0;
  std::string at;  ///< ISO 8601 UTC
  std::string actor;
  std::string action;
  std::optional<int64_t> entity_id;
  std::string object_type;
  std::string object_id;
  core::Json payload;
  std::string prev_hash;
  std::string hash;
};

/// One transaction. SQL uses PostgreSQL-style placeholders $1..$N on both backends (the SQLite
/// store rewrites them). Only prepared statements are used; never splice user input into SQL.
/// A Tx is used by one thread and lives only inside Store::Write/Read callbacks.
class Tx {
 public:
  virtual ~Tx() = default;
  virtual Backend backend() const = 0;
  /// Runs one statement and returns its rows (SELECT, or INSERT/UPDATE ... RETURNING).
  virtual Result<std::vector<Row>> Query(std::string_view sql, const std::vector<Value>& params = {}) = 0;
  /// Runs one statement and returns the number of rows it changed.
  virtual Result<int64_t> Exec(std::string_view sql, const std::vector<Value>& params = {}) = 0;
  /// Appends an event to the hash-chained `events` table. Write transactions only; every write
  /// transaction that changes state must append at least one event (the one write path).
  virtual Result<Event> Append(const NewEvent& event) = 0;
  /// Whether this transaction came from Store::Write (and may hold uncommitted changes).
  virtual bool writable() const = 0;
  /// The store's clock (StoreOptions::clock): the time every row and event of this transaction
  /// is stamped with.
  virtual const core::Clock& clock() const = 0;
  /// The newest event id this transaction sees (0 for an empty log). Every change appends an
  /// event, so in a read transaction it names the snapshot: a cache keyed by it is exact.
  Result<int64_t> VisibleEventId();
  /// Whether an event with id in (after, upto] concerns one of `object_types`: how a cache built
  /// from a module's own tables learns that a later commit changed what it holds.
  Result<bool> AnyEventBetween(int64_t after, int64_t upto, const std::vector<std::string>& object_types);
};

/// A schema change. `sql` may hold several statements and these macros, expanded per backend:
///   {{ID}}   -> an auto-increment 64-bit primary key column type
///   {{BLOB}} -> BLOB / BYTEA
struct Migration {
  std::string module;  ///< owner, e.g. "store", "network"
  int version = 0;     ///< unique per module, increasing
  std::string name;    ///< e.g. "0001_create_events"
  std::string sql;
};

/// Outcome of walking the events hash chain.
struct AuditReport {
  bool intact = true;
  int64_t rows_checked = 0;
  std::optional<int64_t> first_bad_id;  ///< first row whose chain link or content does not verify
  std::string problem;                  ///< human-readable reason, empty when intact
};

/// A secret that keys the events chain: each row's hash becomes HMAC-SHA256(secret, …) instead of
/// SHA-256(…), so someone who can write the database but cannot read the key (kept in a file
/// outside it, see docs/security.md) cannot rewrite an event and recompute the chain after it.
struct AuditKey {
  std::string secret;   ///< raw bytes (32 from `sawt admin audit-key`)
  int64_t from_id = 1;  ///< the first event hashed with the key; earlier rows stay plain SHA-256
};

/// Plain options; every field has a safe default.
struct StoreOptions {
  int pool_size = 4;                                   ///< PostgreSQL connections (>= 1)
  std::chrono::milliseconds busy_timeout{10000};       ///< SQLite busy wait
  int max_retries = 5;                                 ///< transient conflicts retried by Write
  std::optional<AuditKey> audit_key;                   ///< keys new events and VerifyAudit; none = SHA-256
  /// The application's time: event timestamps and, through Store::clock, every service's "now".
  /// nullptr = the system clock; tests pass a core::ManualClock. Must outlive the store.
  const core::Clock* clock = nullptr;
  const core::Clock& clock_or_system() const { return clock ? *clock : core::SystemClock(); }
  /// SQLite only: run on every connection the store opens, before its first statement (e.g. to
  /// register the FTS5 tokenizer the search tables name). Must not throw. PostgreSQL ignores them.
  std::vector<std::function<void(sqlite3*)>> sqlite_connection_hooks;
};

/// An OnCommit registration. Destroying (or resetting) it ends the registration: once that
/// returns, the callback is not running on any other thread and will not be called again, so
/// a service may capture `this`. Safe to outlive the store.
class CommitSubscription {
 public:
  CommitSubscription() = default;
  explicit CommitSubscription(std::function<void()> cancel) : cancel_(std::move(cancel)) {}
  CommitSubscription(CommitSubscription&& other) noexcept : cancel_(std::move(other.cancel_)) {
    other.cancel_ = nullptr;
  }
  CommitSubscription& operator=(CommitSubscription&& other) noexcept {
    if (this != &other) {
      Reset();
      cancel_ = std::move(other.cancel_);
      other.cancel_ = nullptr;
    }
    return *this;
  }
  CommitSubscription(const CommitSubscription&) = delete;
  CommitSubscription& operator=(const CommitSubscription&) = delete;
  ~CommitSubscription() { Reset(); }

  void Reset() {
    if (!cancel_) return;
    auto cancel = std::move(cancel_);
    cancel_ = nullptr;
    cancel();
  }

 private:
  std::function<void()> cancel_;
};

/// The storage interface every module uses. Implementations: store/sqlite, store/postgres;
/// chosen only by the composition root through store/open.hpp. Thread-safe: any thread may call
/// any method concurrently.
class Store {
 public:
  virtual ~Store() = default;
  virtual Backend backend() const = 0;
  /// A short description for logs, without passwords.
  virtual std::string Describe() const = 0;
  /// What time it is for everything stored here (StoreOptions::clock). Services read "now" from
  /// it, never from the system clock.
  virtual const core::Clock& clock() const = 0;

  /// Creates the store's own tables (events, schema_migrations) and applies every migration not
  /// yet applied, in the order given (the registry's module order: a module's tables may refer to
  /// an earlier module's), each in its own transaction. Idempotent.
  virtual Status Migrate(const std::vector<Migration>& migrations) = 0;

  /// Runs `fn` in one write transaction (SQLite: BEGIN IMMEDIATE; PostgreSQL: READ COMMITTED plus
  /// the events chain lock). Commits when `fn` returns Ok, rolls back otherwise. Transient
  /// conflicts (busy, serialization failure, deadlock) re-run `fn` up to max_retries times, so
  /// `fn` must have no side effects outside the transaction. Returns once durable.
  virtual Status Write(const std::function<Status(Tx&)>& fn) = 0;

  /// Runs `fn` in a read-only transaction that sees one consistent snapshot.
  virtual Status Read(const std::function<Status(Tx&)>& fn) = 0;

  /// Events with id > after_id in id order, at most `limit`.
  virtual Result<std::vector<Event>> EventsAfter(int64_t after_id, int limit) = 0;

  /// Walks the whole events table and checks each row's prev_hash and hash.
  virtual Result<AuditReport> VerifyAudit() = 0;

  /// Cheap reachability check for /readyz.
  virtual Status Ping() = 0;

  /// Registers `cb`, called (from any thread, after commit) with the newest event id whenever a
  /// write commits events; on PostgreSQL also for commits by other processes (LISTEN/NOTIFY).
  /// Ids arrive in increasing order, and by the time Write returns every callback has seen the
  /// write's own events (or newer ones). Callbacks must be fast and must not call back into the
  /// store. The registration lasts as long as the returned subscription: keep it as the
  /// subscriber's last member, so it ends before anything the callback uses is destroyed.
  [[nodiscard]] virtual CommitSubscription OnCommit(std::function<void(int64_t last_event_id)> cb) = 0;

  /// Whether the store holds any rows in `events` (demo loading refuses non-empty stores).
  virtual Result<bool> HasEvents() = 0;
};

namespace detail {
/// Runs `fn` through `run` (a Write or a Read) and hands back the value it produced.
template <typename T, typename Run>
Result<T> ValueThrough(Run&& run, const std::function<Result<T>(Tx&)>& fn) {
  std::optional<T> out;
  Status st = run([&](Tx& tx) -> Status {
    auto r = fn(tx);
    if (!r) return std::move(r).error();
    out = std::move(r).value();
    return core::Ok();
  });
  if (!st) return std::move(st).error();
  return std::move(*out);
}
}  // namespace detail

/// Convenience: runs a write and returns the value `fn` produced.
template <typename T>
Result<T> WriteValue(Store& store, const std::function<Result<T>(Tx&)>& fn) {
  return detail::ValueThrough<T>([&](const std::function<Status(Tx&)>& body) { return store.Write(body); }, fn);
}

/// Convenience: runs a read and returns the value `fn` produced.
template <typename T>
Result<T> ReadValue(Store& store, const std::function<Result<T>(Tx&)>& fn) {
  return detail::ValueThrough<T>([&](const std::function<Status(Tx&)>& body) { return store.Read(body); }, fn);
}

}  // namespace sawt::store
