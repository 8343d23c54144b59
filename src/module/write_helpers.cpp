#include "module/write_helpers.hpp"

#include <map>

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

core::Result<store::Row> LoadOne(store::Tx& tx, const std::string& sql, int64_t id, const char* not_found_key) {
  auto rows = tx.Query(sql, {id});
  if (!rows) return std::move(rows).error();
  if (rows->empty()) return core::Error::NotFound(not_found_key, {std::to_string(id)});
  return std::move((*rows)[0]);
}

core::Result<core::Json> QueryPage(store::Tx& tx, const std::string& sql, const std::vector<store::Value>& params,
                                   const Page& page, core::Json (*to_json)(const store::Row&)) {
  auto rows = tx.Query(sql, params);
  if (!rows) return std::move(rows).error();
  core::Json items = core::Json::array();
  int64_t last = 0;
  for (const auto& r : *rows) {
    items.push_back(to_json(r));
    last = r.Int(0);
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
  params.push_back(std::move(v));
  sql += column + " = $" + std::to_string(params.size()) + ", ";
  changed[column] = std::move(shown);
}

core::Status EntityExists(store::Tx& tx, int64_t id, const char* field, const char* not_found_key) {
  auto rows = tx.Query("SELECT 1 FROM entities WHERE id = $1", {id});
  if (!rows) return std::move(rows).error();
  if (rows->empty()) return core::Error::InvalidInput(not_found_key, field, {std::to_string(id)});
  return core::Ok();
}

core::Result<std::vector<int64_t>> EntitySubtree(store::Tx& tx, int64_t root) {
  auto rows = tx.Query("SELECT id, parent_id FROM entities");
  if (!rows) return std::move(rows).error();
  std::multimap<int64_t, int64_t> children;
  for (const auto& r : *rows) {
    if (auto parent = r.OptInt(1)) children.emplace(*parent, r.Int(0));
  }
  std::vector<int64_t> out = {root};
  for (size_t i = 0; i < out.size(); ++i) {
    auto [first, last] = children.equal_range(out[i]);
    for (auto it = first; it != last; ++it) out.push_back(it->second);
  }
  return out;
}

core::Result<core::Json> QueryAll(store::Tx& tx, const std::string& sql, const std::vector<store::Value>& params,
                                  core::Json (*to_json)(const store::Row&)) {
  auto rows = tx.Query(sql, params);
  if (!rows) return std::move(rows).error();
  core::Json items = core::Json::array();
  for (const auto& r : *rows) items.push_back(to_json(r));
  return core::Json{{"items", std::move(items)}};
}

core::Result<bool> GuardedUpdate(store::Tx& tx, const char* table, const Assignments& set, int64_t id, int64_t version) {
  std::vector<store::Value> params = set.params;
  params.push_back(core::NowIsoUtc());
  std::string sql = std::string("UPDATE ") + table + " SET " + set.sql + "version = version + 1, updated_at = $" +
                    std::to_string(params.size());
  params.push_back(id);
  sql += " WHERE id = $" + std::to_string(params.size());
  params.push_back(version);
  sql += " AND version = $" + std::to_string(params.size());
  auto n = tx.Exec(sql, params);
  if (!n) return std::move(n).error();
  return *n == 1;
}

}  // namespace sawt::module
