#pragma once

#include <atomic>
#include <cstdint>
#include <memory>
#include <mutex>
#include <string>
#include <vector>

#include "core/json.hpp"
#include "core/result.hpp"
#include "http/router.hpp"
#include "store/commit_watermark.hpp"
#include "store/store.hpp"

namespace sawt::crisis {

/// "SELECT … FROM crisis_statements s JOIN crises c …" naming what PublicStatementJson reads;
/// the caller appends WHERE/ORDER.
std::string PublicStatementSelect();
/// A published statement as the public sees it (the PublicStatement schema): in the stream, the
/// public list and webhook deliveries. `public_url` prefixes its CAP address.
core::Json PublicStatementJson(const store::Row& row, const std::string& public_url);

/// Published crisis statements for the public, live: the newest statements (kept in memory and
/// refreshed only when something was committed, so ten thousand open streams cost no queries) and
/// Server-Sent Event streams of them. A statement's place in the stream is its publication's
/// event id (`seq`), which grows in commit order, so Last-Event-ID resumes without gaps or
/// repeats. Thread-safe.
class AlertFeed : public std::enable_shared_from_this<AlertFeed> {
 public:
  static constexpr size_t kKept = 200;          ///< statements kept in memory (and replayed at most)
  static constexpr int kMaxStreams = 20'000;    ///< open public streams, all clients together

  AlertFeed(store::Store& store, std::string public_url);

  /// Published statements with seq > `after`, oldest first (at most kKept): their public JSON.
  core::Result<std::vector<std::pair<int64_t, std::string>>> After(int64_t after);
  /// The newest seq published so far (0 when none).
  core::Result<int64_t> Newest();
  /// {"items": the newest `limit` statements, newest first}.
  core::Result<core::Json> Latest(size_t limit);
  /// A stream of `event: statement` from seq > `after`; kRateLimited crisis.too_many_streams when
  /// kMaxStreams are open.
  core::Result<std::shared_ptr<http::EventStream>> Open(int64_t after);
  void Closed() { open_.fetch_sub(1); }

 private:
  /// Reloads the kept statements when the commit watermark moved since the last load.
  core::Status Refresh();

  store::Store& store_;
  std::string public_url_;
  store::CommitWatermark watermark_;
  std::mutex mu_;
  std::atomic<int64_t> loaded_at_{-1};                          // the watermark the cache was filled at
  std::vector<std::pair<int64_t, std::string>> kept_;           // (seq, JSON text), oldest first
  std::vector<core::Json> kept_json_;
  std::atomic<int64_t> newest_{0};
  std::atomic<int> open_{0};
};

}  // namespace sawt::crisis
