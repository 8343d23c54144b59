#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <vector>

#include "auth/caller.hpp"
#include "core/json.hpp"
#include "core/result.hpp"
#include "module/respond.hpp"
#include "store/sql.hpp"
#include "store/store.hpp"

namespace sawt::module {

/// Small pieces every module's service uses inside its store transactions.

/// JSON null for an absent value.
core::Json OptJson(const std::optional<std::string>& v);
core::Json OptJson(const std::optional<int64_t>& v);

/// Appends the event of a state change made by `caller` (the one write path).
core::Status AppendEvent(store::Tx& tx, const auth::Caller& caller, const char* action,
                         std::optional<int64_t> entity_id, const char* object_type, int64_t object_id,
                         core::Json payload);

/// A list of ids (entity ids, …): a JSON array of at most `max` positive integers, returned sorted
/// without repeats; nullptr → nullopt. Anything else is kInvalidInput `shape_key` naming `field`,
/// with `args` for its wording.
core::Result<std::optional<core::Json>> ReadIds(const core::Json* raw, const char* field, const char* shape_key, size_t max,
                                                std::vector<std::string> args = {});

/// The single row `sql` (with `id` as $1) selects, or kNotFound `not_found_key`.
core::Result<store::Row> LoadOne(store::Tx& tx, const std::string& sql, int64_t id, const char* not_found_key);

/// Runs a list query: `sql` selects the id (the column `order_column` names) and keeps only ids after
/// `page.after_id` (e.g. Sql("SELECT … WHERE id > ", page.after_id) plus filters); this appends
/// "ORDER BY <order_column> LIMIT <page.limit>", maps rows with `to_json` and returns
/// {"items", "next_cursor"}.
core::Result<core::Json> QueryPage(store::Tx& tx, store::Sql sql, const char* order_column, const Page& page,
                                   core::Json (*to_json)(const store::Row&));

/// Runs a query over a small table and returns {"items": rows mapped with `to_json`}.
core::Result<core::Json> QueryAll(store::Tx& tx, const std::string& sql, const std::vector<store::Value>& params,
                                  core::Json (*to_json)(const store::Row&));

/// After a guarded UPDATE/DELETE matched nothing: 404 when the row is gone, else 412 (stale If-Match).
core::Status MissOrStale(store::Tx& tx, const char* table, int64_t id, const char* not_found_key);

/// The columns a partial update sets, and the changed fields for its event. Placeholders are
/// numbered only when the statement is built (GuardedUpdateSql), never by hand.
struct Assignments {
  struct Column {
    std::string name;
    store::Value value;
  };
  std::vector<Column> columns;
  core::Json changed = core::Json::object();
  void Set(const std::string& column, store::Value v, core::Json shown);
  /// Set(column, *v, *v) when the optional field was given.
  template <typename T>
  void SetIf(const std::string& column, const std::optional<T>& v) {
    if (v) Set(column, *v, *v);
  }
  bool empty() const { return columns.empty(); }
};

/// "UPDATE table SET <set>, version = version + 1, updated_at = <tx clock> WHERE id = … [AND version = …]";
/// append " RETURNING …" when the new row is wanted. `set` may be empty (only the version moves);
/// without `version` the update is unconditional (If-Match is optional on that route).
store::Sql GuardedUpdateSql(const store::Tx& tx, const char* table, const Assignments& set, int64_t id, std::optional<int64_t> version);

/// Runs GuardedUpdateSql with a required version; false when no row matched (follow with MissOrStale).
core::Result<bool> GuardedUpdate(store::Tx& tx, const char* table, const Assignments& set, int64_t id, int64_t version);

}  // namespace sawt::module
