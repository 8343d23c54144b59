#include "strategy/reminders.hpp"

#include <chrono>
#include <exception>

#include "auth/auth_service.hpp"
#include "core/numbers.hpp"
#include "core/log.hpp"
#include "strategy/days.hpp"

namespace sawt::strategy {
namespace {

using core::Result;
using store::Tx;

constexpr const char* kDueSoon = "strategy.activity_due_soon";
constexpr const char* kOverdue = "strategy.activity_overdue";

/// "YYYY-MM-DD" plus `days`; the input unchanged when it is not a date.
std::string AddDays(const std::string& date, int days) {
  int y = 0;
  unsigned m = 0, d = 0;
  if (std::sscanf(date.c_str(), "%d-%u-%u", &y, &m, &d) != 3) return date;
  const std::chrono::year_month_day ymd{std::chrono::year{y}, std::chrono::month{m}, std::chrono::day{d}};
  const std::chrono::year_month_day later{std::chrono::sys_days{ymd} + std::chrono::days{days}};
  char out[16];
  std::snprintf(out, sizeof out, "%04d-%02u-%02u", static_cast<int>(later.year()), static_cast<unsigned>(later.month()),
                static_cast<unsigned>(later.day()));
  return out;
}

}  // namespace

ActivityReminders::ActivityReminders(store::Store& store, const module::ModuleRegistry& registry)
    : store_(store), registry_(registry), wake_(store) {}

std::vector<store::Migration> ActivityReminders::Migrations() {
  // One reminder of each kind per activity and due date (a new due date reminds again).
  return {{"strategy", 20, "0020_create_activity_reminders", R"SQL(
CREATE TABLE strategy_activity_reminders (
  activity_id BIGINT NOT NULL REFERENCES strategy_activities(id),
  kind TEXT NOT NULL CHECK (kind IN ('due_soon', 'overdue')),
  due_date TEXT NOT NULL,
  sent_at TEXT NOT NULL,
  PRIMARY KEY (activity_id, kind, due_date)
);
)SQL"}};
}

void ActivityReminders::Run(std::stop_token stop) {
  while (!stop.stop_requested()) {
    const int64_t seen = wake_.Epoch();
    try {
      auto sent = RunOnce();
      if (!sent) {
        core::Log(core::LogLevel::kWarn, "activity reminders failed", {{"code", sent.error().key}, {"detail", sent.error().detail}});
      }
    } catch (const std::exception& e) {
      core::Log(core::LogLevel::kError, "activity reminders failed", {{"error", e.what()}});
    }
    // Days change at midnight without a commit: a quarter of an hour bounds the delay.
    wake_.WaitFor(stop, seen, std::chrono::minutes(15));
  }
}

Result<std::vector<store::Row>> ActivityReminders::Due(Tx& tx) const {
  SAWT_ASSIGN_OR_RETURN(std::string today, Today(tx, registry_));
  const std::string soon = AddDays(today, kSoonDays);
  return tx.Query(
      "SELECT a.id, a.entity_id, a.due_date, CASE WHEN a.due_date < $1 THEN 'overdue' ELSE 'due_soon' END AS kind "
      "FROM strategy_activities a WHERE a.status NOT IN ('done', 'cancelled') AND a.due_date <= $2 "
      "AND NOT EXISTS (SELECT 1 FROM strategy_activity_reminders r WHERE r.activity_id = a.id AND r.due_date = a.due_date "
      "AND r.kind = CASE WHEN a.due_date < $1 THEN 'overdue' ELSE 'due_soon' END) ORDER BY a.id LIMIT 200",
      {today, soon});
}

Result<int> ActivityReminders::RunOnce() {
  // Most passes find nothing: look first without taking the write lock.
  auto due = store::ReadValue<std::vector<store::Row>>(store_, [&](Tx& tx) { return Due(tx); });
  if (!due) return std::move(due).error();
  if (due->empty()) return 0;
  return store::WriteValue<int>(store_, [&](Tx& tx) -> Result<int> {
    auto rows = Due(tx);
    if (!rows) return std::move(rows).error();
    const std::string now = tx.clock().NowIsoUtc();
    for (const auto& r : *rows) {
      const std::string kind = r.Text("kind");
      auto n = tx.Exec("INSERT INTO strategy_activity_reminders (activity_id, kind, due_date, sent_at) VALUES ($1, $2, $3, $4)",
                       {r.Int("id"), kind, r.Text("due_date"), now});
      if (!n) return std::move(n).error();
      auto ev = tx.Append({"system", kind == "overdue" ? kOverdue : kDueSoon, r.Int("entity_id"), "activity",
                           std::to_string(r.Int("id")), {{"due_date", r.Text("due_date")}}});
      if (!ev) return std::move(ev).error();
    }
    return static_cast<int>(rows->size());
  });
}

const std::vector<http::Message>& ActivityNotificationSource::Messages() {
  static const std::vector<http::Message> kMessages = {
      {"strategy.notify_activity_due_soon_title", "يقترب موعد نشاط: {0}", "Activity due soon: {1}"},
      {"strategy.notify_activity_due_soon_body", "يُستحق النشاط رقم {3, digits} «{0}» في {2, date}.",
       "Activity {3} \"{1}\" is due on {2, date}."},
      {"strategy.notify_activity_overdue_title", "نشاط متأخر: {0}", "Activity overdue: {1}"},
      {"strategy.notify_activity_overdue_body", "تجاوز النشاط رقم {3, digits} «{0}» موعد استحقاقه ({2, date}) ولم يُنجز.",
       "Activity {3} \"{1}\" was due on {2, date} and is not done."},
  };
  return kMessages;
}

std::vector<module::NotificationKind> ActivityNotificationSource::kinds() const {
  return {{"activity_due_soon", "نشاط يقترب موعده", "Activity due soon", "strategy.notify_activity_due_soon_title",
           "strategy.notify_activity_due_soon_body", false},
          {"activity_overdue", "نشاط متأخر", "Activity overdue", "strategy.notify_activity_overdue_title",
           "strategy.notify_activity_overdue_body", false}};
}

std::vector<std::string> ActivityNotificationSource::event_types() const { return {kDueSoon, kOverdue}; }

Result<std::vector<module::NotificationDraft>> ActivityNotificationSource::Drafts(Tx& tx, const store::Event& event) const {
  std::vector<module::NotificationDraft> out;
  const auto id = core::ParseId(event.object_id);
  if (!id) return out;
  auto rows = tx.Query("SELECT id, title_ar, title_en, owner_login, accountable, due_date FROM strategy_activities WHERE id = $1",
                       {*id});
  if (!rows) return std::move(rows).error();
  if (rows->empty()) return out;
  const auto& r = (*rows)[0];
  std::vector<int64_t> recipients;
  for (const auto& login : {r.OptText("owner_login"), r.OptText("accountable")}) {
    if (!login || login->empty()) continue;
    SAWT_ASSIGN_OR_RETURN(auto account, auth::AuthService::FindAccount(tx, *login));
    if (account) recipients.push_back(*account);
  }
  const std::string due = event.payload.value("due_date", r.Text("due_date"));
  out.push_back({recipients, event.action == kOverdue ? "activity_overdue" : "activity_due_soon",
                 {r.Text("title_ar"), r.Text("title_en"), due, std::to_string(r.Int("id"))}, "#/activities", event.entity_id});
  return out;
}

}  // namespace sawt::strategy
