#include "network/member_directory.hpp"

#include <algorithm>

#include "store/sql.hpp"

namespace sawt::network {

core::Result<std::vector<int64_t>> NetworkMemberDirectory::Holders(store::Tx& tx, int64_t entity_id,
                                                                   const std::vector<auth::Role>& roles) const {
  if (roles.empty()) return std::vector<int64_t>{};
  std::vector<store::Value> names;
  for (auth::Role role : roles) names.emplace_back(std::string(auth::RoleName(role)));
  // The entity and every entity above it: a role held there applies here too.
  store::Sql sql(
      "WITH RECURSIVE up(id, parent_id) AS ("
      "  SELECT id, parent_id FROM entities WHERE id = ",
      entity_id);
  sql.Append(
      "  UNION SELECT e.id, e.parent_id FROM entities e JOIN up ON e.id = up.parent_id"
      ") SELECT DISTINCT m.member_id AS member_id FROM memberships m JOIN up ON m.entity_id = up.id "
      "WHERE m.status = 'active'");
  sql.BindList(" AND m.role IN (", names).Append(") ORDER BY member_id");
  auto rows = store::Query(tx, sql);
  if (!rows) return std::move(rows).error();
  std::vector<int64_t> out;
  out.reserve(rows->size());
  for (const auto& r : *rows) out.push_back(r.Int("member_id"));
  return out;
}

core::Result<std::map<int64_t, module::MemberContact>> NetworkMemberDirectory::Contacts(
    store::Tx& tx, const std::vector<int64_t>& account_ids) const {
  std::map<int64_t, module::MemberContact> out;
  if (account_ids.empty()) return out;
  store::Sql sql("SELECT id, name_ar, name_en, email FROM members");
  sql.BindList(" WHERE id IN (", std::vector<store::Value>(account_ids.begin(), account_ids.end())).Append(")");
  auto rows = store::Query(tx, sql);
  if (!rows) return std::move(rows).error();
  for (const auto& r : *rows) out[r.Int("id")] = {r.Text("name_ar"), r.Text("name_en"), r.Text("email")};
  return out;
}

}  // namespace sawt::network
