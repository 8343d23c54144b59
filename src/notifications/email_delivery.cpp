#include "notifications/email_delivery.hpp"

#include <algorithm>
#include <exception>

#include "core/log.hpp"

namespace sawt::notifications {
namespace {

constexpr size_t kMaxErrorBytes = 500;

bool SafeAddress(const std::string& address) {
  return !address.empty() && address.size() <= 254 && address.find_first_of("\r\n<> ") == std::string::npos;
}

}  // namespace

EmailDelivery::EmailDelivery(store::Store& store, EmailOptions options)
    : store_(store), options_(std::move(options)), wake_(store) {}

void EmailDelivery::WakeUp() { wake_.WakeUp(); }

void EmailDelivery::Run(std::stop_token stop) {
  while (!stop.stop_requested()) {
    const int64_t seen = wake_.Epoch();
    if (options_.relay) {
      try {
        auto tried = RunOnce();
        if (!tried) {
          core::Log(core::LogLevel::kWarn, "e-mail delivery failed", {{"code", tried.error().key}, {"detail", tried.error().detail}});
        }
      } catch (const std::exception& e) {
        core::Log(core::LogLevel::kError, "e-mail delivery failed", {{"error", e.what()}});
      }
    }
    // Woken by the producer (WakeUp), a commit or a jump of the clock; the poll is a safety net.
    wake_.WaitFor(stop, seen, std::chrono::seconds(options_.relay ? 5 : 600));
  }
}

core::Result<int> EmailDelivery::RunOnce() {
  if (!options_.relay) return 0;
  auto due = store::ReadValue<std::vector<store::Row>>(store_, [&](store::Tx& tx) {
    return tx.Query(
        "SELECT id, address, subject, body, attempts, created_at FROM notification_email_outbox "
        "WHERE status IN ('pending', 'held') AND next_attempt_at <= $1 ORDER BY id LIMIT 50",
        {store_.clock().NowIsoUtc()});
  });
  if (!due) return std::move(due).error();
  for (const auto& row : *due) {
    const int64_t id = row.Int("id"), attempts = row.Int("attempts") + 1;
    const std::string address = row.Text("address");
    core::Status sent = core::Error::InvalidInput("notifications.bad_address");
    if (SafeAddress(address) && SafeAddress(options_.from)) {
      int64_t created = 0;
      core::ParseIsoUtc(row.Text("created_at"), &created);
      const std::string message = smtp::ComposeMessage(options_.from, address, row.Text("subject"), row.Text("body"),
                                                       "notification-" + std::to_string(id) + "@sawt", created);
      sent = smtp::Send(*options_.relay, options_.from, address, message, options_.timeout);
    }
    std::string error = sent ? std::string() : (sent.error().detail.empty() ? sent.error().key : sent.error().detail);
    if (error.size() > kMaxErrorBytes) error.resize(kMaxErrorBytes);
    core::Status st = store_.Write([&](store::Tx& tx) -> core::Status {
      const std::string now = tx.clock().NowIsoUtc();
      core::Result<int64_t> n = 0;
      if (sent) {
        n = tx.Exec(
            "UPDATE notification_email_outbox SET status = 'sent', attempts = $1, last_error = NULL, sent_at = $2, "
            "updated_at = $2 WHERE id = $3",
            {attempts, now, id});
      } else if (attempts >= options_.max_attempts) {
        n = tx.Exec(
            "UPDATE notification_email_outbox SET status = 'failed', attempts = $1, last_error = $2, updated_at = $3 "
            "WHERE id = $4",
            {attempts, error, now, id});
      } else {
        auto delay = options_.retry_base * (int64_t{1} << std::min<int64_t>(attempts - 1, 20));
        delay = std::min<std::chrono::milliseconds>(delay, options_.retry_max);
        const std::string next = core::FormatIsoUtc(tx.clock().NowMicros() + delay.count() * 1000);
        n = tx.Exec(
            "UPDATE notification_email_outbox SET status = 'pending', attempts = $1, last_error = $2, "
            "next_attempt_at = $3, updated_at = $4 WHERE id = $5",
            {attempts, error, next, now, id});
      }
      if (!n) return std::move(n).error();
      return core::Ok();
    });
    if (!st) return std::move(st).error();
  }
  return static_cast<int>(due->size());
}

}  // namespace sawt::notifications
