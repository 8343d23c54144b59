#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <vector>

#include "auth/caller.hpp"
#include "core/json.hpp"
#include "core/result.hpp"
#include "module/respond.hpp"
#include "store/store.hpp"

namespace sawt::crisis {

/// Webhook subscribers of crisis statements: systems outside sawt (a broadcaster, a mobile app's
/// backend, a siren network) that receive every published statement the moment its last approval
/// lands. Network admins register a URL (http or https) and get a secret once; each published
/// statement becomes one delivery per active subscriber, written in the approval's transaction
/// (so it survives a crash), signed and retried by the WebhookWorker until delivered, with the
/// same Idempotency-Key on every attempt. Subscribers choose whether drills reach them.
/// Thread-safe; answers wire JSON.
class WebhookService {
 public:
  explicit WebhookService(store::Store& store) : store_(store) {}

  static std::vector<store::Migration> Migrations();

  /// {"items"}: the subscribers (removed ones left out) with their delivery counts.
  core::Result<core::Json> List(const auth::Caller& caller);
  core::Result<core::Json> Get(const auth::Caller& caller, int64_t id);
  /// {name, url, active?, include_drills?} → the subscriber with its "secret" (shown only here
  /// and on rotation).
  core::Result<core::Json> Create(const auth::Caller& caller, const core::Json& body);
  /// {name?, url?, active?, include_drills?}.
  core::Result<core::Json> Update(const auth::Caller& caller, int64_t id, std::optional<int64_t> if_match,
                                  const core::Json& body);
  /// A new secret (returned once); the old one signs nothing from now on.
  core::Result<core::Json> RotateSecret(const auth::Caller& caller, int64_t id, std::optional<int64_t> if_match);
  /// Removes the subscriber; its pending deliveries are cancelled, its history kept.
  core::Status Remove(const auth::Caller& caller, int64_t id, std::optional<int64_t> if_match);
  /// {"items", "next_cursor"}: the subscriber's deliveries, newest first; `state` filters.
  core::Result<core::Json> Deliveries(const auth::Caller& caller, int64_t id, const std::optional<std::string>& state,
                                      const module::Page& page);
  /// A pending delivery goes out now (not at its backoff time); a failed or cancelled one starts
  /// over from attempt 0; both with their idempotency key. A delivered one: 409.
  core::Result<core::Json> Redeliver(const auth::Caller& caller, int64_t id, int64_t delivery_id);

  /// Queues the published statement `statement_id` for every active subscriber (drills only to
  /// those that take them), in the caller's transaction. The body is fixed here: every attempt
  /// sends the same bytes under the same Idempotency-Key ("crisis-statement-<id>").
  static core::Status Enqueue(store::Tx& tx, int64_t statement_id, const std::string& public_url);

 private:
  store::Store& store_;
};

}  // namespace sawt::crisis
