#pragma once

#include <atomic>
#include <chrono>
#include <condition_variable>
#include <cstdint>
#include <memory>
#include <mutex>
#include <optional>
#include <set>
#include <stop_token>
#include <string>
#include <vector>

#include "auth/caller.hpp"
#include "core/json.hpp"
#include "core/result.hpp"
#include "store/store.hpp"

namespace sawt::messaging {

class MessagingService;

/// Delivery settings of the dispatcher. Plain values; the defaults suit production.
struct PublicationOptions {
  std::chrono::milliseconds retry_base{1000};  ///< delay after the first failed attempt; doubles each time
  std::chrono::milliseconds retry_max{std::chrono::minutes(30)};  ///< cap of one delay
  std::chrono::milliseconds timeout{10000};    ///< one HTTP delivery, end to end
  std::chrono::milliseconds poll{30000};       ///< re-check without a commit (other nodes, scheduled items)
  int default_max_attempts = 8;                ///< when the endpoint does not set max_attempts
};

/// Channel variants of content items (per channel and language: the stored text or one derived
/// from the item, measured as the platform counts it), the publication outbox filled when an item
/// is published, the channel endpoints it is delivered to, and the dispatcher that delivers it.
/// Every change is one store transaction with its event. Thread-safe.
class PublicationService {
 public:
  PublicationService(store::Store& store, MessagingService& messaging, PublicationOptions options = {});
  ~PublicationService();

  static std::vector<store::Migration> Migrations();

  /// Every channel × language of the item: the stored variant or a derived one, with its length.
  core::Result<core::Json> ListVariants(const auth::Caller& caller, int64_t item_id);
  /// {"lang", "text", "title"?, "hashtags"?} for one channel; only while the item is editable.
  core::Result<core::Json> SaveVariant(const auth::Caller& caller, int64_t item_id, const std::string& channel,
                                       std::optional<int64_t> if_match, const core::Json& body);
  /// Drops the stored variant of `channel` in `lang`: the item's derived text applies again. Only
  /// while the item is editable; kNotFound when nothing was stored.
  core::Status ResetVariant(const auth::Caller& caller, int64_t item_id, const std::string& channel,
                            const std::string& lang);
  /// {"channel", "text", "title"?, "hashtags"?} → the count, as the editor's live counter shows it.
  core::Result<core::Json> CheckText(const auth::Caller& caller, const core::Json& body);

  /// The outbox rows of one item.
  core::Result<core::Json> ListPublications(const auth::Caller& caller, int64_t item_id);
  /// {"url"}: a person posted a manual (or failed) publication.
  core::Result<core::Json> MarkPosted(const auth::Caller& caller, int64_t id, std::optional<int64_t> if_match,
                                      const core::Json& body);

  /// A failed (or manual) row goes back to pending with a fresh attempt budget: after an endpoint
  /// was fixed or configured. The worker delivers it (or makes it manual again).
  /// Body {"comment"?}.
  core::Result<core::Json> Retry(const auth::Caller& caller, int64_t id, std::optional<int64_t> if_match,
                                 const core::Json& body);

  core::Result<core::Json> ListEndpoints(const auth::Caller& caller);
  /// {"url", "secret", "max_attempts"?}: creates or replaces the channel's endpoint (network admins).
  core::Result<core::Json> SaveEndpoint(const auth::Caller& caller, const std::string& channel, const core::Json& body);
  core::Status DeleteEndpoint(const auth::Caller& caller, const std::string& channel);

  // ---- hooks of the content-item workflow, run inside its transaction ----
  /// Before scheduled/published: every stored variant of the item's channels must fit
  /// (kUnprocessable "messaging.variant_over_limit_publish" otherwise).
  static core::Status CheckStoredVariants(store::Tx& tx, int64_t item_id);
  /// On published: one pending outbox row per channel × language with content; returns their ids.
  static core::Result<std::vector<int64_t>> QueuePublications(store::Tx& tx, int64_t item_id);
  /// On withdrawn: pending and manual rows become cancelled; returns how many.
  static core::Result<int64_t> CancelPublications(store::Tx& tx, int64_t item_id);

  /// The dispatcher's loop (a module worker): delivers due rows, publishes scheduled items whose
  /// planned_at has passed, then sleeps until the next due time, a commit or `poll`.
  void Run(std::stop_token stop);
  /// One pass of the loop; returns when the next pending row is due (nullopt: none).
  std::optional<int64_t> RunOnce();

 private:
  void DeliverOne(const store::Row& row);
  void PublishDueItems();

  store::Store& store_;
  MessagingService& messaging_;
  PublicationOptions options_;
  struct Wake {
    std::mutex mu;
    std::condition_variable_any cv;
    int64_t epoch = 0;
  };
  std::shared_ptr<Wake> wake_ = std::make_shared<Wake>();
  // Scheduled items (id, version) the worker could not publish; touched by the worker thread only.
  std::set<std::pair<int64_t, int64_t>> refused_;
};

}  // namespace sawt::messaging
