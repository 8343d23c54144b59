#include "module/epoch_cache.hpp"

namespace sawt::module {

EpochCache::EpochCache(store::Store& store, size_t max_entries) : epoch_(store), max_entries_(max_entries) {}

std::optional<std::shared_ptr<const std::string>> EpochCache::Get(const std::string& key) {
  const int64_t now = epoch();
  std::lock_guard<std::mutex> lock(mu_);
  auto it = entries_.find(key);
  if (it == entries_.end()) return std::nullopt;
  if (it->second.epoch != now) {
    entries_.erase(it);
    return std::nullopt;
  }
  return it->second.value;
}

void EpochCache::Put(const std::string& key, int64_t at_epoch, std::shared_ptr<const std::string> value) {
  std::lock_guard<std::mutex> lock(mu_);
  if (entries_.size() >= max_entries_) entries_.clear();
  entries_[key] = Entry{at_epoch, std::move(value)};
}

}  // namespace sawt::module
