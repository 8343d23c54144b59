#include "store/sqlite/sqlite_store.hpp"

#include <fcntl.h>
#include <sqlite3.h>
#include <sys/stat.h>
#include <unistd.h>

#include <cerrno>
#include <condition_variable>
#include <cstring>
#include <mutex>
#include <optional>
#include <string_view>
#include <unordered_map>
#include <utility>
#include <vector>

#include "store/common.hpp"

namespace sawt::store {
namespace {

using core::Error;

Error SqliteError(sqlite3* db, int rc, std::string_view context) {
  std::string detail = std::string(context) + ": " + (db != nullptr ? sqlite3_errmsg(db) : sqlite3_errstr(rc)) +
                       " (" + sqlite3_errstr(rc) + ", code " + std::to_string(rc) + ")";
  Error e = Error::Internal(detail);
  switch (rc) {
    case SQLITE_CONSTRAINT_UNIQUE:
    case SQLITE_CONSTRAINT_PRIMARYKEY:
      e = Error::Conflict("store.unique_violation");
      e.detail = std::move(detail);
      return e;
    case SQLITE_CONSTRAINT_FOREIGNKEY:
      e = Error::Conflict("store.foreign_key_violation");
      e.detail = std::move(detail);
      return e;
    default:
      break;
  }
  if ((rc & 0xff) == SQLITE_BUSY || (rc & 0xff) == SQLITE_LOCKED) return Error::Unavailable(detail);
  return e;
}

// One SQLite connection and its prepared-statement cache. Used by one thread at a time (the
// store hands it out under a lock).
class Conn {
 public:
  Conn() = default;
  Conn(const Conn&) = delete;
  Conn& operator=(const Conn&) = delete;
  ~Conn() {
    for (auto& [sql, stmt] : stmts_) sqlite3_finalize(stmt);
    if (db_ != nullptr) sqlite3_close_v2(db_);
  }

  Status Open(const std::string& path, bool writer, const StoreOptions& opt, const SqliteOptions& sopt) {
    int flags = SQLITE_OPEN_READWRITE | SQLITE_OPEN_CREATE | SQLITE_OPEN_NOMUTEX | SQLITE_OPEN_EXRESCODE;
    int rc = sqlite3_open_v2(path.c_str(), &db_, flags, nullptr);
    if (rc != SQLITE_OK) return SqliteError(db_, rc, "open " + path);
    sqlite3_extended_result_codes(db_, 1);
    sqlite3_busy_timeout(db_, static_cast<int>(opt.busy_timeout.count()));
    if (writer) {
      SAWT_ASSIGN_OR_RETURN(auto mode, QueryText("PRAGMA journal_mode=WAL"));
      if (mode != "wal") return Error::Internal("sqlite: cannot enable WAL on " + path + " (mode " + mode + ")");
    }
    std::string pragmas = "PRAGMA foreign_keys=ON; PRAGMA synchronous=";
    pragmas += sopt.synchronous_full ? "FULL;" : "NORMAL;";
    if (!writer) pragmas += " PRAGMA query_only=ON;";
    SAWT_TRY_STATUS(ExecScript(pragmas));
    for (const auto& hook : opt.sqlite_connection_hooks) hook(db_);
    return core::Ok();
  }

  sqlite3* db() const { return db_; }

  Status ExecScript(std::string_view sql) {
    std::string text(sql);
    char* msg = nullptr;
    int rc = sqlite3_exec(db_, text.c_str(), nullptr, nullptr, &msg);
    if (msg != nullptr) sqlite3_free(msg);
    if (rc != SQLITE_OK) return SqliteError(db_, rc, "exec");
    return core::Ok();
  }

  // One transaction-control statement through the statement cache: BEGIN/COMMIT run twice per
  // request, and re-parsing them with sqlite3_exec showed up as ~10% of a read request's CPU.
  Status ExecOne(std::string_view sql) {
    SAWT_ASSIGN_OR_RETURN(sqlite3_stmt * stmt, Prepare(sql));
    int rc = sqlite3_step(stmt);
    sqlite3_reset(stmt);
    if (rc != SQLITE_DONE && rc != SQLITE_ROW) return SqliteError(db_, rc, std::string(sql));
    return core::Ok();
  }

