#include "module/entity_directory.hpp"

namespace sawt::module {

core::Result<std::vector<int64_t>> EntityDirectory::Subtree(store::Tx& tx, int64_t root) const {
  SAWT_ASSIGN_OR_RETURN(auto all, All(tx));
  std::multimap<int64_t, int64_t> children;
  for (const auto& [id, e] : *all) {
    if (e.parent_id) children.emplace(*e.parent_id, id);
  }
  std::vector<int64_t> out = {root};
  for (size_t i = 0; i < out.size(); ++i) {
    auto [first, last] = children.equal_range(out[i]);
    for (auto it = first; it != last; ++it) out.push_back(it->second);
  }
  return out;
}

core::Result<std::optional<EntityInfo>> EntityDirectory::ByCode(store::Tx& tx, std::string_view code) const {
  SAWT_ASSIGN_OR_RETURN(auto all, All(tx));
  for (const auto& [id, e] : *all) {
    if (e.code == code) return std::optional<EntityInfo>(e);
  }
  return std::optional<EntityInfo>();
}

core::Status EntityMustExist(const EntityDirectory& directory, store::Tx& tx, int64_t id, const char* field,
                             const char* not_found_key) {
  SAWT_ASSIGN_OR_RETURN(bool exists, directory.Exists(tx, id));
  if (!exists) return core::Error::InvalidInput(not_found_key, field, {std::to_string(id)});
  return core::Ok();
}

}  // namespace sawt::module
