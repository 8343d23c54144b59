#include "store/postgres/pg_store.hpp"

#include <pqxx/pqxx>

#include <atomic>
#include <charconv>
#include <condition_variable>
#include <cstdlib>
#include <exception>
#include <mutex>
#include <optional>
#include <thread>
#include <utility>
#include <vector>

#include "store/common.hpp"
#include "store/postgres/pool.hpp"

namespace sawt::store {
namespace {

using core::Error;

constexpr const char* kChannel = "sawt_events";
// Key of errors Write re-runs: serialization failure (40001) and deadlock (40P01).
constexpr const char* kTransientKey = "store.transient_conflict";
// Key of errors caused by a lost connection: Write/Read reconnect once.
constexpr const char* kBrokenKey = "store.connection_broken";
// pg_advisory_xact_lock key serialising Migrate across processes ("sawt" in ASCII).
constexpr const char* kMigrationLockSql = "SELECT pg_advisory_xact_lock(1935766388)";

Error Keyed(core::ErrorCode code, const char* key, std::string detail) {
  Error e;
  e.code = code;
  e.key = key;
  e.detail = std::move(detail);
  return e;
}

// Converts a pqxx (or other) exception into an Error. Call only inside a catch block.
Error CurrentError(std::string_view context) {
  std::string ctx(context);
  try {
    throw;
  } catch (const pqxx::broken_connection& e) {
    return Keyed(core::ErrorCode::kUnavailable, kBrokenKey, ctx + ": " + e.what());
  } catch (const pqxx::in_doubt_error& e) {
    return Error::Unavailable(ctx + ": commit outcome unknown: " + e.what());
  } catch (const pqxx::sql_error& e) {
    const std::string& state = e.sqlstate();
    std::string detail = ctx + ": " + e.what() + " [" + state + "]";
    if (state == "23505") {
      Error err = Error::Conflict("store.unique_violation");
      err.detail = std::move(detail);
      return err;
    }
    if (state == "23503") {
      Error err = Error::Conflict("store.foreign_key_violation");
      err.detail = std::move(detail);
      return err;
    }
    if (state == "40001" || state == "40P01") return Keyed(core::ErrorCode::kUnavailable, kTransientKey, detail);
    if (state.rfind("08", 0) == 0 || state == "57P01") {
      return Keyed(core::ErrorCode::kUnavailable, kBrokenKey, detail);
    }
    return Error::Internal(detail);
  } catch (const std::exception& e) {
    return Error::Internal(ctx + ": " + e.what());
  } catch (...) {
    return Error::Internal(ctx + ": unknown exception");
  }
}

bool IsTransient(const Error& e) { return e.key == kTransientKey; }
bool IsBroken(const Error& e) { return e.key == kBrokenKey; }

// PostgreSQL type OIDs (pg_type.h) that map to int64 / double / bytes.
constexpr pqxx::oid kBoolOid = 16, kByteaOid = 17, kInt8Oid = 20, kInt2Oid = 21, kInt4Oid = 23, kOidOid = 26,
                    kFloat4Oid = 700, kFloat8Oid = 701, kNumericOid = 1700;

Value DecodeField(const pqxx::field& f, pqxx::oid type) {
  if (f.is_null()) return std::monostate{};
  const char* text = f.c_str();
  const size_t len = f.size();
  switch (type) {
    case kInt8Oid:
    case kInt2Oid:
    case kInt4Oid:
    case kOidOid: {
      int64_t v = 0;
      std::from_chars(text, text + len, v);
      return v;
    }
    case kBoolOid: return static_cast<int64_t>(len > 0 && text[0] == 't' ? 1 : 0);
    case kNumericOid: {
      // SUM(bigint) and friends yield NUMERIC; integral values read as int64 like on SQLite.
      int64_t v = 0;
      auto res = std::from_chars(text, text + len, v);
      if (res.ec == std::errc() && res.ptr == text + len) return v;
      return std::strtod(text, nullptr);
    }
    case kFloat4Oid:
    case kFloat8Oid: return std::strtod(text, nullptr);
    case kByteaOid: return pqxx::binarystring(f).str();
    default: return std::string(text, len);
  }
}

std::string FormatDouble(double d) {
  char buf[64];
  auto res = std::to_chars(buf, buf + sizeof(buf), d);
  return std::string(buf, res.ptr);
}

class PgTx final : public detail::ScriptTx {
 public:
  PgTx(pqxx::dbtransaction& txn, bool write, const core::Clock& clock) : ScriptTx(clock), txn_(txn), write_(write) {}

  Backend backend() const override { return Backend::kPostgres; }
  bool writable() const override { return write_; }