  // A cached prepared statement for `sql` (PostgreSQL placeholders), reset and unbound.
  Result<sqlite3_stmt*> Prepare(std::string_view sql) {
    std::string key(sql);
    auto it = stmts_.find(key);
    if (it != stmts_.end()) return it->second;
    std::string rewritten = detail::RewritePlaceholders(sql);
    sqlite3_stmt* stmt = nullptr;
    const char* tail = nullptr;
    int rc = sqlite3_prepare_v3(db_, rewritten.c_str(), static_cast<int>(rewritten.size() + 1),
                                SQLITE_PREPARE_PERSISTENT, &stmt, &tail);
    if (rc != SQLITE_OK) return SqliteError(db_, rc, "prepare: " + key);
    if (stmt == nullptr) return Error::Internal("sqlite: empty statement");
    if (tail != nullptr && std::string_view(tail).find_first_not_of(" \t\r\n;") != std::string_view::npos) {
      sqlite3_finalize(stmt);
      return Error::Internal("sqlite: one statement per call: " + key);
    }
    stmts_.emplace(std::move(key), stmt);
    return stmt;
  }

 private:
  Result<std::string> QueryText(const char* sql) {
    sqlite3_stmt* stmt = nullptr;
    int rc = sqlite3_prepare_v2(db_, sql, -1, &stmt, nullptr);
    if (rc != SQLITE_OK) return SqliteError(db_, rc, sql);
    std::string out;
    rc = sqlite3_step(stmt);
    if (rc == SQLITE_ROW) {
      const unsigned char* t = sqlite3_column_text(stmt, 0);
      out = t != nullptr ? reinterpret_cast<const char*>(t) : "";
      rc = SQLITE_DONE;
    }
    Error err = SqliteError(db_, rc, sql);
    sqlite3_finalize(stmt);
    if (rc != SQLITE_DONE) return err;
    return out;
  }

  sqlite3* db_ = nullptr;
  std::unordered_map<std::string, sqlite3_stmt*> stmts_;
};

// Resets a statement (and clears bindings) when a step loop ends, whatever the outcome.
class StmtReset {
 public:
  explicit StmtReset(sqlite3_stmt* s) : s_(s) {}
  ~StmtReset() {
    sqlite3_reset(s_);
    sqlite3_clear_bindings(s_);
  }
  StmtReset(const StmtReset&) = delete;
  StmtReset& operator=(const StmtReset&) = delete;

 private:
  sqlite3_stmt* s_;
};

class SqliteTx final : public detail::ScriptTx {
 public:
  SqliteTx(Conn& conn, bool write, const core::Clock& clock) : ScriptTx(clock), conn_(conn), write_(write) {}

  Backend backend() const override { return Backend::kSqlite; }
  bool writable() const override { return write_; }

  Result<std::vector<Row>> Query(std::string_view sql, const std::vector<Value>& params) override {
    std::vector<Row> rows;
    SAWT_TRY_STATUS(Run(sql, params, &rows));
    return rows;
  }

  Result<int64_t> Exec(std::string_view sql, const std::vector<Value>& params) override {
    SAWT_TRY_STATUS(Run(sql, params, nullptr));
    return static_cast<int64_t>(sqlite3_changes64(conn_.db()));
  }

  Result<Event> Append(const NewEvent& event) override {
    if (!write_) return Error::Internal("store: Append in a read transaction");
    SAWT_TRY_STATUS(Check());
    auto r = detail::AppendEvent(*this, event, /*lock_head=*/false, audit_key_);
    if (!r) return Fail(r.error());
    last_event_id_ = r->id;
    return r;
  }

  Status ExecScript(std::string_view sql) override {
    SAWT_TRY_STATUS(Check());
    Status st = conn_.ExecScript(sql);
    if (!st) return Fail(st.error());
    return st;
  }

  Status LockForMigration() override { return core::Ok(); }

 private:

