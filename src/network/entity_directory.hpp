#pragma once

#include <memory>
#include <mutex>

#include "module/entity_directory.hpp"
#include "store/store.hpp"

namespace sawt::network {

/// The network module's EntityDirectory: reads its own `entities` table. All() keeps the map of
/// the newest snapshot a read transaction saw (keyed by its visible event id, so it is exact);
/// write transactions, which may hold uncommitted changes, always read the table.
class NetworkEntityDirectory final : public module::EntityDirectory {
 public:
  core::Result<bool> Exists(store::Tx& tx, int64_t id) const override;
  core::Result<std::shared_ptr<const std::map<int64_t, module::EntityInfo>>> All(store::Tx& tx) const override;

 private:
  mutable std::mutex mu_;
  mutable int64_t cached_at_ = -1;
  mutable std::shared_ptr<const std::map<int64_t, module::EntityInfo>> cached_;
};

}  // namespace sawt::network
