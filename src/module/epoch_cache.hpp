#pragma once

#include <atomic>
#include <cstdint>
#include <memory>
#include <mutex>
#include <optional>
#include <string>
#include <unordered_map>

#include "store/commit_watermark.hpp"

namespace sawt::module {

/// A cache of rendered answers that is exact, not eventually consistent: every state change appends
/// an event, so an entry is served only while no event has committed since it was computed (the
/// "epoch" is the newest event id, moved by Store::OnCommit; on PostgreSQL that includes other
/// nodes' commits via LISTEN/NOTIFY). For read-heavy answers that every caller sees alike.
/// Thread-safe.
class EpochCache {
 public:
  explicit EpochCache(store::Store& store, size_t max_entries = 512);

  /// The current epoch; read it BEFORE computing a value to Put, so a concurrent change wins.
  int64_t epoch() const { return epoch_.value(); }

  std::optional<std::shared_ptr<const std::string>> Get(const std::string& key);
  void Put(const std::string& key, int64_t epoch, std::shared_ptr<const std::string> value);

 private:
  struct Entry {
    int64_t epoch;
    std::shared_ptr<const std::string> value;
  };
  store::CommitWatermark epoch_;
  size_t max_entries_;
  std::mutex mu_;
  std::unordered_map<std::string, Entry> entries_;
};

}  // namespace sawt::module