  Result<std::vector<Row>> Query(std::string_view sql, const std::vector<Value>& params) override {
    SAWT_TRY_STATUS(Check());
    auto r = Run(sql, params);
    if (!r) return Fail(r.error());
    std::vector<Row> rows;
    rows.reserve(r->size());
    const auto columns = static_cast<size_t>(r->columns());
    std::vector<pqxx::oid> types(columns);
    auto names = std::make_shared<std::vector<std::string>>();
    for (size_t c = 0; c < columns; ++c) {
      types[c] = r->column_type(static_cast<pqxx::row::size_type>(c));
      names->emplace_back(r->column_name(static_cast<pqxx::row::size_type>(c)));
    }
    const ColumnNames shared_names = std::move(names);
    for (const pqxx::row& pr : *r) {
      std::vector<Value> values;
      values.reserve(columns);
      for (size_t c = 0; c < columns; ++c) values.push_back(DecodeField(pr[static_cast<pqxx::row::size_type>(c)], types[c]));
      rows.emplace_back(std::move(values), shared_names);
    }
    return rows;
  }

  Result<int64_t> Exec(std::string_view sql, const std::vector<Value>& params) override {
    SAWT_TRY_STATUS(Check());
    auto r = Run(sql, params);
    if (!r) return Fail(r.error());
    return static_cast<int64_t>(r->affected_rows());
  }

  Result<Event> Append(const NewEvent& event) override {
    if (!write_) return Error::Internal("store: Append in a read transaction");
    SAWT_TRY_STATUS(Check());
    auto r = detail::AppendEvent(*this, event, /*lock_head=*/true, audit_key_);
    if (!r) return Fail(r.error());
    last_event_id_ = r->id;
    return r;
  }

  Status ExecScript(std::string_view sql) override {
    SAWT_TRY_STATUS(Check());
    try {
      txn_.exec(std::string(sql));
      return core::Ok();
    } catch (...) {
      return Fail(CurrentError("script"));
    }
  }

  Status LockForMigration() override {
    SAWT_TRY_STATUS(Exec(kMigrationLockSql, {}));
    return core::Ok();
  }

 private:

  Result<pqxx::result> Run(std::string_view sql, const std::vector<Value>& params) {
    std::vector<std::string> storage;
    storage.reserve(params.size());
    std::vector<const char*> args;
    args.reserve(params.size());
    for (const Value& v : params) {
      if (std::holds_alternative<std::monostate>(v)) {
        args.push_back(nullptr);
        continue;
      }
      if (const auto* n = std::get_if<int64_t>(&v)) {
        storage.push_back(std::to_string(*n));
      } else if (const auto* d = std::get_if<double>(&v)) {
        storage.push_back(FormatDouble(*d));
      } else {
        storage.push_back(std::get<std::string>(v));
      }
      args.push_back(storage.back().c_str());
    }
    try {
      return txn_.exec_params(std::string(sql), pqxx::prepare::make_dynamic_params(args));
    } catch (...) {
      return CurrentError(sql);
    }
  }

  pqxx::dbtransaction& txn_;
  bool write_;
};

// Receives NOTIFY sawt_events on the listener connection.
class Receiver final : public pqxx::notification_receiver {
 public:
  Receiver(pqxx::connection_base& conn, detail::CommitNotifier& notifier)
      : pqxx::notification_receiver(conn, kChannel), notifier_(notifier) {}
  void operator()(const std::string& payload, int /*backend_pid*/) override {
    int64_t id = 0;
    auto res = std::from_chars(payload.data(), payload.data() + payload.size(), id);
    if (res.ec == std::errc() && id > 0) notifier_.Notify(id);
  }

 private:
  detail::CommitNotifier& notifier_;
};

class PgStore final : public detail::BackendStore {
 public:
  PgStore(std::string url, StoreOptions options)
      : BackendStore(options), url_(std::move(url)), pool_(url_, options.pool_size, options.busy_timeout) {}

  ~PgStore() override {
    {
      std::lock_guard<std::mutex> lock(listen_mu_);
      stop_ = true;
    }
    listen_cv_.notify_all();
    if (listener_.joinable()) listener_.join();
  }

  Status Init() { return Ping(); }

  Backend backend() const override { return Backend::kPostgres; }
  std::string Describe() const override { return RedactPostgresUrl(url_); }

  Status Migrate(const std::vector<Migration>& migrations) override {
    return detail::RunMigrations(Backend::kPostgres, migrations,
                                 [this](const std::function<Status(detail::ScriptTx&)>& fn) {
                                   return WriteImpl([&](PgTx& tx) { return fn(tx); });
                                 });
  }

  Status Write(const std::function<Status(Tx&)>& fn) override {
    return WriteImpl([&](PgTx& tx) { return fn(tx); });
  }

  Status Read(const std::function<Status(Tx&)>& fn) override {
    bool reconnected = false;
    for (;;) {
      auto lease = pool_.Acquire();
      if (!lease) return std::move(lease).error();
      Status st = core::Ok();
      try {
        pqxx::transaction<pqxx::repeatable_read, pqxx::read_only> txn(lease->conn());
        PgTx tx(txn, /*write=*/false, clock());
        st = fn(tx);
        if (st && tx.failure()) st = *tx.failure();
        if (st) txn.commit();
      } catch (...) {
        st = CurrentError("read transaction");
      }
      if (!st && IsBroken(st.error())) {
        lease->Discard();
        if (!reconnected) {
          reconnected = true;
          continue;
        }
        return Error::Unavailable(st.error().detail);
      }
      return st;
    }
  }

