#include "network/entity_directory.hpp"

#include <optional>

namespace sawt::network {

core::Result<bool> NetworkEntityDirectory::Exists(store::Tx& tx, int64_t id) const {
  auto rows = tx.Query("SELECT 1 FROM entities WHERE id = $1", {id});
  if (!rows) return std::move(rows).error();
  return !rows->empty();
}

core::Result<std::shared_ptr<const std::map<int64_t, module::EntityInfo>>> NetworkEntityDirectory::All(
    store::Tx& tx) const {
  std::optional<int64_t> snapshot;
  if (!tx.writable()) {
    auto at = tx.VisibleEventId();
    if (!at) return std::move(at).error();
    snapshot = *at;
    std::lock_guard<std::mutex> lock(mu_);
    if (cached_ && cached_at_ == *snapshot) return cached_;
  }
  auto rows = tx.Query("SELECT id, parent_id, kind, code, name_ar, name_en, color FROM entities ORDER BY id");
  if (!rows) return std::move(rows).error();
  auto all = std::make_shared<std::map<int64_t, module::EntityInfo>>();
  for (const auto& r : *rows) {
    (*all)[r.Int("id")] = {r.Int("id"), r.OptInt("parent_id"), r.Text("kind"), r.Text("code"), r.Text("name_ar"), r.Text("name_en"), r.Text("color")};
  }
  if (snapshot) {
    std::lock_guard<std::mutex> lock(mu_);
    // Keep the newest snapshot seen: an older reader must not evict what newer ones share.
    if (*snapshot >= cached_at_) {
      cached_ = all;
      cached_at_ = *snapshot;
    }
  }
  return std::shared_ptr<const std::map<int64_t, module::EntityInfo>>(all);
}

}  // namespace sawt::network
