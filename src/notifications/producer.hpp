#pragma once

#include <functional>
#include <cstdint>
#include <memory>
#include <stop_token>

#include "auth/auth_service.hpp"
#include "core/result.hpp"
#include "module/registry.hpp"
#include "module/worker_wake.hpp"
#include "notifications/notification_service.hpp"
#include "store/store.hpp"

namespace sawt::notifications {

/// The producer (a module worker): follows the events table from its cursor, asks the registered
/// sources about each event and stores one notification per recipient, worded in both languages
/// from the message catalogue, plus an e-mail in the outbox when the recipient wants one and the
/// network has their address. The actor is never told of their own action; an inactive account
/// hears nothing; a kind the recipient turned off (in_app false) produces neither notification
/// nor e-mail. Each batch of events and the cursor move in one transaction, and a notification
/// is unique per (event, recipient, kind), so a restart or a second node never duplicates one.
/// Run and RunOnce are called from one thread at a time.
class Producer {
 public:
  /// REQUIRES: `registry` (sources, directories, messages) and `service` outlive the producer.
  /// `queued` (optional) is called after a batch that queued e-mails committed.
  Producer(store::Store& store, const module::ModuleRegistry& registry, const NotificationService& service,
           module::Settings settings, std::function<void()> queued = nullptr);

  /// Events handled per transaction.
  static constexpr int kBatch = 100;

  /// The worker's loop: RunOnce until nothing is left, then waits for a commit or a minute.
  void Run(std::stop_token stop);
  /// Handles the next batch; returns how many events it handled (0: up to date). The first call
  /// on a store without a cursor starts at the newest event (nothing older is announced), unless
  /// `from_start` (the demo announces what its seeders did).
  core::Result<int> RunOnce(bool from_start = false);

 private:
  core::Status Handle(store::Tx& tx, const store::Event& event);

  store::Store& store_;
  const module::ModuleRegistry& registry_;
  const NotificationService& service_;
  module::Settings settings_;
  std::function<void()> queued_;
  bool queued_email_ = false;  // in the current batch
  module::WorkerWake wake_;  // commits only; last: ends before the members it uses
};

/// Wording of one notification in both languages, and the e-mail made of it.
struct Wording {
  std::string title_ar, title_en, body_ar, body_en;
};
/// The e-mail subject and plain-text body (both languages, Arabic first) for `wording` and `link`.
std::pair<std::string, std::string> EmailText(const Wording& wording, const std::string& link);

}  // namespace sawt::notifications