  Status Run(std::string_view sql, const std::vector<Value>& params, std::vector<Row>* rows) {
    SAWT_TRY_STATUS(Check());
    auto prepared = conn_.Prepare(sql);
    if (!prepared) return Fail(prepared.error());
    sqlite3_stmt* stmt = *prepared;
    StmtReset reset(stmt);
    if (!write_ && !sqlite3_stmt_readonly(stmt)) {
      return Fail(Error::Internal("store: write statement in a read transaction: " + std::string(sql)));
    }
    const int expected = sqlite3_bind_parameter_count(stmt);
    if (expected != static_cast<int>(params.size())) {
      return Fail(Error::Internal("store: statement expects " + std::to_string(expected) + " parameters, got " +
                                  std::to_string(params.size()) + ": " + std::string(sql)));
    }
    for (size_t i = 0; i < params.size(); ++i) {
      const int idx = static_cast<int>(i + 1);
      const Value& v = params[i];
      int rc = SQLITE_OK;
      if (std::holds_alternative<std::monostate>(v)) {
        rc = sqlite3_bind_null(stmt, idx);
      } else if (const auto* n = std::get_if<int64_t>(&v)) {
        rc = sqlite3_bind_int64(stmt, idx, *n);
      } else if (const auto* d = std::get_if<double>(&v)) {
        rc = sqlite3_bind_double(stmt, idx, *d);
      } else {
        const auto& s = std::get<std::string>(v);
        rc = sqlite3_bind_text64(stmt, idx, s.data(), s.size(), SQLITE_STATIC, SQLITE_UTF8);
      }
      if (rc != SQLITE_OK) return Fail(SqliteError(conn_.db(), rc, "bind: " + std::string(sql)));
    }
    ColumnNames names;
    for (;;) {
      int rc = sqlite3_step(stmt);
      if (rc == SQLITE_DONE) break;
      if (rc != SQLITE_ROW) return Fail(SqliteError(conn_.db(), rc, std::string(sql)));
      if (rows == nullptr) continue;
      const int n = sqlite3_column_count(stmt);
      if (!names) {
        auto list = std::make_shared<std::vector<std::string>>();
        for (int c = 0; c < n; ++c) list->emplace_back(sqlite3_column_name(stmt, c));
        names = std::move(list);
      }
      std::vector<Value> values;
      values.reserve(static_cast<size_t>(n));
      for (int c = 0; c < n; ++c) {
        switch (sqlite3_column_type(stmt, c)) {
          case SQLITE_INTEGER: values.emplace_back(static_cast<int64_t>(sqlite3_column_int64(stmt, c))); break;
          case SQLITE_FLOAT: values.emplace_back(sqlite3_column_double(stmt, c)); break;
          case SQLITE_TEXT: {
            const auto* t = reinterpret_cast<const char*>(sqlite3_column_text(stmt, c));
            values.emplace_back(std::string(t, static_cast<size_t>(sqlite3_column_bytes(stmt, c))));
            break;
          }
          case SQLITE_BLOB: {
            const auto* b = static_cast<const char*>(sqlite3_column_blob(stmt, c));
            const auto len = static_cast<size_t>(sqlite3_column_bytes(stmt, c));
            values.emplace_back(b != nullptr ? std::string(b, len) : std::string());
            break;
          }
          default: values.emplace_back(std::monostate{}); break;
        }
      }
      rows->emplace_back(std::move(values), names);
    }
    return core::Ok();
  }

  Conn& conn_;
  bool write_;
};

class SqliteStore final : public detail::BackendStore {
 public:
  SqliteStore(std::string path, StoreOptions options, SqliteOptions sqlite_options)
      : BackendStore(options), path_(std::move(path)), sqlite_options_(sqlite_options) {}

  Status Init() {
    writer_ = std::make_unique<Conn>();
    return writer_->Open(path_, /*writer=*/true, options_, sqlite_options_);
  }

  Backend backend() const override { return Backend::kSqlite; }
  std::string Describe() const override { return "sqlite:" + path_; }

  Status Migrate(const std::vector<Migration>& migrations) override {
    return detail::RunMigrations(Backend::kSqlite, migrations,
                                 [this](const std::function<Status(detail::ScriptTx&)>& fn) {
                                   return WriteImpl([&](SqliteTx& tx) { return fn(tx); });
                                 });
  }

  Status Write(const std::function<Status(Tx&)>& fn) override {
    return WriteImpl([&](SqliteTx& tx) { return fn(tx); });
  }

  Status Read(const std::function<Status(Tx&)>& fn) override {
    auto acquired = AcquireReader();
    if (!acquired) return std::move(acquired).error();
    std::unique_ptr<Conn> conn = std::move(*acquired);
    struct Release {
      SqliteStore* store;
      std::unique_ptr<Conn>& conn;
      ~Release() { store->ReleaseReader(std::move(conn)); }
    } release{this, conn};

    if (sqlite3_get_autocommit(conn->db()) == 0) (void)conn->ExecScript("ROLLBACK");  // after a throwing fn
    SAWT_TRY_STATUS(conn->ExecOne("BEGIN"));
    SqliteTx tx(*conn, /*write=*/false, clock());
    Status st = fn(tx);
    if (st && tx.failure()) st = *tx.failure();
    Status end = conn->ExecOne("ROLLBACK");
    if (!st) return st;
    return end;
  }

  CommitSubscription OnCommit(std::function<void(int64_t)> cb) override { return notifier_.Add(std::move(cb)); }

