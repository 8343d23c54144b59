#pragma once

#include <cstdint>
#include <memory>
#include <stop_token>

#include "core/clock.hpp"
#include "module/registry.hpp"
#include "module/worker_wake.hpp"
#include "store/store.hpp"

namespace sawt::strategy {

/// Activity reminders (a module worker): once per activity and due date, appends
/// "strategy.activity_due_soon" when an open activity (not done, not cancelled) is due within
/// kSoonDays days of today in the network's time zone, and "strategy.activity_overdue" once its
/// due date has passed. Time is the store's clock; a jump of it (a test) or a commit wakes the
/// worker. Moving the due date makes the activity eligible again. Run and RunOnce are called
/// from one thread at a time.
class ActivityReminders {
 public:
  static constexpr int kSoonDays = 3;
  /// REQUIRES: `registry` outlives the worker.
  ActivityReminders(store::Store& store, const module::ModuleRegistry& registry);

  static std::vector<store::Migration> Migrations();

  void Run(std::stop_token stop);
  /// Appends the reminders due now; returns how many.
  core::Result<int> RunOnce();

 private:
  /// The open activities owed a reminder now, with the kind each is owed.
  core::Result<std::vector<store::Row>> Due(store::Tx& tx) const;

  store::Store& store_;
  const module::ModuleRegistry& registry_;
  module::WorkerWake wake_;  // last: ends before the members it uses
};

/// Turns the reminder events into notifications for the activity's responsible (owner_login)
/// and accountable members (module::NotificationSource).
class ActivityNotificationSource final : public module::NotificationSource {
 public:
  std::vector<module::NotificationKind> kinds() const override;
  std::vector<std::string> event_types() const override;
  core::Result<std::vector<module::NotificationDraft>> Drafts(store::Tx& tx, const store::Event& event) const override;
  /// The wording of the kinds above, in both languages.
  static const std::vector<http::Message>& Messages();
};

}  // namespace sawt::strategy
