#include "store/common.hpp"

#include <algorithm>
#include <set>
#include <utility>

#include "core/clock.hpp"
#include "store/event_hash.hpp"
#include "store/migrations.hpp"

namespace sawt::store::detail {
namespace {

constexpr std::string_view kEventColumns =
    "id, at, actor, action, entity_id, object_type, object_id, payload, prev_hash, hash";
constexpr int kAuditPage = 1000;

Result<Event> DecodeEvent(const Row& r) {
  Event e;
  e.id = r.Int("id");
  e.at = r.Text("at");
  e.actor = r.Text("actor");
  e.action = r.Text("action");
  e.entity_id = r.OptInt("entity_id");
  e.object_type = r.Text("object_type");
  e.object_id = r.Text("object_id");
  e.payload = core::Json::parse(r.Text("payload"), nullptr, /*allow_exceptions=*/false);
  if (e.payload.is_discarded()) {
    return core::Error::Internal("events row " + std::to_string(e.id) + " has an unparsable payload");
  }
  e.prev_hash = r.Text("prev_hash");
  e.hash = r.Text("hash");
  return e;
}

AuditReport Bad(int64_t rows, std::optional<int64_t> id, std::string problem) {
  AuditReport rep;
  rep.intact = false;
  rep.rows_checked = rows;
  rep.first_bad_id = id;
  rep.problem = std::move(problem);
  return rep;
}

}  // namespace

Status RunMigrations(Backend backend, const std::vector<Migration>& migrations,
                     const ScriptWriteRunner& run_write) {
  std::vector<Migration> all = StoreMigrations();
  for (const Migration& m : migrations) {
    if (m.module == "store") return core::Error::InvalidInput("store.reserved_migration_module");
    all.push_back(m);
  }
  SAWT_ASSIGN_OR_RETURN(std::vector<Migration> ordered, OrderMigrations(std::move(all)));

  SAWT_TRY_STATUS(run_write([&](ScriptTx& tx) -> Status {
    SAWT_TRY_STATUS(tx.LockForMigration());
    return tx.ExecScript(SchemaMigrationsDdl(backend));
  }));

  std::set<std::pair<std::string, int64_t>> applied;
  SAWT_TRY_STATUS(run_write([&](ScriptTx& tx) -> Status {
    SAWT_ASSIGN_OR_RETURN(auto rows, tx.Query("SELECT module, version FROM schema_migrations"));
    for (const Row& r : rows) applied.emplace(r.Text("module"), r.Int("version"));
    return core::Ok();
  }));

  for (const Migration& m : ordered) {
    if (applied.count({m.module, m.version}) != 0) continue;
    SAWT_TRY_STATUS(run_write([&](ScriptTx& tx) -> Status {
      SAWT_TRY_STATUS(tx.LockForMigration());
      // Re-check under the lock: another process may have applied it meanwhile.
      SAWT_ASSIGN_OR_RETURN(
          auto rows, tx.Query("SELECT 1 FROM schema_migrations WHERE module = $1 AND version = $2",
                              {m.module, static_cast<int64_t>(m.version)}));
      if (!rows.empty()) return core::Ok();
      Status st = tx.ExecScript(ExpandMigrationSql(m.sql, backend));
      if (!st) {
        core::Error e = std::move(st).error();
        e.detail = "migration " + m.module + "/" + m.name + ": " + e.detail;
        return e;
      }
      SAWT_TRY_STATUS(tx.Exec(
          "INSERT INTO schema_migrations (module, version, name, applied_at) VALUES ($1, $2, $3, $4)",
          {m.module, static_cast<int64_t>(m.version), m.name, tx.clock().NowIsoUtc()}));
      return core::Ok();
    }));
  }
  return core::Ok();
}

Result<Event> AppendEvent(Tx& tx, const NewEvent& ne, bool lock_head, const AuditKey* key) {
  std::string head_sql = "SELECT last_id, last_hash FROM events_head WHERE id = 1";
  if (lock_head) head_sql += " FOR UPDATE";
  SAWT_ASSIGN_OR_RETURN(auto head, tx.Query(head_sql));
  if (head.empty()) return core::Error::Internal("events_head row missing (run Migrate first)");

  Event e;
  e.at = tx.clock().NowIsoUtc();
  e.actor = ne.actor;
  e.action = ne.action;
  e.entity_id = ne.entity_id;
  e.object_type = ne.object_type;
  e.object_id = ne.object_id;
  e.payload = ne.payload;
  e.prev_hash = head[0].Text("last_hash");
  std::string payload_text = CanonicalPayload(ne.payload);

  SAWT_ASSIGN_OR_RETURN(
      auto inserted,
      tx.Query("INSERT INTO events (at, actor, action, entity_id, object_type, object_id, payload, "
               "prev_hash, hash) VALUES ($1, $2, $3, $4, $5, $6, $7, $8, '') RETURNING id",
               {e.at, e.actor, e.action, OrNull(e.entity_id), e.object_type, e.object_id, payload_text,
                e.prev_hash}));
  if (inserted.size() != 1) return core::Error::Internal("INSERT INTO events returned no id");
  e.id = inserted[0].Int("id");
  e.hash = ComputeEventHash(e.prev_hash,
                            EventContent{e.id, e.at, e.actor, e.action, e.entity_id, e.object_type, e.object_id,
                                         payload_text},
                            key);
  SAWT_TRY_STATUS(tx.Exec("UPDATE events SET hash = $1 WHERE id = $2", {e.hash, e.id}));
  SAWT_TRY_STATUS(
      tx.Exec("UPDATE events_head SET last_id = $1, last_hash = $2 WHERE id = 1", {e.id, e.hash}));
  return e;
}

Result<std::vector<Event>> LoadEventsAfter(Tx& tx, int64_t after_id, int limit) {
  limit = std::clamp(limit, 0, 10000);
  std::vector<Event> out;
  if (limit == 0) return out;
  SAWT_ASSIGN_OR_RETURN(auto rows,
                        tx.Query("SELECT " + std::string(kEventColumns) +
                                     " FROM events WHERE id > $1 ORDER BY id LIMIT $2",
                                 {after_id, static_cast<int64_t>(limit)}));
  out.reserve(rows.size());
  for (const Row& r : rows) {
    SAWT_ASSIGN_OR_RETURN(Event e, DecodeEvent(r));
    out.push_back(std::move(e));
  }
  return out;
}

Result<AuditReport> VerifyChain(Tx& tx, const AuditKey* key) {
  std::string prev(kGenesisHash);
  int64_t last_id = 0;
  int64_t rows_checked = 0;
  const std::string sql = "SELECT " + std::string(kEventColumns) +
                          " FROM events WHERE id > $1 ORDER BY id LIMIT " + std::to_string(kAuditPage);
  SAWT_ASSIGN_OR_RETURN(auto head, tx.Query("SELECT last_id, last_hash FROM events_head WHERE id = 1"));
  if (head.empty()) return Bad(0, std::nullopt, "events_head row is missing");
  const int64_t head_id = head[0].Int("last_id");
  const std::string head_hash = head[0].Text("last_hash");
  std::optional<int64_t> first_after_head;

  for (;;) {
    SAWT_ASSIGN_OR_RETURN(auto rows, tx.Query(sql, {last_id}));
    for (const Row& r : rows) {
      const int64_t id = r.Int("id");
      if (r.Text("prev_hash") != prev) {
        return Bad(rows_checked, id,
                   "row " + std::to_string(id) +
                       ": prev_hash differs from the previous row's hash (a row before it was deleted "
                       "or inserted)");
      }
      EventContent c{id, r.Text("at"), r.Text("actor"), r.Text("action"), r.OptInt("entity_id"),
                     r.Text("object_type"), r.Text("object_id"), r.Text("payload")};
      if (ComputeEventHash(r.Text("prev_hash"), c, key) != r.Text("hash")) {
        return Bad(rows_checked, id,
                   "row " + std::to_string(id) + ": hash differs from its content (edited" +
                       (key != nullptr ? ", or hashed without the audit key)"
                                       : "; if this store uses an audit key, verify with --audit-key)"));
      }
      ++rows_checked;
      if (id > head_id && !first_after_head) first_after_head = id;
      prev = r.Text("hash");
      last_id = id;
    }
    if (static_cast<int>(rows.size()) < kAuditPage) break;
  }

  if (head_id != last_id || head_hash != prev) {
    if (head_id > last_id) {
      return Bad(rows_checked, head_id,
                 "events_head names row " + std::to_string(head_id) + " but the table ends at " +
                     std::to_string(last_id) + " (newest rows deleted)");
    }
    if (first_after_head) {
      return Bad(rows_checked, first_after_head,
                 "row " + std::to_string(*first_after_head) + " is after events_head (" +
                     std::to_string(head_id) + "): appended outside the store");
    }
    return Bad(rows_checked, last_id, "events_head hash differs from the last row's hash");
  }
  AuditReport rep;
  rep.rows_checked = rows_checked;
  return rep;
}

Result<bool> AnyEvents(Tx& tx) {
  SAWT_ASSIGN_OR_RETURN(auto rows, tx.Query("SELECT 1 FROM events LIMIT 1"));
  return !rows.empty();
}

struct CommitNotifier::Entry {
  std::recursive_mutex calling;  // held during a call; recursive so a callback may end itself
  bool active = true;
  std::function<void(int64_t)> callback;
};

struct CommitNotifier::State {
  // Held for a whole delivery, so that when Notify(id) returns on any thread every callback has
  // seen id or a newer one (the PostgreSQL listener may be delivering a writer's own id while the
  // writer notifies), and callbacks see ids in increasing order. Callbacks are cheap (raise a
  // watermark, wake a thread) and never wait for a writer; recursive in case one writes anyway.
  std::recursive_mutex delivering;
  std::mutex mu;
  std::vector<std::shared_ptr<Entry>> entries;
  int64_t highest = 0;
};

CommitNotifier::CommitNotifier() : state_(std::make_shared<State>()) {}

CommitSubscription CommitNotifier::Add(std::function<void(int64_t)> cb) {
  auto entry = std::make_shared<Entry>();
  entry->callback = std::move(cb);
  {
    std::lock_guard<std::mutex> lock(state_->mu);
    state_->entries.push_back(entry);
  }
  std::weak_ptr<State> weak_state = state_;
  return CommitSubscription([weak_state, entry] {
    if (auto state = weak_state.lock()) {
      std::lock_guard<std::mutex> lock(state->mu);
      std::erase(state->entries, entry);
    }
    // Waits for a call running on another thread; none starts after this.
    std::lock_guard<std::recursive_mutex> calling(entry->calling);
    entry->active = false;
  });
}

bool CommitNotifier::empty() const {
  std::lock_guard<std::mutex> lock(state_->mu);
  return state_->entries.empty();
}

void CommitNotifier::Notify(int64_t last_event_id) {
  std::lock_guard<std::recursive_mutex> delivering(state_->delivering);
  std::vector<std::shared_ptr<Entry>> entries;
  {
    std::lock_guard<std::mutex> lock(state_->mu);
    if (last_event_id <= state_->highest) return;
    state_->highest = last_event_id;
    entries = state_->entries;
  }
  for (const auto& entry : entries) {
    std::lock_guard<std::recursive_mutex> calling(entry->calling);
    if (entry->active) entry->callback(last_event_id);
  }
}

std::string RewritePlaceholders(std::string_view sql) {
  std::string out;
  out.reserve(sql.size());
  size_t i = 0;
  const size_t n = sql.size();
  while (i < n) {
    char c = sql[i];
    if (c == '\'' || c == '"') {
      // Copy a quoted literal/identifier; a doubled quote is an escaped quote and stays inside.
      size_t j = i + 1;
      while (j < n) {
        if (sql[j] == c) {
          if (j + 1 < n && sql[j + 1] == c) {
            j += 2;
            continue;
          }
          break;
        }
        ++j;
      }
      j = std::min(j + 1, n);
      out.append(sql.substr(i, j - i));
      i = j;
    } else if (c == '-' && i + 1 < n && sql[i + 1] == '-') {
      size_t j = sql.find('\n', i);
      if (j == std::string_view::npos) j = n;
      out.append(sql.substr(i, j - i));
      i = j;
    } else if (c == '/' && i + 1 < n && sql[i + 1] == '*') {
      size_t j = sql.find("*/", i + 2);
      j = j == std::string_view::npos ? n : j + 2;
      out.append(sql.substr(i, j - i));
      i = j;
    } else if (c == '$' && i + 1 < n && sql[i + 1] >= '0' && sql[i + 1] <= '9') {
      out.push_back('?');
      ++i;
    } else {
      out.push_back(c);
      ++i;
    }
  }
  return out;
}

Result<std::vector<Event>> BackendStore::EventsAfter(int64_t after_id, int limit) {
  return ReadValue<std::vector<Event>>(*this, [&](Tx& tx) { return LoadEventsAfter(tx, after_id, limit); });
}

Result<AuditReport> BackendStore::VerifyAudit() {
  return ReadValue<AuditReport>(*this, [this](Tx& tx) {
    return VerifyChain(tx, options_.audit_key ? &*options_.audit_key : nullptr);
  });
}

Status BackendStore::Ping() {
  return Read([](Tx& tx) -> Status {
    SAWT_TRY_STATUS(tx.Query("SELECT 1"));
    return core::Ok();
  });
}

Result<bool> BackendStore::HasEvents() {
  return ReadValue<bool>(*this, [](Tx& tx) { return AnyEvents(tx); });
}

}  // namespace sawt::store::detail
