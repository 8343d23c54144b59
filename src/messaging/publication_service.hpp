#pragma once

#include <chrono>
#include <cstdint>
#include <optional>
#include <string>
#include <vector>

#include "auth/caller.hpp"
#include "core/json.hpp"
#include "core/result.hpp"
#include "http/address_policy.hpp"
#include "module/entity_directory.hpp"
#include "store/store.hpp"

namespace sawt::messaging {

/// Delivery settings of the publication outbox. Plain values; the defaults suit production.
struct PublicationOptions {
  std::chrono::milliseconds retry_base{1000};  ///< delay after the first failed attempt; doubles each time
  std::chrono::milliseconds retry_max{std::chrono::minutes(30)};  ///< cap of one delay
  std::chrono::milliseconds timeout{10000};    ///< one HTTP delivery, end to end
  std::chrono::milliseconds poll{30000};       ///< re-check without a commit (other nodes, scheduled items)
  int default_max_attempts = 8;                ///< when the endpoint does not set max_attempts
  /// Which resolved addresses deliveries may connect to (serve --webhook-allow/--webhook-deny);
  /// the default refuses loopback, link-local, private and metadata addresses.
  http::AddressPolicy addresses;
};

/// The publication outbox filled when a content item is published (one row per channel ×
/// language) and the channel endpoints it is delivered to; PublicationWorker delivers it. Also
/// creates the channel-variant tables (VariantService). Every change is one store transaction
/// with its event. Thread-safe.
class PublicationService {
 public:
  PublicationService(store::Store& store, PublicationOptions options = {});

  /// content_item_variants, publication_outbox and channel_endpoints.
  static std::vector<store::Migration> Migrations();

  /// The outbox rows of one item. `last_error` (what an endpoint answered, or why it could not be
  /// reached) is shown only to those who may publish for the owner entity; others see null.
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
  /// On published: one pending outbox row per channel × language with content; returns their ids.
  static core::Result<std::vector<int64_t>> QueuePublications(store::Tx& tx, const module::EntityDirectory& entities,
                                                               int64_t item_id);
  /// On withdrawn: pending and manual rows become cancelled; returns how many.
  static core::Result<int64_t> CancelPublications(store::Tx& tx, int64_t item_id);

 private:
  store::Store& store_;
  PublicationOptions options_;
};

}  // namespace sawt::messaging
