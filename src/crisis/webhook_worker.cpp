#include "crisis/webhook_worker.hpp"

#include <algorithm>
#include <atomic>
#include <exception>
#include <random>
#include <thread>

#include "auth/crypto.hpp"
#include "core/clock.hpp"
#include "core/log.hpp"
#include "module/service_names.hpp"

namespace sawt::crisis {

using namespace module::service_names;  // NOLINT: the service files' shared vocabulary

namespace {

constexpr size_t kMaxErrorBytes = 500;
constexpr int64_t kBatch = 200;

}  // namespace

/// A delivery this worker holds the lease of: its row version after the claim guards the outcome.
struct WebhookWorker::Claimed {
  int64_t id = 0, webhook_id = 0, version = 0, attempts = 0;
  std::string url, secret, payload, key;
};

WebhookWorker::WebhookWorker(store::Store& store, WebhookOptions options)
    : store_(store), options_(std::move(options)), wake_(store) {}

WebhookWorker::~WebhookWorker() = default;

void WebhookWorker::Run(std::stop_token stop) {
  while (!stop.stop_requested()) {
    const int64_t seen = wake_.Epoch();
    std::optional<int64_t> next_due;
    try {
      next_due = RunOnce(stop);
    } catch (const std::exception& e) {
      // A broken invariant must not end the process from a background thread; log and go on.
      core::Log(core::LogLevel::kError, "crisis webhook worker failed", {{"error", e.what()}});
    }
    wake_.WaitFor(stop, seen, options_.poll, next_due);
  }
}

std::vector<WebhookWorker::Claimed> WebhookWorker::ClaimDue() {
  // Read first: most passes (every commit wakes the worker) find nothing due and take no write lock.
  const int64_t now = store_.clock().NowMicros();
  auto due = store::ReadValue<std::vector<Row>>(store_, [&](Tx& tx) {
    return tx.Query(
        "SELECT d.id, d.webhook_id, d.version, d.attempts, d.payload, d.idempotency_key, w.url, w.secret "
        "FROM crisis_webhook_deliveries d JOIN crisis_webhooks w ON w.id = d.webhook_id "
        "WHERE d.state = 'pending' AND d.next_attempt_at <= $1 ORDER BY d.next_attempt_at, d.id LIMIT $2",
        {core::FormatIsoUtc(now), kBatch});
  });
  if (!due) {
    core::Log(core::LogLevel::kWarn, "crisis webhook deliveries not read", {{"code", due.error().key}, {"detail", due.error().detail}});
    return {};
  }
  if (due->empty()) return {};
  std::vector<Claimed> claimed;
  auto st = store_.Write([&](Tx& tx) -> Status {
    claimed.clear();
    const std::string lease_end = core::FormatIsoUtc(tx.clock().NowMicros() + options_.lease.count() * 1000);
    for (const auto& r : *due) {
      auto n = tx.Exec(
          "UPDATE crisis_webhook_deliveries SET next_attempt_at = $1, version = version + 1 WHERE id = $2 AND version = $3 "
          "AND state = 'pending'",
          {lease_end, r.Int("id"), r.Int("version")});
      if (!n) return std::move(n).error();
      if (*n != 1) continue;  // another node claimed it first
      claimed.push_back({r.Int("id"), r.Int("webhook_id"), r.Int("version") + 1, r.Int("attempts"), r.Text("url"),
                         r.Text("secret"), r.Text("payload"), r.Text("idempotency_key")});
    }
    return Ok();
  });
  if (!st) {
    core::Log(core::LogLevel::kWarn, "crisis webhook deliveries not claimed",
              {{"code", st.error().key}, {"detail", st.error().detail}});
    return {};
  }
  return claimed;
}

std::optional<int64_t> WebhookWorker::RunOnce(std::stop_token stop) {
  std::vector<Claimed> due = ClaimDue();
  if (!due.empty()) {
    // Each attempt blocks its thread for up to `timeout`: a few threads keep a slow subscriber
    // from holding up the others.
    std::atomic<size_t> next{0};
    const size_t threads = std::min<size_t>(due.size(), static_cast<size_t>(std::max(1, options_.concurrency)));
    std::vector<std::jthread> pool;
    pool.reserve(threads);
    for (size_t t = 0; t < threads; ++t) {
      pool.emplace_back([&] {
        for (size_t i = next++; i < due.size() && !stop.stop_requested(); i = next++) Attempt(due[i]);
      });
    }
  }
  return module::EarliestDue(store_, "SELECT MIN(next_attempt_at) AS next_attempt_at FROM crisis_webhook_deliveries "
                                     "WHERE state = 'pending'");
}

std::chrono::milliseconds WebhookWorker::Backoff(int64_t attempts) {
  auto delay = options_.retry_base * (int64_t{1} << std::clamp<int64_t>(attempts - 1, 0, 30));
  delay = std::min<std::chrono::milliseconds>(delay, options_.retry_max);
  thread_local std::mt19937_64 random{std::random_device{}()};
  std::uniform_int_distribution<int64_t> half(delay.count() / 2, delay.count());
  return std::chrono::milliseconds(half(random));
}

namespace {

// A crisis_webhook_errors code for a failed request (http::PostRequest names the stage that
// failed: "resolve: …", "connect: …", "handshake: …", "write: …", "read: …", or "tls: …").
std::string ErrorCode(const core::Error& error) {
  if (error.key == "common.address_refused") return "address_refused";
  // A stream timeout reads "The socket was closed due to a timeout" (Beast).
  const std::string& detail = error.detail;
  auto starts = [&](std::string_view stage) { return detail.rfind(stage, 0) == 0; };
  if (detail.find("timeout") != std::string::npos || detail.find("timed out") != std::string::npos) {
    return "timeout";
  }
  if (starts("resolve")) return "unresolved";
  if (starts("connect")) return "unreachable";
  if (starts("handshake") || starts("tls")) return "tls";
  return "connection_lost";
}

}  // namespace

void WebhookWorker::Attempt(const Claimed& d) {
  const int64_t attempts = d.attempts + 1;
  auto headers = auth::WebhookSignatureHeaders(d.secret, d.payload, store_.clock().NowMicros() / 1'000'000);
  headers.emplace_back("Idempotency-Key", d.key);
  headers.emplace_back("X-Sawt-Delivery", std::to_string(d.id));
  headers.emplace_back("X-Sawt-Event", "crisis.statement_published");
  std::string error, code;
  std::optional<int64_t> status;
  auto target = http::ParseHttpUrl(d.url, /*allow_https=*/true);
  if (!target) {
    error = "bad subscriber url";
    code = "bad_url";
  } else {
    auto answer = http::PostRequest(*target, "application/json", d.payload, headers, options_.timeout, &options_.addresses,
                                    options_.trust);
    if (!answer) {
      error = answer.error().detail.empty() ? answer.error().key : answer.error().detail;
      code = ErrorCode(answer.error());
    } else {
      status = answer->status;
      if (answer->status < 200 || answer->status > 299) {
        error = "HTTP " + std::to_string(answer->status);
        code = "http_status";
      }
    }
  }
  if (error.size() > kMaxErrorBytes) error.resize(kMaxErrorBytes);
  const std::optional<std::string> next =
      error.empty() || attempts >= options_.max_attempts
          ? std::nullopt
          : std::optional<std::string>(core::FormatIsoUtc(store_.clock().NowMicros() + Backoff(attempts).count() * 1000));
  const std::optional<std::string> failure = error.empty() ? std::nullopt : std::optional<std::string>(error);
  auto st = store_.Write([&](Tx& tx) -> Status {
    const std::string now = tx.clock().NowIsoUtc();
    const std::string state = error.empty() ? "delivered" : next ? "pending" : "failed";
    auto n = tx.Exec(
        "UPDATE crisis_webhook_deliveries SET state = $1, attempts = $2, next_attempt_at = $3, last_status = $4, "
        "last_error = $5, delivered_at = $6, version = version + 1, updated_at = $7, last_error_code = $10 "
        "WHERE id = $8 AND version = $9 AND state = 'pending'",
        {state, attempts, store::OrNull(next), store::OrNull(status),
         store::OrNull(failure), store::OrNull(error.empty() ? std::optional<std::string>(now) : std::nullopt), now, d.id,
         d.version, error.empty() ? store::Null() : store::Value(code)});
    if (!n) return std::move(n).error();
    if (*n != 1 || state == "pending") return Ok();  // the subscriber was removed meanwhile; retries are not events
    auto event = tx.Append({"system", state == "delivered" ? "crisis.webhook_delivered" : "crisis.webhook_failed",
                            std::nullopt, "crisis_webhook", std::to_string(d.webhook_id),
                            {{"delivery_id", d.id}, {"attempts", attempts}, {"status", OptJson(status)}, {"error", error},
                             {"error_code", code}}});
    if (!event) return std::move(event).error();
    return Ok();
  });
  if (!st) {
    core::Log(core::LogLevel::kWarn, "crisis webhook outcome not recorded",
              {{"delivery", d.id}, {"code", st.error().key}, {"detail", st.error().detail}});
  }
}

}  // namespace sawt::crisis
