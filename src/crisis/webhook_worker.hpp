#pragma once

#include <chrono>
#include <cstdint>
#include <optional>
#include <stop_token>

#include "http/address_policy.hpp"
#include "http/client.hpp"
#include "module/worker_wake.hpp"
#include "store/store.hpp"

namespace sawt::crisis {

struct WebhookOptions {
  http::AddressPolicy addresses;  ///< where deliveries may connect (serve --webhook-allow/--webhook-deny)
  http::TlsTrust trust;           ///< extra CA for https subscribers (serve --tls-ca-file)
  std::chrono::milliseconds timeout{10'000};  ///< one attempt, connect to answer
  /// Backoff before attempt n+1: retry_base × 2^(n−1), capped at retry_max, then "equal jitter"
  /// (a random point in its upper half) so subscribers that failed together do not retry together.
  std::chrono::milliseconds retry_base{2'000};
  std::chrono::milliseconds retry_max{300'000};
  /// Attempts before a delivery is failed: with the defaults about two hours of retrying, so a
  /// subscriber that is down for minutes (or a restart of sawt) loses nothing.
  int64_t max_attempts = 30;
  /// A claimed delivery is due again after this long if its outcome was never recorded (the
  /// process died mid-attempt): at least once, never lost. Longer than `timeout`.
  std::chrono::milliseconds lease{60'000};
  int concurrency = 16;  ///< attempts in flight at once
  std::chrono::milliseconds poll{30'000};
};

/// Delivers queued crisis webhooks (WebhookService::Enqueue): signed (X-Sawt-Timestamp,
/// X-Sawt-Signature: HMAC-SHA256 over "timestamp.body" with the subscriber's secret), with the
/// delivery's Idempotency-Key, over TLS with the certificate verified for https URLs; failures
/// are retried with backoff and jitter. Every attempt first claims its row (a version-guarded
/// lease), so two nodes never send the same attempt and a crash only delays it. Run is called
/// from one thread; attempts run on up to `concurrency` threads of their own.
class WebhookWorker {
 public:
  WebhookWorker(store::Store& store, WebhookOptions options);
  ~WebhookWorker();

  void Run(std::stop_token stop);
  /// One pass: claims and attempts every due delivery. Returns when the next one falls due
  /// (store clock, microseconds), if any is pending.
  std::optional<int64_t> RunOnce(std::stop_token stop = {});

 private:
  struct Claimed;
  std::vector<Claimed> ClaimDue();
  void Attempt(const Claimed& delivery);
  std::chrono::milliseconds Backoff(int64_t attempts);

  store::Store& store_;
  WebhookOptions options_;
  module::WorkerWake wake_;  // last: its callbacks end before the rest is destroyed
};

}  // namespace sawt::crisis
