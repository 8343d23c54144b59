#pragma once

#include <cstdint>
#include <functional>
#include <map>
#include <memory>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "core/result.hpp"
#include "store/store.hpp"

namespace sawt::module {

/// One government entity as other modules see it.
struct EntityInfo {
  int64_t id = 0;
  std::optional<int64_t> parent_id;
  std::string kind;  ///< a code of the "entity_kinds" vocabulary
  std::string code;
  std::string name_ar, name_en;
  std::string color;
};

/// The network's entity tree, owned by the network module and registered on the registry
/// (ModuleRegistry::entity_directory). Other modules learn about entities only through it, never by
/// reading the network's tables. Thread-safe.
class EntityDirectory {
 public:
  virtual ~EntityDirectory() = default;
  /// Whether the entity exists as `tx` sees it (an entity made earlier in the same write counts).
  virtual core::Result<bool> Exists(store::Tx& tx, int64_t id) const = 0;
  /// Every entity by id: a snapshot cached until the next commit (entities change rarely).
  virtual core::Result<std::shared_ptr<const std::map<int64_t, EntityInfo>>> All(store::Tx& tx) const = 0;
  /// `root` and every entity below it in the tree (departments, their departments, …), from All.
  core::Result<std::vector<int64_t>> Subtree(store::Tx& tx, int64_t root) const;
  /// The entity with `code`, from All.
  core::Result<std::optional<EntityInfo>> ByCode(store::Tx& tx, std::string_view code) const;
};

/// Where a module finds the entity directory: the registry's, looked up at each call (a module may
/// be built before the network module registers the directory).
using EntityDirectorySource = std::function<const EntityDirectory&()>;

/// The entity must exist: kInvalidInput `not_found_key` naming `field` (a clear 400, not a
/// foreign-key 409).
core::Status EntityMustExist(const EntityDirectory& directory, store::Tx& tx, int64_t id, const char* field,
                             const char* not_found_key);

}  // namespace sawt::module