 private:
  Status WriteImpl(const std::function<Status(SqliteTx&)>& fn) {
    int64_t last_event_id = 0;
    {
      std::lock_guard<std::mutex> lock(write_mu_);
      Rollback();  // a previous fn that threw may have left its transaction open
      for (int attempt = 0;; ++attempt) {
        Status begin = writer_->ExecOne("BEGIN IMMEDIATE");
        if (!begin) {
          // Another process holds the write lock beyond busy_timeout.
          if (begin.error().code == core::ErrorCode::kUnavailable && attempt < options_.max_retries) continue;
          return begin;
        }
        SqliteTx tx(*writer_, /*write=*/true, clock());
        tx.set_audit_key(options_.audit_key ? &*options_.audit_key : nullptr);
        Status st = fn(tx);
        if (st && tx.failure()) st = *tx.failure();
        if (!st) {
          Rollback();
          return st;
        }
        Status commit = writer_->ExecOne("COMMIT");
        if (!commit) {
          Rollback();
          if (commit.error().code == core::ErrorCode::kUnavailable && attempt < options_.max_retries) continue;
          return commit;
        }
        last_event_id = tx.last_event_id();
        break;
      }
    }
    if (last_event_id > 0) notifier_.Notify(last_event_id);
    return core::Ok();
  }

  void Rollback() {
    if (sqlite3_get_autocommit(writer_->db()) == 0) (void)writer_->ExecScript("ROLLBACK");
  }

  Result<std::unique_ptr<Conn>> AcquireReader() {
    std::unique_lock<std::mutex> lock(readers_mu_);
    const int max_readers = std::max(1, sqlite_options_.max_readers);
    bool ready = readers_cv_.wait_for(lock, options_.busy_timeout, [&] {
      return !idle_readers_.empty() || open_readers_ < max_readers;
    });
    if (!ready) return Error::Unavailable("sqlite: no reader connection free within busy_timeout");
    if (!idle_readers_.empty()) {
      auto conn = std::move(idle_readers_.back());
      idle_readers_.pop_back();
      return conn;
    }
    ++open_readers_;
    lock.unlock();
    auto conn = std::make_unique<Conn>();
    Status st = conn->Open(path_, /*writer=*/false, options_, sqlite_options_);
    if (!st) {
      std::lock_guard<std::mutex> relock(readers_mu_);
      --open_readers_;
      readers_cv_.notify_one();
      return std::move(st).error();
    }
    return conn;
  }

  void ReleaseReader(std::unique_ptr<Conn> conn) {
    std::lock_guard<std::mutex> lock(readers_mu_);
    idle_readers_.push_back(std::move(conn));
    readers_cv_.notify_one();
  }

  const std::string path_;
  const SqliteOptions sqlite_options_;
  std::mutex write_mu_;  // guards writer_ and serialises write transactions in this process
  std::unique_ptr<Conn> writer_;
  std::mutex readers_mu_;  // guards idle_readers_ and open_readers_
  std::condition_variable readers_cv_;
  std::vector<std::unique_ptr<Conn>> idle_readers_;
  int open_readers_ = 0;
  detail::CommitNotifier notifier_;
};

// The database holds password hashes, session tokens and drafts: only its owner may read it.
// SQLite creates the -wal and -shm files with the main file's permissions, so creating that one
// 0600 (whatever the umask) covers all three; files left readable by an older version are
// tightened. Refuses to follow a symlink planted where the database should be created.
Status RestrictToOwner(const std::string& path) {
  int fd = ::open(path.c_str(), O_RDWR | O_CREAT | O_CLOEXEC | O_NOFOLLOW, 0600);
  if (fd < 0) return Error::Unavailable("sqlite: cannot open " + path + ": " + std::strerror(errno));
  struct stat st {};
  const bool ok = ::fstat(fd, &st) == 0 && ((st.st_mode & 077) == 0 || ::fchmod(fd, st.st_mode & 0700) == 0);
  ::close(fd);
  if (!ok) return Error::Internal("sqlite: cannot restrict the permissions of " + path);
  for (const char* suffix : {"-wal", "-shm"}) {
    const std::string side = path + suffix;
    if (::stat(side.c_str(), &st) == 0 && (st.st_mode & 077) != 0) ::chmod(side.c_str(), st.st_mode & 0700);
  }
  return core::Ok();
}

}  // namespace

Result<std::unique_ptr<Store>> OpenSqliteStore(const std::string& path, const StoreOptions& options,
                                               const SqliteOptions& sqlite_options) {
  if (path.empty() || path == ":memory:" || path.rfind("file:", 0) == 0) {
    return Error::InvalidInput("store.invalid_sqlite_path", {}, {path});
  }
  SAWT_TRY_STATUS(RestrictToOwner(path));
  auto store = std::make_unique<SqliteStore>(path, options, sqlite_options);
  SAWT_TRY_STATUS(store->Init());
  return std::unique_ptr<Store>(std::move(store));
}

}  // namespace sawt::store
