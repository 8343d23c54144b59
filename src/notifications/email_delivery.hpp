#pragma once

#include <chrono>
#include <cstdint>
#include <memory>
#include <optional>
#include <stop_token>
#include <string>

#include "core/result.hpp"
#include "module/worker_wake.hpp"
#include "notifications/smtp.hpp"
#include "store/store.hpp"

namespace sawt::notifications {

/// How notification e-mails leave; every field has a safe default.
struct EmailOptions {
  std::optional<smtp::Relay> relay;  ///< none: e-mails stay "held" in the outbox
  std::string from = "sawt@localhost";
  std::chrono::milliseconds timeout{10000};  ///< per SMTP read or write
  int max_attempts = 6;                      ///< then "failed"
  std::chrono::milliseconds retry_base{30000};  ///< doubled after each failure
  std::chrono::milliseconds retry_max{3600000};
};

/// The e-mail outbox's delivery worker: sends due rows ("pending", and "held" ones once a relay
/// is configured) through the SMTP relay, at least once (a crash after the relay accepted and
/// before the row is marked sends again), retrying with exponential backoff up to max_attempts.
/// Without a relay it does nothing. Run and RunOnce are called from one thread at a time.
class EmailDelivery {
 public:
  EmailDelivery(store::Store& store, EmailOptions options);

  /// The loop: delivers due rows, then sleeps until the next due time, a commit or a minute.
  void Run(std::stop_token stop);
  /// Delivers up to 50 due rows; returns how many it tried.
  core::Result<int> RunOnce();
  /// Ends the current wait (the producer queued an e-mail: its write appends no event). Thread-safe.
  void WakeUp();

 private:
  store::Store& store_;
  EmailOptions options_;
  module::WorkerWake wake_;  // last: ends before the members it uses
};

}  // namespace sawt::notifications
