#include "module/write_helpers.hpp"

#include <map>
#include <set>
#include <string_view>

#include "core/clock.hpp"

namespace sawt::module {

core::Json OptJson(const std::optional<std::string>& v) { return v ? core::Json(*v) : core::Json(nullptr); }
core::Json OptJson(const std::optional<int64_t>& v) { return v ? core::Json(*v) : core::Json(nullptr); }

core::Status AppendEvent(store::Tx& tx, const auth::Caller& caller, const char* action,
                         std::optional<int64_t> entity_id, const char* object_type, int64_t object_id,
                         core::Json payload) {
  auto ev = tx.Append({caller.login, action, entity_id, object_type, std::to_string(object_id), std::move(payload)});
  if (!ev) return std::move(ev).error();
  return core::Ok();
}

core::Result<std::optional<core::Json>> ReadIds(const core::Json* raw, const char* field, const char* shape_key, size_t max,
                                                std::vector<std::string> args) {
  if (!raw) return std::optional<core::Json>();
  const auto shape = [&] { return core::Error::InvalidInput(shape_key, field, args); };
  if (!raw->is_array() || raw->size() > max) return shape();
  std::set<int64_t> ids;
  for (const auto& v : *raw) {
    const std::optional<int64_t> id = core::JsonInt64(v);
    if (!id || *id <= 0) return shape();
    ids.insert(*id);
  }
  return std::optional<core::Json>(core::Json(std::vector<int64_t>(ids.begin(), ids.end())));
}

core::Result<store::Row> LoadOne(store::Tx& tx, const std::string& sql, int64_t id, const char* not_found_key) {
  auto rows = tx.Query(sql, {id});
  if (!rows) return std::move(rows).error();
  if (rows->empty()) return core::Error::NotFound(not_found_key, {std::to_string(id)});
  return std::move((*rows)[0]);
}

core::Result<core::Json> QueryPage(store::Tx& tx, store::Sql sql, const char* order_column, const Page& page,
                                   core::Json (*to_json)(const store::Row&)) {
  sql.Append(std::string(" ORDER BY ") + order_column).Bind(" LIMIT ", int64_t{page.limit});
  // The result names the column without its table ("k.id" comes back as "id").
  const std::string_view order(order_column);
  const size_t dot = order.rfind('.');
  const std::string cursor_column(dot == std::string_view::npos ? order : order.substr(dot + 1));
  auto rows = store::Query(tx, sql);
  if (!rows) return std::move(rows).error();
  core::Json items = core::Json::array();
  int64_t last = 0;
  for (const auto& r : *rows) {
    items.push_back(to_json(r));
    last = r.Int(cursor_column);
  }
  return PageJson(std::move(items), page, last);
}

core::Status MissOrStale(store::Tx& tx, const char* table, int64_t id, const char* not_found_key) {
  auto rows = tx.Query(std::string("SELECT 1 FROM ") + table + " WHERE id = $1", {id});
  if (!rows) return std::move(rows).error();
  if (rows->empty()) return core::Error::NotFound(not_found_key, {std::to_string(id)});
  return core::Error::PreconditionFailed("common.precondition_failed");
}

void Assignments::Set(const std::string& column, store::Value v, core::Json shown) {
  columns.push_back({column, std::move(v)});
  changed[column] = std::move(shown);
}

core::Result<core::Json> QueryAll(store::Tx& tx, const std::string& sql, const std::vector<store::Value>& params,
                                  core::Json (*to_json)(const store::Row&)) {
  auto rows = tx.Query(sql, params);
  if (!rows) return std::move(rows).error();
  core::Json items = core::Json::array();
  for (const auto& r : *rows) items.push_back(to_json(r));
  return core::Json{{"items", std::move(items)}};
}

store::Sql GuardedUpdateSql(const store::Tx& tx, const char* table, const Assignments& set, int64_t id, std::optional<int64_t> version) {
  store::Sql sql(std::string("UPDATE ") + table + " SET ");
  for (const auto& column : set.columns) sql.Bind(column.name + " = ", column.value).Append(", ");
  sql.Bind("version = version + 1, updated_at = ", tx.clock().NowIsoUtc());
  sql.Bind(" WHERE id = ", id);
  if (version) sql.Bind(" AND version = ", *version);
  return sql;
}

core::Result<bool> GuardedUpdate(store::Tx& tx, const char* table, const Assignments& set, int64_t id, int64_t version) {
  auto n = store::Exec(tx, GuardedUpdateSql(tx, table, set, id, version));
  if (!n) return std::move(n).error();
  return *n == 1;
}

}  // namespace sawt::module