  CommitSubscription OnCommit(std::function<void(int64_t)> cb) override {
    CommitSubscription subscription = notifier_.Add(std::move(cb));
    std::lock_guard<std::mutex> lock(listen_mu_);
    if (!listener_.joinable() && !stop_) listener_ = std::thread([this] { ListenLoop(); });
    return subscription;
  }

 private:
  Status WriteImpl(const std::function<Status(PgTx&)>& fn) {
    bool reconnected = false;
    int retries = 0;
    for (;;) {
      auto lease = pool_.Acquire();
      if (!lease) return std::move(lease).error();
      Status st = core::Ok();
      int64_t last_event_id = 0;
      try {
        pqxx::work txn(lease->conn());
        PgTx tx(txn, /*write=*/true, clock());
        tx.set_audit_key(options_.audit_key ? &*options_.audit_key : nullptr);
        st = fn(tx);
        if (st && tx.failure()) st = *tx.failure();
        if (st) {
          last_event_id = tx.last_event_id();
          // NOTIFY is delivered only if the transaction commits, so listeners never see ids that
          // are rolled back.
          if (last_event_id > 0) txn.exec_params("SELECT pg_notify($1, $2)", kChannel, std::to_string(last_event_id));
          txn.commit();
        }
      } catch (...) {
        st = CurrentError("write transaction");
      }
      if (st) {
        if (last_event_id > 0) notifier_.Notify(last_event_id);
        return st;
      }
      const Error& err = st.error();
      if (IsTransient(err) && retries < options_.max_retries) {
        ++retries;
        continue;
      }
      if (IsBroken(err)) {
        lease->Discard();
        if (!reconnected) {
          reconnected = true;
          continue;
        }
        return Error::Unavailable(err.detail);
      }
      if (IsTransient(err)) return Error::Unavailable(err.detail);
      return st;
    }
  }

  // Background LISTEN on its own connection so commits by other processes wake OnCommit callbacks.
  void ListenLoop() {
    for (;;) {
      {
        std::lock_guard<std::mutex> lock(listen_mu_);
        if (stop_) return;
      }
      try {
        pqxx::connection conn(url_);
        Receiver receiver(conn, notifier_);
        CatchUp(conn);
        for (;;) {
          {
            std::lock_guard<std::mutex> lock(listen_mu_);
            if (stop_) return;
          }
          conn.await_notification(0, 200000);
        }
      } catch (const std::exception&) {
        // Lost the listener connection: retry after a pause (commits meanwhile are caught up by
        // callers through EventsAfter on the next notification).
      }
      std::unique_lock<std::mutex> lock(listen_mu_);
      listen_cv_.wait_for(lock, std::chrono::seconds(1), [&] { return stop_; });
    }
  }

  // Notifications sent before LISTEN took effect are lost: report the newest event id once the
  // listener is (re)connected, so callbacks never miss a commit for good.
  void CatchUp(pqxx::connection& conn) {
    try {
      pqxx::nontransaction tx(conn);
      pqxx::result r = tx.exec("SELECT last_id FROM events_head WHERE id = 1");
      if (!r.empty() && !r[0][0].is_null()) {
        const int64_t last_id = r[0][0].as<int64_t>();
        if (last_id > 0) notifier_.Notify(last_id);
      }
    } catch (const std::exception&) {  // not migrated yet: nothing to catch up with
    }
  }

  const std::string url_;
  pg::Pool pool_;
  detail::CommitNotifier notifier_;
  std::mutex listen_mu_;  // guards stop_ and listener_ start
  std::condition_variable listen_cv_;
  bool stop_ = false;
  std::thread listener_;
};

}  // namespace

std::string RedactPostgresUrl(const std::string& url) {
  std::string out = url;
  const size_t scheme = out.find("://");
  if (scheme != std::string::npos) {
    const size_t start = scheme + 3;
    const size_t end = out.find_first_of("/?", start);
    const size_t at = out.rfind('@', end == std::string::npos ? out.size() : end);
    if (at != std::string::npos && at > start) {
      const size_t colon = out.find(':', start);
      if (colon != std::string::npos && colon < at) out.replace(colon + 1, at - colon - 1, "***");
    }
  }
  const size_t pw = out.find("password=");
  if (pw != std::string::npos) {
    const size_t end = out.find('&', pw);
    out.replace(pw + 9, (end == std::string::npos ? out.size() : end) - pw - 9, "***");
  }
  return out;
}

Result<std::unique_ptr<Store>> OpenPostgresStore(const std::string& url, const StoreOptions& options) {
  auto store = std::make_unique<PgStore>(url, options);
  SAWT_TRY_STATUS(store->Init());
  return std::unique_ptr<Store>(std::move(store));
}

}  // namespace sawt::store
